#!/bin/sh
CATALINA_OPTS="$CATALINA_OPTS -Xms512m -Xmx1g"
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.server.enableStatusRequestExtension=true"

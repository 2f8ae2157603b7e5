#!/bin/sh
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.server.enableStatusRequestExtension=true"
CATALINA_OPTS="$CATALINA_OPTS -Djava.security.properties=$CATALINA_BASE/conf/tls.security"

#!/bin/sh
# expect: SL1106
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.server.enableStatusRequestExtension=on"

#!/bin/sh
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.server.enableStatusRequestExtension=true"
# expect: SL1101
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.stapling.cacheLifetme=3600"

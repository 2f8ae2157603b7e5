#!/bin/sh
# expect: SL1106
CATALINA_OPTS="-Djdk.tls.server.enableStatusRequestExtension=on"
# expect: SL1106
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.stapling.cacheLifetime=1h"

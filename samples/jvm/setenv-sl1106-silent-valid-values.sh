#!/bin/sh
# Values of the types the JDK parses: booleans as true or false, integers in
# their unit (milliseconds, seconds, entries).
CATALINA_OPTS="-Djdk.tls.server.enableStatusRequestExtension=true"
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.stapling.cacheLifetime=3600"
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.stapling.responseTimeout=5000"

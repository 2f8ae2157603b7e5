#!/bin/sh
# A long but ordinary setenv.sh: options appended one by one.
CATALINA_OPTS="$CATALINA_OPTS -Xms512m"
CATALINA_OPTS="$CATALINA_OPTS -Xmx2g"
CATALINA_OPTS="$CATALINA_OPTS -XX:+UseG1GC"
CATALINA_OPTS="$CATALINA_OPTS -Djava.awt.headless=true"
CATALINA_OPTS="$CATALINA_OPTS -Dfile.encoding=UTF-8"
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.server.enableStatusRequestExtension=true"
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.stapling.responseTimeout=5000"
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.stapling.cacheSize=256"
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.stapling.cacheLifetime=3600"
export CATALINA_OPTS

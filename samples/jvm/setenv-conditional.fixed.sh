#!/bin/sh
# Options set in a branch reach the JVM only on some runs: the finding says so.
if [ -r "$CATALINA_BASE/conf/stapling" ]; then
# expect: SL1101
  CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.server.enableStatusRequestExtension=true"
fi
case "$1" in
  start|run) JAVA_OPTS="$JAVA_OPTS -Djdk.tls.server.enableStatusRequestExtension=true" ;;
esac

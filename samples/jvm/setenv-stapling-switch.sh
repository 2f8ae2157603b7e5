#!/bin/sh
# The real switch, in CATALINA_BASE/bin/setenv.sh: nothing to report.
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.server.enableStatusRequestExtension=true"
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.stapling.responseTimeout=2000"
export CATALINA_OPTS

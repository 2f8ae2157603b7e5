#!/bin/sh
# The common guide's second recipe: a properties line in a shell script.
# expect: SL1104
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.server.enableStatusRequestExtension=true"

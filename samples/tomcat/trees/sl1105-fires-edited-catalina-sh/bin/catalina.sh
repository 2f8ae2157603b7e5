#!/bin/sh
# Edited by hand, as some guides say.
# expect: SL1105
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.server.enableStatusRequestExtension=true"

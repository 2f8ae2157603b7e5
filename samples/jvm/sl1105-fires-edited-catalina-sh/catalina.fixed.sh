#!/bin/sh
# Edited by hand, as some guides say: lost at the next upgrade.
# expect: SL1105
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.server.enableStatusRequestExtension=true"
# expect: SL1104
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.server.enableStatusRequestExtension=true"
# expect-after-fix: SL1105@4 SL1105@6

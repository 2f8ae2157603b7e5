#!/bin/sh
# A suppression that names no rule: it suppresses nothing.
# expect: SL0006@4
# staplint disable=SL11O1 -- our own agent reads this property
# expect: SL1101
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.custom.agentSetting=1"

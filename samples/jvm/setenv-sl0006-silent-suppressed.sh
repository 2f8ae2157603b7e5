#!/bin/sh
# staplint disable=SL1101 -- our own agent reads this property
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.custom.agentSetting=1"

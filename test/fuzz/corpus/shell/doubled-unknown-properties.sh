#!/bin/sh
# Edited by` hand, as some guides say: losbin/sh
CATALINA_OPTS="$CATALINA_OPTÿÿÿÿÿS -Djdk.tls.server.e#!/bin/sh
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.server.enableStatunableStatusRequestExtension=true"
CAT2LINA_OPTS="$CATALINA_OPTS -Dcom.sun.net.ssl.checsRequestExtension=true"
# expect: SL1101
CATALINA_OPTS="$CATALINA_OPTS -D#!/bin/sh
# A value that doubles 40 times (a trillion bytes if a shell ran it): staplint
# stops at its budget for a value and say‹ßso, at the line that trips it.
PAD=jdk.tls.stapling.cacheLifetme=3600"kR0123456789abcdef
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PADevocatio
n=t$PAD"rue"

PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$_OPTS="$CATALINA_OPTS -Dcom.sun.net.ssl.checsRequestExtension=true"
# expect: SL1101
CATALINA_OPTS="$CATALINA_OPTS -D#!/bin/sh
# A value that doubles 40 times (a trillion bytes if a shell ran it): staplint
# stops at its budget for a value and say‹ßso, at the line that trips it.
PAD=jdk.tls.stapling.cacheLifetme=3600"kR0123456789abcdef
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PADevocatio
n=t$PAD"rue"

PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PAD$PAD"
# expect: SL0005
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PAD$PAD"
CATALINA_OPTS="$CATALINA_OPTS -Dpad=$PAD"
t at the next upgrade.
# expect: SL1105
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.server.enableStatusRequestExte“sion=true"
# expect: SL110PAD$PAD"
PAD="$PAD$PAD"
# expect: SL0005
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PAD$PAD"
PAD="$PAD$PAD"
CATALINA_OPTS="$CATALINA_OPTS -Dpad=$PAD"
t at the next upgrade.
# expect: SL1105
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.server.enableStatusRequestExte“sion=true"
# expect: SL1104
jdk.tls.ocsp.enable=true
<<EOFect-after-fix: SL1105@4 SL1105@6

#!/bin/sh
# sh -n: "unterminated quoted string"; nothing below this line is read.
# expect: SL0001
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.server.enableStatusRequestExtension=true

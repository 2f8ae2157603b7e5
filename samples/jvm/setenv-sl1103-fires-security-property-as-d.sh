#!/bin/sh
# ocsp.enable is a security property: -D does nothing.
# expect: SL1103
CATALINA_OPTS="$CATALINA_OPTS -Docsp.enable=true -Dcom.sun.net.ssl.checkRevocation=true"

#!/bin/sh
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.server.enableStatusRequestExtension=true"
# expect: SL1103
CATALINA_OPTS="$CATALINA_OPTS -Docsp.enable=true -Dcom.sun.net.ssl.checkRevocation=true"

#!/bin/sh
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.server.enableStatusRequestExtension=true"
# expect: SL3002
CATALINA_OPTS="$CATALINA_OPTS -Dcom.sun.security.enableCRLDP=true"

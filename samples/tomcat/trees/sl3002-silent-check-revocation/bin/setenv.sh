#!/bin/sh
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.server.enableStatusRequestExtension=true"
CATALINA_OPTS="$CATALINA_OPTS -Dcom.sun.security.enableCRLDP=true -Dcom.sun.net.ssl.checkRevocation=true"

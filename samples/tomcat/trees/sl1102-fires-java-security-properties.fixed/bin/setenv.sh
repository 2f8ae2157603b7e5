#!/bin/sh
CATALINA_OPTS="$CATALINA_OPTS -Djava.security.properties=$CATALINA_BASE/conf/revocation.properties"
CATALINA_OPTS="$CATALINA_OPTS -Dcom.sun.net.ssl.checkRevocation=true"
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.server.enableStatusRequestExtension=true"

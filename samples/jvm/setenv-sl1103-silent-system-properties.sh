#!/bin/sh
# System properties as -D options, where the JDK reads them.
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.server.enableStatusRequestExtension=true"
CATALINA_OPTS="$CATALINA_OPTS -Dcom.sun.net.ssl.checkRevocation=true"
CATALINA_OPTS="$CATALINA_OPTS -Djava.security.properties=$CATALINA_BASE/conf/revocation.security"

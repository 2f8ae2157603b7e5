#!/bin/sh
# Debian's CATALINA_BASE is /var/lib/tomcat10: catalina.sh reads this file
# after /etc/default/tomcat10.
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.server.enableStatusRequestExtension=true"

# JSSE staples: the switch is on for every connector of this instance.
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.server.enableStatusRequestExtension=true"

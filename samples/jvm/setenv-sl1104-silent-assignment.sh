#!/bin/sh
# The stapling switch as a -D option in CATALINA_OPTS, and shell variables
# with names the shell takes.
TLS_SWITCH=-Djdk.tls.server.enableStatusRequestExtension=true
CATALINA_OPTS="$CATALINA_OPTS $TLS_SWITCH"

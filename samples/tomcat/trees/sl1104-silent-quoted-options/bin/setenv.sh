#!/bin/sh
TLS_OPTS="-Djdk.tls.server.enableStatusRequestExtension=true"
CATALINA_OPTS="$CATALINA_OPTS $TLS_OPTS"

#!/bin/sh
# Réglages de l'instance « boutique » — UTF-8 text is text.
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.server.enableStatusRequestExtension=true"
CATALINA_OPTS="$CATALINA_OPTS -Dboutique.owner=Zoë"

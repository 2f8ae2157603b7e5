#!/bin/sh
# The JVM checks the certificates of the servers it calls: revocation on,
# with CRL distribution points as its source, and stapling for its own
# connectors.
CATALINA_OPTS="$CATALINA_OPTS -Dcom.sun.net.ssl.checkRevocation=true"
CATALINA_OPTS="$CATALINA_OPTS -Dcom.sun.security.enableCRLDP=true"
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.server.enableStatusRequestExtension=true"

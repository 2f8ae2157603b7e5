#!/bin/sh
# JDK properties of the families staplint checks, each spelt as the JDK reads it.
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.server.enableStatusRequestExtension=true"
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.stapling.responderOverride=false"
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.client.protocols=TLSv1.3,TLSv1.2"
CATALINA_OPTS="$CATALINA_OPTS -Dcom.sun.net.ssl.checkRevocation=true"
CATALINA_OPTS="$CATALINA_OPTS -Dcom.sun.security.enableCRLDP=true"

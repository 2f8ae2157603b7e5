#!/bin/sh
# CRL distribution points enabled, and revocation checking turned on for the
# JVM's own TLS calls.
CATALINA_OPTS="$CATALINA_OPTS -Dcom.sun.security.enableCRLDP=true"
CATALINA_OPTS="$CATALINA_OPTS -Dcom.sun.net.ssl.checkRevocation=true"

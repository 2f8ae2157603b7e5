#!/bin/sh
# CRL distribution points enabled for PKIX, but revocation checking itself
# stays off for the JVM's own TLS calls.
# expect: SL3002
CATALINA_OPTS="$CATALINA_OPTS -Dcom.sun.security.enableCRLDP=true"

#!/bin/sh
# expect: SL1101
export CATALINA_OPTS="${CATALINA_OPTS} -Xmx1g -Djdk.tls.ocsp.enable=true"

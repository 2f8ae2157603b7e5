#!/bin/sh
JAVA_OPTS='-Djava.awt.headless=true'
# expect: SL1101
JAVA_OPTS="$JAVA_OPTS -Djdk.tls.server.enableStatusRequestExtention=true"

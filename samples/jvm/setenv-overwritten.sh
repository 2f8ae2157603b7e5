#!/bin/sh
# The second assignment drops the first option: only what reaches the JVM counts.
CATALINA_OPTS="-Djdk.tls.ocsp.enable=true"
CATALINA_OPTS="-Xms512m"

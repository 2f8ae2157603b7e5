#!/bin/sh
CATALINA_OPTS="$CATALINA_OPTS -Djava.security.properties=$CATALINA_BASE/conf/revocation.properties"

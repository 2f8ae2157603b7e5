#!/bin/sh
# Styles seen in the wild: export with a default expansion, single quotes,
# a separate export, and quoting switched mid-word. All reach the JVM.
export CATALINA_OPTS="${CATALINA_OPTS:-} -Xms512m"
JAVA_OPTS='-Djava.awt.headless=true'
export JAVA_OPTS
CATALINA_OPTS="$CATALINA_OPTS"' -Djdk.tls.server.enableStatusRequestExtension=true'
JAVA_TOOL_OPTIONS="-Djdk.tls.stapling.responseTimeout=3000"

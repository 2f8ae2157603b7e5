#!/bin/sh
# Tomcat's own catalina.sh, as shipped (an excerpt): its lines set what
# Tomcat needs and add nothing of the user's; options belong in setenv.sh.
if [ -r "$CATALINA_BASE/bin/setenv.sh" ]; then
  . "$CATALINA_BASE/bin/setenv.sh"
elif [ -r "$CATALINA_HOME/bin/setenv.sh" ]; then
  . "$CATALINA_HOME/bin/setenv.sh"
fi
JAVA_OPTS="$JAVA_OPTS -Djava.protocol.handler.pkgs=org.apache.catalina.webresources"
JAVA_OPTS="$JAVA_OPTS $JSSE_OPTS"

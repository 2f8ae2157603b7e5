#!/bin/sh
# Tomcat's own catalina.sh (an excerpt): it reads setenv.sh.
if [ -r "$CATALINA_BASE/bin/setenv.sh" ]; then
  . "$CATALINA_BASE/bin/setenv.sh"
fi

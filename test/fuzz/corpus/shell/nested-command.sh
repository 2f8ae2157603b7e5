CATALINA_OPTS="$(echo "$(echo "$(echo "x")")")"

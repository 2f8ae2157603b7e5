#!/bin/sh
# A here-document is text, not commands.
cat > "$CATALINA_BASE/conf/notes.txt" <<'END'
jdk.tls.ocsp.enable=true
END
CATALINA_OPTS="$CATALINA_OPTS -Djdk.tls.server.enableStatusRequestExtension=true"

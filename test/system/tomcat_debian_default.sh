#!/bin/bash
# Debian's tomcat10 configuration, read where the package installs it.
# 1. /etc/tomcat10 as installed (its HTTPS connector is commented out): every
#    file is read (server.xml as Tomcat XML, the properties files and
#    /etc/default/tomcat10 as JVM files) and there is nothing to report.
# 2. A copy with the HTTPS connector uncommented, as its comment suggests: the
#    connector uses JSSE unless the native library loads (Debian's server.xml
#    has an AprLifecycleListener), so SL1001 and a conditional SL1014; the
#    SL1001 fix adds the switch to JAVA_OPTS in the copy's /etc/default/tomcat10.
set -eu
staplint=$1
[ -f /etc/tomcat10/server.xml ] || { echo "Debian's tomcat10 is not installed"; exit 1; }
out=$("$staplint" --format json --fail-on none /etc/tomcat10)
for f in server.xml catalina.properties logging.properties; do
  echo "$out" | grep -q "\"path\": \"/etc/tomcat10/$f\"" || { echo "/etc/tomcat10/$f not read"; echo "$out"; exit 1; }
done
echo "$out" | grep -q '"path": "/etc/default/tomcat10", "dialect": "jvm"' \
  || { echo "/etc/default/tomcat10 not read with server.xml"; echo "$out"; exit 1; }
if echo "$out" | grep -q '"rule"'; then echo "unexpected findings:"; echo "$out"; exit 1; fi
echo "installed tree: ok ($(echo "$out" | grep -c '"dialect": "\(tomcat\|jvm\)"') files, no findings)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/etc/default"
cp -a /etc/tomcat10 "$work/etc/" && cp /etc/default/tomcat10 "$work/etc/default/"
# Uncomment the HTTPS connector: drop the '<!--' before it and the '-->' after it.
awk '
  { line[NR] = $0 }
  /<Connector port="8443"/ { at = NR }
  END {
    for (i = at; i > 0; i--) if (line[i] ~ /^[[:space:]]*<!--[[:space:]]*$/) { from = i; break }
    for (i = at; i <= NR; i++) if (line[i] ~ /^[[:space:]]*-->[[:space:]]*$/) { to = i; break }
    for (i = 1; i <= NR; i++) if (i != from && i != to) print line[i]
  }' /etc/tomcat10/server.xml > "$work/etc/tomcat10/server.xml"
out=$("$staplint" --format json --fail-on none "$work/etc/tomcat10")
rules=$(echo "$out" | grep -o '"rule": "SL[0-9]*", [^}]*"conditional": [a-z]*' | sed -E 's/"rule": "(SL[0-9]+)".*"conditional": ([a-z]+)/\1 \2/' | sort -u | tr '\n' ' ')
[ "$rules" = "SL1001 false SL1014 true " ] || { echo "expected SL1001 and a conditional SL1014, got: $rules"; echo "$out"; exit 1; }
echo "$out" | grep -q "\"path\": \"$work/etc/default/tomcat10\", \"offset\": [0-9]*, \"length\": 0, \"text\": \"JAVA_OPTS=" \
  || { echo "the SL1001 fix should add JAVA_OPTS to /etc/default/tomcat10"; echo "$out"; exit 1; }
echo "$out" | grep -q '"dialect": "tomcat", [^}]*"stapling": "unknown"' \
  || { echo "the connector's verdict should be 'unknown' (JSSE or OpenSSL, decided at start)"; exit 1; }
echo "with the HTTPS connector: ok (SL1001, SL1014 conditional, fix in /etc/default/tomcat10, verdict unknown)"

# 3. Tomcat's own start script, unmodified (/usr/share/tomcat10/bin/catalina.sh):
#    its JAVA_OPTS lines (--add-opens, $JSSE_OPTS, the UMASK property) are
#    Tomcat's, brought back by every upgrade: no SL1105. The same script with
#    a user's stapling switch added gets exactly one SL1105, on that line.
stock=/usr/share/tomcat10/bin/catalina.sh
[ -f "$stock" ] || { echo "$stock is not installed"; exit 1; }
out=$("$staplint" --format gcc --fail-on none "$stock")
if echo "$out" | grep -q 'SL1105'; then echo "SL1105 on Tomcat's own catalina.sh:"; echo "$out"; exit 1; fi
mkdir -p "$work/stock/bin"
awk '{ print } /^JAVA_OPTS="\$JAVA_OPTS \$JSSE_OPTS"$/ && !done {
       print "JAVA_OPTS=\"$JAVA_OPTS -Djdk.tls.server.enableStatusRequestExtension=true\""; done = 1 }' \
  "$stock" > "$work/stock/bin/catalina.sh"
added=$(grep -n 'enableStatusRequestExtension' "$work/stock/bin/catalina.sh" | cut -d: -f1)
out=$("$staplint" --format gcc --fail-on none "$work/stock/bin/catalina.sh")
n=$(echo "$out" | grep -c 'SL1105' || true)
echo "$out" | grep -q "catalina.sh:$added:1: .*'-Djdk.tls.server.enableStatusRequestExtension' is added .*'bin/setenv.sh'.*SL1105" && [ "$n" = 1 ] \
  || { echo "expected one SL1105 at line $added of the edited catalina.sh, got:"; echo "$out"; exit 1; }
echo "Tomcat's own catalina.sh: ok (no SL1105; one on the line a user added)"

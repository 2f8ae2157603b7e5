#!/bin/bash
# Debian's own Apache configuration, read where the package installs it.
# 1. /etc/apache2 as installed: every file is reached through its
#    Include/IncludeOptional lines and read as Apache; the enabled tree has
#    nothing to report. sites-available/default-ssl.conf, which no Include
#    reaches, is linted on its own, as a site file: it serves TLS without
#    stapling (SL1001). (Debian 12's copy has no <IfModule mod_ssl.c> around
#    it; when a release adds one, the finding becomes conditional.)
# 2. A copy with mod_ssl and default-ssl enabled the way a2enmod and a2ensite
#    do it (symlinks): SL1001 is certain, and the endpoint's verdict is "off".
set -eu
staplint=$1
[ -f /etc/apache2/apache2.conf ] || { echo "Debian's apache2 is not installed"; exit 1; }
out=$("$staplint" --format json --fail-on none /etc/apache2)
echo "$out" | grep -q '"path": "/etc/apache2/sites-enabled/000-default.conf", "dialect": "apache"' \
  || { echo "sites-enabled/000-default.conf not read as Apache"; echo "$out"; exit 1; }
echo "$out" | grep -q '"path": "/etc/apache2/mods-enabled/mpm_event.load", "dialect": "apache"' \
  || { echo "mods-enabled/*.load not read"; echo "$out"; exit 1; }
if echo "$out" | grep -q '"dialect": "nginx"'; then echo "a file read as nginx:"; echo "$out"; exit 1; fi
rules=$(echo "$out" | grep -o '"rule": "SL[0-9]*", [^}]*"path": "[^"]*"' | sed -E 's/"rule": "(SL[0-9]+)".*"path": "([^"]*)"/\1 \2/' | sort -u)
if [ "$rules" != "SL1001 /etc/apache2/sites-available/default-ssl.conf" ]; then
  echo "unexpected findings in the installed tree:"; echo "$rules"; exit 1
fi
echo "installed tree: ok ($(echo "$out" | grep -c '"dialect": "apache"') files; default-ssl.conf alone: SL1001)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -a /etc/apache2 "$work/apache2"
for m in ssl.load ssl.conf socache_shmcb.load; do
  ln -sf "../mods-available/$m" "$work/apache2/mods-enabled/$m"
done
ln -sf ../sites-available/default-ssl.conf "$work/apache2/sites-enabled/default-ssl.conf"
out=$("$staplint" --format json --fail-on none "$work/apache2")
rules=$(echo "$out" | grep -o '"rule": "SL[0-9]*", [^}]*"conditional": [a-z]*' | sed -E 's/"rule": "(SL[0-9]+)".*"conditional": ([a-z]+)/\1 \2/' | sort -u)
[ "$rules" = "SL1001 false" ] || { echo "with default-ssl enabled, expected only SL1001 (certain):"; echo "$rules"; exit 1; }
echo "$out" | grep -q '"dialect": "apache", "path": "[^"]*default-ssl.conf", "line": [0-9]*, "name": "[^"]*", "stapling": "off"' \
  || { echo "default-ssl's endpoint should be 'off':"; echo "$out" | grep -A3 endpoints; exit 1; }
echo "with mod_ssl and default-ssl enabled: ok (SL1001, stapling off)"

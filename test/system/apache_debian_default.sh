#!/bin/bash
# Debian's own Apache configuration, read where the package installs it:
# every file is reached through its Include/IncludeOptional lines and read as
# Apache, and there is nothing to report yet.
set -eu
staplint=$1
[ -f /etc/apache2/apache2.conf ] || { echo "Debian's apache2 is not installed"; exit 1; }
out=$("$staplint" --format json /etc/apache2)
echo "$out" | grep -q '"path": "/etc/apache2/sites-enabled/000-default.conf", "dialect": "apache"' \
  || { echo "sites-enabled/000-default.conf not read as Apache"; echo "$out"; exit 1; }
echo "$out" | grep -q '"path": "/etc/apache2/mods-enabled/mpm_event.load", "dialect": "apache"' \
  || { echo "mods-enabled/*.load not read"; echo "$out"; exit 1; }
if echo "$out" | grep -q '"rule"'; then echo "unexpected findings:"; echo "$out"; exit 1; fi
if echo "$out" | grep -q '"dialect": "nginx"'; then echo "a file read as nginx:"; echo "$out"; exit 1; fi
echo "apache debian default: ok ($(echo "$out" | grep -c '"dialect": "apache"') files)"

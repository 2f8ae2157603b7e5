#!/bin/bash
# Debian's own nginx configuration, read where the package installs it: it has
# no TLS server, so staplint must read every file and report nothing.
set -eu
staplint=$1
[ -f /etc/nginx/nginx.conf ] || { echo "Debian's nginx is not installed"; exit 1; }
out=$("$staplint" --format json /etc/nginx)
echo "$out" | grep -q '"version": 2'
echo "$out" | grep -q '"path": "/etc/nginx/sites-enabled/default"' || { echo "sites-enabled/default not read"; echo "$out"; exit 1; }
if echo "$out" | grep -q '"rule"'; then echo "unexpected findings:"; echo "$out"; exit 1; fi
# With TLS turned on the way its comments suggest, stapling is reported missing.
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cp -r /etc/nginx/. "$work/"
rm -f "$work/sites-enabled/default"
sed -e 's/^\t# listen 443 ssl default_server;/\tlisten 443 ssl default_server;/' \
    /etc/nginx/sites-available/default > "$work/sites-enabled/default"
set +e
"$staplint" --format gcc "$work/nginx.conf" > "$work/out.txt"; rc=$?
set -e
cat "$work/out.txt"
[ "$rc" -eq 1 ] && grep -q "sites-enabled/default:[0-9]*:[0-9]*: warning: .*\[SL1001\]" "$work/out.txt"
echo "debian default: ok"

#!/bin/bash
# Baselines through the real command: record, accept what is recorded after
# edits elsewhere, report what is new, from any working directory.
set -u
st=$1
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail=0
. "$(dirname "$0")/lib/checks.sh"
lines() { [ "$(grep -c . "$work/out")" = "$2" ] || { echo "FAIL $1: wanted $2 lines"; cat "$work/out"; fail=1; }; }

repo=$work/repo; mkdir -p "$repo/nginx/sites"; cd "$repo"
printf 'events {}\nhttp {\n    include sites/*.conf;\n}\n' > nginx/nginx.conf
cat > nginx/sites/shop.conf <<'CONF'
server {
    listen 443 ssl;
    server_name shop.example.com;
    ssl_certificate /etc/ssl/shop.pem;
    ssl_certificate_key /etc/ssl/shop.key;
}
server {
    listen 443 ssl;
    server_name api.example.com;
    ssl_certificate /etc/ssl/api.pem;
    ssl_certificate_key /etc/ssl/api.key;
}
CONF
check before 1 "$st" --no-config --format gcc nginx
lines before 2
check write 0 "$st" --no-config --write-baseline .staplint-baseline.json nginx
contains write "wrote 2 findings to '.staplint-baseline.json'"
grep -q '"staplint-baseline": 1' .staplint-baseline.json || { echo "FAIL baseline format"; fail=1; }
check accepted 0 "$st" --no-config --baseline .staplint-baseline.json nginx
contains accepted '(2 in the baseline)'
# Edits elsewhere: a comment on top, indentation and spacing changed.
{ echo '# production sites'; echo; sed 's/^    listen 443 ssl;/  listen   443 ssl;/' nginx/sites/shop.conf; } > "$work/x" && mv "$work/x" nginx/sites/shop.conf
(cd nginx/sites && check other-cwd 0 "$st" --no-config --baseline ../../.staplint-baseline.json .)
# A new server is new.
printf 'server {\n    listen 8443 ssl;\n    ssl_certificate /etc/ssl/new.pem;\n    ssl_certificate_key /etc/ssl/new.key;\n}\n' >> nginx/sites/shop.conf
check new-finding 1 "$st" --no-config --format gcc --baseline .staplint-baseline.json nginx
lines new-finding 1
contains new-finding "shop.conf:15:1: warning: OCSP stapling is not enabled for TLS server '_:8443' \[SL1001\]"
check json-count 1 "$st" --no-config --format json --baseline .staplint-baseline.json nginx
contains json-count '"baselined": 2'
# Errors.
check missing 3 "$st" --no-config --baseline nope.json nginx
contains missing "cannot read baseline 'nope.json'"
echo '{"findings": []}' > bad.json
check not-a-baseline 3 "$st" --no-config --baseline bad.json nginx
contains not-a-baseline "'bad.json': not a staplint baseline"
check both 3 "$st" --baseline a.json --write-baseline b.json nginx
echo "baseline: $([ $fail = 0 ] && echo ok || echo FAILED)"
exit $fail

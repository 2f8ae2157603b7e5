#!/bin/bash
# .staplint.yaml through the real command: found upward from each path,
# --config and --no-config, the command line over the file, every key, and
# errors with line:col and did-you-mean (exit 3).
set -u
st=$1; root=$2
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail=0
. "$(dirname "$0")/lib/checks.sh"
same() { diff -u "$2" "$work/out" > "$work/diff" || { echo "FAIL $1: output differs"; cat "$work/diff"; fail=1; }; }

# A config repository: an nginx tree whose vhost has one finding (SL1002) and
# whose stream server needs nginx 1.27.2 (SL1015), an old copy, and a second
# project with its own configuration.
repo=$work/repo
mkdir -p "$repo/nginx/sites" "$repo/nginx/old" "$repo/other" "$repo/checkout/etc/ssl"
printf 'events {}\nhttp {\n    include sites/*.conf;\n}\n' > "$repo/nginx/nginx.conf"
cat > "$repo/nginx/sites/shop.conf" <<'CONF'
server {
    listen 443 ssl;
    server_name shop.example.com;
    ssl_certificate /etc/ssl/shop.pem;
    ssl_certificate_key /etc/ssl/shop.key;
    resolver 127.0.0.1;
    ssl_stapling on;
}
CONF
cp "$repo/nginx/sites/shop.conf" "$repo/nginx/old/shop.conf"
cp "$root/samples/nginx/rules/sl1015-silent-no-version.conf" "$repo/other/stream.conf"
sed -i '/# expect/d' "$repo/other/stream.conf"
cd "$repo"

# No configuration yet: the defaults.
check no-config-yet 1 "$st" nginx/sites/shop.conf
contains no-config-yet 'shop.conf:7:5: warning: .* \[SL1002 stapling-unverified\]'

cat > .staplint.yaml <<'CONF'
# the repository's settings
entries: [nginx/nginx.conf]
format: gcc
severity:
  stapling-unverified: error
exclude: [old/]
CONF
# No path: the entries, in the file's format and severities.
check entries 1 "$st"
printf 'nginx/sites/shop.conf:7:5: error: '"'"'ssl_stapling'"'"' is on but '"'"'ssl_stapling_verify'"'"' is not; nginx staples OCSP responses without verifying them [SL1002]\n' > "$work/want"
same entries "$work/want"
# Found upward from a nested directory, and from a file named there.
(cd nginx/sites && check nested-dir 1 "$st" .)
contains nested-dir '^\(\./\)\?shop.conf:7:5: error: .*\[SL1002\]'
check excluded-dir 1 "$st" nginx
lacks excluded-dir 'old/shop.conf'
check excluded-file 0 "$st" nginx/old/shop.conf
# The command line wins over the file.
check cli-format 1 "$st" --format json nginx/sites/shop.conf
contains cli-format '"severity": "error"'
check cli-severity 0 "$st" --severity SL1002=info --fail-on warning nginx/sites/shop.conf
contains cli-severity 'note: .*\[SL1002\]'
check cli-disable 0 "$st" --disable stapling-unverified nginx/sites/shop.conf
check cli-exclude 0 "$st" --exclude 'nginx/sites/*.conf' --exclude old nginx
check cli-exclude-replaces 1 "$st" --exclude 'nginx/sites/*.conf' nginx
contains cli-exclude-replaces 'old/shop.conf'
check no-config 1 "$st" --no-config --format gcc nginx/old/shop.conf
contains no-config 'old/shop.conf:7:5: warning: .*\[SL1002\]'
# --config names another file; its paths are relative to it.
mkdir -p ci && printf 'fail-on: none\nformat: gcc\nentries: [../nginx/nginx.conf]\n' > ci/lenient.yaml
check config-file 0 "$st" --config ci/lenient.yaml
contains config-file 'sites/shop.conf:7:5: warning'
check config-missing 3 "$st" --config ci/nope.yaml nginx
contains config-missing "cannot read configuration file 'ci/nope.yaml'"

# Each path under its own configuration, in one run: the stream server is
# judged for the nginx version other/.staplint.yaml names.
printf 'versions:\n  nginx: 1.26.2\nfail-on: error\n' > other/.staplint.yaml
check per-path 1 "$st" --format gcc nginx/sites/shop.conf other/stream.conf
contains per-path 'shop.conf:7:5: error: .*\[SL1002\]'
contains per-path "other/stream.conf:12:9: error: 'ssl_stapling' is not available in 'stream' before nginx 1.27.2 (checking for 1.26.2) \[SL1015\]"
printf 'versions:\n  nginx: 1.27.2\n' > other/.staplint.yaml
check version-ok 0 "$st" --format gcc other/stream.conf
lacks version-ok 'SL1015'
check version-cli 1 "$st" --format gcc --nginx-version 1.25.0 other/stream.conf
contains version-cli 'SL1015'

# A JDK before 8u261 has no server-side stapling: the switch does nothing.
check jdk-old 1 "$st" --no-config --format gcc --jdk-version 1.8.0_251 "$root/samples/tomcat/trees/old-jdk-switch"
contains jdk-old "server.xml:8:6: warning: OCSP stapling is not enabled for TLS connector 'port 8443': JDK 8u251 has no server-side OCSP stapling \[SL1001\]"
check jdk-new 0 "$st" --no-config --format gcc --jdk-version 8u261 "$root/samples/tomcat/trees/old-jdk-switch"

# root and paths: absolute server paths read from the checkout.
mkdir -p checkout/etc/nginx/conf.d
printf 'events {}\nhttp {\n    include /etc/nginx/conf.d/*.conf;\n    include /srv/tls/*.conf;\n}\n' > checkout/etc/nginx/nginx.conf
cp nginx/sites/shop.conf checkout/etc/nginx/conf.d/a.conf
mkdir -p checkout/tls && sed 's/shop/api/g' nginx/sites/shop.conf > checkout/tls/api.conf
printf 'entries: [etc/nginx/nginx.conf]\nroot: .\npaths:\n  /srv/tls: tls\nformat: gcc\n' > checkout/.staplint.yaml
check root-and-paths 1 "$st" checkout/etc/nginx/nginx.conf
contains root-and-paths 'checkout/etc/nginx/conf.d/a.conf:7:5: warning: .*\[SL1002\]'
contains root-and-paths 'checkout/tls/api.conf:7:5: warning: .*\[SL1002\]'
lacks root-and-paths 'SL0002'
# A committed .staplint.yaml names nothing outside its own directory and the
# working directory.
mkdir -p climb && printf 'entries: [../../outside.conf]\n' > climb/.staplint.yaml
check yaml-entries-climb 3 "$st" --config climb/.staplint.yaml
contains yaml-entries-climb "climb/.staplint.yaml:1:11: error: '../../outside.conf' is outside the directory of this file"
printf 'paths:\n  /x: /\n' > climb/.staplint.yaml
check yaml-paths-climb 3 "$st" --config climb/.staplint.yaml nginx/sites/shop.conf
contains yaml-paths-climb "error: '/' is outside the directory of this file"

# entries give a named file its tree where the upward search finds none:
# the vhosts live beside the nginx directory, not below it.
mkdir -p split/nginx split/vhosts
printf 'events {}\nhttp {\n    resolver 127.0.0.1;\n    ssl_stapling on;\n    ssl_stapling_verify on;\n    include ../vhosts/*.conf;\n}\n' > split/nginx/nginx.conf
printf 'server {\n    listen 443 ssl;\n    ssl_certificate /etc/ssl/a.pem;\n    ssl_certificate_key /etc/ssl/a.key;\n}\n' > split/vhosts/a.conf
check no-context 1 "$st" --no-config --format gcc split/vhosts/a.conf
contains no-context 'a.conf:1:1: warning: .*\[SL1001\]'
printf 'entries: [nginx/nginx.conf]\nformat: gcc\n' > split/.staplint.yaml
check entries-context 0 "$st" split/vhosts/a.conf

# enable: only these rules.
printf 'enable: [SL1003]\nformat: gcc\n' > other/.staplint.yaml
check enable 1 "$st" nginx/sites/shop.conf other/stream.conf
lacks enable 'SL1015'
contains enable 'shop.conf:7:5: error: .*\[SL1002\]'

# Errors: placed, explained, exit 3; nothing is linted.
printf 'format: gcc\nfail_on: error\n' > other/.staplint.yaml
check bad-key 3 "$st" other/stream.conf
contains bad-key "^other/.staplint.yaml:2:1: error: unknown key 'fail_on'; did you mean 'fail-on'?"
printf 'disable: [SL9003, stapling-unverifed]\n' > other/.staplint.yaml
check bad-rule 3 "$st" other/stream.conf
contains bad-rule "other/.staplint.yaml:1:19: error: unknown rule 'stapling-unverifed'; did you mean 'stapling-unverified'?"
printf 'versions: {nginx: latest}\n' > other/.staplint.yaml
check bad-version 3 "$st" other/stream.conf
contains bad-version "other/.staplint.yaml:1:19: error: 'nginx' takes a version like 1.26.2, not 'latest'"
printf 'disable: [SL9003\n' > other/.staplint.yaml
check bad-yaml 3 "$st" other/stream.conf
contains bad-yaml "other/.staplint.yaml:[0-9]*:[0-9]*: error: "
check cli-bad-rule 3 "$st" --no-config --disable SL9999 other/stream.conf
contains cli-bad-rule "unknown rule 'SL9999'"

# Templates the names do not announce, and template variables, from the file;
# the command line's --template-var wins.
mkdir -p "$work/tpl/deploy"
cat > "$work/tpl/.staplint.yaml" <<'CONF'
templates:
  "deploy/*.conf.in": jinja
template-vars:
  stapling: "off"
CONF
cat > "$work/tpl/deploy/site.conf.in" <<'CONF'
server {
    listen 443 ssl;
    server_name {{ host }};
    ssl_certificate /etc/ssl/site.pem;
    ssl_certificate_key /etc/ssl/site.key;
    ssl_stapling {{ stapling }};
}
CONF
cd "$work/tpl"
check template-vars 1 "$st" --format text --color never deploy/site.conf.in
contains template-vars "site.conf.in:6:5: warning: OCSP stapling is not enabled for TLS server .{{ host }}:443. \\[SL1001 stapling-disabled\\]"
contains template-vars "site.conf.in:6:18: note: 'stapling' renders as 'off' here, as .staplint.yaml gives it"
check template-vars-cli 1 "$st" --format gcc --template-var stapling=on deploy/site.conf.in
lacks template-vars-cli "SL1001"
contains template-vars-cli "SL1002"
cd "$repo"

# The published schema names every key the parser accepts (and no other).
schema=$root/docs/staplint.schema.json
for key in disable enable entries exclude fail-on format paths root severity template-vars templates versions nginx httpd tomcat jdk; do
  grep -q "\"$key\": {" "$schema" || { echo "FAIL schema lacks '$key'"; fail=1; }
done
"$st" --list-rules | while read -r id name _; do
  grep -q "\"$id\"" "$schema" && grep -q "\"$name\"" "$schema" || echo "FAIL schema lacks rule $id $name"
done > "$work/rules"
[ -s "$work/rules" ] && { cat "$work/rules"; fail=1; }
echo "project configuration: $([ $fail = 0 ] && echo ok || echo FAILED)"
exit $fail

#!/bin/bash
# Builds a seed corpus for the fuzzer from samples/ (nginx and Apache): each sample file, and
# each tree joined into one input with "@@file@@" separators.
set -eu
samples=$1; out=$2
mkdir -p "$out"
n=0
while IFS= read -r f; do cp "$f" "$out/seed-$n"; n=$((n + 1)); done \
  < <(find "$samples" -name '*.conf' -not -path '*/trees/*' | sort; find "$samples/jvm" -type f -not -name '*.fixed' -not -name '*.fixed.*' | sort)
for tree in "$samples"/*/trees/*; do
  [ -d "$tree" ] || continue
  entry=$(find "$tree" \( -name nginx.conf -o -name apache2.conf -o -name httpd.conf \) | head -n 1)
  [ -n "$entry" ] || continue
  { cat "$entry"; find "$tree" -type f -not -path "$entry" | sort | while IFS= read -r g; do
      printf '@@file@@\n'; cat "$g"; done; } > "$out/seed-$n"
  n=$((n + 1))
done
printf 'Include conf/inc*.conf\nLoadModule ssl_module m.so\n<VirtualHost *:443>\nSSLEngine on\nSSLUseStapling on\n</VirtualHost>\n@@file@@\nSSLStaplingCache shmcb:x(1)\n' > "$out/seed-$n"
n=$((n + 1))
printf 'http { include inc*.conf; }\n@@file@@\nserver { listen 443 ssl; include inc1.conf; }\n@@file@@\nssl_stapling on;\n' > "$out/seed-$n"
echo "$n seeds in $out"

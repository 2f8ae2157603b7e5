#!/bin/bash
# Builds a seed corpus for the nginx fuzzer from samples/: each sample file, and
# each tree joined into one input with "@@file@@" separators.
set -eu
samples=$1; out=$2
mkdir -p "$out"
n=0
while IFS= read -r f; do cp "$f" "$out/seed-$n"; n=$((n + 1)); done \
  < <(find "$samples" -name '*.conf' -not -path '*/trees/*' | sort)
for tree in "$samples"/*/trees/*; do
  [ -d "$tree" ] && [ -f "$tree/nginx.conf" ] || continue
  { cat "$tree/nginx.conf"; find "$tree" -type f -not -name nginx.conf | sort | while IFS= read -r g; do
      printf '@@file@@\n'; cat "$g"; done; } > "$out/seed-$n"
  n=$((n + 1))
done
printf 'http { include inc*.conf; }\n@@file@@\nserver { listen 443 ssl; include inc1.conf; }\n@@file@@\nssl_stapling on;\n' > "$out/seed-$n"
echo "$n seeds in $out"

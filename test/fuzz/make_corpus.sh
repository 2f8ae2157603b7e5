#!/bin/bash
# Builds a seed corpus for the fuzzer from samples/ (nginx and Apache): each sample file, and
# each tree joined into one input with "@@file@@" separators.
#   make_corpus.sh SAMPLES OUT [DIALECT]
# With DIALECT (nginx, apache, xml, shell, batch, systemd, properties, yaml, template, recording, hcl,
# cloudformation), the
# seeds are that grammar's sample files and test/fuzz/corpus/DIALECT/ (the
# kept regression inputs), for STAPLINT_FUZZ_DIALECT=DIALECT.
set -eu
samples=$1; out=$2; dialect=${3:-}
mkdir -p "$out"
if [ -n "$dialect" ]; then
  here=$(dirname "$0")
  case $dialect in
    nginx) find "$samples/nginx" -name '*.conf' -not -path '*/trees/*' ;;
    apache) find "$samples/apache" -name '*.conf' ;;
    xml) find "$samples/tomcat" -name '*.xml' ;;
    shell) find "$samples" -name '*.sh' -o -path '*/default/tomcat*' ;;
    batch) find "$samples" -name '*.bat' ;;
    systemd) find "$samples" -name '*.service' -o -path '*.service.d/*' ;;
    properties) find "$samples" -name '*.properties' -o -name '*.security' ;;
    yaml) find "$samples" -name '.staplint.yaml' -o -name '*.json' ;;
    template) find "$samples/templates" -type f ;;
    recording) find "$samples/live" -name '*.probe.yaml' ;;
    hcl) find "$samples/aws" -name '*.tf' ;;
    cloudformation) find "$samples/aws" -name '*.yaml' -o -name '*.json' ;;
  esac | grep -v '\.fixed' | sort | { n=0; while IFS= read -r f; do cp "$f" "$out/seed-$n"; n=$((n + 1)); done; }
  cp "$here/corpus/$dialect/"* "$out/" 2>/dev/null || true
  echo "$(ls "$out" | wc -l) seeds for $dialect in $out"
  exit 0
fi
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

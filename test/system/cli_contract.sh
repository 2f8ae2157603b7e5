#!/bin/bash
# The command-line contract: exit codes, formats, --explain, and bad input that
# must give a finding, never a crash or a hang.
set -u
st=$1; root=$2
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail=0
. "$(dirname "$0")/lib/checks.sh"

check missing-path 2 "$st" "$work/nope.conf"
check bad-option 3 "$st" --frobnicate x
check bad-format 3 "$st" --format xml x
check no-paths 3 "$st"
check clean 0 "$st" "$root/samples/nginx/styles/mozilla-intermediate.conf"
check findings 1 "$st" "$root/samples/nginx/rules/sl1001-fires-no-stapling.conf"
check fail-on-error 0 "$st" --fail-on error "$root/samples/nginx/rules/sl1001-fires-no-stapling.conf"
check gcc 1 "$st" --format gcc "$root/samples/nginx/rules/sl1001-fires-no-stapling.conf"
grep -qxE '[^:]+:4:5: warning: OCSP stapling is not enabled for TLS server .shop\.example\.com:443. \[SL1001\]' "$work/out" \
  || { echo "FAIL gcc line format"; cat "$work/out"; fail=1; }
check json 1 "$st" --format json "$root/samples/nginx/rules/sl1001-fires-no-stapling.conf"
contains json '"version": 2'
contains json '"stapling": "off"'
check explain 0 "$st" --explain stapling-disabled
contains explain 'How to fix it'
check explain-typo 3 "$st" --explain SL1O01
contains explain-typo "did you mean 'SL1001'"
check list-rules 0 "$st" --list-rules
contains list-rules 'SL1004  stapling-verify-no-trusted-chain'
check dump-ast 0 "$st" --dump-ast "$root/samples/nginx/trees/sites/nginx.conf"
contains dump-ast 'include '

# Bad input: deep nesting, binary, oversized, a directory of junk.
yes 'a {' | head -n 100000 > "$work/deep.conf"
check deep-nesting 1 "$st" --format gcc "$work/deep.conf"
contains deep-nesting 'SL0005'
head -c 100000 /dev/zero | tr '\0' '{' > "$work/braces.conf"
check deep-braces 1 "$st" --format gcc "$work/braces.conf"
contains deep-braces 'braces.conf:1:101: error: blocks nest deeper than 100 levels \[SL0005\]'
head -c 4096 /dev/urandom > "$work/random.conf"; printf '\0' >> "$work/random.conf"
check binary 1 "$st" --format gcc "$work/random.conf"
contains binary 'SL0004'
printf 'events {}\n' > "$work/big.conf"
check too-large 1 "$st" --format gcc --max-file-size 4 "$work/big.conf"
contains too-large 'SL0004'
printf 'events {}\nhttp { server { listen 443 ssl; }\n' > "$work/broken.conf"
printf 'http { server { listen 443 ssl; } }\n' > "$work/ok.conf"
check broken-and-ok 1 "$st" --format gcc "$work/broken.conf" "$work/ok.conf"
contains broken-and-ok 'broken.conf:3:1: error: expected'
contains broken-and-ok 'ok.conf:1:8: warning'
echo "cli contract: $([ $fail = 0 ] && echo ok || echo FAILED)"
exit $fail

#!/bin/bash
# The output is byte-identical whatever the thread count (-j): every sample
# file and tree, and generated nginx and Apache trees of 1,200 sites
# (whose includes name a file per site, and whose models make more than
# 1,000 servers and hosts: what -j parallelizes),
# linted with -j 1, -j 2 and -j 7 in JSON and gcc.
#   jobs_determinism.sh STAPLINT SOURCE_DIR GEN_NGINX GEN_APACHE
set -u
st=$1 src=$2 gen_nginx=$3 gen_apache=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$gen_nginx" "$work/nginx" 1200 || exit 1
"$gen_apache" "$work/apache" 1200 || exit 1
mapfile -t targets < <(cd "$src" && { find samples -mindepth 2 -maxdepth 3 -type d; find samples -type f -name '*.conf'; } | sort)
targets+=("$work/nginx" "$work/apache")
fail=0 compared=0
for t in "${targets[@]}"; do
  case $t in /*) path=$t ;; *) path=$src/$t ;; esac
  for format in json gcc; do
    "$st" -j 1 --format "$format" --no-config "$path" >"$work/one" 2>&1
    echo "exit $?" >>"$work/one"
    for j in 2 7; do
      "$st" -j "$j" --format "$format" --no-config "$path" >"$work/many" 2>&1
      echo "exit $?" >>"$work/many"
      compared=$((compared + 1))
      if ! cmp -s "$work/one" "$work/many"; then
        echo "FAIL: $t --format $format: -j 1 and -j $j differ"
        diff "$work/one" "$work/many" | head -5
        fail=1
      fi
    done
  done
done
echo "$compared comparisons over ${#targets[@]} targets"
exit $fail

#!/bin/bash
# How staplint scales, per dialect: each generated tree (bench/gen_*_tree) at
# each size, staplint's median wall time beside the read floor's
# (bench/read_floor: open and read the same files, nothing more), as ms per
# MB and as a ratio, with staplint's peak RSS against the input's size.
# Ratios, not absolute times, are the contract: ms/MB should stay flat
# across sizes (within 1.5x), and staplint within 3x of the floor.
# Measures; asserts nothing.
#   bench/scaling.sh BUILD_DIR [SITES...]     (default: 1000 5000 20000 100000)
#   BENCH_DIALECTS="nginx apache tomcat"  BENCH_RUNS=5  BENCH_DIR=DIR (keeps the trees)
#   STAPLINT_ARGS="-j 1"  extra arguments for staplint
set -eu
build=${1:-build}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 5000 20000 100000)
staplint=$build/tools/staplint
floor=$build/bench/read_floor
for t in "$staplint" "$floor" "$build/bench/gen_nginx_tree" "$build/bench/gen_apache_tree" \
  "$build/bench/gen_tomcat_tree"; do
  [ -x "$t" ] || { echo "build $t first (cmake --build $build)"; exit 1; }
done
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)"; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)"; exit 1; }
work=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work"
trap '[ -z "${BENCH_DIR:-}" ] && rm -rf "$work"' EXIT
runs=${BENCH_RUNS:-5}
read -r -a extra <<<"${STAPLINT_ARGS:-}"

median() {  # median CMD... : median wall seconds of $runs runs, after one warm-up
  hyperfine -N -i -w 1 -r "$runs" --export-json "$work/h.json" -- "$(printf '%q ' "$@")" >/dev/null 2>&1
  sed -n 's/.*"median": *\([0-9.e+-]*\).*/\1/p' "$work/h.json" | head -n 1
}
peak_rss_kb() {  # peak_rss_kb CMD...
  /usr/bin/time -f '%M' -o "$work/time" "$@" >/dev/null 2>&1 || true
  tail -n 1 "$work/time"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(uname -r)"
echo "staplint ${extra[*]:-} --format gcc --no-certificates TREE; median of $runs runs (hyperfine), peak RSS by GNU time"
printf "| %-7s | %7s | %8s | %10s | %8s | %10s | %8s | %9s | %8s |\n" \
  dialect sites "input MB" staplint "ms/MB" floor "x floor" "peak RSS" "x input"
printf "|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n" ---------- --------- ---------- ------------ ---------- ------------ \
  ---------- ----------- ----------
for dialect in ${BENCH_DIALECTS:-nginx apache tomcat}; do
  for n in "${sizes[@]}"; do
    tree=$work/scale-$dialect-$n  # not run.sh's nginx-N, which is its nginx -t variant
    [ -d "$tree" ] || "$build/bench/gen_${dialect}_tree" "$tree" "$n"
    bytes=$("$floor" "$tree")
    s=$(median "$staplint" "${extra[@]}" --format gcc --no-certificates "$tree")
    f=$(median "$floor" "$tree")
    rss=$(peak_rss_kb "$staplint" "${extra[@]}" --format gcc --no-certificates "$tree")
    awk -v d="$dialect" -v n="$n" -v b="$bytes" -v s="$s" -v f="$f" -v r="$rss" 'BEGIN {
      mb = b / 1048576
      printf "| %-7s | %7d | %8.1f | %7.0f ms | %8.2f | %7.1f ms | %8.1f | %5.0f MiB | %8.1f |\n",
        d, n, mb, s * 1000, s * 1000 / mb, f * 1000, (f > 0 ? s / f : 0), r / 1024, r / 1024 / mb }'
  done
done

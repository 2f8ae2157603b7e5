#!/bin/bash
# staplint's benchmark: wall time, MB/s and peak RSS for staplint, `nginx -t`
# (certificates named through variables, so none are loaded) and `cat`, side by
# side on the same generated trees; then staplint on the same tree with every
# site serving one of 10 certificates it reads (made here with `openssl`).
# Measures; asserts nothing. Uses hyperfine (Debian's package) for wall times
# when it is installed.
#   bench/run.sh BUILD_DIR [SITES...]      (default: 10 1000 20000)
set -eu
build=${1:-build}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10 1000 20000)
staplint=$build/tools/staplint
gen=$build/bench/gen_nginx_tree
[ -x "$staplint" ] && [ -x "$gen" ] || { echo "build staplint and gen_nginx_tree first"; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)"; exit 1; }
work=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work"
trap '[ -z "${BENCH_DIR:-}" ] && rm -rf "$work"' EXIT

runs_for() {  # fewer repetitions for big trees
  if [ "$1" -ge 5000 ]; then echo "${BENCH_RUNS_BIG:-3}"; else echo "${BENCH_RUNS:-11}"; fi
}

measure() {  # measure LABEL BYTES RUNS CMD... -> one table row: median wall, max RSS
  local label=$1 bytes=$2 runs=$3; shift 3
  local secs rss_kb=0 i r
  # Peak RSS from GNU time; wall time from hyperfine (median, no shell, with
  # warm-up) where installed, else GNU time's 10 ms resolution.
  for ((i = 0; i < (runs < 3 ? runs : 3); i++)); do
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || true
    # GNU time puts "Command exited with non-zero status N" first when N != 0.
    read -r secs r < <(tail -n 1 "$work/time")
    [ "$r" -gt "$rss_kb" ] && rss_kb=$r
  done
  if command -v hyperfine >/dev/null; then
    hyperfine -N -i -w 1 -r "$runs" --export-json "$work/h.json" -- "$(printf '%q ' "$@")" \
      >/dev/null 2>&1
    secs=$(sed -n 's/.*"median": *\([0-9.e+-]*\).*/\1/p' "$work/h.json" | head -n 1)
  fi
  awk -v l="$label" -v s="$secs" -v r="$rss_kb" -v b="$bytes" 'BEGIN {
    mbs = (s > 0) ? b / 1048576 / s : 0;
    printf "| %-34s | %8.3f s | %9.1f MB/s | %8.1f MiB |\n", l, s, mbs, r / 1024 }'
}

# shellcheck source=bench/certificates.sh
source "$(dirname "$0")/certificates.sh"

# nginx opens every site's log files at `nginx -t`: allow it as many as we may.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

if command -v hyperfine >/dev/null; then
  echo "wall: median of ${BENCH_RUNS:-11} runs (${BENCH_RUNS_BIG:-3} from 5,000 sites) by hyperfine; peak RSS: largest of up to 3 runs"
else
  echo "wall: the last of up to 3 runs by GNU time, 10 ms resolution (install hyperfine for medians); peak RSS: largest of them"
fi
printf "| %-34s | %10s | %14s | %12s |\n" "tool (sites, tree size)" "wall" "throughput" "peak RSS"
printf "|%s|%s|%s|%s|\n" "------------------------------------" "------------" "----------------" "--------------"
for n in "${sizes[@]}"; do
  tree=$work/tree-$n; ngx=$work/nginx-$n
  [ -d "$tree" ] || "$gen" "$tree" "$n"
  [ -d "$ngx" ] || "$gen" "$ngx" "$n" --nginx-variant
  bytes=$(du -sb "$tree" | cut -f1)
  mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1048576 }')
  runs=$(runs_for "$n")
  measure "staplint ($n, $mb)" "$bytes" "$runs" "$staplint" --format json "$tree"
  measure "staplint --format gcc ($n)" "$bytes" "$runs" "$staplint" --format gcc "$tree"
  if command -v nginx >/dev/null; then
    mkdir -p "$ngx/logs"
    measure "nginx -t, no certificates ($n)" "$bytes" "$runs" nginx -t -q -p "$ngx/" -c "$ngx/nginx.conf" -e stderr
    if grep -q emerg "$work/stderr"; then sed 's/^/    nginx: /' "$work/stderr" | head -3; fi
  fi
  measure "cat ($n)" "$bytes" "$runs" sh -c "find '$tree' -type f -exec cat {} + > /dev/null"
  # Certificates read: every site serves one of 10 shared certificates (with
  # the chain and an OCSP URL), read through --root; and the same tree with
  # --no-certificates, the cost of the directives alone.
  if command -v openssl >/dev/null; then
    root=$work/shared-$n
    if [ ! -d "$root" ]; then
      mkdir -p "$root/etc"
      "$gen" "$root/etc/nginx" "$n" --shared-certificates 10
      make_certificates "$root/etc/ssl/bench" 10
    fi
    measure "staplint, 10 certificates ($n)" "$bytes" "$runs" "$staplint" --format json --root "$root" "$root/etc/nginx"
    measure "  the same, gcc ($n)" "$bytes" "$runs" "$staplint" --format gcc --root "$root" "$root/etc/nginx"
    measure "  the same, none read ($n)" "$bytes" "$runs" "$staplint" --format gcc --no-certificates --root "$root" "$root/etc/nginx"
  fi
done

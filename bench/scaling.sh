#!/bin/bash
# How staplint scales, per dialect, side by side with the read floor and with
# the server's own check. For each generated tree (bench/gen_*_tree) at each
# size: staplint's median wall time, as ms per MB and as a ratio to
# bench/read_floor (open and read the same files, nothing more), to
# `read_floor --keep` (the same, keeping every file's text in a buffer of its
# own, as staplint must: findings quote it, fixes edit it), to
# bench/parse_floor (read them and run staplint's grammar over each, on the
# cores, nothing more: what no change outside the grammars can beat) and to
# the server's check of the same tree, and staplint's peak RSS against the input.
#   nginx        `nginx -t` on the same tree, whose certificates are named
#                through a variable, so that neither loads any
#   nginx-certs  the same with every site serving one of 10 certificates
#                (made here): `nginx -t` loads them and staplint reads them
#   apache       `apache2 -t` (a wrapper adds an MPM, mod_authz_core and
#                mod_alias, and Debian's environment variables)
#   tomcat       `xmllint --noout` on conf/server.xml
# Ratios, not absolute times, are the contract: ms/MB should stay flat
# across sizes (within 1.5x), and staplint within 3x of the floor.
# Measures; asserts nothing.
#   bench/scaling.sh BUILD_DIR [SITES...]     (default: 1000 5000 20000 100000)
#   BENCH_DIALECTS="nginx nginx-certs apache tomcat"  BENCH_RUNS=5
#   BENCH_CHECK_RUNS=3  runs of a server check from 20,000 sites (they take seconds)
#   BENCH_CHECKS=0      leave the server checks out
#   BENCH_DIR=DIR       keep the trees there, and reuse them
#   STAPLINT_ARGS="-j 1"  extra arguments for staplint
set -eu
build=${1:-build}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 5000 20000 100000)
staplint=$(realpath "$build/tools/staplint")
floor=$(realpath "$build/bench/read_floor")
parse_floor=$(realpath "$build/bench/parse_floor")
for t in "$staplint" "$floor" "$parse_floor" "$build/bench/gen_nginx_tree" "$build/bench/gen_apache_tree" \
  "$build/bench/gen_tomcat_tree"; do
  [ -x "$t" ] || { echo "build $t first (cmake --build $build)"; exit 1; }
done
command -v hyperfine >/dev/null || { echo "needs hyperfine (bash .ci/install-deps.sh --bench)"; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time (bash .ci/install-deps.sh --bench)"; exit 1; }
work=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work"
work=$(realpath "$work")
trap '[ -z "${BENCH_DIR:-}" ] && rm -rf "$work"' EXIT
runs=${BENCH_RUNS:-5}
check_runs=${BENCH_CHECK_RUNS:-3}
checks=${BENCH_CHECKS:-1}
read -r -a extra <<<"${STAPLINT_ARGS:-}"

median() {  # median RUNS CMD... : median wall seconds of RUNS runs, after one warm-up
  local n=$1
  shift
  hyperfine -N -i -w 1 -r "$n" --export-json "$work/h.json" -- "$(printf '%q ' "$@")" >/dev/null 2>&1
  sed -n 's/.*"median": *\([0-9.e+-]*\).*/\1/p' "$work/h.json" | head -n 1
}
peak_rss_kb() {  # peak_rss_kb CMD...
  /usr/bin/time -f '%M' -o "$work/time" "$@" >/dev/null 2>&1 || true
  tail -n 1 "$work/time"
}

# shellcheck source=bench/certificates.sh
source "$(dirname "$0")/certificates.sh"

# nginx opens the log files at `nginx -t`: allow it as many as we may.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
certs=$work/certs
make_certificates "$certs" 10
# What Debian's apache2ctl would set; apache2 -t creates nothing there.
mkdir -p "$work/apache2-run"
export APACHE_RUN_DIR=$work/apache2-run APACHE_PID_FILE=$work/apache2-run/pid APACHE_RUN_USER=nobody \
  APACHE_RUN_GROUP=nogroup APACHE_LOG_DIR=$work/apache2-run APACHE_LOCK_DIR=$work/apache2-run

# make_tree DIALECT N DIR: the tree, and the server-check command in check[]
make_tree() {
  local dialect=$1 n=$2 tree=$3 m=/usr/lib/apache2/modules
  case $dialect in
    nginx)
      [ -d "$tree" ] || "$build/bench/gen_nginx_tree" "$tree" "$n" --nginx-variant
      check=(nginx -t -q -p "$tree/" -c "$tree/nginx.conf" -e stderr)
      tool=nginx
      grammar=(nginx "$tree")
      ;;
    nginx-certs)
      [ -d "$tree" ] || "$build/bench/gen_nginx_tree" "$tree" "$n" --nginx-variant --shared-certificates 10 \
        --cert-dir "$certs"
      check=(nginx -t -q -p "$tree/" -c "$tree/nginx.conf" -e stderr)
      tool=nginx
      grammar=(nginx "$tree")
      ;;
    apache)
      [ -d "$tree" ] || "$build/bench/gen_apache_tree" "$tree" "$n" --cert-dir "$certs"
      printf 'LoadModule mpm_event_module %s/mod_mpm_event.so\nLoadModule authz_core_module %s/mod_authz_core.so\nLoadModule alias_module %s/mod_alias.so\nServerName bench.example\nInclude %s/apache2.conf\n' \
        "$m" "$m" "$m" "$tree" >"$work/httpd-$n.conf"
      check=(apache2 -t -d "$tree" -f "$work/httpd-$n.conf")
      tool=apache2
      grammar=(apache "$tree")
      ;;
    tomcat)
      [ -d "$tree" ] || "$build/bench/gen_tomcat_tree" "$tree" "$n"
      check=(xmllint --noout "$tree/conf/server.xml")
      tool=xmllint
      grammar=(xml "$tree/conf/server.xml")
      ;;
    *)
      echo "unknown dialect $dialect"
      exit 1
      ;;
  esac
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(uname -r), $(free -g | awk '/Mem:/ {print $2}') GB"
echo "staplint ${extra[*]:+${extra[*]} }--format gcc [--no-certificates] TREE; median of $runs runs (hyperfine; server checks $check_runs from 20,000 sites); peak RSS by GNU time"
printf "| %-11s | %6s | %8s | %9s | %6s | %8s | %7s | %8s | %6s | %8s | %7s | %-8s | %9s | %7s | %8s | %7s |\n" \
  dialect sites "input MB" staplint "ms/MB" floor "x floor" kept "x kept" parse "x parse" server "its check" "x check" \
  "peak RSS" "x input"
printf "|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n" ------------- -------- ---------- ----------- -------- \
  ---------- --------- ---------- -------- ---------- --------- ---------- ----------- --------- ---------- ---------
for dialect in ${BENCH_DIALECTS:-nginx nginx-certs apache tomcat}; do
  for n in "${sizes[@]}"; do
    tree=$work/scale-$dialect-$n
    make_tree "$dialect" "$n" "$tree"
    cert_args=(--no-certificates)
    [ "$dialect" = nginx-certs ] && cert_args=()
    bytes=$("$floor" "$tree")
    s=$(median "$runs" "$staplint" "${extra[@]}" --format gcc "${cert_args[@]}" "$tree")
    f=$(median "$runs" "$floor" "$tree")
    k=$(median "$runs" "$floor" --keep "$tree")
    p=$(median "$runs" "$parse_floor" "${grammar[@]}")
    rss=$(peak_rss_kb "$staplint" "${extra[@]}" --format gcc "${cert_args[@]}" "$tree")
    c=0
    if [ "$checks" != 0 ] && command -v "$tool" >/dev/null; then
      if "${check[@]}" >/dev/null 2>"$work/check.err"; then
        c=$(median "$([ "$n" -ge 20000 ] && echo "$check_runs" || echo "$runs")" "${check[@]}")
      else
        echo "  ($tool refused the $n-site tree: $(grep -v -m1 -i warn "$work/check.err" | cut -c1-100))"
      fi
    fi
    awk -v d="$dialect" -v n="$n" -v b="$bytes" -v s="$s" -v f="$f" -v k="$k" -v p="$p" -v r="$rss" -v c="$c" -v t="$tool" 'BEGIN {
      mb = b / 1048576
      check = c > 0 ? sprintf("%6.0f ms", c * 1000) : "-"
      ratio = c > 0 ? sprintf("%7.2f", s / c) : "-"
      printf "| %-11s | %6d | %8.1f | %6.0f ms | %6.2f | %5.1f ms | %7.1f | %5.1f ms | %6.1f | %5.1f ms | %7.1f | %-8s | %9s | %7s | %4.0f MiB | %7.1f |\n",
        d, n, mb, s * 1000, s * 1000 / mb, f * 1000, (f > 0 ? s / f : 0), k * 1000, (k > 0 ? s / k : 0), p * 1000,
        (p > 0 ? s / p : 0), t, check, ratio, r / 1024, r / 1024 / mb }'
  done
done

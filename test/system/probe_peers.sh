#!/bin/bash
# staplint probe beside its peers (issue 18): Debian's testssl.sh ("OCSP
# stapling" line of -S) and sslscan (--ocsp), and openssl s_client -status,
# against the same openssl s_server endpoints as probe_live.sh, in a private
# network namespace. Whether each says a staple is offered must agree; the
# table also shows what staplint says of the staple that the others do not
# judge. Every process is stopped by PID.
#   probe_peers.sh STAPLINT
set -u
if [ -z "${STAPLINT_IN_NETNS:-}" ]; then
  exec unshare -n env STAPLINT_IN_NETNS=1 bash "$0" "$@"
fi
ip link set lo up || { echo "cannot bring up loopback in the namespace"; exit 1; }
st=$(readlink -f "$1")
for tool in testssl sslscan; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed (bash .ci/install-deps.sh --test)"; exit 1; }
done
here=$(dirname "$(readlink -f "$0")")
work=$(mktemp -d)
. "$here/lib/processes.sh"
trap 'stop_started "$work"' EXIT
. "$here/lib/ocsp_pki.sh"
pki=$work/pki; mkdir -p "$pki"
make_ocsp_pki "$pki" 18991 18992 || exit 1
openssl ocsp -issuer "$pki/inter.pem" -cert "$pki/revoked.pem" -url http://127.0.0.1:18991/ \
  -CAfile "$pki/trusted.pem" -respout "$pki/revoked.ocsp.der" >/dev/null 2>&1

serve() {  # serve PORT NAME STATUS_FILE|-
  local status=()
  [ "$3" != - ] && status=(-status_file "$3")
  openssl s_server -accept "127.0.0.1:$1" -cert "$pki/$2.pem" -key "$pki/$2.key" -cert_chain "$pki/inter.pem" \
    "${status[@]}" -www -quiet >"$work/s_server-$1.log" 2>&1 &
  pids+=($!)
}
# name | port | certificate | stapled response
cases=(
"good|19201|ip|$pki/ip.ocsp.der"
"revoked|19202|revoked|$pki/revoked.ocsp.der"
"another certificate's staple|19203|ip|$pki/ipself.ocsp.der"
"stapling off|19204|ip|-"
"no OCSP URL|19205|noocsp|-"
"Must-Staple, no staple|19206|muststaple|-"
)
for c in "${cases[@]}"; do
  IFS='|' read -r _ port name resp <<<"$c"
  serve "$port" "$name" "$resp"
done
for c in "${cases[@]}"; do
  IFS='|' read -r _ port _ _ <<<"$c"
  for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
done

fail=0
printf '%-30s %-18s %-24s %-16s %-10s %s\n' case staplint "testssl.sh" sslscan s_client agreement
for c in "${cases[@]}"; do
  IFS='|' read -r name port _ _ <<<"$c"
  verdict=$("$st" probe --tls 1.2 --attempts 1 --timeout 5 "127.0.0.1:$port" 2>&1 | sed -n '1s/.*: \([a-z-]*\)$/\1/p')
  testssl_line=$(timeout 120 testssl --quiet --color 0 --warnings off -S --ip one "127.0.0.1:$port" 2>&1 |
    sed -n 's/^ *OCSP stapling *//p' | head -n 1 | sed 's/ *$//')
  sslscan_says=$(timeout 60 sslscan --ocsp --no-colour --tlsall "127.0.0.1:$port" 2>&1 |
    grep -q 'OCSP Response Status: successful' && echo staple || echo none)
  wire=$(timeout 5 openssl s_client -connect "127.0.0.1:$port" -tls1_2 -status </dev/null 2>/dev/null |
    grep -q 'OCSP Response Status: successful' && echo staple || echo none)
  staplint_says=$([ "${verdict#stapled-}" != "$verdict" ] && echo staple || echo none)
  testssl_says=$(case $testssl_line in "not offered"*) echo none ;; "offered"*) echo staple ;; *) echo "?" ;; esac)
  agree=yes
  for other in "$testssl_says" "$sslscan_says" "$wire"; do
    [ "$other" = "$staplint_says" ] || agree="NO"
  done
  printf '%-30s %-18s %-24s %-16s %-10s %s\n' "$name" "${verdict:-?}" "${testssl_line:-?}" "$sslscan_says" "$wire" \
    "$agree"
  [ "$agree" = yes ] || fail=1
done
[ "$fail" = 0 ] && echo "probe: staplint, testssl.sh, sslscan and openssl s_client agree on every staple offered"
exit "$fail"

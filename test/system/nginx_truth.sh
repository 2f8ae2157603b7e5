#!/bin/bash
# Truth test: real nginx processes staple (or not) and staplint's per-endpoint
# verdict must agree. A throwaway PKI (root, intermediate, a delegated OCSP
# signer, leaves whose OCSP URL points at `openssl ocsp` responders) and every
# server live on 127.0.0.1 inside a private network namespace, so nothing,
# not even a DNS query, leaves the machine. Every process is stopped by PID.
#   nginx_truth.sh STAPLINT
set -u
if [ -z "${STAPLINT_IN_NETNS:-}" ]; then
  exec unshare -n env STAPLINT_IN_NETNS=1 bash "$0" "$@"
fi
ip link set lo up || { echo "cannot bring up loopback in the namespace"; exit 1; }
st=$(readlink -f "$1")
command -v nginx >/dev/null || { echo "nginx is not installed"; exit 1; }

work=$(mktemp -d)
# Processes this test starts go into `pids`; they are stopped by PID, with
# bounded waits, and the work directory removed, however the test ends.
. "$(dirname "$(readlink -f "$0")")/lib/processes.sh"
trap 'stop_started "$work"' EXIT

# ---------------------------------------------------------------- the PKI
. "$(dirname "$(readlink -f "$0")")/lib/ocsp_pki.sh"
pki=$work/pki; mkdir -p "$pki"
P_DELEGATED=18881   # responses signed by a delegated OCSP signer
P_ISSUER=18882      # responses signed by the issuing CA itself
make_ocsp_pki "$pki" "$P_DELEGATED" "$P_ISSUER" || exit 1
make_past_responses "$pki" "$P_DELEGATED" || exit 1

# ---------------------------------------------------------------- the cases
# name | expected on the wire (staple/none) | what staplint cannot see, or "-"
# | a finding staplint must report instead ("!SL1003": must not report), or "-"
# | http-level text | server text
cases=(
"baseline|staple|-|!SL1003||ssl_certificate $pki/ip.chain.pem; ssl_certificate_key $pki/ip.key; ssl_stapling on; ssl_stapling_verify on; ssl_trusted_certificate $pki/trusted.pem;"
"stapling-off|none|-|-||ssl_certificate $pki/ip.chain.pem; ssl_certificate_key $pki/ip.key;"
"no-trusted-chain-delegated-responder|none|which key signs the responses|SL1004||ssl_certificate $pki/ip.chain.pem; ssl_certificate_key $pki/ip.key; ssl_stapling on; ssl_stapling_verify on;"
"no-trusted-chain-issuer-signed|staple|which key signs the responses|SL1004||ssl_certificate $pki/ipself.chain.pem; ssl_certificate_key $pki/ipself.key; ssl_stapling on; ssl_stapling_verify on;"
"hostname-url-no-resolver|staple|-|SL1003||ssl_certificate $pki/localhost.chain.pem; ssl_certificate_key $pki/localhost.key; ssl_stapling on; ssl_stapling_verify on; ssl_trusted_certificate $pki/trusted.pem;"
"unresolvable-url-no-resolver|none|whether the responder's name resolves at startup|SL1003||ssl_certificate $pki/nohost.chain.pem; ssl_certificate_key $pki/nohost.key; ssl_stapling on; ssl_stapling_verify on; ssl_trusted_certificate $pki/trusted.pem;"
"certificate-without-ocsp-url|none|-|SL4001||ssl_certificate $pki/noocsp.chain.pem; ssl_certificate_key $pki/noocsp.key; ssl_stapling on; ssl_stapling_verify on; ssl_trusted_certificate $pki/trusted.pem;"
"responder-override|staple|-|-||ssl_certificate $pki/noocsp.chain.pem; ssl_certificate_key $pki/noocsp.key; ssl_stapling on; ssl_stapling_verify on; ssl_trusted_certificate $pki/trusted.pem; ssl_stapling_responder http://127.0.0.1:$P_DELEGATED/;"
"stapling-file|staple|-|-||ssl_certificate $pki/ip.chain.pem; ssl_certificate_key $pki/ip.key; ssl_stapling on; ssl_stapling_verify on; ssl_trusted_certificate $pki/trusted.pem; ssl_stapling_file $pki/ip.ocsp.der;"
"variable-certificate|none|-|SL1008||ssl_certificate $pki/\$ssl_server_name.chain.pem; ssl_certificate_key $pki/\$ssl_server_name.key; ssl_stapling on; ssl_stapling_verify on; ssl_trusted_certificate $pki/trusted.pem;"
"http-level-inheritance|staple|-|-|ssl_stapling on; ssl_stapling_verify on; ssl_trusted_certificate $pki/trusted.pem;|ssl_certificate $pki/ip.chain.pem; ssl_certificate_key $pki/ip.key;"
"server-turns-off-http-stapling|none|-|-|ssl_stapling on; ssl_stapling_verify on; ssl_trusted_certificate $pki/trusted.pem;|ssl_certificate $pki/ip.chain.pem; ssl_certificate_key $pki/ip.key; ssl_stapling off;"
"revoked-certificate|none|the responder's answer (revoked)|-||ssl_certificate $pki/revoked.chain.pem; ssl_certificate_key $pki/revoked.key; ssl_stapling on; ssl_stapling_verify on; ssl_trusted_certificate $pki/trusted.pem;"
"leaf-only-no-issuer|none|-|SL4003||ssl_certificate $pki/ip.pem; ssl_certificate_key $pki/ip.key; ssl_stapling on; ssl_stapling_verify on;"
"leaf-only-issuer-in-trusted|staple|-|-||ssl_certificate $pki/ip.pem; ssl_certificate_key $pki/ip.key; ssl_stapling on; ssl_stapling_verify on; ssl_trusted_certificate $pki/trusted.pem;"
"must-staple-stapling-off|none|-|SL4004||ssl_certificate $pki/muststaple.chain.pem; ssl_certificate_key $pki/muststaple.key;"
"must-staple-stapled|staple|-|!SL4004||ssl_certificate $pki/muststaple.chain.pem; ssl_certificate_key $pki/muststaple.key; ssl_stapling on; ssl_stapling_verify on; ssl_trusted_certificate $pki/trusted.pem;"
"stapling-file-for-another-certificate|staple|-|SL4007||ssl_certificate $pki/ip.chain.pem; ssl_certificate_key $pki/ip.key; ssl_stapling on; ssl_stapling_verify on; ssl_trusted_certificate $pki/trusted.pem; ssl_stapling_file $pki/ipself.ocsp.der;"
"stale-stapling-file|staple|-|SL4007||ssl_certificate $pki/ip.chain.pem; ssl_certificate_key $pki/ip.key; ssl_stapling on; ssl_stapling_verify on; ssl_trusted_certificate $pki/trusted.pem; ssl_stapling_file $pki/stale.ocsp.der;"
)

# The live column: `staplint probe --against` on the running server (TLS 1.2:
# Debian 12's nginx 1.22 leaves TLS 1.3 out of its default ssl_protocols), before
# anything else has connected to it (a cold nginx staples only after its
# first handshakes): the live verdict, at which handshake the staple came, how
# it compares with the static verdict, and the live rules that fire.
printf '| %-38s | %-6s | %-12s | %-44s | %s |\n' configuration wire verdict "staplint probe --against" "staplint's account"
printf '|%s|%s|%s|%s|%s|\n' "----------------------------------------" "--------" "--------------" \
  "----------------------------------------------" "------"
fail=0; port=18443
for c in "${cases[@]}"; do
  IFS='|' read -r name expected hidden finding http_text server_text <<<"$c"
  dir=$work/$name; mkdir -p "$dir/logs"; port=$((port + 1))
  sni=ip.test
  case $name in variable-certificate) sni=ip.test ;; esac
  cat > "$dir/nginx.conf" <<CONF
daemon off;
master_process off;
pid $dir/nginx.pid;
error_log $dir/error.log info;
events {}
http {
    access_log off;
    resolver 127.0.0.1 valid=1s;
    $http_text
    server {
        listen 127.0.0.1:$port ssl;
        server_name $sni;
        $server_text
    }
}
CONF
  # The resolver line is only for cases that need none; drop it elsewhere.
  case $name in hostname-url-no-resolver|unresolvable-url-no-resolver) sed -i '/resolver 127.0.0.1/d' "$dir/nginx.conf" ;; esac
  json=$("$st" --format json "$dir/nginx.conf")
  verdict=$(grep -o '"stapling": "[a-z]*"' <<<"$json" | head -n 1 | cut -d'"' -f4)
  nginx -p "$dir/" -c "$dir/nginx.conf" -e "$dir/error.log" 2>>"$dir/error.log" &
  npid=$!; pids+=($npid)
  for _ in $(seq 1 50); do timeout 1 bash -c "echo >/dev/tcp/127.0.0.1/$port" 2>/dev/null && break; sleep 0.1; done
  "$st" probe --against "$dir/nginx.conf" --tls 1.2 --attempts 4 --timeout 3 --format json >"$dir/live.json" 2>"$dir/live.err"
  wire=$(probe_staple "$port" "$sni")
  kill "$npid"; for _ in $(seq 1 50); do kill -0 "$npid" 2>/dev/null || break; sleep 0.1; done
  live=$(live_account "$dir/live.json" "$wire" "$verdict")
  [[ $live == *WRONG* ]] && fail=1

  account=ok
  predicted=none; [ "$verdict" = on ] && predicted=staple
  if [ "$wire" != "$expected" ]; then
    account="UNEXPECTED: nginx did '$wire', the case expects '$expected'"; fail=1
  elif [ "$verdict" = unknown ] && [ "$hidden" = - ]; then
    account="DISAGREES: verdict 'unknown' where the files settle it (nginx did '$wire')"; fail=1
  elif [ "$verdict" = unknown ]; then
    account="unknown: depends on $hidden"
  elif [ "$predicted" != "$wire" ] && [ "$hidden" = - ]; then
    account="DISAGREES: verdict '$verdict' but nginx did '$wire'"; fail=1
  elif [ "$predicted" != "$wire" ]; then
    account="cannot see $hidden"
  fi
  if [[ $finding == !* ]]; then
    # staplint reads the certificate: its OCSP URL is an IP literal, nothing to resolve.
    if grep -q "\"rule\": \"${finding#!}\"" <<<"$json"; then
      account="$account; WRONGLY reports ${finding#!}"; fail=1
    else
      account="$account; rightly silent on ${finding#!}"
    fi
  elif [ "$finding" != - ]; then
    if grep -q "\"rule\": \"$finding\"" <<<"$json"; then
      account="$account; reports $finding"
    else
      account="$account; MISSING $finding"; fail=1
    fi
  fi
  printf '| %-38s | %-6s | %-12s | %-44s | %s |\n' "$name" "$wire" "$verdict" "$live" "$account"
  if [[ $account == *UNEXPECTED* || $account == *DISAGREES* || $account == *MISSING* || $account == *WRONGLY* ||
        $live == *WRONG* ]]; then
    sed 's/^/    probe: /' "$dir/live.err"
    sed 's/^/    nginx: /' "$dir/error.log" | grep -iE 'ocsp|stapl|emerg' | tail -n 5
  fi
done
# ---------------------------------------------------------------- client CRLs
# A client certificate issued by the intermediate, verified against
# trusted.pem (intermediate + root) with an ssl_crl file: nginx checks CRLs for
# every CA of the chain (docs/server-facts.md §1.3).
# name | expected HTTP status | the finding staplint must report ("-": none) | ssl_crl file
crl_cases=(
"crl-expired|400|SL4006|$pki/crl-expired.pem"
"crl-issuing-ca-only|400|SL4008|$pki/crl-inter.pem"
"crl-complete-and-current|200|-|$pki/crl-complete.pem"
)
echo
printf '| %-38s | %-6s | %s |\n' "client CRL configuration" status "staplint's account"
printf '|%s|%s|%s|\n' "----------------------------------------" "--------" "------"
for c in "${crl_cases[@]}"; do
  IFS='|' read -r name expected finding crl <<<"$c"
  dir=$work/$name; mkdir -p "$dir/logs"; port=$((port + 1))
  cat > "$dir/nginx.conf" <<CONF
daemon off;
master_process off;
pid $dir/nginx.pid;
error_log $dir/error.log info;
events {}
http {
    access_log off;
    server {
        listen 127.0.0.1:$port ssl;
        server_name client.test;
        ssl_certificate $pki/ip.chain.pem;
        ssl_certificate_key $pki/ip.key;
        ssl_verify_client on;
        ssl_client_certificate $pki/trusted.pem;
        ssl_crl $crl;
        location / { return 200 "ok\n"; }
    }
}
CONF
  json=$("$st" --format json "$dir/nginx.conf")
  nginx -p "$dir/" -c "$dir/nginx.conf" -e "$dir/error.log" 2>>"$dir/error.log" &
  npid=$!; pids+=($npid)
  for _ in $(seq 1 50); do timeout 1 bash -c "echo >/dev/tcp/127.0.0.1/$port" 2>/dev/null && break; sleep 0.1; done
  status=$(probe_client "$port" client.test "$pki/client.pem" "$pki/client.key")
  kill "$npid"; for _ in $(seq 1 50); do kill -0 "$npid" 2>/dev/null || break; sleep 0.1; done
  reported=$(grep -o '"rule": "SL400[0-9]"' <<<"$json" | cut -d'"' -f4 | sort -u | tr '\n' ' ')
  account=$(crl_account "$expected" "$status" "$finding" "$reported") || fail=1
  printf '| %-38s | %-6s | %s |\n' "$name" "$status" "$account"
  # Why nginx refused, from its log: the CRL, not something else.
  grep -oE 'client SSL certificate verify error: \([0-9]+:[^)]*\)' "$dir/error.log" | head -n 1 | sed 's/^/    nginx: /'
  if [[ $account != ok && $account != reports* && $account != rightly* ]]; then
    sed 's/^/    nginx: /' "$dir/error.log" | grep -iE 'crl|verify|emerg' | tail -n 5
  fi
done
echo "truth test: $([ $fail = 0 ] && echo ok || echo FAILED) (${#cases[@]} stapling and ${#crl_cases[@]} client CRL configurations)"
exit $fail

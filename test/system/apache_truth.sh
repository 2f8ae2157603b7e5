#!/bin/bash
# Truth test for Apache: real httpd processes (Debian's apache2, one process
# each with -X, own ServerRoot and PidFile, 127.0.0.1 only) are asked three
# things for each configuration: `apache2 -t`, whether httpd starts, and
# whether `openssl s_client -status` receives a stapled OCSP response. staplint's
# verdict and findings must agree with all three. The throwaway PKI and the
# `openssl ocsp` responders are those of nginx_truth.sh, all inside a private
# network namespace. Every process is stopped by PID, with bounded waits.
#   apache_truth.sh STAPLINT
set -u
if [ -z "${STAPLINT_IN_NETNS:-}" ]; then
  exec unshare -n env STAPLINT_IN_NETNS=1 bash "$0" "$@"
fi
ip link set lo up || { echo "cannot bring up loopback in the namespace"; exit 1; }
st=$(readlink -f "$1")
command -v apache2 >/dev/null || { echo "apache2 is not installed"; exit 1; }

work=$(mktemp -d)
chmod 755 "$work"
# Processes this test starts go into `pids`; they are stopped by PID, with
# bounded waits, and the work directory removed, however the test ends.
. "$(dirname "$(readlink -f "$0")")/lib/processes.sh"
trap 'stop_started "$work"' EXIT

. "$(dirname "$(readlink -f "$0")")/lib/ocsp_pki.sh"
pki=$work/pki; mkdir -p "$pki"
P_DELEGATED=18891
P_ISSUER=18892
make_ocsp_pki "$pki" "$P_DELEGATED" "$P_ISSUER" || exit 1
chmod -R a+rX "$pki"
mods=/usr/lib/apache2/modules

cache="SSLStaplingCache \"shmcb:logs/ssl_stapling(32768)\""
quiet_errors="SSLStaplingReturnResponderErrors off\nSSLStaplingFakeTryLater off"
cert="SSLCertificateFile $pki/ip.chain.pem\nSSLCertificateKeyFile $pki/ip.key"
# name | apache2 -t (ok/fails) | httpd (starts/fails) | wire (staple/none/-)
# | what staplint cannot see, or "-" | findings staplint must report (comma-separated) or "-"
# | modules besides ssl (space-separated) | server-level text | vhost text ("\n" between lines)
cases=(
"guide-recipe-without-cache|ok|fails|-|-|SL1005|socache_shmcb||$cert\nSSLUseStapling On\n$quiet_errors"
"global-cache|ok|starts|staple|-|-|socache_shmcb|$cache|$cert\nSSLUseStapling On\n$quiet_errors"
"global-stapling-inherited|ok|starts|staple|-|-|socache_shmcb|$cache\nSSLUseStapling On\n$quiet_errors|$cert"
"stapling-off|ok|starts|none|-|SL1001|socache_shmcb|$cache|$cert"
"cache-inside-vhost|fails|fails|-|-|SL1006|socache_shmcb||$cert\nSSLUseStapling On\n$quiet_errors\n$cache"
"socache-module-not-loaded|fails|fails|-|-|SL1007||$cache|$cert\nSSLUseStapling On\n$quiet_errors"
"trailing-comment-after-flag|ok|starts|staple|-|SL9003|socache_shmcb|$cache|$cert\nSSLUseStapling On # turn it on\n$quiet_errors"
"trailing-comment-after-one-argument|fails|fails|-|-|SL9003|socache_shmcb|$cache|$cert\nSSLUseStapling On\n$quiet_errors\nSSLStaplingResponderTimeout 5 # seconds"
"certificate-without-ocsp-url|ok|starts|none|-|SL4001|socache_shmcb|$cache|SSLCertificateFile $pki/noocsp.chain.pem\nSSLCertificateKeyFile $pki/noocsp.key\nSSLUseStapling On\n$quiet_errors"
"certificate-without-ocsp-url-force-url|ok|starts|staple|-|-|socache_shmcb|$cache|SSLCertificateFile $pki/noocsp.chain.pem\nSSLCertificateKeyFile $pki/noocsp.key\nSSLUseStapling On\nSSLStaplingForceURL http://127.0.0.1:$P_DELEGATED/\n$quiet_errors"
"leaf-only-certificate-file|ok|starts|none|-|SL4003|socache_shmcb|$cache|SSLCertificateFile $pki/ip.pem\nSSLCertificateKeyFile $pki/ip.key\nSSLUseStapling On\n$quiet_errors"
"must-staple-stapling-off|ok|starts|none|-|SL1001,SL4004|socache_shmcb||SSLCertificateFile $pki/muststaple.chain.pem\nSSLCertificateKeyFile $pki/muststaple.key"
"must-staple-stapled|ok|starts|staple|-|-|socache_shmcb|$cache|SSLCertificateFile $pki/muststaple.chain.pem\nSSLCertificateKeyFile $pki/muststaple.key\nSSLUseStapling On\n$quiet_errors"
"revoked-certificate|ok|starts|staple|the responder's answer (revoked)|-|socache_shmcb|$cache|SSLCertificateFile $pki/revoked.chain.pem\nSSLCertificateKeyFile $pki/revoked.key\nSSLUseStapling On\n$quiet_errors"
"crl-check-without-crl|ok|fails|-|-|SL2003|socache_shmcb|$cache|$cert\nSSLUseStapling On\n$quiet_errors\nSSLVerifyClient require\nSSLCACertificateFile $pki/trusted.pem\nSSLCARevocationCheck chain"
)

# The live column: `staplint probe --against` (TLS 1.3) on the running httpd,
# before anything else has connected to it: the live verdict, at which
# handshake the staple came, how it compares with the static verdict, and the
# live rules that fire (ocsp_pki.sh: live_account).
printf '| %-40s | %-5s | %-6s | %-6s | %-8s | %-44s | %s |\n' configuration "-t" httpd wire verdict \
  "staplint probe --against" "staplint's account"
printf '|%s|%s|%s|%s|%s|%s|%s|\n' "------------------------------------------" "-------" "--------" "--------" \
  "----------" "----------------------------------------------" "------"
fail=0; port=18550
for c in "${cases[@]}"; do
  IFS='|' read -r name want_t want_start want_wire hidden findings modules server_text vhost_text <<<"$c"
  dir=$work/$name; mkdir -p "$dir/logs"; chmod 755 "$dir" "$dir/logs"; port=$((port + 1))
  {
    printf 'ServerRoot %s\nPidFile %s/httpd.pid\nErrorLog %s/error.log\nLogLevel warn ssl:info\n' "$dir" "$dir" "$dir"
    printf 'DefaultRuntimeDir %s\nServerName localhost\nUser nobody\nGroup nogroup\nListen 127.0.0.1:%s\n' "$dir" "$port"
    for m in mpm_event authz_core ssl $modules; do printf 'LoadModule %s_module %s/mod_%s.so\n' "$m" "$mods" "$m"; done
    printf '%b\n' "$server_text"
    printf '<VirtualHost 127.0.0.1:%s>\nServerName ip.test\nSSLEngine on\n%b\n</VirtualHost>\n' "$port" "$vhost_text"
  } > "$dir/httpd.conf"

  json=$("$st" --format json "$dir/httpd.conf")
  verdict=$(grep -o '"stapling": "[a-z]*"' <<<"$json" | head -n 1 | cut -d'"' -f4)
  if apache2 -t -f "$dir/httpd.conf" >"$dir/t.out" 2>&1; then t=ok; else t=fails; fi
  started=fails; wire=-; live=-
  if [ "$t" = ok ]; then
    apache2 -X -f "$dir/httpd.conf" >>"$dir/error.log" 2>&1 &
    apid=$!; pids+=($apid)
    for _ in $(seq 1 50); do
      kill -0 "$apid" 2>/dev/null || break
      timeout 1 bash -c "echo >/dev/tcp/127.0.0.1/$port" 2>/dev/null && { started=starts; break; }
      sleep 0.1
    done
    # httpd listens before mod_ssl's post-config checks run: it has started
    # only if it is still there a moment later.
    if [ "$started" = starts ]; then sleep 0.5; kill -0 "$apid" 2>/dev/null || started=fails; fi
    if [ "$started" = starts ]; then
      "$st" probe --against "$dir/httpd.conf" --tls 1.3 --attempts 3 --timeout 3 --format json \
        >"$dir/live.json" 2>"$dir/live.err"
      wire=$(probe_staple "$port" ip.test 8)
      live=$(live_account "$dir/live.json" "$wire" "$verdict")
      [[ $live == *WRONG* ]] && { fail=1; sed 's/^/    probe: /' "$dir/live.err"; }
    fi
    kill "$apid" 2>/dev/null; for _ in $(seq 1 50); do kill -0 "$apid" 2>/dev/null || break; sleep 0.1; done
  fi

  account=ok
  # What staplint's verdict predicts: fatal = httpd does not start; on = staples.
  if [ "$t/$started/$wire" != "$want_t/$want_start/$want_wire" ]; then
    account="UNEXPECTED: httpd did -t $t, start $started, wire $wire"; fail=1
  elif [ "$started" = fails ] && [ "$verdict" != fatal ]; then
    account="DISAGREES: verdict '$verdict' but httpd does not start"; fail=1
  elif [ "$started" = starts ] && [ "$verdict" = fatal ]; then
    account="DISAGREES: verdict 'fatal' but httpd starts"; fail=1
  elif [ "$started" = starts ] && [ "$hidden" = - ]; then
    predicted=none; [ "$verdict" = on ] && predicted=staple
    [ "$predicted" != "$wire" ] && { account="DISAGREES: verdict '$verdict' but httpd did '$wire'"; fail=1; }
  elif [ "$hidden" != - ]; then
    account="cannot see $hidden"
  fi
  if [ "$findings" != - ]; then
    for f in ${findings//,/ }; do
      if grep -q "\"rule\": \"$f\"" <<<"$json"; then account="$account; reports $f"
      else account="$account; MISSING $f"; fail=1; fi
    done
  fi
  # A configuration httpd refuses at -t must give an error-severity finding
  # (the differential's criterion); one that starts must give none.
  # (Certificate facts, SL4xxx, are errors at run time: httpd starts.)
  errors=$(grep -o '"rule": "SL[0-9]*", "name": "[a-z-]*", "severity": "error"' <<<"$json" | grep -vc '"SL4')
  if [ "$started" = starts ] && [ "$errors" -gt 0 ]; then account="$account; UNEXPECTED error finding"; fail=1; fi
  printf '| %-40s | %-5s | %-6s | %-6s | %-8s | %-44s | %s |\n' "$name" "$t" "$started" "$wire" "$verdict" "$live" \
    "$account"
  if [[ $account == *UNEXPECTED* || $account == *DISAGREES* || $account == *MISSING* ]]; then
    sed 's/^/    apache2 -t: /' "$dir/t.out" | tail -n 2
    grep -E 'AH0|emerg|error' "$dir/error.log" | sed 's/^/    httpd: /' | tail -n 4
  fi
done
# ---------------------------------------------------------------- client CRLs
# A client certificate issued by the intermediate, SSLVerifyClient require
# against trusted.pem, SSLCARevocationCheck chain: httpd answers the request
# (any HTTP status) or ends the connection.
# name | expected (answers/refuses) | the finding staplint must report, or "-" | SSLCARevocationFile
crl_cases=(
"crl-expired|refuses|SL4006|$pki/crl-expired.pem"
"crl-issuing-ca-only|refuses|SL4008|$pki/crl-inter.pem"
"crl-complete-and-current|answers|-|$pki/crl-complete.pem"
)
echo
printf '| %-40s | %-8s | %s |\n' "client CRL configuration" httpd "staplint's account"
printf '|%s|%s|%s|\n' "------------------------------------------" "----------" "------"
for c in "${crl_cases[@]}"; do
  IFS='|' read -r name expected finding crl <<<"$c"
  dir=$work/$name; mkdir -p "$dir/logs"; chmod 755 "$dir" "$dir/logs"; port=$((port + 1))
  {
    printf 'ServerRoot %s\nPidFile %s/httpd.pid\nErrorLog %s/error.log\nLogLevel warn ssl:info\n' "$dir" "$dir" "$dir"
    printf 'DefaultRuntimeDir %s\nServerName localhost\nUser nobody\nGroup nogroup\nListen 127.0.0.1:%s\n' "$dir" "$port"
    for m in mpm_event authz_core ssl; do printf 'LoadModule %s_module %s/mod_%s.so\n' "$m" "$mods" "$m"; done
    printf '<VirtualHost 127.0.0.1:%s>\nServerName client.test\nSSLEngine on\n%b\n</VirtualHost>\n' "$port" \
      "$cert\nSSLVerifyClient require\nSSLVerifyDepth 3\nSSLCACertificateFile $pki/trusted.pem\nSSLCARevocationFile $crl\nSSLCARevocationCheck chain"
  } > "$dir/httpd.conf"
  json=$("$st" --format json "$dir/httpd.conf")
  apache2 -X -f "$dir/httpd.conf" >>"$dir/error.log" 2>&1 &
  apid=$!; pids+=($apid)
  for _ in $(seq 1 50); do timeout 1 bash -c "echo >/dev/tcp/127.0.0.1/$port" 2>/dev/null && break; sleep 0.1; done
  sleep 0.3
  status=$(probe_client "$port" client.test "$pki/client.pem" "$pki/client.key")
  kill "$apid" 2>/dev/null; for _ in $(seq 1 50); do kill -0 "$apid" 2>/dev/null || break; sleep 0.1; done
  got=answers; [ "$status" = none ] && got=refuses
  reported=$(grep -o '"rule": "SL400[0-9]"' <<<"$json" | cut -d'"' -f4 | sort -u | tr '\n' ' ')
  account=$(crl_account "$expected" "$got" "$finding" "$reported") || fail=1
  printf '| %-40s | %-8s | %s |\n' "$name" "$got" "$account"
  # Why httpd refused, from its log: the CRL, not something else.
  grep -oE 'Certificate Verification: Error \([0-9]+\): [^,]*' "$dir/error.log" | head -n 1 | sed 's/^/    httpd: /'
  if [[ $account != reports* && $account != rightly* ]]; then
    grep -E 'AH0|error|CRL' "$dir/error.log" | sed 's/^/    httpd: /' | tail -n 4
  fi
done
echo "truth test: $([ $fail = 0 ] && echo ok || echo FAILED) (${#cases[@]} configurations and ${#crl_cases[@]} client CRL configurations)"
exit $fail

#!/bin/bash
# `staplint probe` against live TLS endpoints (issue 18): `openssl s_server`
# processes serving the throwaway PKI's certificates with and without a
# stapled response, a port that speaks plain HTTP, one that accepts and never
# answers, and one nothing listens on, all on 127.0.0.1 inside a private
# network namespace. staplint's verdict must be the case's, at TLS 1.2 and
# 1.3, and whether it saw a staple must agree with `openssl s_client -status`.
# Prints the table. Every process is stopped by PID.
#   probe_live.sh STAPLINT
set -u
if [ -z "${STAPLINT_IN_NETNS:-}" ]; then
  # A mount namespace too: the last check gives the resolver a server that
  # never answers, through a private /etc/resolv.conf.
  exec unshare -n -m env STAPLINT_IN_NETNS=1 bash "$0" "$@"
fi
ip link set lo up || { echo "cannot bring up loopback in the namespace"; exit 1; }
st=$(readlink -f "$1")
here=$(dirname "$(readlink -f "$0")")
work=$(mktemp -d)
. "$here/lib/processes.sh"
trap 'stop_started "$work"' EXIT
. "$here/lib/ocsp_pki.sh"
pki=$work/pki; mkdir -p "$pki"
make_ocsp_pki "$pki" 18981 18982 || exit 1

make_past_responses "$pki" 18981 || exit 1

# serve PORT CERT KEY CHAIN STATUS_FILE|-: an s_server on 127.0.0.1:PORT.
serve() {
  local status=()
  [ "$5" != - ] && status=(-status_file "$5")
  local chain=()
  [ "$4" != - ] && chain=(-cert_chain "$4")
  openssl s_server -accept "127.0.0.1:$1" -cert "$2" -key "$3" "${chain[@]}" "${status[@]}" -www -quiet \
    >"$work/s_server-$1.log" 2>&1 &
  pids+=($!)
}
# name | port | expected verdict | a fact the output must hold | the live rules that fire | server
cases=(
"good, delegated responder|19001|stapled-good|signed by a responder the issuer authorized|-|$pki/ip.pem $pki/ip.key $pki/inter.pem $pki/ip.ocsp.der"
"good, issuer-signed|19002|stapled-good|signed by the issuer|-|$pki/ipself.pem $pki/ipself.key $pki/inter.pem $pki/ipself.ocsp.der"
"revoked|19003|stapled-revoked|status revoked|SL5002|$pki/revoked.pem $pki/revoked.key $pki/inter.pem $pki/revoked.ocsp.der"
"stale|19004|stapled-stale|nextUpdate has passed|SL5003|$pki/ip.pem $pki/ip.key $pki/inter.pem $pki/stale.ocsp.der"
"another certificate's staple|19005|stapled-invalid|answers for another certificate|SL5004|$pki/ip.pem $pki/ip.key $pki/inter.pem $pki/ipself.ocsp.der"
"stapling off|19006|no-staple|no staple in 2 handshakes|SL5001|$pki/ip.pem $pki/ip.key $pki/inter.pem -"
"no OCSP URL|19007|no-ocsp-url|names no OCSP responder|SL5005|$pki/noocsp.pem $pki/noocsp.key $pki/inter.pem -"
"Must-Staple, no staple|19008|no-staple|Must-Staple certificate without a staple|SL5001,SL5008|$pki/muststaple.pem $pki/muststaple.key $pki/inter.pem -"
"leaf-only chain|19009|stapled-good|the served chain lacks the issuer|SL5009|$pki/ip.pem $pki/ip.key - $pki/ip.ocsp.der"
)
for c in "${cases[@]}"; do
  IFS='|' read -r _ port _ _ _ server <<<"$c"
  # shellcheck disable=SC2086
  serve "$port" $server
done
# A port that speaks plain HTTP, one that accepts and never answers, and one
# nothing listens on.
python3 -m http.server --bind 127.0.0.1 19010 >"$work/http.log" 2>&1 &
pids+=($!)
python3 -c 'import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", 19011)); s.listen(8)
time.sleep(600)' &
pids+=($!)
# A server that starts a TLS record and closes mid-way: a truncated handshake.
python3 -c 'import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", 19013)); s.listen(8)
while True:
    c, _ = s.accept(); c.recv(4096); c.sendall(bytes.fromhex("160303004002")); c.close()' &
pids+=($!)
cases+=("plain HTTP|19010|handshake-failed|not TLS|SL5006|-"
        "accepts, never answers|19011|handshake-failed|timed out|SL5006|-"
        "nothing listens|19012|unreachable|connect|SL5007|-"
        "truncated handshake|19013|handshake-failed|-|SL5006|-")
# A server that trickles a TLS record a byte a second, forever: the handshake's
# deadline holds however the bytes come.
python3 -c 'import socket, threading, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", 19014)); s.listen(8)
def trickle(c):
    try:
        c.recv(4096)
        for b in bytes.fromhex("160303ffff") + b"\x02" * 100000:
            c.sendall(bytes([b])); time.sleep(1)
    except OSError:
        pass
while True:
    c, _ = s.accept(); threading.Thread(target=trickle, args=(c,), daemon=True).start()' &
pids+=($!)
cases+=("trickles a byte a second|19014|handshake-failed|timed out|SL5006|-")
for port in 19001 19002 19003 19004 19005 19006 19007 19008 19009 19010 19011 19013 19014; do
  for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
done

fail=0
printf '%-30s %-5s %-18s %-18s %-14s %-14s %s\n' case tls expected staplint "s_client" rules agreement
for c in "${cases[@]}"; do
  IFS='|' read -r name port expected fact rules _ <<<"$c"
  for tls in 1.2 1.3; do
    out=$("$st" probe --tls "$tls" --attempts 2 --timeout 2 "127.0.0.1:$port" 2>&1)
    code=$?
    verdict=$(printf '%s\n' "$out" | sed -n '1s/.*: \([a-z-]*\)$/\1/p')
    wire=$(timeout 5 openssl s_client -connect "127.0.0.1:$port" "-tls${tls/./_}" -status </dev/null 2>/dev/null |
      grep -q 'OCSP Response Status: successful' && echo staple || echo none)
    seen=$([ "${verdict#stapled-}" != "$verdict" ] && echo staple || echo none)
    agree=yes
    [ "$verdict" = "$expected" ] || agree="NO: expected $expected"
    [ "$seen" = "$wire" ] || agree="NO: s_client saw $wire"
    [ "$fact" = - ] || printf '%s\n' "$out" | grep -qF -- "$fact" || agree="NO: lacks '$fact'"
    # The live rules that fire, exactly; the exit is 1 when one of them is a
    # warning or an error (all but SL5005, a note).
    fired=$(printf '%s\n' "$out" | grep -o '\[SL5[0-9]*' | tr -d '[' | sort -u | paste -sd, -)
    [ "${fired:--}" = "$rules" ] || agree="NO: rules ${fired:-none}, not $rules"
    want_code=$([ "$rules" = - ] || [ "$rules" = SL5005 ] && echo 0 || echo 1)
    [ "$code" = "$want_code" ] || agree="NO: exit $code, not $want_code"
    printf '%-30s %-5s %-18s %-18s %-14s %-14s %s\n' "$name" "$tls" "$expected" "${verdict:-?}" "$wire" "$rules" "$agree"
    if [ "$agree" != yes ]; then
      fail=1
      printf '%s\n' "$out" | sed 's/^/    /'
    fi
  done
done

# Fifty endpoints at once: how long a probe of them takes on loopback.
targets=()
for i in $(seq 0 49); do
  serve $((19100 + i)) "$pki/ip.pem" "$pki/ip.key" "$pki/inter.pem" "$pki/ip.ocsp.der"
  targets+=("127.0.0.1:$((19100 + i))")
done
for i in $(seq 0 49); do
  for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$((19100 + i))") 2>/dev/null && break; sleep 0.1; done
done
start=$(date +%s%N)
"$st" probe --format json "${targets[@]}" >"$work/fifty.json"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
good=$(grep -o '"verdict":"stapled-good"' "$work/fifty.json" | wc -l)
echo "50 endpoints, TLS 1.2 and 1.3: $good of 100 verdicts stapled-good in $ms ms"
[ "$good" = 100 ] || { echo "FAIL only $good of 100 stapled-good"; fail=1; }

# JSON: versioned, one object per endpoint and version, in the targets' order.
"$st" probe --format json --attempts 1 --timeout 2 127.0.0.1:19001 127.0.0.1:19012 >"$work/probe.json"
python3 - "$work/probe.json" <<'EOF' || fail=1
import json, sys
r = json.load(open(sys.argv[1]))
assert r["version"] == 1, r
got = [(p["target"], p["tls"], p["verdict"]) for p in r["probes"]]
want = [("127.0.0.1:19001", "TLS 1.2", "stapled-good"), ("127.0.0.1:19001", "TLS 1.3", "stapled-good"),
        ("127.0.0.1:19012", "TLS 1.2", "unreachable")]
assert got == want, got
print("json: " + ", ".join(f"{t} {v} {d}" for t, v, d in got))
EOF
# --from: the endpoints a configuration declares, at the address each listens
# on; one that listens on every address is probed only with --connect.
cat >"$work/nginx.conf" <<EOF
events {}
http {
  resolver 127.0.0.1;
  server { listen 127.0.0.1:19001 ssl; server_name ip.test; ssl_certificate $pki/ip.chain.pem;
           ssl_certificate_key $pki/ip.key; ssl_stapling on; }
  server { listen 19006 ssl; server_name every.test; ssl_certificate $pki/ip.chain.pem;
           ssl_certificate_key $pki/ip.key; ssl_stapling on; }
  server { listen 19007 ssl; server_name noocsp.test; ssl_certificate $pki/noocsp.chain.pem;
           ssl_certificate_key $pki/noocsp.key; }
}
EOF
"$st" probe --from "$work/nginx.conf" --connect noocsp.test:19007=127.0.0.1 --tls 1.3 --attempts 1 --timeout 2 \
  >"$work/from.out" 2>"$work/from.err"
code=$?
cat "$work/from.out" "$work/from.err" | grep -v '^  ' | sed 's/^/from: /'
grep -q "^ip.test:19001 (SNI ip.test) via 127.0.0.1 (.*nginx.conf:4), TLS 1.3: stapled-good" "$work/from.out" ||
  { echo "FAIL --from: ip.test at its listen address"; fail=1; }
grep -q "^noocsp.test:19007 (SNI noocsp.test) via 127.0.0.1 (.*nginx.conf:8), TLS 1.3: no-ocsp-url" "$work/from.out" ||
  { echo "FAIL --from: noocsp.test through --connect"; fail=1; }
grep -q "'every.test:19006' listens on every address on port 19006; not probed" "$work/from.err" ||
  { echo "FAIL --from: every.test should be left out with a note"; fail=1; }
# The live rules' findings stand where the configuration declares each
# endpoint; a certificate without an OCSP URL is a note (SL5005, info), which
# fails nothing unless --fail-on info says so.
grep -q "nginx.conf:8:3: note: the certificate 'noocsp.test:19007' serves names no OCSP responder.*\[SL5005 live-no-ocsp-url\]" \
  "$work/from.out" || { echo "FAIL --from: SL5005 at the server block of noocsp.test (nginx.conf:8)"; fail=1; }
[ "$code" = 0 ] || { echo "FAIL --from exits $code, not 0 (its only finding is a note)"; fail=1; }
"$st" probe --from "$work/nginx.conf" --connect noocsp.test:19007=127.0.0.1 --tls 1.3 --attempts 1 --timeout 2 \
  --fail-on info >/dev/null 2>&1
code=$?
[ "$code" = 1 ] || { echo "FAIL --from --fail-on info exits $code, not 1"; fail=1; }

# --against: each live verdict beside the configuration's static one.
cat >"$work/against.conf" <<EOF
events {}
http {
  resolver 127.0.0.1;
  server { listen 127.0.0.1:19001 ssl; server_name ip.test; ssl_certificate $pki/ip.chain.pem;
           ssl_certificate_key $pki/ip.key; ssl_stapling on; }
  server { listen 127.0.0.1:19006 ssl; server_name off.test; ssl_certificate $pki/ip.chain.pem;
           ssl_certificate_key $pki/ip.key; ssl_stapling on; }
  server { listen 127.0.0.1:19002 ssl; server_name ipself.test; ssl_certificate $pki/ipself.chain.pem;
           ssl_certificate_key $pki/ipself.key; }
  server { listen 127.0.0.1:19007 ssl; server_name noocsp.test; ssl_certificate $pki/noocsp.chain.pem;
           ssl_certificate_key $pki/noocsp.key; }
}
EOF
"$st" probe --against "$work/against.conf" --tls 1.2 --attempts 1 --timeout 2 >"$work/against.out" 2>&1
code=$?
grep -E '^[a-z]|configured:' "$work/against.out" | sed 's/^/against: /'
for want in "ip.test:19001.*stapled-good" "configured: on; agrees" \
            "off.test:19006.*no-staple" "configured: on; disagrees: configured to staple, but no staple in 1 handshake: check that the resolver answers" \
            "ipself.test:19002.*stapled-good" "configured: off; disagrees: the configuration does not staple, but the server does" \
            "noocsp.test:19007.*no-ocsp-url" "configured: off; agrees"; do
  grep -q -- "$want" "$work/against.out" || { echo "FAIL --against: no line matches '$want'"; fail=1; }
done
[ "$code" = 1 ] || { echo "FAIL --against exits $code, not 1"; fail=1; }
# Where they disagree, SL5010 stands at the server block, saying what to check.
for want in "against.conf:6:3: warning: 'off.test:19006' is configured 'on' but is 'no-staple' live (TLS 1.2): configured to staple, but no staple in 1 handshake: check that the resolver answers.*\[SL5010" \
            "against.conf:8:3: warning: 'ipself.test:19002' is configured 'off' but is 'stapled-good' live (TLS 1.2).*\[SL5010"; do
  grep -q -- "$want" "$work/against.out" || { echo "FAIL --against: no finding matches '$want'"; fail=1; }
done
! grep -q "against.conf:4:3: .*SL5010" "$work/against.out" || { echo "FAIL --against: SL5010 where they agree"; fail=1; }

# --ask-responder: the responder's answer now, beside the staple.
serve 19015 "$pki/revoked.pem" "$pki/revoked.key" "$pki/inter.pem" "$pki/oldgood.ocsp.der"
for _ in $(seq 1 50); do (exec 3<>/dev/tcp/127.0.0.1/19015) 2>/dev/null && break; sleep 0.1; done
"$st" probe --ask-responder --tls 1.3 --attempts 1 --timeout 3 127.0.0.1:19001 127.0.0.1:19003 127.0.0.1:19015 \
  127.0.0.1:19007 >"$work/ask.out" 2>&1
grep -E '^[0-9]|asked' "$work/ask.out" | sed 's/^/ask: /'
for want in "asked http://127.0.0.1:18981/: it says good now, as the staple does" \
            "asked http://127.0.0.1:18981/: it says revoked now, as the staple does" \
            "asked http://127.0.0.1:18981/: it says revoked now; the staple says good: the server staples an old answer"; do
  grep -qF -- "$want" "$work/ask.out" || { echo "FAIL --ask-responder: no line '$want'"; fail=1; }
done
grep -qF "tls://127.0.0.1:19015:1:1: error: the OCSP responder 'http://127.0.0.1:18981/' says 'revoked' for the certificate '127.0.0.1:19015' serves, but its staple says 'good' (TLS 1.3) [SL5011" \
  "$work/ask.out" || { echo "FAIL --ask-responder: SL5011 for the old answer 19015 staples"; fail=1; }
[ "$(grep -c "SL5011" "$work/ask.out")" = 1 ] || { echo "FAIL --ask-responder: SL5011 only where they differ"; fail=1; }

# --record, then --replay: the recordings judged again offline give the same
# verdicts, facts and findings (the findings stand at each recording's
# target line instead of at tls://HOST:PORT).
mkdir -p "$work/rec"
"$st" probe --record "$work/rec" --ask-responder --attempts 2 --timeout 2 127.0.0.1:19001 127.0.0.1:19003 \
  127.0.0.1:19006 127.0.0.1:19009 127.0.0.1:19010 127.0.0.1:19012 127.0.0.1:19015 >"$work/recorded.out" 2>"$work/recorded.err"
"$st" probe --replay "$work/rec" >"$work/replayed.out" 2>&1
python3 - "$work" <<'EOF' || fail=1
import re, sys
work = sys.argv[1]
def parts(name):
    text = open(f"{work}/{name}").read()
    report, _, findings = text.partition("\n\n")
    blocks = sorted(re.split(r"\n(?=\S)", report.strip()))
    found = sorted(re.sub(r"^\S+:\d+:\d+: ", "", l) for l in findings.splitlines() if "[SL5" in l)
    return blocks, found
live, replay = parts("recorded.out"), parts("replayed.out")
if live != replay:
    print("FAIL --record/--replay: the replay differs from the probe")
    for a, b in zip(live[0] + live[1], replay[0] + replay[1]):
        if a != b: print("  live:   " + a.replace("\n", " | ")[:300] + "\n  replay: " + b.replace("\n", " | ")[:300])
    sys.exit(1)
print(f"record/replay: {len(live[0])} verdicts and {len(live[1])} findings, the same offline")
EOF
grep -q "recorded 7 endpoints in" "$work/recorded.err" || { echo "FAIL --record: $(cat "$work/recorded.err")"; fail=1; }
ls "$work/rec" | grep -q '^127.0.0.1_19001.tls13-1.der$' || { echo "FAIL --record: no staple file"; fail=1; }

# Every format the lint writes, over the live findings: a revoked staple
# (SL5002), a certificate without an OCSP URL (SL5005) and nothing listening
# (SL5007).
for format in gcc github json sarif checkstyle junit; do
  "$st" probe --format "$format" --tls 1.3 --attempts 1 --timeout 2 127.0.0.1:19003 127.0.0.1:19007 127.0.0.1:19012 \
    >"$work/format.$format" 2>&1
  code=$?
  [ "$code" = 1 ] || { echo "FAIL --format $format exits $code, not 1"; fail=1; }
done
python3 - "$work" <<'EOF' || fail=1
import json, re, sys, xml.etree.ElementTree as ET
work, ok = sys.argv[1], True
def check(what, cond):
    global ok
    if not cond:
        print(f"FAIL formats: {what}"); ok = False
want = {("tls://127.0.0.1:19003", "SL5002"), ("tls://127.0.0.1:19007", "SL5005"), ("tls://127.0.0.1:19012", "SL5007")}
gcc = open(f"{work}/format.gcc").read().splitlines()
got = {(m.group(1), m.group(2)) for l in gcc if (m := re.match(r"^(.*):1:1: (?:error|warning|note): .* \[(SL5\d{3})\]$", l))}
check(f"gcc lines {sorted(got)}", got == want)
gh = open(f"{work}/format.github").read()
# GitHub's workflow commands escape ':' in a property as %3A.
check("github annotations", all(f"file={f.replace(':', '%3A')}" in gh and r in gh for f, r in want))
j = json.load(open(f"{work}/format.json"))
check("json version 1 with findings", j["version"] == 1 and {(f["path"], f["rule"]) for f in j["findings"]} == want)
s = json.load(open(f"{work}/format.sarif"))
res = s["runs"][0]["results"]
check("sarif results", {(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["ruleId"]) for r in res} == want)
cs = ET.parse(f"{work}/format.checkstyle").getroot()
check("checkstyle", {(f.get("name"), e.get("source").split(".")[-1] if "." in e.get("source", "") else e.get("source"))
                     for f in cs.iter("file") for e in f.iter("error")} and len(list(cs.iter("error"))) == 3)
ju = ET.parse(f"{work}/format.junit").getroot()
check("junit failures", sum(1 for _ in ju.iter("failure")) == 3)
print("formats: gcc, github, json, sarif, checkstyle and junit carry SL5002, SL5005 and SL5007" if ok else "formats: FAILED")
sys.exit(0 if ok else 1)
EOF

# Without the option, no fact says the responder was asked.
"$st" probe --tls 1.3 --attempts 1 --timeout 3 127.0.0.1:19015 >"$work/noask.out" 2>&1
! grep -q "asked " "$work/noask.out" || { echo "FAIL the responder was asked without --ask-responder"; fail=1; }

# --replay: the live rules' samples judged again, in the gcc format; a
# recording that is not there is a path that cannot be read (exit 2).
"$st" probe --replay "$here/../../samples/live" --format gcc >"$work/replay.out" 2>&1
code=$?
[ "$code" = 1 ] && [ "$(grep -c ': \(error\|warning\|note\): .*\[SL50[0-9][0-9]\]$' "$work/replay.out")" -ge 11 ] ||
  { echo "FAIL --replay samples/live: exit $code, $(wc -l <"$work/replay.out") lines"; fail=1; }
"$st" probe --replay "$work/no-such.probe.yaml" >/dev/null 2>&1
[ $? = 2 ] || { echo "FAIL --replay of a missing recording does not exit 2"; fail=1; }
"$st" probe --replay --tls 1.2 "$here/../../samples/live" >/dev/null 2>&1
[ $? = 3 ] || { echo "FAIL --replay with a live option is not a usage error"; fail=1; }

# Usage errors exit 3.
"$st" probe >/dev/null 2>&1; [ $? = 3 ] || { echo "FAIL 'staplint probe' without a target does not exit 3"; fail=1; }
"$st" probe 127.0.0.1:99999 >/dev/null 2>&1; [ $? = 3 ] || { echo "FAIL a bad port does not exit 3"; fail=1; }
"$st" --sni a.example /dev/null >/dev/null 2>&1; [ $? = 3 ] || { echo "FAIL --sni outside probe does not exit 3"; fail=1; }
# A bound on the endpoints of one run: a configuration that declares 1,030
# (on a port nothing listens on) has 1,024 probed and a note for the rest;
# 1,025 named targets are a usage error.
{
  echo "events {}"; echo "http {"
  for i in $(seq 1 1030); do echo "  server { listen 127.0.0.1:9 ssl; server_name s$i.test; ssl_certificate $pki/ip.chain.pem; }"; done
  echo "}"
} >"$work/many.conf"
"$st" probe --from "$work/many.conf" --tls 1.3 --attempts 1 --timeout 2 --format json >"$work/many.json" 2>"$work/many.err"
probed=$(grep -o '"verdict":"unreachable"' "$work/many.json" | wc -l)
echo "1,030 declared endpoints: $probed probed; $(cat "$work/many.err")"
[ "$probed" = 1024 ] && grep -q "6 more endpoints not probed: one run probes at most 1024" "$work/many.err" ||
  { echo "FAIL the bound on declared endpoints"; fail=1; }
"$st" probe $(seq -f '127.0.0.1:%g' 1 1025) >/dev/null 2>&1
[ $? = 3 ] || { echo "FAIL 1,025 named targets are not a usage error"; fail=1; }

# A resolver that never answers: the name's lookup is bounded by --timeout
# as the handshake is (glibc's own resolver would wait 5 s a try, twice).
echo "nameserver 127.0.0.1" >"$work/resolv.conf"
if mount --bind "$work/resolv.conf" /etc/resolv.conf; then
  python3 -c 'import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 53))
while True: s.recvfrom(4096)' &
  pids+=($!)
  sleep 0.3
  start=$(date +%s%N)
  "$st" probe --tls 1.3 --attempts 1 --timeout 2 slow.test:443 >"$work/slowdns.out" 2>&1
  code=$?
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  echo "a resolver that never answers: exit $code after $ms ms"
  grep -q "cannot resolve 'slow.test': no answer in time \[SL5007" "$work/slowdns.out" ||
    { echo "FAIL the silent resolver: $(cat "$work/slowdns.out")"; fail=1; }
  [ "$code" = 1 ] && [ "$ms" -lt 4000 ] || { echo "FAIL the silent resolver held the probe $ms ms (exit $code)"; fail=1; }
else
  echo "FAIL cannot bind-mount a resolv.conf in the namespace"; fail=1
fi

[ "$fail" = 0 ] && echo "probe: every verdict as expected, and as openssl s_client saw the wire"
exit "$fail"

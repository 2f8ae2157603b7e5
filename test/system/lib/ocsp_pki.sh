# Sourced by the truth tests. make_ocsp_pki DIR DELEGATED_PORT ISSUER_PORT
# builds a throwaway PKI in DIR: a root, an intermediate (inter), a delegated
# OCSP signer, and leaves signed by the intermediate, each as NAME.pem,
# NAME.key and NAME.chain.pem (leaf + intermediate):
#   ip        OCSP URL http://127.0.0.1:DELEGATED/
#   ipself    OCSP URL http://127.0.0.1:ISSUER/ (responses signed by the CA)
#   localhost OCSP URL http://localhost:DELEGATED/
#   nohost    OCSP URL http://ocsp.invalid:DELEGATED/
#   noocsp    no OCSP URL
#   revoked   OCSP URL http://127.0.0.1:DELEGATED/, revoked
#   muststaple OCSP URL http://127.0.0.1:DELEGATED/, TLS Feature status_request
# and trusted.pem (intermediate + root); a client certificate client.pem
# (client.key); CRLs: crl-inter.pem, crl-root.pem, crl-inter-expired.pem
# (nextUpdate in 2000), crl-complete.pem (inter + root), crl-expired.pem
# (expired inter + root); responses ip.ocsp.der and, for another
# certificate, ipself.ocsp.der. It starts two `openssl ocsp`
# responders, appends their PIDs to the caller's `pids` array, and waits until
# they answer. The caller stops them (by PID) and removes DIR.
make_ocsp_pki() {
  local dir=$1 p_delegated=$2 p_issuer=$3
  (
    cd "$dir" || exit 1
    quiet() { "$@" >/dev/null 2>&1 || { echo "failed: $*"; exit 1; }; }
    quiet openssl req -x509 -newkey rsa:2048 -nodes -keyout root.key -out root.pem -days 2 \
      -subj /CN=staplint-root -addext basicConstraints=critical,CA:TRUE \
      -addext keyUsage=critical,keyCertSign,cRLSign
    sign() {  # sign NAME ISSUER EXTENSIONS
      quiet openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "/CN=$1.test"
      printf "$3" > "$1.ext"
      quiet openssl x509 -req -in "$1.csr" -CA "$2.pem" -CAkey "$2.key" -CAcreateserial \
        -out "$1.pem" -days 2 -extfile "$1.ext"
    }
    sign inter root 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n'
    sign signer inter 'extendedKeyUsage=OCSPSigning\n'
    leaf() {  # leaf NAME OCSP-URL
      local ext="subjectAltName=DNS:$1.test\n"
      [ -n "$2" ] && ext="${ext}authorityInfoAccess=OCSP;URI:$2\n"
      sign "$1" inter "$ext"
      cat "$1.pem" inter.pem > "$1.chain.pem"
    }
    leaf ip "http://127.0.0.1:$p_delegated/"
    leaf ipself "http://127.0.0.1:$p_issuer/"
    leaf localhost "http://localhost:$p_delegated/"
    leaf nohost "http://ocsp.invalid:$p_delegated/"
    leaf noocsp ""
    leaf revoked "http://127.0.0.1:$p_delegated/"
    sign muststaple inter "subjectAltName=DNS:muststaple.test\nauthorityInfoAccess=OCSP;URI:http://127.0.0.1:$p_delegated/\ntlsfeature=status_request\n"
    cat muststaple.pem inter.pem > muststaple.chain.pem
    sign client inter 'extendedKeyUsage=clientAuth\n'
    cat inter.pem root.pem > trusted.pem
    crl() {  # crl CA OUT [options]: an empty CRL of CA
      local ca=$1 out=$2; shift 2
      mkdir -p "db-$ca"; : > "db-$ca/index"; echo 01 > "db-$ca/crlnumber"
      printf '[ca]\ndefault_ca=d\n[d]\ndatabase=db-%s/index\ncrlnumber=db-%s/crlnumber\ncertificate=%s.pem\nprivate_key=%s.key\ndefault_md=sha256\ndefault_crl_days=30\n' \
        "$ca" "$ca" "$ca" "$ca" > "db-$ca/ca.cnf"
      quiet openssl ca -config "db-$ca/ca.cnf" -gencrl -out "$out" "$@"
    }
    crl inter crl-inter.pem
    crl root crl-root.pem
    crl inter crl-inter-expired.pem -crl_lastupdate 20000101000000Z -crl_nextupdate 20000201000000Z
    cat crl-inter.pem crl-root.pem > crl-complete.pem
    cat crl-inter-expired.pem crl-root.pem > crl-expired.pem
    : > index.txt
    for c in ip ipself localhost nohost noocsp revoked muststaple; do
      serial=$(openssl x509 -in "$c.pem" -noout -serial | cut -d= -f2)
      if [ "$c" = revoked ]; then
        printf 'R\t301231235959Z\t251101000000Z\t%s\tunknown\t/CN=%s.test\n' "$serial" "$c" >> index.txt
      else
        printf 'V\t301231235959Z\t\t%s\tunknown\t/CN=%s.test\n' "$serial" "$c" >> index.txt
      fi
    done
  ) || return 1
  # `openssl ocsp -port` binds every address; in a private namespace that is loopback.
  openssl ocsp -index "$dir/index.txt" -port "$p_delegated" -rsigner "$dir/signer.pem" \
    -rkey "$dir/signer.key" -CA "$dir/inter.pem" -ndays 1 >"$dir/ocsp-delegated.log" 2>&1 &
  pids+=($!)
  openssl ocsp -index "$dir/index.txt" -port "$p_issuer" -rsigner "$dir/inter.pem" \
    -rkey "$dir/inter.key" -CA "$dir/inter.pem" -ndays 1 >"$dir/ocsp-issuer.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 50); do
    openssl ocsp -issuer "$dir/inter.pem" -cert "$dir/ip.pem" -url "http://127.0.0.1:$p_delegated/" \
      -CAfile "$dir/trusted.pem" -respout "$dir/ip.ocsp.der" >/dev/null 2>&1 && break
    sleep 0.1
  done
  [ -s "$dir/ip.ocsp.der" ] || { echo "the OCSP responder did not answer"; return 1; }
  openssl ocsp -issuer "$dir/inter.pem" -cert "$dir/ipself.pem" -url "http://127.0.0.1:$p_issuer/" \
    -CAfile "$dir/trusted.pem" -respout "$dir/ipself.ocsp.der" >/dev/null 2>&1
  [ -s "$dir/ipself.ocsp.der" ] || { echo "the issuer-signed OCSP responder did not answer"; return 1; }
}

# probe_client PORT SNI CERT KEY -> prints the HTTP status nginx answers a
# request made with that client certificate (400 when it rejects the
# certificate), or "none" when the handshake fails.
probe_client() {
  local status
  status=$(printf 'GET / HTTP/1.0\r\nHost: %s\r\n\r\n' "$2" |
    timeout 5 openssl s_client -connect "127.0.0.1:$1" -servername "$2" -cert "$3" -key "$4" -quiet 2>/dev/null |
    sed -n '1s#^HTTP/[0-9.]* \([0-9]*\).*#\1#p')
  echo "${status:-none}"
}

# make_past_responses DIR DELEGATED_PORT: after make_ocsp_pki, revoked.ocsp.der
# (the responder's answer for revoked.pem), stale.ocsp.der (a good answer for
# ip.pem whose nextUpdate passed two days ago) and oldgood.ocsp.der (a good
# answer for revoked.pem from before it was revoked: what a server keeps
# stapling when it stops refreshing). The last two are built with
# python3-cryptography, signed by the delegated responder: openssl's
# responder cannot date an answer in the past.
make_past_responses() {
  openssl ocsp -issuer "$1/inter.pem" -cert "$1/revoked.pem" -url "http://127.0.0.1:$2/" \
    -CAfile "$1/trusted.pem" -respout "$1/revoked.ocsp.der" >/dev/null 2>&1
  [ -s "$1/revoked.ocsp.der" ] || { echo "no response for the revoked certificate"; return 1; }
  python3 - "$1" <<'EOF' || { echo "cannot build the stale response"; return 1; }
import datetime, sys
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp
d = sys.argv[1]
load = lambda n: x509.load_pem_x509_certificate(open(f"{d}/{n}.pem", "rb").read())
key = serialization.load_pem_private_key(open(f"{d}/signer.key", "rb").read(), None)
now = datetime.datetime.utcnow()
resp = ocsp.OCSPResponseBuilder().add_response(
    cert=load("ip"), issuer=load("inter"), algorithm=hashes.SHA1(), cert_status=ocsp.OCSPCertStatus.GOOD,
    this_update=now - datetime.timedelta(days=3), next_update=now - datetime.timedelta(days=2),
    revocation_time=None, revocation_reason=None,
).responder_id(ocsp.OCSPResponderEncoding.HASH, load("signer")).certificates([load("signer")]).sign(key, hashes.SHA256())
open(f"{d}/stale.ocsp.der", "wb").write(resp.public_bytes(serialization.Encoding.DER))
# A good answer for the revoked certificate, from before it was revoked.
resp = ocsp.OCSPResponseBuilder().add_response(
    cert=load("revoked"), issuer=load("inter"), algorithm=hashes.SHA1(), cert_status=ocsp.OCSPCertStatus.GOOD,
    this_update=now - datetime.timedelta(hours=1), next_update=now + datetime.timedelta(days=1),
    revocation_time=None, revocation_reason=None,
).responder_id(ocsp.OCSPResponderEncoding.HASH, load("signer")).certificates([load("signer")]).sign(key, hashes.SHA256())
open(f"{d}/oldgood.ocsp.der", "wb").write(resp.public_bytes(serialization.Encoding.DER))
EOF
}

# live_account PROBE_JSON WIRE STATIC -> one cell of a truth table: what
# `staplint probe --against --format json` (one endpoint, one TLS version)
# found: "stapled-good at 2/4; agrees" or "no-staple; disagrees SL5001
# SL5010". WRONG when it saw a staple where s_client saw none (WIRE) or the
# reverse, when SL5010 and the agreement it reports part ways, or when a
# static verdict the wire contradicts (STATIC: on, off, ineffective) is not
# called a disagreement.
live_account() {
  python3 - "$@" <<'EOF'
import json, sys
path, wire, static = sys.argv[1:4]
try:
    r = json.load(open(path))
    p = r["probes"][0]
except (OSError, ValueError, LookupError) as e:
    print(f"WRONG: no probe result ({e.__class__.__name__})"); sys.exit(0)
rules = sorted({f["rule"] for f in r["findings"]})
cell = p["verdict"] + (f" at {p['stapled_at']}/{p['handshakes']}" if p["stapled_at"] else "")
cell += f"; {p.get('agreement', 'no static verdict')}" + (" " + " ".join(rules) if rules else "")
stapled = p["verdict"].startswith("stapled-")
wrong = []
if stapled != (wire == "staple"):
    wrong.append(f"s_client saw {wire}")
if (p.get("agreement") == "disagrees") != ("SL5010" in rules):
    wrong.append("SL5010 and the agreement part ways")
predicted = "staple" if static == "on" else "none"
if static in ("on", "off", "ineffective") and (predicted != wire or (static == "on" and p["verdict"] != "stapled-good")) \
        and p.get("agreement") != "disagrees":
    wrong.append(f"static '{static}' against the wire is not a disagreement")
print(cell + ("; WRONG: " + ", ".join(wrong) if wrong else ""))
EOF
}

# crl_account EXPECTED GOT FINDING "REPORTED" -> prints how a client-CRL row
# came out, and fails when the server did other than EXPECTED, or when
# staplint's SL40xx findings (REPORTED, space-separated) miss FINDING or, for
# FINDING "-", say anything.
crl_account() {
  local expected=$1 got=$2 finding=$3 reported=$4
  if [ "$got" != "$expected" ]; then
    echo "UNEXPECTED: the server did '$got', the case expects '$expected'"; return 1
  elif [ "$finding" = - ] && [ -n "$reported" ]; then
    echo "WRONGLY reports $reported"; return 1
  elif [ "$finding" != - ] && [[ " $reported" != *" $finding "* ]]; then
    echo "MISSING $finding (reports: ${reported:-nothing})"; return 1
  elif [ "$finding" != - ]; then
    echo "reports $finding"
  else
    echo "rightly silent"
  fi
}

# probe_staple PORT SNI [TRIES] -> prints staple|none. nginx fetches lazily, so retry.
probe_staple() {
  for _ in $(seq 1 "${3:-20}"); do
    if timeout 5 openssl s_client -connect "127.0.0.1:$1" -servername "$2" -status </dev/null 2>/dev/null \
        | grep -q 'OCSP Response Status: successful'; then
      echo staple; return
    fi
    sleep 0.25
  done
  echo none
}

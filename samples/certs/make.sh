#!/bin/bash
# Writes the test PKI the samples name: certificates valid for about 68 years
# (from the day this was run), CRLs and OCSP responses. Private keys live only
# in a temporary directory and are deleted: staplint never reads keys, and the
# samples name key paths that do not exist.
#
#   bash samples/certs/make.sh     # rewrites samples/certs/*.pem, *.der
#
# What each file is for is in README.md here. Re-running changes every file;
# the samples' expectations do not depend on serials or keys.
set -euo pipefail
out=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
days=25000  # about 68 years
cd "$work"

cat > ext.cnf <<'CNF'
[root]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[inter]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
crlDistributionPoints = URI:http://crl.staplint.test/root.crl
[leaf]
basicConstraints = CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth, clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
authorityInfoAccess = OCSP;URI:http://ocsp.staplint.test/, caIssuers;URI:http://ca.staplint.test/inter.der
crlDistributionPoints = URI:http://crl.staplint.test/inter.crl
[leaf_no_ocsp]
basicConstraints = CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
crlDistributionPoints = URI:http://crl.staplint.test/inter.crl
[leaf_nothing]
basicConstraints = CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[leaf_must_staple]
basicConstraints = CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
authorityInfoAccess = OCSP;URI:http://ocsp.staplint.test/
crlDistributionPoints = URI:http://crl.staplint.test/inter.crl
tlsfeature = status_request
[responder]
basicConstraints = CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = OCSPSigning
CNF

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" 2>/dev/null; }
# sign NAME SUBJECT SECTION ISSUER
sign() {
  key "$1"
  openssl req -new -key "$1.key" -subj "$2" -out "$1.csr"
  openssl x509 -req -in "$1.csr" -CA "$4.pem" -CAkey "$4.key" -CAcreateserial -days "$days" \
    -extfile ext.cnf -extensions "$3" -out "$1.pem" 2>/dev/null
}

key root
openssl req -new -x509 -key root.key -subj "/O=staplint test/CN=staplint test root" -days "$days" \
  -config /dev/null -extensions root -addext "basicConstraints=critical,CA:true" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" -addext "subjectKeyIdentifier=hash" -out root.pem 2>/dev/null \
  || openssl req -new -x509 -key root.key -subj "/O=staplint test/CN=staplint test root" -days "$days" \
       -addext "basicConstraints=critical,CA:true" -addext "keyUsage=critical,keyCertSign,cRLSign" -out root.pem
sign inter "/O=staplint test/CN=staplint test intermediate" inter root
sign leaf "/CN=www.staplint.test" leaf inter
sign leaf-no-ocsp "/CN=no-ocsp.staplint.test" leaf_no_ocsp inter
sign leaf-nothing "/CN=nothing.staplint.test" leaf_nothing inter
sign leaf-must-staple "/CN=must-staple.staplint.test" leaf_must_staple inter
sign client "/CN=client.staplint.test" leaf inter
sign responder "/CN=staplint test OCSP responder" responder inter
# A second, unrelated CA: its CRL belongs to no CA of the chain above.
key other
openssl req -new -x509 -key other.key -subj "/O=staplint test/CN=staplint other root" -days "$days" \
  -addext "basicConstraints=critical,CA:true" -addext "keyUsage=critical,keyCertSign,cRLSign" -out other.pem

# CRLs through `openssl ca`: one database per CA.
crl() {  # crl CA OUT [extra ca options]
  local ca=$1 outfile=$2; shift 2
  mkdir -p "db-$ca"; : > "db-$ca/index"; echo 01 > "db-$ca/crlnumber"
  cat > "db-$ca/ca.cnf" <<CNF
[ca]
default_ca = d
[d]
database = $work/db-$ca/index
crlnumber = $work/db-$ca/crlnumber
certificate = $work/$ca.pem
private_key = $work/$ca.key
default_md = sha256
default_crl_days = $days
CNF
  openssl ca -config "db-$ca/ca.cnf" -gencrl "$@" -out "$outfile" 2>/dev/null
}
crl root crl-root.pem
crl inter crl-inter.pem
crl other crl-other.pem
crl inter crl-inter-expired.pem -crl_lastupdate 20000101000000Z -crl_nextupdate 20000201000000Z

# OCSP responses, signed by the issuer itself (what nginx verifies against the chain).
mkdir -p ocspdb
printf 'V\t%s\t\t%s\tunknown\t/CN=www.staplint.test\n' \
  "$(openssl x509 -in leaf.pem -noout -enddate | sed 's/notAfter=//' | xargs -I{} date -u -d {} +%Y%m%d%H%M%SZ)" \
  "$(openssl x509 -in leaf.pem -noout -serial | sed 's/serial=//')" > ocspdb/index
ocsp() {  # ocsp CERT OUT [extra options]
  local cert=$1 outfile=$2; shift 2
  openssl ocsp -issuer inter.pem -cert "$cert" -reqout "$work/req.der" -no_nonce >/dev/null 2>&1
  openssl ocsp -index ocspdb/index -rsigner inter.pem -rkey inter.key -CA inter.pem \
    -reqin "$work/req.der" -respout "$outfile" "$@" >/dev/null 2>&1
}
ocsp leaf.pem ocsp-leaf-good.der -ndays "$days"
ocsp leaf.pem ocsp-leaf-stale.der -nmin 1  # stale a minute after this ran
ocsp leaf-must-staple.pem ocsp-other-certificate.der -ndays "$days"   # "unknown" for a certificate of no server here
printf 'R\t%s\t%s\t%s\tunknown\t/CN=www.staplint.test\n' \
  "$(cut -f2 ocspdb/index)" "$(date -u +%y%m%d%H%M%SZ)" "$(cut -f4 ocspdb/index)" > ocspdb/index
ocsp leaf.pem ocsp-leaf-revoked.der -ndays "$days"

# What the samples name.
cp root.pem inter.pem leaf.pem other.pem crl-root.pem crl-inter.pem crl-other.pem crl-inter-expired.pem "$out/"
cp ocsp-leaf-good.der ocsp-leaf-stale.der ocsp-leaf-revoked.der ocsp-other-certificate.der "$out/"
cat leaf.pem inter.pem > "$out/leaf-chain.pem"
cat leaf-no-ocsp.pem inter.pem > "$out/no-ocsp-chain.pem"
cat leaf-nothing.pem inter.pem > "$out/no-revocation-info-chain.pem"
cat leaf-must-staple.pem inter.pem > "$out/must-staple-chain.pem"
cat client.pem > "$out/client.pem"
cat inter.pem root.pem > "$out/ca-chain.pem"
cat crl-inter.pem crl-root.pem > "$out/crl-complete.pem"
cat crl-inter-expired.pem crl-root.pem > "$out/crl-expired.pem"
# Java keystores for the Tomcat samples. PKCS#12 with the password
# "changeit" (Tomcat's default); JKS through keytool when Java is here.
p12() {  # p12 NAME CERTFILE KEY [CHAIN]
  local chain=()
  [ -n "${4:-}" ] && chain=(-certfile "$4")
  openssl pkcs12 -export -name tomcat -inkey "$3" -in "$2" "${chain[@]}" -passout pass:changeit -out "$out/$1"
}
p12 leaf-chain.p12 leaf.pem leaf.key inter.pem
p12 leaf-only.p12 leaf.pem leaf.key
p12 no-ocsp-chain.p12 leaf-no-ocsp.pem leaf-no-ocsp.key inter.pem
p12 must-staple-chain.p12 leaf-must-staple.pem leaf-must-staple.key inter.pem
if command -v keytool >/dev/null; then
  rm -f "$out/leaf-chain.jks" "$out/truststore.jks"
  keytool -importkeystore -noprompt -srckeystore "$out/leaf-chain.p12" -srcstoretype PKCS12 -srcstorepass changeit \
    -destkeystore "$out/leaf-chain.jks" -deststoretype JKS -deststorepass changeit >/dev/null 2>&1
  for ca in inter root; do
    keytool -importcert -noprompt -alias "$ca" -file "$ca.pem" -keystore "$out/truststore.jks" -storetype JKS \
      -storepass changeit >/dev/null 2>&1
  done
else
  echo "keytool not found: leaf-chain.jks and truststore.jks not rewritten" >&2
fi
echo "wrote $(ls "$out" | grep -c -v -e make.sh -e README.md) files to $out"

# The live rules' samples (samples/live/, probe recordings) name the files a
# server sent beside them: copies of these chains and responses.
live="$out/../live/certs"
mkdir -p "$live"
for f in leaf.pem leaf-chain.pem no-ocsp-chain.pem must-staple-chain.pem ocsp-leaf-good.der ocsp-leaf-revoked.der \
  ocsp-leaf-stale.der ocsp-other-certificate.der; do
  cp "$out/$f" "$live/$f"
done
echo "copied the live samples' files to $live"

# Sourced by bench/run.sh and bench/scaling.sh: the throwaway PKI the bench
# trees name, made with openssl at run time (nothing generated is committed).
make_certificates() {  # make_certificates DIR K: a CA (chain.pem), leaves sharedI.{key,fullchain.pem}, site.{pem,key}
  local dir=$1 k=$2 i
  [ -f "$dir/site.key" ] && return 0
  mkdir -p "$dir"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj "/CN=bench CA" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
    -keyout "$dir/ca.key" -out "$dir/chain.pem" 2>/dev/null
  for ((i = 0; i < k; i++)); do
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=shared$i.bench.example" \
      -keyout "$dir/shared$i.key" -out "$dir/shared$i.csr" 2>/dev/null
    openssl x509 -req -in "$dir/shared$i.csr" -CA "$dir/chain.pem" -CAkey "$dir/ca.key" -days 30 \
      -set_serial "$((1000 + i))" -out "$dir/shared$i.pem" \
      -extfile <(printf 'authorityInfoAccess=OCSP;URI:http://127.0.0.1:8888/\ncrlDistributionPoints=URI:http://127.0.0.1:8888/ca.crl\n') 2>/dev/null
    cat "$dir/shared$i.pem" "$dir/chain.pem" >"$dir/shared$i.fullchain.pem"
  done
  cp "$dir/shared0.fullchain.pem" "$dir/site.pem"
  cp "$dir/shared0.key" "$dir/site.key"
}

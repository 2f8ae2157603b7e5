# Sourced by the differential tests: make_throwaway_pki DIR writes a
# self-signed certificate (DIR/cert.pem, DIR/key.pem), an empty CRL signed by
# it (DIR/crl.pem) and a directory for *Path directives (DIR/crl.d/).
make_throwaway_pki() {
  local dir=$1
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$dir/key.pem" -out "$dir/cert.pem" \
    -days 2 -subj /CN=staplint-test >/dev/null 2>&1 || { echo "openssl failed"; return 1; }
  mkdir -p "$dir/ca" "$dir/crl.d" && : > "$dir/ca/index.txt" && echo 01 > "$dir/ca/crlnumber"
  printf '[ca]\ndefault_ca = d\n[d]\ndatabase = %s\ncrlnumber = %s\ndefault_md = sha256\ndefault_crl_days = 2\n' \
    "$dir/ca/index.txt" "$dir/ca/crlnumber" > "$dir/ca/ca.cnf"
  openssl ca -config "$dir/ca/ca.cnf" -gencrl -keyfile "$dir/key.pem" -cert "$dir/cert.pem" \
    -out "$dir/crl.pem" >/dev/null 2>&1 || { echo "openssl ca -gencrl failed"; return 1; }
}

#!/bin/bash
# Differential syntax test: every nginx sample is also given to the real
# `nginx -t` (Debian's package), with certificate paths pointed at a throwaway
# certificate. nginx rejects the configuration exactly when staplint reports an
# error-severity finding. The fix goldens (`*.fixed.conf`) are judged the same
# way, and each must be accepted when its sample is: a fix nginx would
# refuse fails the test. Tree goldens (TREE.fixed/) are laid over their tree. Samples marked
# `# nginx-t: skip (why)` are counted and listed, never silently dropped.
set -u
staplint=$1
samples=$2
command -v nginx >/dev/null || { echo "nginx is not installed (apt-get install nginx-light libnginx-mod-stream)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A throwaway certificate, and an empty CRL signed by it, for ssl_crl and *_ssl_crl.
. "$(dirname "$0")/lib/throwaway_pki.sh"
make_throwaway_pki "$work" || exit 1
# A DER OCSP response for ssl_stapling_file (nginx only parses it).
pki_samples=$(cd "$samples/../certs" && pwd)
# staplint judges version-dependent rules for the nginx it is compared with.
version=$(nginx -v 2>&1 | sed -n 's#^nginx version: nginx/\([0-9.]*\).*#\1#p')
echo "comparing with nginx $version"

rewrite() {  # point certificate-like paths at the throwaway files; accounts
  # (`user nginx;` on RHEL) belong to the machine, not to the configuration
  sed -E -i \
    -e "s#^([[:space:]]*)user[[:space:]]+[^;]*;#\1#" \
    -e "s#(^|[[:space:]{;])ssl_certificate_key[[:space:]]+[^;]*;#\1ssl_certificate_key $work/key.pem;#g" \
    -e "s#(^|[[:space:]{;])ssl_certificate[[:space:]]+[^;]*;#\1ssl_certificate $work/cert.pem;#g" \
    -e "s#(^|[[:space:]{;])(ssl_trusted_certificate|ssl_client_certificate|proxy_ssl_trusted_certificate|grpc_ssl_trusted_certificate|uwsgi_ssl_trusted_certificate)[[:space:]]+[^;]*;#\1\2 $work/cert.pem;#g" \
    -e "s#(^|[[:space:]{;])(ssl_crl|proxy_ssl_crl|grpc_ssl_crl|uwsgi_ssl_crl)[[:space:]]+[^;]*;#\1\2 $work/crl.pem;#g" \
    -e "s#(^|[[:space:]{;])ssl_stapling_file[[:space:]]+[^;]*;#\1ssl_stapling_file $pki_samples/ocsp-leaf-good.der;#g" \
    -e "s#(^|[[:space:]{;])ssl_dhparam[[:space:]]+[^;]*;#\1#g" "$1"
}

agree=0; disagree=0; skipped=0; broken=0
declare -A accepted  # samples nginx accepts: their fixed results must be accepted too
while IFS= read -r sample; do
  lint_path=$sample
  if [ -d "$sample" ] && [[ $sample == *.fixed ]]; then
    # A tree's fix goldens: the tree with its fixed files laid over it.
    rm -rf "$work/fixed-tree" && mkdir -p "$work/fixed-tree"
    cp -r "${sample%.fixed}/." "$work/fixed-tree/" && cp -r "$sample/." "$work/fixed-tree/"
    lint_path=$work/fixed-tree
  fi
  entry_in=$lint_path
  [ -d "$lint_path" ] && entry_in=$lint_path/nginx.conf
  if grep -q '# nginx-t: skip' "$entry_in"; then
    skipped=$((skipped + 1)); echo "skip  $sample: $(grep -o 'nginx-t: skip.*' "$entry_in")"; continue
  fi
  case_dir=$work/case; rm -rf "$case_dir"; mkdir -p "$case_dir/logs"
  if [ -d "$lint_path" ]; then
    cp -r "$lint_path/." "$case_dir/"; entry=$case_dir/nginx.conf
  else
    cp "$sample" "$case_dir/sample.conf"
    if grep -qE '^[[:space:]]*(\xef\xbb\xbf)?(events|http|stream|load_module)\b' "$sample"; then
      entry=$case_dir/sample.conf
    else
      printf 'events {}\nhttp {\n include %s;\n}\n' "$case_dir/sample.conf" > "$case_dir/wrap.conf"
      entry=$case_dir/wrap.conf
    fi
  fi
  find "$case_dir" -type f -name '*.conf' -print0 | while IFS= read -r -d '' f; do rewrite "$f"; done
  if nginx -t -q -p "$case_dir/" -c "$entry" -e stderr >"$work/nginx.out" 2>&1; then nginx_ok=1; else nginx_ok=0; fi
  if "$staplint" --format gcc --fail-on none --no-certificates --nginx-version "$version" "$lint_path" 2>/dev/null \
       | grep -q ': error: '; then st_err=1; else st_err=0; fi
  # A fix golden of a sample nginx accepts must be accepted: no fix breaks nginx.
  original=${sample%.fixed}; original=${original/.fixed./.}
  [ "$nginx_ok" = 1 ] && accepted[$sample]=1
  if [ "$original" != "$sample" ] && [ "${accepted[$original]:-0}" = 1 ] && [ "$nginx_ok" = 0 ]; then
    broken=$((broken + 1)); echo "BROKEN BY FIX $sample: nginx accepts $original but rejects its fixed result"
  fi
  if [ "$nginx_ok" != "$st_err" ]; then
    agree=$((agree + 1)); echo "agree $sample (nginx $([ $nginx_ok = 1 ] && echo accepts || echo rejects))"
  else
    disagree=$((disagree + 1))
    echo "DISAGREE $sample: nginx $([ $nginx_ok = 1 ] && echo accepts || echo rejects), staplint $([ $st_err = 1 ] && echo reports || echo 'does not report') an error"
    sed 's/^/    nginx: /' "$work/nginx.out"
  fi
done < <(find "$samples" -name '*.conf' -not -path '*/trees/*' | sort
         find "$samples/trees" -mindepth 1 -maxdepth 1 -type d | sort)
echo "nginx -t agreement: $agree of $((agree + disagree)) samples agree, $skipped skipped; $broken fixed results nginx rejects"
[ "$disagree" -eq 0 ] && [ "$broken" -eq 0 ]

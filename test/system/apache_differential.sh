#!/bin/bash
# Differential syntax test for Apache: every sample under samples/apache/ is
# also given to Debian's `apache2 -t`, inside a minimal main configuration
# (core modules only, everything under a temporary ServerRoot). httpd refuses
# the configuration exactly when staplint reports an error-severity finding,
# leaving out the errors httpd finds only when it starts (after `-t` has said
# Syntax OK): SL1005, SL2003, SL3004; apache_truth.sh starts httpd for those.
# mod_ssl, mod_socache_shmcb, mod_md, mod_alias, mod_headers, mod_rewrite, mod_setenvif and mod_proxy(_http)
# are loaded unless the sample loads modules itself. Fix goldens (X.fixed.conf) are judged the same way,
# and each must be accepted when its sample is.
# Trees are tested through their entry file with their own ServerRoot.
# A sample whose first lines say `# apache2-t: skip (reason)` is left out, as
# nginx_differential.sh does with `# nginx-t: skip`.
set -u
staplint=$1
samples=$2
command -v apache2 >/dev/null || { echo "apache2 is not installed"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mods=/usr/lib/apache2/modules
# mod_ssl checks at parse time that certificate, CA and CRL files exist: point
# those directives at a throwaway certificate, CRL and directory; modules load
# from where Debian installs them (RHEL's modules/ is a link to its own).
. "$(dirname "$0")/lib/throwaway_pki.sh"
make_throwaway_pki "$work" || exit 1
rewrite() {
  sed -E -i \
    -e "s#^([[:space:]]*)(SSLCertificateKeyFile)[[:space:]].*#\1\2 $work/key.pem#I" \
    -e "s#^([[:space:]]*)(SSLPassPhraseDialog)[[:space:]].*#\1\2 builtin#I" \
    -e "s#^([[:space:]]*LoadModule[[:space:]]+[^[:space:]]+[[:space:]]+)\"?([^\"]*/)?(mod_[^/\"]*\.so)\"?#\1$mods/\3#I" \
    -e "s#^([[:space:]]*)(SSLCertificateFile|SSLCertificateChainFile|SSLCACertificateFile|SSLProxyCACertificateFile|SSLOCSPResponderCertificateFile)[[:space:]].*#\1\2 $work/cert.pem#I" \
    -e "s#^([[:space:]]*)(SSLCARevocationFile|SSLProxyCARevocationFile)[[:space:]].*#\1\2 $work/crl.pem#I" \
    -e "s#^([[:space:]]*)(SSLCACertificatePath|SSLCARevocationPath|SSLProxyCACertificatePath|SSLProxyCARevocationPath)[[:space:]].*#\1\2 $work/crl.d#I" \
    "$@"
}
main() {  # main SERVER_ROOT INCLUDE_LINE [SSL_MODULES]
  printf 'ServerRoot %s\nServerName staplint.test\nLoadModule mpm_event_module %s/mod_mpm_event.so\nLoadModule authz_core_module %s/mod_authz_core.so\nLoadModule mime_module %s/mod_mime.so\nPidFile %s/pid\nErrorLog %s/error.log\nListen 127.0.0.1:18080\n' \
    "$1" "$mods" "$mods" "$mods" "$work" "$work"
  if [ "${3:-}" = ssl ]; then
    for m in ssl socache_shmcb md alias headers rewrite setenvif proxy proxy_http; do
      printf 'LoadModule %s_module %s/mod_%s.so\n' "$m" "$mods" "$m"
    done
  fi
  printf '%s\n' "$2"
}
startup_only='\[(SL1005|SL2003|SL3004)\]'
agree=0; disagree=0; skipped=0; broken=0
declare -A accepted  # samples httpd accepts: their fixed results must be accepted too
while IFS= read -r sample; do
  # logs/ under the ServerRoot, as every installed httpd has it.
  case_dir=$work/case; rm -rf "$case_dir"; mkdir -p "$case_dir/logs"
  lint_path=$sample
  if [ -d "$sample" ] && [[ $sample == *.fixed ]]; then
    # A tree's fix goldens: the tree with its fixed files laid over it.
    rm -rf "$work/fixed-tree" && mkdir -p "$work/fixed-tree"
    cp -r "${sample%.fixed}/." "$work/fixed-tree/" && cp -r "$sample/." "$work/fixed-tree/"
    lint_path=$work/fixed-tree
  fi
  marker_in=$sample
  [ -d "$sample" ] && marker_in=$(find "$sample" \( -name apache2.conf -o -name httpd.conf \) | head -n 1)
  if [ -n "$marker_in" ] && grep -q '# apache2-t: skip' "$marker_in"; then
    skipped=$((skipped + 1)); echo "skip  $sample: $(grep -o 'apache2-t: skip.*' "$marker_in")"; continue
  fi
  if [ -d "$sample" ]; then
    entry=$(find "$lint_path" \( -name apache2.conf -o -name httpd.conf \) | head -n 1)
    [ -n "$entry" ] || { skipped=$((skipped + 1)); continue; }
    # Run the tree's own entry, minus what needs Debian's environment variables
    # or other modules, with the core modules loaded first.
    cp -r "$lint_path/." "$case_dir/"
    rel=${entry#"$lint_path"/}
    root=$case_dir; [ "$(basename "$(dirname "$rel")")" = conf ] && root=$case_dir
    grep -viE '^\s*(DefaultRuntimeDir|PidFile|ErrorLog|User|Group|ServerRoot|Listen|CustomLog)\b' "$entry" \
      | sed 's/\${APACHE_LOG_DIR}/\/tmp/g' > "$case_dir/entry.body"
    rewrite "$case_dir/entry.body"  # its LoadModule and certificate lines too
    find "$case_dir" -type f -name '*.conf' -print0 | xargs -0 -r bash -c "$(declare -f rewrite); work='$work'; mods='$mods'; rewrite \"\$@\"" _
    find "$case_dir" -type f -name '*.conf' -print0 | xargs -0 sed -i -E \
      -e 's/\$\{APACHE_LOG_DIR\}/\/tmp/g' -e '/^\s*(CustomLog|ErrorLog)\b/d'
    main "$root" "Include $case_dir/entry.body" > "$case_dir/main.conf"
  else
    cp "$sample" "$case_dir/sample.conf"
    rewrite "$case_dir/sample.conf"
    ssl=ssl; grep -qiE '^\s*LoadModule\b' "$sample" && ssl=
    main "$case_dir" "Include $case_dir/sample.conf" $ssl > "$case_dir/main.conf"
  fi
  if APACHE_RUN_DIR=$work apache2 -t -f "$case_dir/main.conf" >"$work/out" 2>&1; then a=0; else a=1; fi
  if "$staplint" --format gcc --fail-on none --no-certificates "$lint_path" 2>/dev/null | grep ': error: ' |
     grep -qvE "$startup_only"; then s=1; else s=0; fi
  # A fix golden of a sample httpd accepts must be accepted: no fix breaks httpd.
  original=${sample%.fixed}; original=${original/.fixed./.}
  [ "$a" = 0 ] && accepted[$sample]=1
  if [ "$original" != "$sample" ] && [ "${accepted[$original]:-0}" = 1 ] && [ "$a" = 1 ]; then
    broken=$((broken + 1)); echo "BROKEN BY FIX $sample: apache2 accepts $original but rejects its fixed result"
  fi
  if [ "$a" = "$s" ]; then
    agree=$((agree + 1)); echo "agree $sample (apache2 $([ $a = 0 ] && echo accepts || echo rejects))"
    [ "$a" = 1 ] && [ -d "$sample" ] && sed "s/^/    apache2: /" "$work/out" | head -n 2
  else
    disagree=$((disagree + 1))
    echo "DISAGREE $sample: apache2 $([ $a = 0 ] && echo accepts || echo rejects), staplint $([ $s = 1 ] && echo reports || echo 'does not report') an error"
    sed 's/^/    apache2: /' "$work/out"
  fi
done < <(find "$samples" -name '*.conf' -not -path '*/trees/*' | sort
         find "$samples/trees" -mindepth 1 -maxdepth 1 -type d | sort)
echo "apache2 -t agreement: $agree of $((agree + disagree)) samples agree, $skipped skipped; $broken fixed results apache2 rejects"
[ "$disagree" -eq 0 ] && [ "$broken" -eq 0 ]

#!/bin/bash
# Packaging: `cmake --install` lays out the binary, the man page (made from
# --help and --explain), the bash completion, the problem matchers and the
# schema; the man page renders without warnings and names every option and
# rule; the completion completes; `cpack -G DEB` builds a .deb that depends
# only on what a fresh Debian 12 has (what dpkg itself, an Essential package,
# depends on, at a version this Debian 12 has), and, as root, the
# .deb installs, runs from a clean environment, and is removed again.
set -u
build=$1; src=$2; cpack=${3:-cpack}
work=$(mktemp -d)
installed=""
cleanup() {
  [ -n "$installed" ] && dpkg -r staplint >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }

# 1. cmake --install
cmake --install "$build" --prefix "$work/prefix" > "$work/install.log" 2>&1 || { cat "$work/install.log"; bad "cmake --install"; }
for f in bin/staplint share/man/man1/staplint.1 share/bash-completion/completions/staplint \
         share/staplint/problem-matchers/github.json share/staplint/problem-matchers/vscode-tasks.json \
         share/staplint/staplint.schema.json; do
  [ -f "$work/prefix/$f" ] && ok "installed $f" || bad "not installed: $f"
done
st=$work/prefix/bin/staplint

# 2. The man page: renders cleanly, and says what --help and --explain say.
if groff -man -Tutf8 -ww -z "$work/prefix/share/man/man1/staplint.1" 2> "$work/groff.err" && [ ! -s "$work/groff.err" ]; then
  ok "man page renders without warnings"
else
  cat "$work/groff.err"; bad "groff warnings"
fi
MANWIDTH=200 man -l "$work/prefix/share/man/man1/staplint.1" 2>/dev/null > "$work/man.txt"
missing=0
for opt in $("$st" --help | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
  grep -qF -- "$opt" "$work/man.txt" || { echo "  man page lacks option $opt"; missing=1; }
done
while read -r id name _; do
  grep -qF "$id $name" "$work/man.txt" || { echo "  man page lacks rule $id $name"; missing=1; }
done < <("$st" --list-rules)
# One rule's --explain text, word for word (whitespace aside), in the page.
"$st" --explain SL1005 | sed -n '/^What is wrong$/,/^Why it matters$/p' | sed '1d;$d' | tr -s ' \n' ' ' > "$work/explain.txt"
tr -s ' \n' ' ' < "$work/man.txt" | sed 's/‐ //g; s/‐//g' > "$work/man.flat"
grep -qF "$(cut -c1-200 "$work/explain.txt")" "$work/man.flat" || { echo "  man page lacks SL1005's --explain text"; missing=1; }
[ $missing = 0 ] && ok "man page names every option and rule, with --explain's text" || bad "man page incomplete"

# 3. bash completion, with the installed staplint as the command.
complete_words() {  # complete_words WORD... : what <TAB> after the last word offers
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _staplint; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$work/prefix/share/bash-completion/completions/staplint" "$st" "$@" | sort | tr '\n' ' '
}
check_completion() {  # check_completion EXPECTED WORD...
  local want=$1; shift
  local got; got=$(complete_words "$@")
  [ "$got" = "$want" ] && ok "completion of '$*': $got" || bad "completion of '$*': got '$got', wanted '$want'"
}
check_completion "--fail-on --fix --fix=all --fix=safe --format " --f
check_completion "sarif " --format s
check_completion "all " --fix=a
check_completion "--root " --ro
check_completion "SL1001 SL1002 SL1003 SL1004 SL1005 SL1006 SL1007 SL1008 SL1009 " --explain SL100
check_completion "stapling-disabled " --disable stapling-dis
check_completion "SL9003,SL1001 " --disable SL9003,SL1001
check_completion "SL1002=error " --severity SL1002=e
# `staplint probe` offers its own options, and the word `probe` first.
check_completion "--format --from " probe --f
check_completion "--sni " probe --sn
check_completion "1.2 1.3 " probe --tls ""
check_completion "probe " pro

# 4. cpack -G DEB
(cd "$build" && "$cpack" -G DEB -B "$work/pkg" > "$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; bad "cpack -G DEB"; }
deb=$(ls "$work"/pkg/staplint_*.deb 2>/dev/null | head -n 1)
if [ -n "$deb" ]; then
  ok "built $(basename "$deb") ($(stat -c %s "$deb") bytes)"
  dpkg-deb -I "$deb" > "$work/info"
  grep -q '^ Package: staplint$' "$work/info" || bad "package name"
  depends=$(sed -n 's/^ Depends: //p' "$work/info")
  echo "     Depends: $depends"
  essential=$(apt-cache show dpkg | sed -n 's/^\(Pre-\)\?Depends: //p' | tr ',' '\n' | sed 's/(.*)//; s/|.*//' | tr -d ' ')
  echo "$depends" | tr ',' '\n' | while read -r dep; do
    pkg=$(echo "$dep" | sed 's/(.*)//; s/|.*//' | tr -d ' ')
    ver=$(echo "$dep" | sed -n 's/.*(>= \(.*\)).*/\1/p')
    have=$(dpkg-query -W -f '${Version}' "$pkg" 2>/dev/null)
    if echo "$essential" | grep -qx "$pkg" && { [ -z "$ver" ] || dpkg --compare-versions "$have" ge "$ver"; }; then
      echo "ok   dependency $dep: dpkg (Essential) needs $pkg, and Debian 12 has $have"
    else
      echo "FAIL dependency $dep is not in every Debian 12"
    fi
  done > "$work/deps"; cat "$work/deps"; grep -q '^FAIL' "$work/deps" && fail=1
  dpkg-deb -c "$deb" > "$work/contents"
  for f in ./usr/bin/staplint ./usr/share/man/man1/staplint.1 ./usr/share/bash-completion/completions/staplint; do
    grep -q " $f\$" "$work/contents" && ok "the .deb holds $f" || bad "the .deb lacks $f"
  done
  # Every shared library the binary needs comes from a package it depends on.
  mkdir -p "$work/x" && dpkg-deb -x "$deb" "$work/x"
  for lib in $(readelf -d "$work/x/usr/bin/staplint" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p'); do
    owner=$(dpkg -S "*/$lib" 2>/dev/null | head -n 1 | cut -d: -f1)
    echo "$depends" | grep -q "\b${owner:-none}\b" && ok "$lib comes from $owner" || bad "$lib (from ${owner:-?}) is not a dependency"
  done
  # As root: run it in a root holding only the .deb and libc6, the one
  # package it depends on: what any Debian 12 has under it.
  if [ "$(id -u)" = 0 ]; then
    jail=$work/jail; mkdir -p "$jail/work"
    dpkg-deb -x "$deb" "$jail"
    dpkg -L libc6 | while read -r f; do [ -f "$f" ] && { mkdir -p "$jail$(dirname "$f")"; cp -a "$f" "$jail$f"; }; done
    # The loader's canonical paths are links (/lib64 -> usr/lib64 and the like) on a merged-/usr system.
    for l in /lib /lib64 /lib32; do [ -L "$l" ] && cp -a "$l" "$jail$l"; done
    cp "$src/samples/nginx/rules/sl1001-fires-no-stapling.conf" "$jail/work/shop.conf"
    chroot "$jail" /usr/bin/staplint --no-config --format gcc /work/shop.conf > "$work/out" 2>&1; rc=$?
    [ $rc = 1 ] && grep -q '\[SL1001\]' "$work/out" \
      && ok "runs in a root of only the .deb and libc6 ($(find "$jail" -type f | wc -l) files): $(head -c 80 "$work/out")" \
      || bad "in a root of only the .deb and libc6: exit $rc: $(cat "$work/out")"
  fi
  # As root: install it, run it with nothing but the package, remove it.
  if [ "$(id -u)" = 0 ] && ! dpkg -s staplint >/dev/null 2>&1; then
    if dpkg -i "$deb" > "$work/dpkg.log" 2>&1; then
      installed=1
      ok "dpkg -i $(basename "$deb")"
      (cd / && env -i PATH=/usr/bin:/bin staplint --version) > "$work/out" 2>&1 && grep -q '^staplint ' "$work/out" \
        && ok "installed staplint runs: $(cat "$work/out")" || bad "installed staplint does not run: $(cat "$work/out")"
      (cd "$src" && env -i PATH=/usr/bin:/bin staplint --no-config --format gcc samples/nginx/rules/sl1001-fires-no-stapling.conf) > "$work/out" 2>&1
      [ $? = 1 ] && grep -q '\[SL1001\]' "$work/out" && ok "installed staplint lints a sample" || bad "installed staplint: $(cat "$work/out")"
      if grep -qs '^path-exclude.*/usr/share/man' /etc/dpkg/dpkg.cfg.d/*; then
        echo "skip man staplint: this system's dpkg excludes /usr/share/man (a slim image)"
      else
        man -w staplint > /dev/null 2>&1 && ok "man staplint finds the page" || bad "man staplint"
      fi
      dpkg -r staplint > /dev/null 2>&1 && installed="" && ok "dpkg -r staplint" || bad "dpkg -r"
    else
      cat "$work/dpkg.log"; bad "dpkg -i"
    fi
  else
    echo "skip install: not root, or a staplint package is already installed"
  fi
else
  bad "no .deb in $work/pkg"
fi
echo "packaging: $([ $fail = 0 ] && echo ok || echo FAILED)"
exit $fail

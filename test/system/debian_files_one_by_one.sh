#!/bin/bash
# What pre-commit does in a repository that keeps /etc: every file of
# Debian's installed nginx, apache2 and tomcat10 configuration named on the
# command line at once. staplint must read each as its server reads it (in
# the tree that includes it, else as a fragment from the tree's conf
# prefix) and leave alone what no dialect of its reads (envvars, magic,
# web.xml, policy files): no input problem (SL0001-SL0005) may come out.
set -u
st=$1
dirs=()
for d in /etc/nginx /etc/apache2 /etc/tomcat10; do [ -d "$d" ] && dirs+=("$d"); done
[ ${#dirs[@]} = 3 ] || { echo "FAIL: needs Debian's nginx, apache2 and tomcat10 installed (found: ${dirs[*]})"; exit 1; }
mapfile -t files < <(find "${dirs[@]}" -type f -readable | sort)
out=$(timeout 120 "$st" --no-config --format gcc --fail-on none "${files[@]}" 2>&1); rc=$?
echo "named ${#files[@]} files; exit $rc"
printf '%s\n' "$out" | sed 's/^/  /'
if [ $rc != 0 ] || printf '%s\n' "$out" | grep -qE '\[SL000[1-5]\]'; then
  echo "debian files one by one: FAILED"; exit 1
fi
echo "debian files one by one: ok"

#!/bin/bash
# --fix and --diff on real files, checked with the real programs: the diff
# must be accepted by `git apply` and `patch -p1`; applying it must give what
# --fix writes, which must equal the samples' goldens; files keep their
# permissions, a symlink stays a symlink, a file with a syntax error is never
# touched, --fix applies only safe fixes and --fix=all the suggested ones too,
# and a second run changes nothing.
#   fix_apply.sh STAPLINT SOURCE_DIR
set -u
st=$(readlink -f "$1"); src=$(readlink -f "$2")
command -v git >/dev/null && command -v patch >/dev/null || { echo "needs git and patch"; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAILED: $1"; fail=1; fi; }

setup() {  # a repository with a few samples, committed
  rm -rf "$1"; mkdir -p "$1"; cd "$1" || exit 1
  cp "$src/samples/nginx/rules/sl1001-fires-no-stapling.conf" shop.conf
  cp "$src/samples/nginx/rules/sl9002-fires-yes.conf" flags.conf
  cp "$src/samples/apache/rules/sl1005-fires-guide-recipe.conf" apache.conf
  cp -r "$src/samples/tomcat/trees/catalina-base-no-setenv" tomcat
  # A syntax error (a missing ';', which SL0001 offers to insert) and a fix
  # elsewhere in the same file: the file must stay as it is.
  printf 'http {\n    server {\n        listen 443 ssl;\n        ssl_stapling yes\n    }\n}\n' > broken.conf
  chmod 640 shop.conf
  ln -s shop.conf shop-link.conf
  git init -q . && git add -A && git -c user.email=t@t -c user.name=t commit -qm samples
}
files=(shop-link.conf flags.conf apache.conf tomcat broken.conf)

# 1. The diff is a patch the real programs accept.
setup "$work/diff"
"$st" --diff --fix=all "${files[@]}" > "$work/all.diff" 2> "$work/diff.err"
check "--diff exits 1 when there is something to change" "[ $? = 1 ]"
check "git apply --check accepts the diff" "git apply --check '$work/all.diff'"
check "patch -p1 --dry-run accepts the diff" "patch -p1 --dry-run -s < '$work/all.diff' >/dev/null"
check "the diff leaves the file with a syntax error alone" "! grep -q 'broken.conf' '$work/all.diff'"
check "the syntax error is named on stderr" "grep -q \"'broken.conf' has a syntax error\" '$work/diff.err'"
git apply "$work/all.diff"

# 2. --fix=all writes the same, and the goldens.
setup "$work/fix"
"$st" --fix=all "${files[@]}" > "$work/fix.out" 2> "$work/fix.err"
check "--fix=all exits 1: the Apache sample keeps a finding without fix" "[ $? = 1 ]"
for f in shop.conf flags.conf apache.conf tomcat/bin/setenv.sh; do
  check "--fix=all and git apply agree on $f" "cmp -s '$work/fix/$f' '$work/diff/$f'"
done
check "shop.conf equals its golden" "cmp -s shop.conf '$src/samples/nginx/rules/sl1001-fires-no-stapling.fixed.conf'"
check "flags.conf equals its golden" "cmp -s flags.conf '$src/samples/nginx/rules/sl9002-fires-yes.fixed.conf'"
check "apache.conf equals its golden" "cmp -s apache.conf '$src/samples/apache/rules/sl1005-fires-guide-recipe.fixed.conf'"
check "the created setenv.sh equals its golden" \
  "cmp -s tomcat/bin/setenv.sh '$src/samples/tomcat/trees/catalina-base-no-setenv.fixed/bin/setenv.sh'"
check "broken.conf is untouched" "git diff --quiet -- broken.conf"
check "shop.conf keeps mode 640" "[ \"\$(stat -c %a shop.conf)\" = 640 ]"
check "the symlink is still a symlink to shop.conf" "[ \"\$(readlink shop-link.conf)\" = shop.conf ]"
check "no temporary file is left" "[ -z \"\$(find . -name '.*staplint-*')\" ]"
check "the report after --fix=all no longer has SL1001 for shop.conf" "! grep -q 'shop.conf.*SL1001' '$work/fix.out'"
"$st" --diff --fix=all "${files[@]}" > "$work/again.diff" 2>/dev/null
check "a second --fix=all would change nothing" "[ ! -s '$work/again.diff' ]"

# 3. --fix alone applies only the safe fixes.
setup "$work/safe"
"$st" --fix "${files[@]}" > /dev/null 2>&1
check "--fix applies the safe SL9002 fix" "cmp -s flags.conf '$src/samples/nginx/rules/sl9002-fires-yes.fixed.conf'"
check "--fix leaves the suggested SL1001 fix" "git diff --quiet -- shop.conf"
check "--fix creates no setenv.sh (a suggested fix)" "[ ! -e tomcat/bin/setenv.sh ]"

# 4. A file that cannot be written keeps its bytes and the exit status says so.
setup "$work/readonly"
if [ "$(id -u)" != 0 ]; then
  chmod 555 .
  "$st" --fix=all flags.conf >/dev/null 2>&1; rc=$?
  chmod 755 .
  check "an unwritable directory gives exit 2" "[ $rc = 2 ]"
  check "and the file is unchanged" "git diff --quiet -- flags.conf"
else
  echo "skip: unwritable directories (root writes anyway)"
fi

echo "fix test: $([ $fail = 0 ] && echo ok || echo FAILED)"
exit $fail

#!/bin/bash
# The pre-commit hook, for real, with Debian's pre-commit: a throwaway git
# repository whose local hook is the one .pre-commit-hooks.yaml ships, an
# nginx tree, a vhost that is good only in the context of the nginx.conf that
# includes it, and a bad one. The transcript is printed for the record.
set -u
st=$1; src=$2
command -v pre-commit >/dev/null || { echo "FAIL: pre-commit is not installed (apt-get install pre-commit)"; exit 1; }
command -v git >/dev/null || { echo "FAIL: git is not installed"; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export HOME=$work/home PRE_COMMIT_HOME=$work/cache GIT_CONFIG_NOSYSTEM=1 NO_COLOR=1
mkdir -p "$HOME" "$work/bin"
ln -s "$(readlink -f "$st")" "$work/bin/staplint"
export PATH=$work/bin:$PATH
fail=0
say() { printf '\n$ %s\n' "$*"; }
run() {  # run NAME EXPECTED_RC CMD... : prints the transcript, checks the exit status
  local name=$1 want=$2; shift 2
  say "$@"
  timeout 120 "$@" > "$work/out" 2>&1; local rc=$?
  sed 's/^/  | /' "$work/out"
  if { [ "$want" = nonzero ] && [ "$rc" = 0 ]; } || { [ "$want" != nonzero ] && [ "$rc" != "$want" ]; }; then
    echo "FAIL $name: exit $rc, wanted $want"; fail=1
  else
    echo "ok   $name (exit $rc)"
  fi
}
contains() { grep -q -- "$2" "$work/out" || { echo "FAIL $1: output lacks '$2'"; fail=1; }; }

repo=$work/repo; mkdir -p "$repo/nginx/sites-enabled"; cd "$repo"
git init -q -b main . && git config user.email ci@example.com && git config user.name CI
# The hook exactly as shipped, as a local hook (pre-commit's `repo: local`).
python3 - "$src/.pre-commit-hooks.yaml" > .pre-commit-config.yaml <<'PY'
import sys, yaml
hooks = yaml.safe_load(open(sys.argv[1]))
print(yaml.safe_dump({"repos": [{"repo": "local", "hooks": hooks}]}, sort_keys=False))
PY
cat > nginx/nginx.conf <<'CONF'
events {}
http {
    # Stapling for every server, once.
    resolver 127.0.0.1;
    ssl_stapling on;
    ssl_stapling_verify on;
    ssl_trusted_certificate /etc/ssl/certs/chain.pem;
    include sites-enabled/*;
}
CONF
git add .pre-commit-config.yaml nginx/nginx.conf && git commit -q -m "nginx tree" --no-verify
run install 0 pre-commit install

# A vhost that is good in its tree (it inherits stapling from http {}).
cat > nginx/sites-enabled/shop <<'CONF'
server {
    listen 443 ssl;
    server_name shop.example.com;
    ssl_certificate /etc/ssl/certs/shop.pem;
    ssl_certificate_key /etc/ssl/private/shop.key;
}
CONF
cp nginx/sites-enabled/shop "$work/shop-alone.conf"
run alone-would-fail 1 staplint --no-config --format gcc "$work/shop-alone.conf"
contains alone-would-fail 'SL1001'
git add nginx/sites-enabled/shop
run commit-good 0 git commit -m "shop vhost"
contains commit-good 'staplint (TLS revocation).*Passed'

# A bad one: it turns stapling off.
cat > nginx/sites-enabled/legacy <<'CONF'
server {
    listen 443 ssl;
    server_name legacy.example.com;
    ssl_certificate /etc/ssl/certs/legacy.pem;
    ssl_certificate_key /etc/ssl/private/legacy.key;
    ssl_stapling off;
}
CONF
git add nginx/sites-enabled/legacy
head=$(git rev-parse HEAD)
run commit-bad nonzero git commit -m "legacy vhost"
contains commit-bad 'staplint (TLS revocation).*Failed'
contains commit-bad "nginx/sites-enabled/legacy:6:5: warning: OCSP stapling is not enabled for TLS server 'legacy.example.com:443' \[SL1001\]"
[ "$(git rev-parse HEAD)" = "$head" ] || { echo "FAIL commit-bad: the commit happened"; fail=1; }

# Fixed, it commits.
sed -i '/ssl_stapling off;/d' nginx/sites-enabled/legacy && git add nginx/sites-enabled/legacy
run commit-fixed 0 git commit -m "legacy vhost, stapled"
[ "$(git rev-parse HEAD)" != "$head" ] || { echo "FAIL commit-fixed: no commit"; fail=1; }

# The shipped hook through pre-commit's own loader (try-repo reads
# .pre-commit-hooks.yaml from the staplint checkout, uncommitted edits too).
if git -C "$src" rev-parse --git-dir >/dev/null 2>&1; then
  printf 'server {\n    listen 443 ssl;\n    ssl_certificate /x.pem;\n    ssl_certificate_key /x.key;\n    ssl_stapling off;\n}\n' > nginx/sites-enabled/api
  run try-repo nonzero pre-commit try-repo "$src" staplint --files nginx/sites-enabled/api nginx/sites-enabled/shop
  contains try-repo 'nginx/sites-enabled/api:5:5: warning: .*\[SL1001\]'
  # shop, named in the same run, is good in its tree (one load of it for both).
  ! grep -q 'sites-enabled/shop' "$work/out" || { echo "FAIL try-repo: shop reported out of its tree"; fail=1; }
else
  echo "skip try-repo: $src is not a git checkout"
fi
echo "pre-commit: $([ $fail = 0 ] && echo ok || echo FAILED)"
exit $fail

# Checks for the command-line tests. The caller sets `work` (a scratch
# directory) and `fail=0`; each check prints `ok` or `FAIL` and sets fail=1.

# check NAME EXPECTED_RC CMD... : runs CMD (60 s at most) into $work/out and $work/err.
check() {
  local name=$1 want=$2; shift 2
  timeout 60 "$@" > "$work/out" 2> "$work/err"; local rc=$?
  if [ "$rc" != "$want" ]; then echo "FAIL $name: exit $rc, wanted $want"; cat "$work/out" "$work/err"; fail=1; else echo "ok   $name"; fi
}
# contains NAME PATTERN : the last check's output matches PATTERN (grep).
contains() { grep -q -- "$2" "$work/out" "$work/err" || { echo "FAIL $1: output lacks '$2'"; cat "$work/out" "$work/err"; fail=1; }; }
# lacks NAME PATTERN : it does not.
lacks() { ! grep -q -- "$2" "$work/out" "$work/err" || { echo "FAIL $1: output has '$2'"; cat "$work/out" "$work/err"; fail=1; }; }

#!/bin/bash
# The build's contract between rules/ and lib/src/checks/: staplint-rulegen
# fails with a clear message for a rule without its check file and for a check
# file without its rule, and the compiler refuses a check that leaves out a
# field its message template names, or sets one the template does not name.
#   rulegen_contract.sh RULEGEN ROOT CXX INCLUDE_DIR...
set -u
rulegen=$1; root=$2; cxx=$3; shift 3
includes=()
for d in "$@"; do includes+=("-I$d"); done
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail=0
. "$(dirname "$0")/lib/checks.sh"

checks=$root/lib/src/checks
mapfile -t rules < <(ls "$root"/rules/*.yaml)
mapfile -t files < <(ls "$checks"/*/SL*.cpp)
# `check` runs a command under `timeout`, so the steps are scripts.
printf '#!/bin/bash\nexec "%s" "%s/catalog.cpp" --headers "%s/gen" --checks "%s" "$@"\n' \
  "$rulegen" "$work" "$work" "$checks" > "$work/gen.sh"
chmod +x "$work/gen.sh"
gen=$work/gen.sh

check matching 0 "$gen" "${files[@]}" "${rules[@]}"
[ -f "$work/gen/rules/nginx/SL1003_stapling_no_resolver.hpp" ] || { echo "FAIL matching: no header"; fail=1; }
grep -q '&checks::nginx::SL1003_stapling_no_resolver::check' "$work/catalog.cpp" \
  || { echo "FAIL matching: the catalog does not bind SL1003's check"; fail=1; }

without=()
for f in "${files[@]}"; do [[ $f == */nginx/SL1003_* ]] || without+=("$f"); done
check rule-without-file 1 "$gen" "${without[@]}" "${rules[@]}"
contains rule-without-file "rules/SL1003-stapling-no-resolver.yaml: no check file lib/src/checks/nginx/SL1003_stapling_no_resolver.cpp for dialect 'nginx'"

check file-without-rule 1 "$gen" "${files[@]}" "$checks/nginx/SL1099_made_up.cpp" "${rules[@]}"
contains file-without-rule "lib/src/checks/nginx/SL1099_made_up.cpp: no rule in rules/ has this check"

check renamed-rule 1 "$gen" "${without[@]}" "$checks/nginx/SL1003_stapling_no_resolvr.cpp" "${rules[@]}"
contains renamed-rule "rule SL1003 is 'stapling-no-resolver'"
contains renamed-rule "its check is lib/src/checks/nginx/SL1003_stapling_no_resolver.cpp"

# Helpers (files not named SLnnnn_*) are no rule's business.
check helper-file 0 "$gen" "${files[@]}" "$checks/nginx/servers_helper.cpp" "${rules[@]}"

# A stale header (a rule that is gone) is removed.
mkdir -p "$work/gen/rules/nginx" && touch "$work/gen/rules/nginx/SL1999_gone.hpp"
check stale-header 0 "$gen" "${files[@]}" "${rules[@]}"
[ ! -e "$work/gen/rules/nginx/SL1999_gone.hpp" ] || { echo "FAIL stale-header: still there"; fail=1; }

# SL1001 for nginx: "... TLS server '{server}'". compile.sh FIELDS compiles a
# check that reports with FIELDS.
{
  echo '#!/bin/bash'
  echo "printf '#include \"rules/nginx/SL1001_stapling_disabled.hpp\"\\nnamespace staplint::checks::nginx {\\nvoid SL1001_stapling_disabled::check(const CheckContext& ctx, Reporter& r) {\\n  (void)ctx;\\n  r.report(kNoFile, {}, %s);\\n}\\n}\\n' \"\$1\" > '$work/check.cpp'"
  printf 'exec "%s" -std=c++20 -fsyntax-only -DFMT_HEADER_ONLY=1 -DSPDLOG_FMT_EXTERNAL -I"%s/gen"' "$cxx" "$work"
  printf ' "%s"' "${includes[@]}"
  printf ' "%s/check.cpp"\n' "$work"
} > "$work/compile.sh"
chmod +x "$work/compile.sh"
compile=$work/compile.sh
check fields-set 0 "$compile" 'Fields{.server = "a"}'
check field-left-out 1 "$compile" 'Fields{}'
contains field-left-out "MessageField"
check field-not-in-template 1 "$compile" 'Fields{.server = "a", .reason = "b"}'
contains field-not-in-template "reason"
check field-misspelt 1 "$compile" 'Fields{.srever = "a"}'
contains field-misspelt "srever"
exit $fail

#!/bin/bash
# The gcc format against its goldens, then every shipped problem matcher's
# regexes (GitHub Actions, VS Code) against every golden line: each line is
# matched by exactly one pattern, which captures the file, line, column,
# severity, message and rule as written. VS Code's built-in $gcc is run too:
# it reads errors and warnings but not notes, which is why staplint ships its
# own. STAPLINT_UPDATE_GOLDEN=1 rewrites the goldens.
set -u
st=$1; root=$2
cd "$root" || exit 1
fail=0
# golden name: the samples it lints (paths relative to the repository)
declare -A cases=(
  [nginx]="samples/nginx/rules/sl1001-fires-no-stapling.conf samples/nginx/realworld/sl0007-fires-mixed-dialect-snippet.conf samples/nginx/trees/sites"
  [apache]="samples/apache/rules/sl1005-fires-guide-recipe.conf samples/apache/rules/sl2001-fires-per-location.conf"
  [tomcat]="samples/tomcat/server-sl2001-fires-mtls-no-revocation.xml samples/tomcat/trees/sl1104-fires-debian-guide-recipe"
  [jvm]="samples/jvm/setenv-typo.sh samples/jvm/setenv-guide-bare-line.bat samples/jvm/setenv-conditional.sh"
)
for name in nginx apache tomcat jvm; do
  golden=test/golden/gcc/$name.gcc
  # shellcheck disable=SC2086
  "$st" --no-config --format gcc --fail-on none ${cases[$name]} > "$golden.out" 2>/dev/null
  if [ "${STAPLINT_UPDATE_GOLDEN:-}" = 1 ]; then cp "$golden.out" "$golden"; fi
  if diff -u "$golden" "$golden.out"; then echo "ok   golden $name ($(wc -l < "$golden") lines)"; else echo "FAIL golden $name"; fail=1; fi
  rm -f "$golden.out"
done
python3 - "$root" <<'PY' || fail=1
import json, re, sys, pathlib
root = pathlib.Path(sys.argv[1])
lines = []
for g in sorted((root / "test/golden/gcc").glob("*.gcc")):
    lines += [l for l in g.read_text().splitlines() if l]
# What each line says, read without any matcher: path:line:col: severity: message [SLnnnn]
truth = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|note): (?P<msg>.*) \[(?P<code>SL\d{4})\]$")
sev_of = {"error": "error", "warning": "warning", "note": None}  # None: the matcher's default
def patterns(path):
    doc = json.loads(path.read_text())
    if "tasks" in doc:  # VS Code: tasks[].problemMatcher[], pattern an object
        for t in doc["tasks"]:
            for m in t["problemMatcher"]:
                yield path.name, m.get("severity"), m["pattern"]
    else:               # GitHub: problemMatcher[].pattern[]
        for m in doc["problemMatcher"]:
            assert len(m["pattern"]) == 1, "single-line matchers only"
            yield path.name, m.get("severity"), m["pattern"][0]
failed = 0
matchers = sorted((root / "tools/problem-matchers").glob("*.json"))
assert [m.name for m in matchers] == ["github.json", "vscode-tasks.json"], matchers
for mfile in matchers:
    before = failed
    pats = list(patterns(mfile))
    for line in lines:
        want = truth.match(line)
        assert want, f"golden line is not gcc style: {line}"
        hits = [(d, p, re.match(p["regexp"], line)) for _, d, p in pats]
        hits = [h for h in hits if h[2]]
        if len(hits) != 1:
            print(f"FAIL {mfile.name}: {len(hits)} patterns match: {line}"); failed += 1; continue
        default, p, m = hits[0]
        got = {k: m.group(p[k]) for k in ("file", "line", "column", "message", "code")}
        sev = m.group(p["severity"]) if "severity" in p else default
        exp_sev = want["sev"] if want["sev"] != "note" else ("info" if "vscode" in mfile.name else "warning")
        if (got["file"], got["line"], got["column"], got["message"], got["code"], sev) != (
                want["file"], want["line"], want["col"], want["msg"], want["code"], exp_sev):
            print(f"FAIL {mfile.name}: {line}\n  captured {got} severity {sev}"); failed += 1
        if not (root / got["file"]).exists():
            print(f"FAIL {mfile.name}: captured file {got['file']} does not exist"); failed += 1
    if failed == before:
        print(f"ok   {mfile.name}: {len(lines)} golden lines, each matched once, captures as written")
# VS Code's built-in $gcc (its regexp as VS Code ships it): errors and warnings only.
gcc = re.compile(r"^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error):\s+(.*)$")
notes = [l for l in lines if truth.match(l)["sev"] == "note"]
others = [l for l in lines if truth.match(l)["sev"] != "note"]
if not notes or not all(gcc.match(l) for l in others) or any(gcc.match(l) for l in notes):
    print("FAIL $gcc: expected to read every error and warning line and no note line"); failed += 1
else:
    print(f"ok   $gcc reads the {len(others)} error and warning lines, not the {len(notes)} notes")
sys.exit(1 if failed else 0)
PY
echo "problem matchers: $([ $fail = 0 ] && echo ok || echo FAILED)"
exit $fail

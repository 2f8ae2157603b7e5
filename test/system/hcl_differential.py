#!/usr/bin/env python3
"""HCL differential (issue 19): staplint's HCL grammar against HashiCorp's own
parser, as packaged by the npm package @cdktf/hcl2json (pinned by
.ci/install-deps.sh in /opt/staplint-npm, or STAPLINT_NPM_PREFIX).

Over every .tf file under samples/ and every input kept in
test/fuzz/corpus/hcl/, the two must agree
  - on what is valid (both parse it, or both refuse it), and
  - on its structure: the same blocks (type and labels, in order) and the
    same attribute names in every body.
Values are not compared: staplint keeps expressions as text.

Prints the agreement figure and each disagreement; exits 1 on any, 77 when
node or the package is missing (unless STAPLINT_REQUIRE_RENDERERS=1).

  hcl_differential.py STAPLINT_HCL_STRUCTURE SOURCE_DIR
"""
import json
import os
import shutil
import subprocess
import sys


def skip(why):
    if os.environ.get("STAPLINT_REQUIRE_RENDERERS") == "1":
        print(f"FAIL: {why} (STAPLINT_REQUIRE_RENDERERS=1)")
        sys.exit(1)
    print(f"SKIP: {why}")
    sys.exit(77)


def same(ours, theirs, where):
    """ours: staplint's skeleton; theirs: hcl2json's JSON. None when they agree,
    else where they part."""
    if isinstance(ours, str):  # an attribute: any value
        return None
    if isinstance(ours, list):  # bodies of a block
        if not isinstance(theirs, list) or len(theirs) != len(ours):
            return f"{where}: {len(ours)} block(s) here, hcl2json has {json.dumps(theirs)[:80]}"
        for i, (o, t) in enumerate(zip(ours, theirs)):
            if not isinstance(t, dict):
                return f"{where}[{i}]: a block body, hcl2json has {json.dumps(t)[:80]}"
            d = same_body(o, t, f"{where}[{i}]")
            if d:
                return d
        return None
    # labels
    if not isinstance(theirs, dict) or set(theirs) != set(ours):
        return f"{where}: labels {sorted(ours)}, hcl2json has {json.dumps(theirs)[:80]}"
    for k in ours:
        d = same(ours[k], theirs[k], f"{where}.{k}")
        if d:
            return d
    return None


def same_body(ours, theirs, where):
    if set(ours) != set(theirs):
        return f"{where}: names {sorted(ours)} against hcl2json's {sorted(theirs)}"
    for k in ours:
        d = same(ours[k], theirs[k], f"{where}.{k}")
        if d:
            return d
    return None


def main():
    structure, source = sys.argv[1], sys.argv[2]
    prefix = os.environ.get("STAPLINT_NPM_PREFIX", "/opt/staplint-npm")
    modules = os.path.join(prefix, "node_modules")
    if not shutil.which("node"):
        skip("node is not installed")
    if not os.path.isdir(os.path.join(modules, "@cdktf", "hcl2json")):
        skip(f"@cdktf/hcl2json is not installed in {prefix}")
    files = []
    for root, _, names in os.walk(os.path.join(source, "samples")):
        files += [os.path.join(root, n) for n in names if n.endswith(".tf")]
    corpus = os.path.join(source, "test", "fuzz", "corpus", "hcl")
    if os.path.isdir(corpus):
        files += [os.path.join(corpus, n) for n in os.listdir(corpus)]
    files.sort()
    env = dict(os.environ, NODE_PATH=modules)
    out = subprocess.run(["node", os.path.join(source, "test", "system", "hcl2json.js"), *files],
                         env=env, capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        print(out.stderr)
        sys.exit(1)
    theirs = {}
    for line in out.stdout.splitlines():
        r = json.loads(line)
        theirs[r["file"]] = r
    agree, valid_both, invalid_both, converted_not = 0, 0, 0, 0
    problems = []
    for f in files:
        ours_text = subprocess.run([structure, f], capture_output=True, text=True, timeout=60,
                                   errors="replace").stdout.strip()
        ours_ok = not ours_text.startswith("ERROR")
        t = theirs.get(f, {"ok": False, "error": "no answer"})
        rel = os.path.relpath(f, source)
        if not t["ok"] and "convert to HCL" in t["error"]:
            # HCL parsed it; hcl2json's own conversion evaluates constant
            # expressions and failed (`!1`: a type error Terraform reports at
            # validate, not a syntax error). Only validity can be compared.
            if ours_ok:
                converted_not += 1
                agree += 1
                continue
            t = {"ok": True, "json": None}
        if ours_ok != t["ok"]:
            problems.append(f"{rel}: staplint {'accepts' if ours_ok else 'refuses (' + ours_text + ')'}, "
                            f"hcl2json {'accepts' if t['ok'] else 'refuses (' + t['error'] + ')'}")
            continue
        if not ours_ok:
            invalid_both += 1
            agree += 1
            continue
        if t["json"] is None:
            problems.append(f"{rel}: staplint refuses ({ours_text}), HCL parses it (hcl2json failed converting it)")
            continue
        d = same_body(json.loads(ours_text), t["json"], "")
        if d:
            problems.append(f"{rel}: structure differs at {d}")
            continue
        valid_both += 1
        agree += 1
    for p in problems:
        print("DISAGREE", p)
    print(f"hcl2json agreement: {agree} of {len(files)} inputs "
          f"({valid_both} valid with the same blocks and attributes, {invalid_both} refused by both, "
          f"{converted_not} valid to both whose values hcl2json could not convert)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()

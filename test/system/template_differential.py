#!/usr/bin/env python3
"""Templates against their renderings (issue 17).

For each template sample, and for each of two assignments of its variables
(conditions hold, or conditions fail), the template is rendered by its own
engine and staplint lints both. Every finding on the rendered file must be
among the template's findings (the same rule at the template line the
rendered line comes from), where the template's findings may be marked
conditional. Exempt: a rendered finding on a line that holds an expression
staplint does not know the value of (its value is for rendering alone to
know). Prints one row per template and assignment, and the totals.

  --engine jinja2 (the default): every samples/templates/**/*.j2, rendered
    with python3-jinja2 as Ansible renders (trim_blocks, the role's
    defaults/main.yml then vars/main.yml read by PyYAML).
  --engine go: every Go-template sample (*.tmpl, *.gotmpl, *.tpl, and the
    configuration files in a Helm chart's templates/), rendered by Go's
    text/template through test/system/gotemplate/render.go, which the test
    builds with Debian's golang-go (offline, standard library only), with
    the chart's values.yaml read as Helm reads it (YAML 1.1, as PyYAML).
    Exits 77 (skipped) without `go`, but fails instead where
    STAPLINT_REQUIRE_RENDERERS is set (.ci/test.sh sets it).

    template_differential.py STAPLINT SOURCE_DIR [--engine jinja2|go]
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import jinja2
import jinja2.meta
import yaml

# Differences known and not yet closed, each (template, assignment, rule,
# template line): the test fails on any other, and on one of these that no
# longer happens (then remove it here). None at present.
KNOWN = set()

EXPR = re.compile(r"\{\{.*?\}\}")
TAG = re.compile(r"\{%.*?%\}|\{#.*?#\}", re.S)


class Falsy(str):
    """A value that renders as its text but fails `{% if %}`."""

    def __bool__(self):
        return False


def lint(staplint, path, cwd):
    r = subprocess.run([staplint, "--format", "json", "--no-config", "--no-certificates", path], cwd=cwd,
                       capture_output=True, timeout=120)
    if r.returncode not in (0, 1):
        raise RuntimeError(f"staplint exit {r.returncode} on {path}: {r.stderr.decode()[:300]}")
    return json.loads(r.stdout)["findings"]


def role_values(template):
    """An Ansible role's defaults then vars, as Ansible reads them (PyYAML)."""
    parts = template.split(os.sep)
    if "templates" not in parts:
        return {}
    role = os.sep.join(parts[:len(parts) - 1 - parts[::-1].index("templates")])
    values = {}
    for f in ("defaults/main.yml", "vars/main.yml"):
        p = os.path.join(role, f)
        if os.path.exists(p):
            with open(p, encoding="utf-8") as fh:
                values.update(yaml.safe_load(fh) or {})
    return values


def line_patterns(template_text, split=None):
    """Per template line: a regex its rendered lines match (expressions as
    anything, tags and comments removed), or None for a line of markup only;
    a line of expressions only is the string "expr" (it stands for any
    text, so a rendered line maps to it only when no other line fits)."""
    split = split or jinja_split
    out = []
    for line in template_text.split("\n"):
        pieces, has_expr = split(line)
        stripped = "".join(pieces).strip()
        if not stripped:
            out.append("expr" if has_expr else None)
            continue
        pieces = [pieces[0].lstrip()] + pieces[1:]
        pieces[-1] = pieces[-1].rstrip()
        out.append(re.compile(r"\s*" + ".*?".join(re.escape(p) for p in pieces) + r"\s*"))
    return out


def jinja_split(line):
    """A Jinja2 line's literal pieces between its expressions, with its tags
    and comments removed; and whether it has an expression."""
    stripped = TAG.sub("", line).strip()
    return EXPR.split(stripped), bool(EXPR.search(stripped))


def map_lines(patterns, rendered_text):
    """Rendered line number -> template line number (1-based), in order;
    loops may go back. A rendered line that no line of text fits maps to the
    next line that is expressions only (what that expression rendered)."""
    mapping = {}
    last = 0
    for i, line in enumerate(rendered_text.split("\n"), 1):
        if not line.strip():
            continue
        found = None
        for start in (last, 0):
            for j in range(start, len(patterns)):
                if patterns[j] not in (None, "expr") and patterns[j].fullmatch(line):
                    found = j
                    break
            if found is not None:
                break
        if found is None:
            found = next((j for j in range(last, len(patterns)) if patterns[j] == "expr"), None)
        if found is not None:
            mapping[i] = found + 1
            last = found
    return mapping


def unknown_lines(template_text, known):
    """Template lines holding an expression whose value staplint is not given."""
    lines = set()
    for n, line in enumerate(template_text.split("\n"), 1):
        for m in EXPR.finditer(line):
            body = m.group(0)[2:-2].strip("-+ \t")
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*", body) or body not in known:
                lines.add(n)
    return lines


def plain_known(values):
    """The role's values staplint reads: plain scalars of one word."""
    known = {}
    def walk(prefix, v):
        if isinstance(v, dict):
            for k, x in v.items():
                walk(prefix + str(k) + ".", x)
        elif isinstance(v, (str, int, bool)) and "{{" not in str(v) and "{%" not in str(v):
            known[prefix[:-1]] = v
    walk("", values)
    return known


# Go templates ---------------------------------------------------------------

GO_ACTION = re.compile(r"\{\{(-?)(.*?)(-?)\}\}", re.S)
GO_CONTROL = ("if", "else", "end", "range", "with", "define", "block", "template", "break", "continue")
GO_VALUES = re.compile(r"(?<![\w$])(\$?)\.Values((?:\.[A-Za-z_]\w*)+)")
FREE, FREE_SNIPPET = "\0free", "\0free-snippet"

# What a Go sample is rendered with beyond its chart's .Values: the root the
# program that renders it passes (docker-gen's containers; an ingress
# controller's servers). FREE marks a variable the assignment sets.
GO_SCENARIOS = {
    "samples/templates/docker-gen-nginx.tmpl": {
        "kind": "docker-gen",
        "root": {"Containers": [{"ID": "c1", "Env": {"VIRTUAL_HOST": FREE}}],
                 "Docker": {"CurrentContainerID": "c1"}},
    },
    "samples/templates/trees/ingress-controller/templates/nginx.tmpl": {
        "kind": "helm",
        # Inside range the dot is a server: its own .Values (a key of the
        # server here, to show that it is not the chart's) renders.
        "root": {"Servers": [{"Hostname": FREE, "SSLCert": {"PemFileName": FREE}, "ServerSnippet": FREE_SNIPPET,
                              "Values": {"controller": {"config": {"resolver": FREE}}}}]},
    },
}


def go_body(m):
    return m.group(2).strip()


def go_is_output(body):
    """Whether a Go action writes text: not a comment, a control word or a
    variable's declaration."""
    if body.startswith("/*"):
        return False
    word = re.match(r"[A-Za-z_]\w*", body)
    if word and word.group(0) in GO_CONTROL:
        return False
    return not re.match(r"\$\w*\s*:?=", body)


def go_split(line):
    pieces, has_expr, pos, literal = [], False, 0, ""
    for m in GO_ACTION.finditer(line):
        literal += line[pos:m.start()]
        pos = m.end()
        if go_is_output(go_body(m)):
            pieces.append(literal)
            literal = ""
            has_expr = True
    pieces.append(literal + line[pos:])
    return pieces, has_expr


def go_templates(src):
    found = []
    for root, _, files in os.walk(os.path.join(src, "samples", "templates")):
        chart = os.path.basename(root) == "templates" and os.path.exists(os.path.join(root, "..", "Chart.yaml"))
        for f in files:
            if ".fixed." in f:
                continue
            if f.endswith((".tmpl", ".gotmpl", ".tpl")) or (chart and not f.endswith((".yaml", ".yml", ".json",
                                                                                           ".txt"))):
                found.append(os.path.join(root, f))
    return sorted(found)


def chart_values(template):
    """A Helm chart's values.yaml, where the template is in its templates/."""
    d = os.path.dirname(template)
    if os.path.basename(d) != "templates" or not os.path.exists(os.path.join(d, "..", "Chart.yaml")):
        return None
    p = os.path.join(d, "..", "values.yaml")
    if not os.path.exists(p):
        return {}
    with open(p, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def go_values_refs(text):
    """The .Values paths the template reads at the chart's root (not inside
    range or with, where the dot is something else; $.Values anywhere), and
    per path whether every output of it stands alone on a line."""
    refs, alone, stack = {}, {}, []
    lines = text.split("\n")
    for m in GO_ACTION.finditer(text):
        body = go_body(m)
        word = re.match(r"[A-Za-z_]\w*", body)
        word = word.group(0) if word else ""
        if word == "end":
            if stack:
                stack.pop()
            continue
        rebound = "rebind" in stack
        for v in GO_VALUES.finditer(body):
            if v.group(1) or not rebound:
                path = v.group(2)[1:]
                refs.setdefault(path, True)
                if go_is_output(body):
                    n = text.count("\n", 0, m.start())
                    pieces, _ = go_split(lines[n])
                    refs[path] = refs[path] and not "".join(pieces).strip()
        if word in ("range", "with"):
            stack.append("rebind")
        elif word in ("if", "define", "block"):
            stack.append("keep")
    return refs


def go_unknown_lines(text, known):
    """Template lines holding an output action whose value staplint is not
    given: anything but .Values.x at the chart's root or $.Values.x, with a
    plain value in values.yaml."""
    lines, stack = set(), []
    for m in GO_ACTION.finditer(text):
        body = go_body(m)
        word = re.match(r"[A-Za-z_]\w*", body)
        word = word.group(0) if word else ""
        if word == "end":
            if stack:
                stack.pop()
            continue
        if word in ("range", "with"):
            stack.append("rebind")
        elif word in ("if", "define", "block"):
            stack.append("keep")
        if not go_is_output(body):
            continue
        v = re.fullmatch(r"(\$?)\.Values((?:\.[A-Za-z_]\w*)+)", body)
        if not (v and (v.group(1) or "rebind" not in stack) and v.group(2)[1:] in known):
            first = text.count("\n", 0, m.start()) + 1
            lines.update(range(first, first + m.group(0).count("\n") + 1))
    return lines


def set_path(tree, path, value):
    """tree[a][b][c] = value for path a.b.c, where nothing there is set
    (a value already given, or a scalar on the way, is left alone)."""
    keys = path.split(".")
    for k in keys[:-1]:
        nxt = tree.setdefault(k, {})
        if not isinstance(nxt, dict):
            return
        tree = nxt
    tree.setdefault(keys[-1], value)


def build_go_renderer(src, work):
    go = shutil.which("go")
    if not go:
        return None
    env = dict(os.environ, GOCACHE=os.path.join(work, "cache"), GOPATH=os.path.join(work, "gopath"), GOPROXY="off",
               GO111MODULE="off", GOFLAGS="", CGO_ENABLED="0")
    out = os.path.join(work, "render")
    subprocess.run([go, "build", "-o", out, os.path.join(src, "test", "system", "gotemplate", "render.go")],
                   env=env, check=True, timeout=600)
    return out


def go_cases(src, renderer):
    """(template, text, patterns, unknown lines, {assignment: rendered}) per Go sample."""
    for t in go_templates(src):
        rel = os.path.relpath(t, src)
        with open(t, encoding="utf-8") as fh:
            text = fh.read()
        values = chart_values(t)
        scenario = GO_SCENARIOS.get(rel)
        if scenario is None and values is None:
            raise RuntimeError(f"{rel}: a Go template outside a Helm chart needs its data in GO_SCENARIOS")
        data = json.loads(json.dumps(scenario or {"kind": "helm", "root": {}}))
        known = plain_known(values or {})
        if values is not None:
            tree = json.loads(json.dumps(values, default=str))
            for path, alone in go_values_refs(text).items():
                set_path(tree, path, FREE_SNIPPET if alone else FREE)
            data["root"]["Values"] = tree
        rendered = {}
        for label in ("true", "false"):
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
                json.dump(data, fh)
            try:
                r = subprocess.run([renderer, t, fh.name, label], capture_output=True, timeout=60)
            finally:
                os.unlink(fh.name)
            if r.returncode != 0:
                raise RuntimeError(f"{rel}: rendering failed: {r.stderr.decode()[:300]}")
            rendered[label] = r.stdout.decode()
        yield t, text, line_patterns(text, go_split), go_unknown_lines(text, known), rendered


def go_rendered_name(template, top):
    """Where the rendered file goes in the copy: in a folder of its own at
    the copy's top (outside any templates/ folder, so that it is read as
    plain configuration), under the name it is mounted as."""
    base = os.path.basename(template)
    for ext in (".tmpl", ".gotmpl", ".tpl"):
        if base.endswith(ext):
            base = base[:-len(ext)]
    if not base.endswith((".conf", ".xml")):
        base += ".conf"
    return os.path.join("rendered", base)


# Jinja2 -------------------------------------------------------------------

def jinja_cases(src):
    templates = []
    for root, _, files in os.walk(os.path.join(src, "samples", "templates")):
        for f in sorted(files):
            if f.endswith(".j2") and ".fixed." not in f:
                templates.append(os.path.join(root, f))
    for t in sorted(templates):
        with open(t, encoding="utf-8") as fh:
            text = fh.read()
        env = jinja2.Environment(trim_blocks=True, keep_trailing_newline=True, undefined=jinja2.ChainableUndefined)
        # Ansible's own filters the samples use, as Ansible defines them.
        env.filters["comment"] = lambda s, *a, **k: "\n".join("# " + line for line in str(s).split("\n"))
        env.filters["bool"] = lambda v: str(v).lower() in ("1", "true", "yes", "on")
        env.filters["mandatory"] = lambda v, *a: v
        names = jinja2.meta.find_undeclared_variables(env.parse(text))
        role = role_values(t)
        known = plain_known(role)
        # A role value that is itself a template is computed (Ansible renders
        # it in turn): staplint leaves it unknown, and the assignment sets it.
        computed = {k for k, v in role.items() if isinstance(v, str) and ("{{" in v or "{%" in v)}
        free = sorted(n for n in names if n not in role or n in computed)
        assignments = {
            # Conditions hold; values are a word every place takes (a port,
            # a name, a path component).
            "true": {n: "443" for n in free},
            # Conditions fail; values render the same word.
            "false": {n: Falsy("443") for n in free},
        }
        rendered = {}
        for label, free_values in assignments.items():
            values = dict(role)
            values.update(free_values)
            rendered[label] = env.from_string(text).render(**values)
        yield t, text, line_patterns(text), unknown_lines(text, known), rendered


def main():
    args = sys.argv[1:]
    engine = "jinja2"
    if "--engine" in args:
        i = args.index("--engine")
        engine = args[i + 1]
        del args[i:i + 2]
    staplint, src = os.path.abspath(args[0]), os.path.abspath(args[1])
    scratch = tempfile.mkdtemp(prefix="staplint-tdiff-build-")
    try:
        if engine == "go":
            renderer = build_go_renderer(src, scratch)
            if renderer is None:
                print("go is not installed (Debian's golang-go): the Go render differential cannot run")
                return 1 if os.environ.get("STAPLINT_REQUIRE_RENDERERS") else 77
            cases = list(go_cases(src, renderer))
        else:
            cases = list(jinja_cases(src))
        return compare(staplint, src, engine, cases)
    finally:
        shutil.rmtree(scratch)


def compare(staplint, src, engine, cases):
    total = {"rendered": 0, "matched": 0, "conditional": 0, "exempt": 0, "unmapped": 0, "missing": 0}
    failures = []
    seen_known = set()
    print(f"{'template':62} {'assignment':10} {'rendered':>8} {'matched':>7} {'cond.':>5} {'exempt':>6} "
          f"{'unmapped':>8} {'missing':>7}")
    for t, text, patterns, unknown, renderings in cases:
        rel = os.path.relpath(t, src)
        for label, rendered in renderings.items():
            work = tempfile.mkdtemp(prefix="staplint-tdiff-")
            try:
                # The sample's directory (a tree's whole, with its role files),
                # so that relative paths resolve alike.
                parts = rel.split(os.sep)
                top = os.path.join(src, *parts[:4]) if parts[2] == "trees" else os.path.dirname(t)
                copy = os.path.join(work, "s")
                shutil.copytree(top, copy)
                name = os.path.relpath(t, top)
                # Jinja2: beside the template, as Ansible's template module
                # writes it; Go: see go_rendered_name.
                rendered_name = name[:-3] if engine == "jinja2" else go_rendered_name(t, top)
                os.makedirs(os.path.dirname(os.path.join(copy, rendered_name)), exist_ok=True)
                with open(os.path.join(copy, rendered_name), "w", encoding="utf-8") as fh:
                    fh.write(rendered)
                on_template = lint(staplint, name, copy)
                on_rendered = [f for f in lint(staplint, rendered_name, copy) if f["path"] == rendered_name]
            finally:
                shutil.rmtree(work)
            mapping = map_lines(patterns, rendered)
            have = {}
            for f in on_template:
                if f["path"] == name:  # as named, relative to the copy
                    have.setdefault((f["rule"], f["line"]), []).append(f)
            row = {"rendered": len(on_rendered), "matched": 0, "conditional": 0, "exempt": 0, "unmapped": 0,
                   "missing": 0}
            for f in on_rendered:
                line = mapping.get(f["line"])
                if line is None:
                    row["unmapped"] += 1
                    failures.append(f"{rel} [{label}]: {f['rule']} at rendered line {f['line']} maps to no template line")
                elif line in unknown:
                    row["exempt"] += 1
                    if os.environ.get("VERBOSE"):
                        print(f"  exempt: {f['rule']} at template line {line}: {f['message']}")
                elif (f["rule"], line) in have:
                    row["matched"] += 1
                    if all(x["conditional"] for x in have[(f["rule"], line)]):
                        row["conditional"] += 1
                else:
                    row["missing"] += 1
                    if (rel, label, f["rule"], line) in KNOWN:
                        seen_known.add((rel, label, f["rule"], line))
                        continue
                    failures.append(f"{rel} [{label}]: {f['rule']} on the rendered file at template line {line} "
                                    f"({f['message']}) is not among the template's findings")
            for k in total:
                total[k] += row[k]
            print(f"{rel:62} {label:10} {row['rendered']:>8} {row['matched']:>7} {row['conditional']:>5} "
                  f"{row['exempt']:>6} {row['unmapped']:>8} {row['missing']:>7}")
    print(f"{'total':73} {total['rendered']:>8} {total['matched']:>7} {total['conditional']:>5} "
          f"{total['exempt']:>6} {total['unmapped']:>8} {total['missing']:>7}")
    for k in sorted(KNOWN - seen_known):
        if k[0].endswith(".j2") == (engine == "jinja2"):
            failures.append(f"{k[0]} [{k[1]}]: the known difference {k[2]} at template line {k[3]} no longer "
                            "happens: remove it from KNOWN")
    for k in sorted(seen_known):
        print(f"known: {k[0]} [{k[1]}]: {k[2]} at template line {k[3]} (see KNOWN)")
    for f in failures:
        print("FAIL " + f)
    renderings = sum(len(c[4]) for c in cases)
    print(f"{engine}: {len(cases)} templates, {renderings} renderings: "
          f"{str(len(failures)) + ' differences' if failures else 'the template finds what each rendering has'}"
          f"{', but for ' + str(len(seen_known)) + ' known' if seen_known else ''}")
    if not cases:
        print(f"FAIL no {engine} sample found")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

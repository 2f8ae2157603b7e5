#!/usr/bin/env python3
"""Jinja2 templates against their renderings (issue 17).

For each Jinja2 sample (samples/templates/**/*.j2), and for each of a few
assignments of its variables, the template is rendered with python3-jinja2
(as Ansible renders: trim_blocks, the role's defaults/main.yml then
vars/main.yml read by PyYAML), and staplint lints both. Every finding on the
rendered file must be among the template's findings (the same rule at the
template line the rendered line comes from), where the template's findings
may be marked conditional. Exempt: a rendered finding on a line that holds an
expression staplint does not know the value of (its value is for rendering
alone to know). Prints one row per template and assignment, and the totals.

    template_differential.py STAPLINT SOURCE_DIR
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


def line_patterns(template_text):
    """Per template line: a regex its rendered lines match (expressions as
    anything, tags and comments removed), or None for a line of markup only
    or of expressions only."""
    out = []
    for line in template_text.split("\n"):
        stripped = TAG.sub("", line).strip()
        if not stripped or not EXPR.sub("", stripped).strip():
            # Markup only, or an expression alone (it stands for any text).
            out.append(None)
            continue
        pieces = EXPR.split(stripped)
        out.append(re.compile(r"\s*" + ".*?".join(re.escape(p) for p in pieces) + r"\s*"))
    return out


def map_lines(patterns, rendered_text):
    """Rendered line number -> template line number (1-based), in order;
    loops may go back."""
    mapping = {}
    last = 0
    for i, line in enumerate(rendered_text.split("\n"), 1):
        if not line.strip():
            continue
        found = None
        for start in (last, 0):
            for j in range(start, len(patterns)):
                if patterns[j] is not None and patterns[j].fullmatch(line):
                    found = j
                    break
            if found is not None:
                break
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


def main():
    staplint, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    templates = []
    for root, _, files in os.walk(os.path.join(src, "samples", "templates")):
        for f in sorted(files):
            if f.endswith(".j2") and ".fixed." not in f:
                templates.append(os.path.join(root, f))
    templates.sort()
    total = {"rendered": 0, "matched": 0, "conditional": 0, "exempt": 0, "unmapped": 0, "missing": 0}
    failures = []
    seen_known = set()
    print(f"{'template':52} {'assignment':10} {'rendered':>8} {'matched':>7} {'cond.':>5} {'exempt':>6} "
          f"{'unmapped':>8} {'missing':>7}")
    for t in templates:
        rel = os.path.relpath(t, src)
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
        patterns = line_patterns(text)
        unknown = unknown_lines(text, known)
        for label, free_values in assignments.items():
            work = tempfile.mkdtemp(prefix="staplint-tdiff-")
            try:
                # The sample's directory (a tree's whole, with its role files),
                # so that relative paths resolve alike.
                parts = os.path.relpath(t, src).split(os.sep)
                top = os.path.join(src, *parts[:4]) if parts[2] == "trees" else os.path.dirname(t)
                copy = os.path.join(work, "s")
                shutil.copytree(top, copy)
                name = os.path.relpath(t, top)
                values = dict(role)
                values.update(free_values)
                rendered = env.from_string(text).render(**values)
                rendered_name = name[:-3]  # beside the template
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
            print(f"{rel:52} {label:10} {row['rendered']:>8} {row['matched']:>7} {row['conditional']:>5} "
                  f"{row['exempt']:>6} {row['unmapped']:>8} {row['missing']:>7}")
    print(f"{'total':63} {total['rendered']:>8} {total['matched']:>7} {total['conditional']:>5} "
          f"{total['exempt']:>6} {total['unmapped']:>8} {total['missing']:>7}")
    for k in sorted(KNOWN - seen_known):
        failures.append(f"{k[0]} [{k[1]}]: the known difference {k[2]} at template line {k[3]} no longer happens: "
                        "remove it from KNOWN")
    for k in sorted(seen_known):
        print(f"known: {k[0]} [{k[1]}]: {k[2]} at template line {k[3]} (see KNOWN)")
    for f in failures:
        print("FAIL " + f)
    print(f"{len(templates)} templates, {2 * len(templates)} renderings: "
          f"{str(len(failures)) + ' differences' if failures else 'the template finds what each rendering has'}"
          f"{', but for ' + str(len(seen_known)) + ' known' if seen_known else ''}")
    if not templates:
        print("FAIL no Jinja2 sample found")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

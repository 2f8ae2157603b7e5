#!/usr/bin/env python3
"""The real-world corpus test: staplint on configuration other people wrote.

Reads ../shared/corpus (next to the repository) when it exists; skips (exit 77,
ctest's SKIP_RETURN_CODE) with a message when it does not: a user's clone has
no ../shared. Nothing from that folder is copied into the repository.

staplint runs on every file there, named alone as pre-commit names files, and
on every server tree (each nginx.conf, apache2.conf and httpd.conf entry).
Each error-level finding is then sorted:

- confirmed: the real server refuses the configuration at that file and line
  (`nginx -t`, `apache2 -t`; a fragment is wrapped in a minimal main
  configuration, with its tree's prefix or ServerRoot). The server stops at
  its first error, so each error it reports is commented out in a scratch
  copy and the server asked again, until it accepts, up to a bound;
- unconfirmed: the server accepts the configuration once every earlier error
  is out of the way, or never reports that line. This fails the test;
- no judge: Tomcat and JVM files have no `-t`; any error there fails too.

A crash (a signal, an exit status other than 0, 1 or 2, or nothing printed
where findings were due) fails the test. The counts are printed.

usage: real_corpus.py STAPLINT REPO_ROOT
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict

STAPLINT, ROOT = sys.argv[1], os.path.abspath(sys.argv[2])
CORPUS = os.path.normpath(os.path.join(ROOT, "..", "shared", "corpus"))
if not os.path.isdir(CORPUS):
    print(f"skip: no corpus at {CORPUS} (it sits beside the repository in the development workspace)")
    sys.exit(77)
for tool in ("nginx", "apache2", "openssl"):
    if not shutil.which(tool) and not os.path.exists(f"/usr/sbin/{tool}"):
        print(f"{tool} is not installed")
        sys.exit(1)

GCC = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|note): (?P<msg>.*) \[(?P<rule>SL\d{4})\]$")
MODS = "/usr/lib/apache2/modules"
work = tempfile.mkdtemp(prefix="staplint-corpus-")
subprocess.run(["bash", "-c", f'. "{ROOT}/test/system/lib/throwaway_pki.sh" && make_throwaway_pki "{work}"'],
               check=True)
NGINX_VERSION = re.search(r"nginx/([0-9.]+)", subprocess.run(["nginx", "-v"], capture_output=True,
                                                              text=True).stderr).group(1)


def lint(path):
    """staplint's error findings for `path`, as (file, line, rule, message); None on a crash."""
    p = subprocess.run([STAPLINT, "--no-config", "--format", "gcc", "--fail-on", "none",
                        "--nginx-version", NGINX_VERSION, path], capture_output=True, text=True,
                       errors="replace", timeout=120)
    if p.returncode not in (0, 1, 2) or "internal error" in p.stderr:
        print(f"CRASH {path}: exit {p.returncode}\n{p.stderr[-2000:]}")
        return None
    out = []
    for line in p.stdout.splitlines():
        m = GCC.match(line)
        if m and m["sev"] == "error":
            out.append((os.path.abspath(m["file"]), int(m["line"]), m["rule"], m["msg"]))
    return out


def nearest_entry(path, names):
    d = os.path.dirname(path)
    for _ in range(8):
        for n in names:
            if os.path.isfile(os.path.join(d, n)) and os.path.join(d, n) != path:
                return os.path.join(d, n)
        if d in ("/", CORPUS):
            break
        d = os.path.dirname(d)
    return None


def scratch_copy(base):
    """A scratch copy of `base` to judge in (replacing the last one)."""
    dest = os.path.join(work, "case")
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(base, dest, symlinks=True, ignore_dangling_symlinks=True)
    return dest


NGINX_REWRITES = [
    (re.compile(r"(^|[\s{;])user\s+[^;]*;"), r"\1"),
    (re.compile(r"(^|[\s{;])ssl_certificate_key\s+[^;]*;"), rf"\1ssl_certificate_key {work}/key.pem;"),
    (re.compile(r"(^|[\s{;])ssl_certificate\s+[^;]*;"), rf"\1ssl_certificate {work}/cert.pem;"),
    (re.compile(r"(^|[\s{;])((?:proxy_|grpc_|uwsgi_)?ssl_(?:trusted|client)_certificate)\s+[^;]*;"),
     rf"\1\2 {work}/cert.pem;"),
    (re.compile(r"(^|[\s{;])((?:proxy_|grpc_|uwsgi_)?ssl_crl)\s+[^;]*;"), rf"\1\2 {work}/crl.pem;"),
    (re.compile(r"(^|[\s{;])(ssl_dhparam|pid|error_log|access_log)\s+[^;]*;"), r"\1"),
]
APACHE_REWRITES = [
    (re.compile(r"^(\s*)(SSLCertificateKeyFile)\s.*$", re.I | re.M), rf"\1\2 {work}/key.pem"),
    (re.compile(r"^(\s*)(SSLCertificateFile|SSLCertificateChainFile|SSLCACertificateFile|"
                r"SSLProxyCACertificateFile)\s.*$", re.I | re.M), rf"\1\2 {work}/cert.pem"),
    (re.compile(r"^(\s*)(SSLCARevocationFile|SSLProxyCARevocationFile)\s.*$", re.I | re.M), rf"\1\2 {work}/crl.pem"),
    (re.compile(r"^(\s*)(PidFile|ErrorLog|CustomLog|User|Group|DefaultRuntimeDir|Mutex)\b.*$", re.I | re.M), r"\1#"),
]


def rewrite(tree, rules):
    for dirpath, _, files in os.walk(tree):
        for f in files:
            p = os.path.join(dirpath, f)
            if os.path.islink(p):
                continue
            try:
                text = open(p, encoding="utf-8", errors="surrogateescape").read()
            except OSError:
                continue
            new = text
            for rx, rep in rules:
                new = rx.sub(rep, new)
            if new != text:
                open(p, "w", encoding="utf-8", errors="surrogateescape").write(new)


def comment_out(path, line):
    lines = open(path, encoding="utf-8", errors="surrogateescape").read().split("\n")
    if 0 < line <= len(lines):
        lines[line - 1] = "#" + lines[line - 1]
    open(path, "w", encoding="utf-8", errors="surrogateescape").write("\n".join(lines))


NGINX_AT = re.compile(r"\[emerg\].* in (?P<file>/\S+?):(?P<line>\d+)\s*$", re.M)
APACHE_AT = [re.compile(r"Syntax error on line (?P<line>\d+) of (?P<file>/[^:]+):"),
             re.compile(r"(?P<file>/[^:\s]+):(?P<line>\d+): <\S+> was not closed")]


def judge(errors, dialect, base, entry_like, target):
    """Sorts `errors` (all in `target`, a file below `base`) by what the server says."""
    case = scratch_copy(base)
    here = lambda p: os.path.join(case, os.path.relpath(p, base))  # noqa: E731
    back = lambda p: os.path.join(base, os.path.relpath(p, case)) if p.startswith(case + "/") else p  # noqa: E731
    rewrite(case, NGINX_REWRITES if dialect == "nginx" else APACHE_REWRITES)
    pending = {(f, l) for f, l, _, _ in errors}
    confirmed = set()
    for _ in range(150):
        if dialect == "nginx":
            if entry_like:
                cmd = ["nginx", "-t", "-q", "-p", case + "/", "-c", here(target), "-e", "stderr"]
            else:
                wrap = os.path.join(work, "wrap.conf")
                open(wrap, "w").write(f"events {{}}\nhttp {{\n include {here(target)};\n}}\n")
                cmd = ["nginx", "-t", "-q", "-p", case + "/", "-c", wrap, "-e", "stderr"]
            out = subprocess.run(cmd, capture_output=True, text=True, errors="replace", timeout=60)
            at = [(m["file"], int(m["line"])) for m in NGINX_AT.finditer(out.stderr)]
            if at and "unexpected end of file" in out.stderr:
                # nginx counts the end of file on the line after the last newline;
                # staplint reports where the unfinished statement ends.
                f, l = at[0]
                ends = [el for ef, el, _, msg in errors
                        if ef == back(f) and el < l and (ef, el) in pending and "end of file" in msg]
                if ends:
                    at[0] = (f, max(ends))
        else:
            main = os.path.join(work, "main.conf")
            # The usual modules, and those the target's <IfModule> sections name
            # (an error staplint marks conditional on one is judged with it loaded).
            text = open(here(target), encoding="utf-8", errors="replace").read()
            wanted = ["mpm_event", "authz_core", "mime", "ssl", "socache_shmcb", "alias", "headers",
                      "rewrite", "setenvif", "proxy", "proxy_http"]
            for arg in re.findall(r"<IfModule\s+([A-Za-z0-9_.]+)\s*>", text):
                name = re.sub(r"(^mod_)|(\.c$)|(_module$)", "", arg)
                if os.path.exists(f"{MODS}/mod_{name}.so") and name not in wanted and not name.startswith("mpm_"):
                    wanted += (["xml2enc"] if name == "proxy_html" else []) + [name]
            mods = "".join(f"LoadModule {m}_module {MODS}/mod_{m}.so\n" for m in wanted)
            with open(main, "w") as fh:
                fh.write(f"ServerRoot {case}\nServerName staplint.test\n{mods}PidFile {work}/pid\n"
                         f"ErrorLog {work}/error.log\nListen 127.0.0.1:18080\nInclude {here(target)}\n")
            os.makedirs(os.path.join(case, "logs"), exist_ok=True)
            env = dict(os.environ, APACHE_RUN_DIR=work, APACHE_LOG_DIR=work, APACHE_RUN_USER="www-data",
                       APACHE_RUN_GROUP="www-data", APACHE_PID_FILE=f"{work}/pid", APACHE_LOCK_DIR=work)
            # An error staplint marks conditional on <IfDefine NAME> is judged with NAME defined.
            defines = sorted(set(re.findall(r"<IfDefine\s+([A-Za-z0-9_]+)\s*>", text)))
            out = subprocess.run(["apache2", "-t", "-f", main] + [a for d in defines for a in ("-D", d)],
                                 capture_output=True, text=True, errors="replace", timeout=60, env=env)
            at = []
            for rx in APACHE_AT:
                at += [(m["file"], int(m["line"])) for m in rx.finditer(out.stderr)]
        if out.returncode == 0 or not at:
            break
        # The innermost location the server names is where it stopped.
        f, l = at[-1] if dialect == "apache" else at[0]
        orig = back(f)
        if (orig, l) in pending:
            confirmed.add((orig, l))
            pending.discard((orig, l))
        if not pending or not os.path.exists(f):
            break
        comment_out(f, l)
    return confirmed


def units():
    """The paths to lint: every file, and the directory of every entry (its whole tree)."""
    for dirpath, dirs, files in os.walk(CORPUS):
        dirs.sort()
        for f in sorted(files):
            if f == "README.md" and dirpath == CORPUS:
                continue
            p = os.path.join(dirpath, f)
            yield p
            if f in ("nginx.conf", "apache2.conf", "httpd.conf"):
                yield os.path.dirname(p)


counts = Counter()
failures = []
judged = {}
for unit in units():
    errors = lint(unit)
    counts["runs"] += 1
    if errors is None:
        counts["crashes"] += 1
        failures.append(f"crash on {unit}")
        continue
    by_file = defaultdict(list)
    for e in errors:
        by_file[e[0]].append(e)
    for target, errs in by_file.items():
        key = tuple(sorted((f, l) for f, l, _, _ in errs))
        if (target, key) in judged:  # the same file's errors, seen from another unit
            confirmed = judged[(target, key)]
        else:
            rel = os.path.relpath(target, CORPUS)
            tomcat = rel.startswith("tomcat-") or target.endswith((".sh", ".bat", ".properties", ".xml"))
            if tomcat:
                confirmed = set()
            else:
                with open(target, encoding="utf-8", errors="replace") as fh:
                    text = fh.read()
                apache = rel.startswith("apache-") or bool(re.search(r"^\s*<(VirtualHost|IfModule|Directory)\b",
                                                                     text, re.M))
                dialect = "apache" if apache else "nginx"
                names = ("apache2.conf", "httpd.conf") if apache else ("nginx.conf",)
                entry = nearest_entry(target, names)
                base = os.path.dirname(entry) if entry else os.path.dirname(target)
                if apache and entry and os.path.basename(base) == "conf":
                    base = os.path.dirname(base)
                entry_like = os.path.basename(target) in names or bool(
                    re.search(r"^\s*(events|http)\s*\{", text, re.M))
                if entry_like and dialect == "nginx":
                    base = os.path.dirname(target)
                confirmed = judge(errs, dialect, base, entry_like, target)
            judged[(target, key)] = confirmed
        for f, l, rule, msg in errs:
            counts["errors"] += 1
            counts[f"errors {rule}"] += 1
            if (f, l) in confirmed:
                counts["confirmed"] += 1
            else:
                counts["unconfirmed"] += 1
                failures.append(f"unconfirmed {os.path.relpath(f, CORPUS)}:{l}: {msg} [{rule}] (linting {os.path.relpath(unit, CORPUS)})")

shutil.rmtree(work, ignore_errors=True)
for f in sorted(set(failures)):
    print(f"FAIL {f}")
rules = ", ".join(f"{k.split()[1]} {v}" for k, v in sorted(counts.items()) if k.startswith("errors "))
print(f"real corpus: {counts['runs']} runs (every file alone, every tree), {counts['crashes']} crashes; "
      f"{counts['errors']} error findings ({rules or 'none'}): {counts['confirmed']} confirmed by nginx -t / "
      f"apache2 -t, {counts['unconfirmed']} not")
sys.exit(1 if failures else 0)

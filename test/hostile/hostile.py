#!/usr/bin/env python3
"""The hostile corpus: inputs a contributor to a public configuration
repository could send, each with what staplint must do about it.

    hostile.py STAPLINT [--list] [--only SUBSTRING] [--slow FACTOR]

Every case builds its files in a fresh directory (large ones are generated
here, never committed), runs staplint once or a few times, and checks:
- the exit code;
- what the output must and must not say;
- a wall-time and peak-memory budget, measured by this harness around the
  process (os.wait4), never inside a unit test;
- that the files it must not touch are byte-for-byte as they were;
- that no output, in any format, holds a planted secret marker.

Cases are grouped by the class of defect they guard against (see CLASSES).
--slow multiplies the time budgets (the ASan+UBSan build runs several times
slower); with it, memory budgets are three times larger (ASan's shadow). Cases that need an unprivileged user run under setpriv as nobody
when this harness runs as root, and are skipped (and said so) otherwise.
"""

import json
import os
import random
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
import xml.dom.minidom

SECRET = "SECRET-MARKER-"
FORMATS = ["text", "gcc", "json", "sarif", "github", "checkstyle", "junit"]
CLASSES = {
    "bytes": "input bytes: binary, encodings, huge lines, special files",
    "fs": "file system: permissions, symlinks, loops, cycles, many files",
    "expansion": "expansion bombs: includes, Define, shell and batch variables",
    "nesting": "deep nesting in every grammar, and the limits' caps",
    "linear": "large single files that used to take quadratic time",
    "secrets": "files outside the checkout or the named paths, never quoted",
    "output": "output that a file could forge or make invalid",
    "writes": "--fix and --write-baseline: where and what they may write",
    "config": ".staplint.yaml and baselines from the repository",
    "cli": "option values out of range",
    "certificates": "certificate, CRL, OCSP and keystore files the configuration names",
}

STAPLINT = ""
SLOW = 1.0
MEM = 1.0
ROOT = os.geteuid() == 0
results = []


# ------------------------------------------------------------------ helpers

def write_many(directory, count, text, name="f%d.conf"):
    """`count` files holding `text` in `directory` (`text` may hold one %d for the index)."""
    os.makedirs(directory, exist_ok=True)
    for i in range(count):
        with open(f"{directory}/{name % i}", "w") as f:
            f.write(text % i if "%d" in text else text)


def write(path, data, mode=None):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "wb") as f:
        f.write(data.encode() if isinstance(data, str) else data)
    if mode is not None:
        os.chmod(path, mode)


def run(args, cwd, as_nobody=False, timeout=None, env=None):
    """Runs staplint; returns (exit code, stdout, stderr, seconds, peak KiB).
    The peak resident size is GNU time's (%M) for this one process."""
    fd, rss_file = tempfile.mkstemp(prefix="hostile-rss-")
    os.close(fd)
    cmd = ["/usr/bin/time", "-q", "-f", "%M", "-o", rss_file]
    if as_nobody:
        cmd += ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
    cmd += [STAPLINT] + args
    start = time.monotonic()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env=env, start_new_session=True)
    limit = timeout or 60 * SLOW
    try:
        out, err = p.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        out, err = p.communicate()
        os.unlink(rss_file)
        return -999, out, err, time.monotonic() - start, 0
    seconds = time.monotonic() - start
    peak = 0
    with open(rss_file) as f:
        for line in f:
            if line.strip().isdigit():
                peak = int(line)
    os.unlink(rss_file)
    rc = p.returncode
    if rc > 128 and rc - 128 in (signal.SIGSEGV, signal.SIGABRT, signal.SIGBUS, signal.SIGKILL):
        rc = -(rc - 128)  # GNU time passes on a child's death by signal as 128+N
    return rc, out, err, seconds, peak


class Case:
    def __init__(self, name, cls, doc):
        self.name, self.cls, self.doc = name, cls, doc


CASES = []


def case(cls, doc, **opts):
    def register(fn):
        CASES.append((Case(fn.__name__, cls, doc), fn, opts))
        return fn
    return register


class Check:
    """What one case saw; `fail` records a broken expectation."""

    def __init__(self, d):
        self.d = d
        self.problems = []

    def fail(self, msg):
        self.problems.append(msg)

    def lint(self, args, code=None, has=(), lacks=(), seconds=10, mib=1024, cwd=None, as_nobody=False,
             formats=False):
        """Runs staplint with `args` and checks the outcome; with `formats`,
        once per output format, each checked for the secret marker and for
        being valid (JSON, SARIF, XML)."""
        # `probe` is a subcommand: it comes first, its options after it.
        sub = args[:1] if args[:1] == ["probe"] else []
        runs = [(None, args)] if not formats else [(f, sub + ["--format", f] + args[len(sub):]) for f in FORMATS]
        last = None
        for fmt, a in runs:
            rc, out, err, secs, peak = run(a, cwd or self.d, as_nobody=as_nobody, timeout=max(30, seconds * 3) * SLOW)
            label = f"[{fmt}] " if fmt else ""
            if rc == -999:
                self.fail(f"{label}killed after {secs:.1f} s")
                continue
            if rc < 0:
                self.fail(f"{label}died of signal {-rc}")
            if code is not None and rc != code:
                self.fail(f"{label}exit {rc}, wanted {code}: {(out + err)[:400]!r}")
            if secs > seconds * SLOW:
                self.fail(f"{label}took {secs:.2f} s, budget {seconds * SLOW:.1f} s")
            if peak > mib * 1024 * MEM:
                self.fail(f"{label}peak memory {peak // 1024} MiB, budget {mib * MEM:.0f} MiB")
            text = (out + err).decode("utf-8", "replace")
            for h in has:
                if h not in text:
                    self.fail(f"{label}output lacks {h!r}: {text[:400]!r}")
            for l in lacks:
                if l in text:
                    self.fail(f"{label}output has {l!r}")
            if SECRET.encode() in out + err:
                self.fail(f"{label}output quotes a secret marker")
            if fmt:
                self.valid(fmt, out, label)
            last = (rc, out, err)
        return last

    def valid(self, fmt, out, label):
        try:
            if fmt in ("json", "sarif"):
                json.loads(out.decode("utf-8"))
            elif fmt in ("checkstyle", "junit"):
                xml.dom.minidom.parseString(out)
            elif fmt in ("gcc", "github"):
                for line in out.decode("utf-8").splitlines():
                    if fmt == "github" and not line.startswith("::"):
                        self.fail(f"{label}a line that is not a workflow command: {line[:120]!r}")
                    if fmt == "gcc" and not (line.split(":", 1)[0] and ": " in line):
                        self.fail(f"{label}a line that is not a finding: {line[:120]!r}")
                    if "\x1b" in line or "\x07" in line:
                        self.fail(f"{label}a raw escape character")
            elif "\x1b" in out.decode("utf-8", "replace"):
                self.fail(f"{label}a raw escape character")
        except Exception as e:  # noqa: BLE001 - any parse error is the finding
            self.fail(f"{label}not valid {fmt}: {e}")

    def unchanged(self, snapshot):
        for p, data in snapshot.items():
            try:
                with open(p, "rb") as f:
                    now = f.read()
            except OSError as e:
                self.fail(f"{p} is gone: {e}")
                continue
            if now != data:
                self.fail(f"{p} changed")


def snapshot(*paths):
    out = {}
    for p in paths:
        with open(p, "rb") as f:
            out[p] = f.read()
    return out


SERVER_XML = ('<Server port="8005"><Service name="x"><Connector port="8443" SSLEnabled="true"/>'
              '</Service></Server>\n')
TLS_SERVER = "server {\n listen 443 ssl;\n ssl_certificate /a.pem;\n ssl_stapling yes;\n}\n"


def plant_secrets(d):
    write(f"{d}/outside/secret.txt", f"{SECRET}123 hunter2\n")
    write(f"{d}/outside/secret2.txt", f"<Secret {SECRET}456\n")
    write(f"{d}/outside/secret3.env", f'DBPASS="{SECRET}789\n')


# ------------------------------------------------------------------ bytes

@case("bytes", "an empty file")
def empty_file(c):
    write(f"{c.d}/empty.conf", "")
    c.lint(["empty.conf"], code=0)


@case("bytes", "a binary file (an ELF header and NULs)")
def binary_file(c):
    write(f"{c.d}/bin.conf", b"\x7fELF\x02\x01\x01" + b"\0" * 4096)
    c.lint(["bin.conf"], code=1, has=["not a text file"], formats=True)


@case("bytes", "a NUL byte inside a directive")
def nul_inside(c):
    write(f"{c.d}/nul.conf", b"events {}\nhttp {\n server {\n  listen 4\x0043;\n }\n}\n")
    c.lint(["nul.conf"], code=1, has=["SL0004", "a NUL byte on line 4"], formats=True)


@case("bytes", "invalid UTF-8 and a CESU surrogate in a value and a comment")
def invalid_utf8(c):
    write(f"{c.d}/u.conf", b"server {\n listen 443 ssl;\n ssl_certificate /a.pem;\n"
          b" ssl_stapling \"\xff\xfe\xed\xa0\x80ab\";\n # \xc0\xaf\n}\n")
    c.lint(["u.conf"], code=1, has=["SL9002"], formats=True)


@case("bytes", "U+FFFE, U+FFFF, C1 controls and a bidi override in a value")
def noncharacters(c):
    write(f"{c.d}/n.conf", "server {\n listen 443 ssl;\n ssl_certificate /a.pem;\n"
          " ssl_stapling \"\ufffe\uffff\u0085\u202e\";\n}\n")
    c.lint(["n.conf"], code=1, formats=True)
    # Shown on a terminal or in an annotation: the override is escaped.
    for f in ("text", "gcc", "github"):
        c.lint(["--format", f, "n.conf"], code=1, lacks=["\u202e", "\u0085"])
    # Not characters XML 1.0 may hold.
    for f in ("checkstyle", "junit"):
        c.lint(["--format", f, "n.conf"], code=1, lacks=["\ufffe", "\uffff", "\u0085"])


@case("bytes", "UTF-16 with a byte order mark")
def utf16(c):
    write(f"{c.d}/w.conf", "\ufeffevents {}\n".encode("utf-16-le"))
    c.lint(["w.conf"], code=1, has=["not a text file"])


@case("bytes", "CR-only line ends")
def cr_only(c):
    write(f"{c.d}/cr.conf", "events {}\rhttp {\r server { listen 443 ssl; }\r}\r")
    c.lint(["cr.conf"], formats=True)


@case("bytes", "a 12 MB single line of 380,000 directives")
def huge_line(c):
    write(f"{c.d}/line.conf", "events {} http { " + "gzip on; " * 380000 + "}\n")
    c.lint(["line.conf"], code=0, seconds=10, mib=600)


@case("bytes", "a 4 MB word and a 4 MB quoted word")
def huge_word(c):
    write(f"{c.d}/w.conf", "events {}\nhttp {\n server_name " + "a" * (4 << 20) + ";\n}\n")
    write(f"{c.d}/q.conf", "events {}\nhttp {\n server_name \"" + "a" * (4 << 20) + "\";\n}\n")
    c.lint(["w.conf"], code=1, has=["too long"])
    c.lint(["q.conf"], code=1, has=["too long"])


@case("bytes", "a sparse 2 GB file, with and without a larger --max-file-size")
def sparse_file(c):
    with open(f"{c.d}/sparse.conf", "wb") as f:
        f.truncate(2 << 30)
    c.lint(["sparse.conf"], code=1, has=["over the size limit"], seconds=2)
    c.lint(["--max-file-size", "4000000000", "sparse.conf"], code=3, has=["takes at most"])


@case("bytes", "device and /proc files named on the command line, and included")
def devices(c):
    c.lint(["/dev/zero"], code=2, seconds=2)
    c.lint(["/dev/urandom"], code=2, seconds=2)
    c.lint(["/proc/self/environ"], code=2, has=["never reads"], seconds=2)
    write(f"{c.d}/nginx.conf", "events {}\nhttp {\n include /proc/self/environ;\n include /sys/kernel/*;\n}\n")
    os.symlink("/proc/self/cmdline", f"{c.d}/link.conf")
    write(f"{c.d}/b/nginx.conf", "events {}\nhttp {\n include ../link.conf;\n}\n")
    c.lint(["nginx.conf"], code=1, has=["never reads"], seconds=2)
    c.lint(["b/nginx.conf"], code=1, has=["never reads"], seconds=2)


@case("bytes", "a FIFO and a socket named on the command line, and included")
def fifo_socket(c):
    os.mkfifo(f"{c.d}/fifo.conf")
    s = socket.socket(socket.AF_UNIX)
    s.bind(f"{c.d}/sock.conf")
    write(f"{c.d}/nginx.conf", "events {}\nhttp {\n include fifo.conf;\n include sock.conf;\n}\n")
    c.lint(["fifo.conf"], code=2, seconds=2)
    c.lint(["sock.conf"], code=2, seconds=2)
    c.lint(["nginx.conf"], code=1, has=["SL0004"], seconds=2)
    s.close()


@case("bytes", "a directory named nginx.conf")
def dir_named_conf(c):
    os.makedirs(f"{c.d}/d/nginx.conf")
    c.lint(["d/nginx.conf"], code=0)


@case("bytes", "an XML comment, CDATA section and processing instruction never closed")
def xml_unclosed(c):
    for name, opener, note in (("c", "<!-- a comment", "the comment starts here"),
                               ("d", "<![CDATA[ data", "the CDATA section starts here"),
                               ("p", "<?pi data", "the processing instruction starts here")):
        write(f"{c.d}/{name}/conf/server.xml", f'<Server port="8005">\n<Service name="x"/>\n{opener}\nmore\n')
        c.lint(["--format", "gcc", name], code=1, has=["SL0001"])
        c.lint([name], code=1, has=[f"server.xml:3:1: note: {note}"])


# ------------------------------------------------------------------ file system

def as_owner_nobody(c):
    """As root: the case's files become nobody's and staplint runs as nobody,
    so that what stops a write is staplint's own check, not a permission."""
    if ROOT:
        subprocess.run(["chown", "-R", "nobody:nogroup", c.d], check=True)
    return ROOT


def nobody_case(c):
    if not ROOT:
        c.skip = "needs root to become nobody"
        return False
    os.chmod(c.d, 0o755)
    return True


@case("fs", "an included file nobody may read (as nobody)")
def unreadable_include(c):
    if not nobody_case(c):
        return
    write(f"{c.d}/t/nginx.conf", "events {}\nhttp {\n include locked.conf;\n}\n")
    write(f"{c.d}/t/locked.conf", "gzip on;\n", 0o000)
    c.lint(["t/nginx.conf"], code=1, has=["Permission denied"], as_nobody=True)


@case("fs", "a named unreadable file inside a tree, and a lone one (as nobody): exit 2")
def named_unreadable_file(c):
    if not nobody_case(c):
        return
    write(f"{c.d}/t/nginx.conf", "events {}\nhttp {\n include locked.conf;\n}\n")
    write(f"{c.d}/t/locked.conf", "gzip on;\n", 0o000)
    write(f"{c.d}/lone.conf", "gzip on;\n", 0o000)
    c.lint(["t/locked.conf"], code=2, has=["permission denied"], as_nobody=True)
    c.lint(["lone.conf"], code=2, has=["permission denied"], as_nobody=True)


@case("fs", "a named unreadable directory, and one met in a scan (as nobody): exit 2")
def unreadable_directory(c):
    if not nobody_case(c):
        return
    write(f"{c.d}/u/locked/nginx.conf", "events {}\nhttp {\n" + TLS_SERVER + "}\n")
    os.chmod(f"{c.d}/u/locked", 0o000)
    c.lint(["u/locked"], code=2, as_nobody=True)
    c.lint(["u"], code=2, has=["permission denied"], as_nobody=True)


@case("fs", "a glob include over an unreadable directory (as nobody): SL0004")
def unreadable_glob(c):
    if not nobody_case(c):
        return
    write(f"{c.d}/t/nginx.conf", "events {}\nhttp {\n include secretdir/*.conf;\n}\n")
    write(f"{c.d}/t/secretdir/a.conf", "gzip on;\n")
    os.chmod(f"{c.d}/t/secretdir", 0o000)
    c.lint(["t/nginx.conf"], code=1, has=["SL0004", "cannot list directory"], as_nobody=True)


@case("fs", "a dangling symlink, included and named")
def dangling(c):
    write(f"{c.d}/nginx.conf", "events {}\nhttp {\n include gone.conf;\n}\n")
    os.symlink("nowhere.conf", f"{c.d}/gone.conf")
    c.lint(["nginx.conf"], code=1, has=["SL0002"])
    c.lint(["gone.conf"], code=2)


@case("fs", "a symlink loop, included and named")
def symlink_loop(c):
    os.symlink("l2", f"{c.d}/l1")
    os.symlink("l1", f"{c.d}/l2")
    write(f"{c.d}/nginx.conf", "events {}\nhttp {\n include l1;\n}\n")
    c.lint(["nginx.conf"], code=1, seconds=2)
    c.lint(["l1"], code=2, seconds=2, has=["a loop of symbolic links"])


@case("fs", "include cycles: a->b->a, a glob matching itself, a file including itself")
def include_cycles(c):
    write(f"{c.d}/cyc/nginx.conf", "events {}\nhttp {\n include a.conf;\n}\n")
    write(f"{c.d}/cyc/a.conf", "include b.conf;\n")
    write(f"{c.d}/cyc/b.conf", "include a.conf;\n")
    write(f"{c.d}/glob/nginx.conf", "events {}\nhttp {\n include *.conf;\n}\n")
    write(f"{c.d}/self/nginx.conf", "events {}\nhttp {\n include nginx.conf;\n}\n")
    for t in ("cyc", "glob", "self"):
        c.lint([f"{t}/nginx.conf"], code=1, has=["SL0003"], seconds=2)


@case("fs", "include d/* over 100,000 files, and a scan of them")
def many_files(c):
    write_many(f"{c.d}/many/d", 100000, "gzip on;\n")
    write(f"{c.d}/many/nginx.conf", "events {}\nhttp {\n include d/*;\n}\n")
    c.lint(["many/nginx.conf"], code=0, seconds=10, mib=600)
    c.lint(["many"], code=0, seconds=10, mib=600)


@case("fs", "a directory scan where d/ holds three symlinks to '..'")
def scan_loop(c):
    os.makedirs(f"{c.d}/s/d")
    for i in range(3):
        os.symlink("..", f"{c.d}/s/d/l{i}")
    write(f"{c.d}/s/d/a.conf", TLS_SERVER)
    c.lint(["s"], code=1, seconds=5)


@case("fs", "Apache 'Include conf.d/' where conf.d holds three symlinks to '.'")
def apache_dir_loop(c):
    os.makedirs(f"{c.d}/a/conf.d")
    for i in range(3):
        os.symlink(".", f"{c.d}/a/conf.d/l{i}")
    write(f"{c.d}/a/conf.d/x.conf", "ServerName x\n")
    write(f"{c.d}/a/apache2.conf", "Include conf.d/\n")
    c.lint(["a/apache2.conf"], seconds=5)


@case("fs", "nginx 'include d/*/*/.../a.conf' (18 levels) over three self-links")
def glob_loop(c):
    os.makedirs(f"{c.d}/n/d")
    for i in range(3):
        os.symlink(".", f"{c.d}/n/d/l{i}")
    write(f"{c.d}/n/d/a.conf", "gzip on;\n")
    write(f"{c.d}/n/nginx.conf", "events {}\nhttp {\n include d/" + "*/" * 18 + "a.conf;\n}\n")
    c.lint(["n/nginx.conf"], seconds=5)


@case("fs", "a file beside a server.xml with an Apache syntax error, named")
def beside_server_xml(c):
    write(f"{c.d}/conf/server.xml", SERVER_XML)
    write(f"{c.d}/conf/v.conf", "<VirtualHost *:443>\nServerName x\n")
    c.lint(["conf/v.conf"], code=1, has=["SL0001"], seconds=5)


# ------------------------------------------------------------------ expansion

@case("expansion", "includes that multiply: 1,000 x 1,000 x 1,000 (4 files, 6 KB)")
def include_amplification_3(c):
    write(f"{c.d}/nginx.conf", "events {}\nhttp {\n" + "include b.conf;\n" * 1000 + "}\n")
    write(f"{c.d}/b.conf", "include c.conf;\n" * 1000)
    write(f"{c.d}/c.conf", "include d.conf;\n" * 1000)
    write(f"{c.d}/d.conf", "gzip on;\n")
    c.lint(["nginx.conf"], code=1, has=["SL0005", "includes expand the tree"], seconds=10, mib=1024)


@case("expansion", "includes that multiply: 1,000 x 1,000 server blocks")
def include_amplification_2(c):
    write(f"{c.d}/nginx.conf", "events {}\nhttp {\n" + "include b.conf;\n" * 1000 + "}\n")
    write(f"{c.d}/b.conf", "include c.conf;\n" * 1000)
    write(f"{c.d}/c.conf", "server { listen 443 ssl; ssl_certificate /a.pem; }\n")
    c.lint(["nginx.conf"], code=1, has=["SL0005"], seconds=10, mib=1024)


@case("expansion", "Apache: a chain of Defines that each multiply the last by ten")
def define_bomb(c):
    s = "Define A0 0123456789\n" + "".join(
        "Define A%d %s\n" % (i, ("${A%d}" % (i - 1)) * 10) for i in range(1, 10))
    write(f"{c.d}/apache2.conf", s + "ServerName ${A9}\nInclude ${A9}\n")
    c.lint(["apache2.conf"], code=1, has=["SL0005", "variables expand to more than"], seconds=5, mib=512)


@case("expansion", "setenv.sh: CATALINA_OPTS doubled 40 times")
def shell_doubling(c):
    write(f"{c.d}/tc/conf/server.xml", SERVER_XML)
    write(f"{c.d}/tc/bin/setenv.sh",
          'CATALINA_OPTS="-Dx=1"\n' + 'CATALINA_OPTS="$CATALINA_OPTS $CATALINA_OPTS"\n' * 40)
    c.lint(["tc"], code=1, has=["SL0005"], seconds=5, mib=512)


@case("expansion", "setenv.sh: unknown JDK properties doubled to the budget (each needs a did-you-mean)")
def shell_doubling_unknown_properties(c):
    # Found by fuzzing: thousands of options, each an unknown property whose
    # suggestion compares it with the catalog, or one name a megabyte long.
    write(f"{c.d}/tc/conf/server.xml", SERVER_XML)
    write(f"{c.d}/tc/bin/setenv.sh",
          'CATALINA_OPTS="-Djdk.tls.server.enableStatusRequestExtenson=true"\n' +
          'CATALINA_OPTS="$CATALINA_OPTS $CATALINA_OPTS"\n' * 40 +
          'PAD=jdk.tls.ocsp.x\n' + 'PAD="$PAD$PAD"\n' * 40 + 'CATALINA_OPTS="$CATALINA_OPTS -D$PAD=1"\n')
    c.lint(["tc"], code=1, has=["SL1101"], seconds=5, mib=512)


@case("expansion", "setenv.bat: CATALINA_OPTS doubled 40 times")
def batch_doubling(c):
    write(f"{c.d}/tc/conf/server.xml", SERVER_XML)
    write(f"{c.d}/tc/bin/setenv.bat",
          'set "CATALINA_OPTS=-Dx=1"\r\n' + 'set "CATALINA_OPTS=%CATALINA_OPTS% %CATALINA_OPTS%"\r\n' * 40)
    c.lint(["tc"], code=1, has=["SL0005"], seconds=5, mib=512)


@case("expansion", "setenv.sh: two variables copied into each other 20,000 times")
def shell_ping_pong(c):
    write(f"{c.d}/tc/conf/server.xml", SERVER_XML)
    lines = "".join('A="$B -Dp%d=1"\nB="$A"\n' % i for i in range(20000))
    write(f"{c.d}/tc/bin/setenv.sh", lines + 'CATALINA_OPTS="$A"\n')
    c.lint(["tc"], seconds=10, mib=1024)


@case("expansion", "server.xml: a DOCTYPE billion-laughs and an external entity, never expanded")
def xml_entities(c):
    plant_secrets(c.d)
    ents = '<!ENTITY a0 "lol">' + "".join(
        '<!ENTITY a%d "%s">' % (i, ("&a%d;" % (i - 1)) * 10) for i in range(1, 10))
    write(f"{c.d}/x/conf/server.xml", f'<?xml version="1.0"?>\n<!DOCTYPE Server [{ents}'
          f'<!ENTITY ext SYSTEM "file://{c.d}/outside/secret.txt">]>\n'
          '<Server port="&a9;&ext;"><Service name="x"/></Server>\n')
    c.lint(["x"], seconds=5, mib=256, formats=True)


@case("expansion", "catalina.properties and server.xml property cycles and a tenfold expansion")
def property_cycles(c):
    write(f"{c.d}/tc/conf/catalina.properties",
          "a=${b}\nb=${a}\nc=${c}${c}${c}\n" + "".join(
              "p%d=%s\n" % (i, ("${p%d}" % (i - 1)) * 10) for i in range(1, 10)) + "p0=x\n")
    write(f"{c.d}/tc/conf/server.xml", '<Server port="${a}"><Service name="${p9}">'
          '<Connector port="8443" SSLEnabled="${c}"/></Service></Server>\n')
    c.lint(["tc"], seconds=5, mib=256)


@case("expansion", "java.security 'include' of a file outside: never followed")
def java_security_include(c):
    plant_secrets(c.d)
    write(f"{c.d}/j/java.security", f"include {c.d}/outside/secret.txt\nsecurity.provider.1=SUN\n")
    c.lint(["j/java.security"], formats=True)


# ------------------------------------------------------------------ nesting

@case("nesting", "an include chain 10,000 files deep: default limit, and the cap")
def include_chain(c):
    for i in range(10000):
        write(f"{c.d}/f{i}.conf", "include f%d.conf;\n" % (i + 1))
    write(f"{c.d}/nginx.conf", "events {}\nhttp {\n include f0.conf;\n}\n")
    c.lint(["nginx.conf"], code=1, has=["SL0005"], seconds=5)
    c.lint(["--max-include-depth", "10000", "nginx.conf"], code=3, has=["takes at most 1000"])
    c.lint(["--max-include-depth", "1000", "--max-nesting", "10000", "nginx.conf"], code=1,
           has=["SL0005"], seconds=10)


@case("nesting", "100,000 nested nginx blocks, also with --max-nesting at its cap")
def nginx_nesting(c):
    write(f"{c.d}/nginx.conf", "events {}\nhttp {\n" + "location / {\n" * 100000 + "}\n" * 100000 + "}\n")
    c.lint(["nginx.conf"], code=1, has=["SL0005"], seconds=5)
    c.lint(["--max-nesting", "10000", "nginx.conf"], code=1, has=["SL0005"], seconds=10)


@case("nesting", "100,000 nested Apache <IfModule> sections")
def apache_nesting(c):
    write(f"{c.d}/apache2.conf", "<IfModule x>\n" * 100000 + "</IfModule>\n" * 100000)
    c.lint(["apache2.conf"], code=1, has=["SL0005"], seconds=5)


@case("nesting", "100,000 nested XML elements")
def xml_nesting(c):
    write(f"{c.d}/conf/server.xml", "<Server>" + "<a>" * 100000 + "</a>" * 100000 + "</Server>\n")
    c.lint(["conf/server.xml"], code=1, has=["SL0005"], seconds=5)


TEMPLATE_SITE = ("server {\n    listen 443 ssl;\n    server_name {{ host }};\n    ssl_certificate /etc/ssl/a.pem;\n"
                 "    ssl_stapling {{ stapling }};\n    resolver {{ resolver }};\n}\n")


@case("nesting", "a Jinja2 template: 100,000 nested {% if %} tags, and 100 unclosed {% for %} tags")
def template_nesting(c):
    write(f"{c.d}/a/nginx.conf.j2", "{% if x %}\n" * 100000 + "{% endif %}\n" * 100000)
    c.lint(["a/nginx.conf.j2"], code=1, has=["SL0001", "nest deeper than 200"], seconds=5)
    write(f"{c.d}/b/site.conf.j2", "server {\n" + "{% for x in y %}" * 100 + "\n}\n")
    c.lint(["b/site.conf.j2"], code=1, has=["SL0001", "is not closed"], seconds=5)


@case("nesting", "template variables: a YAML alias bomb, 10,000-deep maps and 200,000 keys in a role's defaults")
def template_variable_files(c):
    # Aliases are read once per use within a budget of names, maps flatten
    # without recursion, and yaml-cpp's own depth guard stops the parse.
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 12):
        bomb += "l%d: &l%d {%s}\n" % (i, i, ", ".join("k%d: *%s" % (k, "a" if i == 1 else "l%d" % (i - 1))
                                                     for k in range(10)))
    write(f"{c.d}/a/roles/web/defaults/main.yml", bomb + "stapling: \"off\"\n")
    write(f"{c.d}/a/roles/web/templates/site.conf.j2", TEMPLATE_SITE)
    c.lint(["a/roles/web/templates/site.conf.j2"], code=1, seconds=10, mib=1024)
    write(f"{c.d}/b/roles/web/defaults/main.yml", "".join("%sk%d:\n" % ("  " * i, i) for i in range(10000)))
    write(f"{c.d}/b/roles/web/templates/site.conf.j2", TEMPLATE_SITE)
    c.lint(["b/roles/web/templates/site.conf.j2"], seconds=10, mib=1024)
    write(f"{c.d}/c/roles/web/defaults/main.yml", "".join("k%d: v%d\n" % (i, i) for i in range(200000)))
    write(f"{c.d}/c/roles/web/templates/site.conf.j2", TEMPLATE_SITE)
    c.lint(["c/roles/web/templates/site.conf.j2"], seconds=10, mib=1024)


@case("output", "template variables whose values hold a newline, ESC, quotes and a statement")
def template_variable_values(c):
    # Only a value of one word of printable ASCII substitutes: the rest stay
    # holes, and nothing of them reaches the output.
    write(f"{c.d}/roles/web/defaults/main.yml",
          "stapling: \"off\\n::error file=x::FORGED\"\nresolver: \"1.1.1.1; ssl_stapling on\"\n"
          "host: \"\\e[31mRED\"\n")
    write(f"{c.d}/roles/web/templates/site.conf.j2", TEMPLATE_SITE)
    c.lint(["roles/web/templates/site.conf.j2"], formats=True, lacks=["FORGED", "RED", "\x1b"])
    c.lint(["--template-var", "stapling=off\n::error::FORGED", "roles/web/templates/site.conf.j2"], formats=True,
           lacks=["FORGED"])


@case("nesting", "setenv.bat: 20,000 nested 'if (' blocks")
def batch_nesting(c):
    n = 20000
    write(f"{c.d}/setenv.bat", "@echo off\r\n" + "if 1==1 (\r\n" * n + "set X=1\r\n" + ")\r\n" * n)
    c.lint(["setenv.bat"], code=1, has=["SL0005"], seconds=5)


@case("nesting", "setenv.sh: '\"$(echo \"' nested 300,000 deep")
def shell_command_nesting(c):
    n = 300000
    write(f"{c.d}/setenv.sh", 'CATALINA_OPTS="' + '$(echo "' * n + "x" + '")' * n + '"\n')
    c.lint(["setenv.sh"], code=1, has=["SL0005"], seconds=5)


@case("nesting", "setenv.sh: '${X:-\"' nested 1,000,000 deep")
def shell_default_nesting(c):
    n = 1000000
    write(f"{c.d}/setenv.sh", 'CATALINA_OPTS="' + '${X:-"' * n + "x" + '"}' * n + '"\n')
    c.lint(["setenv.sh"], code=1, has=["SL0005"], seconds=5)


@case("nesting", "setenv.sh: 400,000 if, 100,000 { }, 1,000,000 ( ) and $(( ))")
def shell_blocks(c):
    write(f"{c.d}/a/setenv.sh", "if true; then\n" * 400000 + "fi\n" * 400000)
    write(f"{c.d}/b/setenv.sh", "{ " * 100000 + "X=1" + "; }" * 100000 + "\n")
    write(f"{c.d}/c/setenv.sh", "X=$((" + "(" * 1000000 + "1" + ")" * 1000000 + "))\n")
    for d in "abc":
        c.lint([f"{d}/setenv.sh"], seconds=10, mib=512)


@case("nesting", "an Lua block of 1,000,000 nested braces")
def lua_nesting(c):
    write(f"{c.d}/nginx.conf", "events {}\nhttp {\n content_by_lua_block {" + "{" * 1000000 + "}" * 1000000 + "}\n}\n")
    c.lint(["nginx.conf"], seconds=5)


@case("nesting", "Apache: <If \"((((...\"> 100,000 deep and ${${${...}}} 1,000,000 deep")
def apache_expressions(c):
    write(f"{c.d}/a.conf", "<If \"" + "(" * 100000 + "true" + ")" * 100000 + "\">\n</If>\n")
    write(f"{c.d}/b.conf", "ServerName " + "${" * 1000000 + "x" + "}" * 1000000 + "\n")
    c.lint(["a.conf"], seconds=5)
    c.lint(["b.conf"], seconds=5)


@case("nesting", ".properties with 1,000,000 line continuations; a unit with 200,000")
def continuations(c):
    write(f"{c.d}/c.properties", "a=" + "x\\\n" * 1000000 + "y\n")
    write(f"{c.d}/tomcat-x.service", "[Service]\nEnvironment=" + "x\\\n" * 200000 + "y\n")
    c.lint(["c.properties"], seconds=5)
    c.lint(["tomcat-x.service"], seconds=5)


@case("nesting", "a non-ASCII XML element and attribute name")
def xml_non_ascii_name(c):
    write(f"{c.d}/conf/server.xml", '<Server port="8005"><é ü="1"/><Service name="x"/></Server>\n')
    c.lint(["conf/server.xml"], seconds=5)


# ------------------------------------------------------------------ linear

@case("linear", "nginx: 50,000 server blocks in one 5 MB file")
def many_servers(c):
    write(f"{c.d}/s.conf", "events {}\nhttp {\n" + "".join(
        "server { listen 443 ssl; server_name s%d; ssl_certificate /a%d.pem; ssl_stapling_file /x.der; }\n" % (i, i)
        for i in range(50000)) + "}\n")
    c.lint(["s.conf"], code=1, seconds=10, mib=1024)


@case("linear", "nginx: 2,000 site files no entry includes beside a tree of 20,000 servers")
def many_unreached_sites(c):
    # Each unreached file is read with its tree (it inherits the http level),
    # within a budget: the tree is not read 2,000 times.
    write(f"{c.d}/n/nginx.conf", "events {}\nhttp {\n resolver 127.0.0.1;\n include sites-enabled/*;\n}\n")
    write(f"{c.d}/n/sites-enabled/all.conf", "".join(
        "server { listen 443 ssl; server_name s%d; ssl_stapling on; ssl_stapling_verify on;"
        " ssl_trusted_certificate /c.pem; }\n" % i for i in range(20000)))
    write_many(f"{c.d}/n/sites-available", 2000, "server { listen 443 ssl; server_name d%d; }\n", name="site%d")
    c.lint(["n"], code=1, seconds=10, mib=1024)


@case("linear", "templates: 50,000 servers with holes and conditions in one Jinja2 file, and in one ERB file")
def many_template_servers(c):
    # Every server has holes, a condition and a finding: the findings are
    # judged against an index of blocks, regions and holes, not a walk each.
    write(f"{c.d}/j/sites.conf.j2", "".join(
        "server { listen 443 ssl; server_name {{ host%d }}; ssl_certificate /a%d.pem;\n"
        "{%% if s%d %%} ssl_stapling off; {%% endif %%} ssl_stapling_responder {{ r }}; }\n" % (i, i, i)
        for i in range(50000)))
    c.lint(["--no-certificates", "j/sites.conf.j2"], code=1, has=["SL1001"], seconds=15, mib=1024)
    write(f"{c.d}/e/vhosts.conf.erb", "".join(
        "<VirtualHost *:443>\nServerName <%%= @host%d %%>\nSSLEngine on\n<%% if @s %%>\nSSLUseStapling off\n"
        "<%% end %%>\n</VirtualHost>\n" % i for i in range(50000)))
    c.lint(["--no-certificates", "e/vhosts.conf.erb"], code=1, seconds=15, mib=1024)
    # Findings on attributes whose messages name holes of the element before
    # them, all of one length: each is looked up near its place, in bounded tries.
    write(f"{c.d}/t/server.xml.j2", '<Server port="8005" shutdown="S"><Service name="C">\n' + "".join(
        '<Connector port="{{ p }}" SSLEnabled="true">\n<SSLHostConfig hostName="{{ h }}" '
        'certificateVerification="required" truststoreFile="conf/{{ h }}.jks">\n'
        '<Certificate certificateKeystoreFile="conf/{{ h }}.p12"/></SSLHostConfig></Connector>\n'
        for _ in range(20000)) + "</Service></Server>\n")
    c.lint(["--no-certificates", "t/server.xml.j2"], code=1, has=["SL2001"], seconds=15, mib=1024)


@case("linear", "Apache: 50,000 <VirtualHost>s in one 4 MB file")
def many_vhosts(c):
    write(f"{c.d}/v.conf", "".join(
        "<VirtualHost *:443>\nServerName s%d\nSSLEngine on\nSSLCertificateFile /a%d.pem\n</VirtualHost>\n" % (i, i)
        for i in range(50000)))
    c.lint(["v.conf"], code=1, seconds=10, mib=1024)


@case("linear", "setenv.sh: 50,000 lines appending to CATALINA_OPTS")
def many_setenv_lines(c):
    write(f"{c.d}/tc/conf/server.xml", SERVER_XML)
    write(f"{c.d}/tc/bin/setenv.sh", "".join('CATALINA_OPTS="$CATALINA_OPTS -Dp%d=1"\n' % i for i in range(50000)))
    c.lint(["tc"], seconds=10, mib=1024)


@case("linear", "setenv.bat: 50,000 lines appending to CATALINA_OPTS")
def many_setenv_bat_lines(c):
    write(f"{c.d}/tc/conf/server.xml", SERVER_XML)
    write(f"{c.d}/tc/bin/setenv.bat", "".join('set "CATALINA_OPTS=%%CATALINA_OPTS%% -Dp%d=1"\r\n' % i for i in range(50000)))
    c.lint(["tc"], seconds=10, mib=1024)


@case("linear", "server.xml: one <Connector> with 300,000 attributes")
def many_attributes(c):
    write(f"{c.d}/x/conf/server.xml", '<Server port="8005"><Service name="x"><Connector port="8443" SSLEnabled="true" '
          + " ".join('a%d="1"' % i for i in range(300000)) + "/></Service></Server>\n")
    c.lint(["x"], seconds=10, mib=1024)


@case("linear", "200,000 arguments, 200,000 duplicate directives, 50,000 connectors")
def many_of_everything(c):
    write(f"{c.d}/args.conf", "events {}\nhttp {\n server_name " + " a" * 200000 + ";\n}\n")
    write(f"{c.d}/dup.conf", "events {}\nhttp {\n" + "gzip on;\n" * 200000 + "}\n")
    write(f"{c.d}/x/conf/server.xml", '<Server port="8005"><Service name="x">' + "".join(
        '<Connector port="%d" SSLEnabled="true"/>' % (i % 60000 + 1) for i in range(50000)) + "</Service></Server>\n")
    c.lint(["args.conf"], seconds=10, mib=1024)
    c.lint(["dup.conf"], seconds=10, mib=1024)
    c.lint(["x"], seconds=10, mib=1024)


# ------------------------------------------------------------------ secrets

def secret_tree(c, files, args, **kw):
    plant_secrets(c.d)
    for p, text in files.items():
        write(f"{c.d}/{p}", text.replace("$W", c.d))
    kw.setdefault("seconds", 5)
    c.lint(args, formats=True, **kw)


@case("secrets", "nginx 'include /../../../secret' under --root")
def secret_root_absolute_dotdot(c):
    depth = "/.." * (c.d.count("/") + 2)
    secret_tree(c, {"R/etc/nginx/nginx.conf": "events {}\nhttp {\n include %s$W/outside/secret.txt;\n}\n" % depth},
                ["--root", "R", "R/etc/nginx/nginx.conf"], code=1, has=["SL0002"])


@case("secrets", "an Ansible role whose defaults/main.yml links to a secret outside it, and to /proc")
def secret_template_variables(c):
    plant_secrets(c.d)
    write(f"{c.d}/outside/vars.yml", f"stapling: {SECRET}000\n")
    for role, target in (("a", f"{c.d}/outside/vars.yml"), ("b", "/proc/self/environ")):
        write(f"{c.d}/{role}/roles/web/templates/site.conf.j2", TEMPLATE_SITE)
        os.makedirs(f"{c.d}/{role}/roles/web/defaults", exist_ok=True)
        os.symlink(target, f"{c.d}/{role}/roles/web/defaults/main.yml")
        c.lint([f"{role}/roles/web/templates/site.conf.j2"], formats=True, seconds=5)


@case("secrets", "nginx 'include ../../../../secret' under --root")
def secret_root_relative_dotdot(c):
    secret_tree(c, {"R/etc/nginx/nginx.conf": "events {}\nhttp {\n include ../../../outside/secret.txt;\n}\n"},
                ["--root", "R", "R/etc/nginx/nginx.conf"], code=1, has=["SL0002"])


@case("secrets", "ssl_certificate naming a secret outside the checkout, a device and /proc, for its OCSP URL")
def secret_certificate_paths(c):
    depth = "/.." * (c.d.count("/") + 2)
    secret_tree(c, {"R/etc/nginx/nginx.conf":
                    "events {}\nhttp {\n server { listen 443 ssl; ssl_certificate %s$W/outside/secret.txt;"
                    " ssl_stapling on; ssl_stapling_verify on; ssl_trusted_certificate a.pem; }\n"
                    " server { listen 443 ssl; ssl_certificate /dev/zero; ssl_stapling on; ssl_stapling_verify on;"
                    " ssl_trusted_certificate a.pem; }\n"
                    " server { listen 443 ssl; ssl_certificate /proc/self/environ; ssl_stapling on;"
                    " ssl_stapling_verify on; ssl_trusted_certificate a.pem; }\n}\n" % depth},
                ["--root", "R", "R/etc/nginx/nginx.conf"], code=1, has=["SL1003"])
    secret_tree(c, {"n/nginx.conf":
                    "events {}\nhttp {\n server { listen 443 ssl; ssl_certificate $W/outside/secret.txt;"
                    " ssl_stapling on; ssl_stapling_verify on; ssl_trusted_certificate a.pem; }\n"
                    " server { listen 443 ssl; ssl_certificate /dev/zero; ssl_stapling on; ssl_stapling_verify on;"
                    " ssl_trusted_certificate a.pem; }\n}\n"},
                ["n/nginx.conf"], code=1, has=["SL1003"])


@case("secrets", "a symlink in the checkout to a file outside, under --root")
def secret_root_symlink(c):
    plant_secrets(c.d)
    write(f"{c.d}/R/etc/nginx/nginx.conf", "events {}\nhttp {\n include link.conf;\n include rel.conf;\n}\n")
    os.symlink(f"{c.d}/outside/secret.txt", f"{c.d}/R/etc/nginx/link.conf")
    os.symlink("../../../outside/secret.txt", f"{c.d}/R/etc/nginx/rel.conf")
    c.lint(["--root", "R", "R/etc/nginx/nginx.conf"], code=1, has=["SL0002"], formats=True)


@case("secrets", "Apache 'Include', 'ServerRoot' and a Define-built path out of --root")
def secret_root_apache(c):
    plant_secrets(c.d)
    up = "/.." * (c.d.count("/") + 2)
    write(f"{c.d}/a/R/etc/apache2/apache2.conf", f"Include {up}{c.d}/outside/secret2.txt\n")
    write(f"{c.d}/b/R/etc/apache2/apache2.conf", f"ServerRoot {up}{c.d}/outside\nInclude secret2.txt\n")
    write(f"{c.d}/c/R/etc/apache2/apache2.conf", f"Define X {up}{c.d}/outside\nInclude ${{X}}/secret2.txt\n")
    for t in "abc":
        c.lint(["--root", f"{t}/R", f"{t}/R/etc/apache2/apache2.conf"], code=1, formats=True)


@case("secrets", "systemd 'EnvironmentFile=' out of --root and /etc/shadow")
def secret_root_environment_file(c):
    plant_secrets(c.d)
    up = "/.." * (c.d.count("/") + 2)
    write(f"{c.d}/R/etc/tomcat10/server.xml", SERVER_XML)
    write(f"{c.d}/R/lib/systemd/system/tomcat10.service",
          f"[Service]\nEnvironmentFile=-{up}{c.d}/outside/secret3.env\nEnvironmentFile=/etc/shadow\n")
    c.lint(["--root", "R", "R/etc/tomcat10/server.xml"], formats=True)


@case("secrets", "-Djava.security.properties=../../secret from CATALINA_BASE")
def secret_security_properties(c):
    plant_secrets(c.d)
    write(f"{c.d}/R/tc/conf/server.xml", SERVER_XML)
    write(f"{c.d}/R/tc/bin/setenv.sh", 'CATALINA_OPTS="-Djava.security.properties=../../../outside/secret.txt"\n')
    c.lint(["--root", "R", "R/tc"], formats=True)


@case("secrets", "without --root: nginx and Apache include a file outside the named paths")
def secret_no_root(c):
    plant_secrets(c.d)
    write(f"{c.d}/n/nginx.conf", f"events {{}}\nhttp {{\n include {c.d}/outside/secret.txt;\n}}\n")
    write(f"{c.d}/a/apache2.conf", f"Include {c.d}/outside/secret2.txt\n")
    c.lint(["n/nginx.conf"], code=1, has=["outside the paths named for linting"], formats=True)
    c.lint(["a/apache2.conf"], code=1, formats=True)


@case("secrets", "without --root: a systemd unit's EnvironmentFile= outside, and /proc/self/environ")
def secret_no_root_env(c):
    plant_secrets(c.d)
    write(f"{c.d}/etc/tomcat10/server.xml", SERVER_XML)
    write(f"{c.d}/etc/systemd/system/tomcat10.service",
          f"[Service]\nEnvironmentFile={c.d}/outside/secret3.env\n")
    write(f"{c.d}/n/nginx.conf", "events {}\nhttp {\n include /proc/self/environ;\n}\n")
    env = dict(os.environ, STAPLINT_TEST_TOKEN=SECRET + "ENV")
    c.lint(["etc/tomcat10/server.xml"], formats=True)
    rc, out, err, _, _ = run(["--format", "json", "n/nginx.conf"], c.d, env=env)
    if SECRET.encode() in out + err:
        c.fail("the environment of the process was quoted")


@case("secrets", "a symlinked site file whose target is outside the named tree")
def secret_symlinked_site(c):
    plant_secrets(c.d)
    write(f"{c.d}/n/nginx.conf", "events {}\nhttp {\n include sites/*.conf;\n}\n")
    os.makedirs(f"{c.d}/n/sites")
    os.symlink(f"{c.d}/outside/secret.txt", f"{c.d}/n/sites/a.conf")
    c.lint(["n/nginx.conf"], code=1, formats=True)


@case("secrets", ".staplint.yaml 'entries:' and 'paths:' pointing outside the repository")
def secret_yaml(c):
    plant_secrets(c.d)
    write(f"{c.d}/repo/a/.staplint.yaml", "entries: [../../outside/secret2.txt]\n")
    write(f"{c.d}/repo/b/.staplint.yaml", f"root: .\npaths:\n  /x: {c.d}/outside\n")
    write(f"{c.d}/repo/b/nginx.conf", "events {}\nhttp {\n include /x/secret.txt;\n}\n")
    c.lint([], code=3, cwd=f"{c.d}/repo/a", has=["outside the directory of this file"])
    c.lint(["nginx.conf"], code=3, cwd=f"{c.d}/repo/b", has=["outside the directory of this file"])


# ------------------------------------------------------------------ output

def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


@case("certificates", "a certificate whose subject holds a newline, a forged finding, ESC and BEL")
def certificate_forged_subject(c):
    os.makedirs(f"{c.d}/n", exist_ok=True)
    # '/' separates RDNs in -subj: escaped.
    # (a CN holds 64 characters at most; the O holds the second forgery)
    cn = "e\n\\/n\\/nginx.conf:1:1: error: FORGED [SL0001]\x1b[31m\x07/O=\n::error file=x::FORGED"
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", "k.pem", "-out", "cert.pem", "-days", "2", "-subj", "/CN=" + cn, cwd=f"{c.d}/n")
    os.remove(f"{c.d}/n/k.pem")
    write(f"{c.d}/n/nginx.conf", "events {}\nhttp {\n resolver 127.0.0.1;\n server { listen 443 ssl;"
          " ssl_certificate cert.pem; ssl_stapling on; ssl_stapling_verify on; ssl_trusted_certificate cert.pem; }\n}\n")
    rc, out, err = c.lint(["--format", "gcc", "n/nginx.conf"], code=0)
    if b"FORGED [SL0001]\n" in out or b"\n::error" in out:
        c.fail("the subject forged a line")
    c.lint(["n/nginx.conf"], formats=True, has=["SL4001"])


@case("certificates", "garbage where certificates, CRLs, OCSP responses and keystores belong")
def certificate_garbage(c):
    random.seed(14)
    junk = bytes(random.getrandbits(8) for _ in range(1 << 20))
    write(f"{c.d}/n/random.pem", junk)
    write(f"{c.d}/n/unended.pem", b"-----BEGIN X509 CRL-----\n" * 200000)
    write(f"{c.d}/n/endless.pem", b"-----BEGIN CERTIFICATE-----\n" + b"QUFB" * 2000000 + b"\n")
    write(f"{c.d}/n/blocks.pem", b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n" * 100000)
    # DER nested a million levels deep, and lengths that lie.
    write(f"{c.d}/n/deep.der", b"\x30\x80" * 1000000)
    write(f"{c.d}/n/lying.der", b"\x30\x84\xff\xff\xff\xff" + junk[:1000])
    write(f"{c.d}/n/nginx.conf",
          "events {}\nhttp {\n resolver 127.0.0.1;\n"
          " server { listen 443 ssl; ssl_certificate random.pem; ssl_certificate endless.pem;"
          " ssl_stapling on; ssl_stapling_verify on; ssl_trusted_certificate blocks.pem;"
          " ssl_stapling_file deep.der; ssl_verify_client on; ssl_client_certificate unended.pem;"
          " ssl_crl unended.pem; }\n"
          " server { listen 443 ssl; ssl_certificate blocks.pem; ssl_stapling on; ssl_stapling_verify on;"
          " ssl_trusted_certificate random.pem; ssl_stapling_file lying.der; }\n}\n")
    c.lint(["n/nginx.conf"], formats=True, seconds=10, has=["SL4005"])
    # Tomcat keystores: a JKS whose counts and lengths lie, PKCS#12 garbage.
    jks = b"\xfe\xed\xfe\xed\x00\x00\x00\x02\xff\xff\xff\xff"
    jks += (b"\x00\x00\x00\x01\x00\x01a" + b"\x00" * 8 + b"\x7f\xff\xff\xff") * 1000
    write(f"{c.d}/t/conf/lying.jks", jks)
    write(f"{c.d}/t/conf/random.p12", b"\x30\x82\x10\x00" + junk[:4096])
    write(f"{c.d}/t/conf/deep.p12", b"\x30\x80" * 1000000)
    write(f"{c.d}/t/conf/server.xml",
          '<Server port="-1"><Service name="C">'
          '<Connector port="8443" SSLEnabled="true"><SSLHostConfig certificateVerification="required"'
          ' truststoreFile="conf/deep.p12" certificateRevocationListFile="conf/unended.pem">'
          '<Certificate certificateKeystoreFile="conf/lying.jks"/></SSLHostConfig></Connector>'
          '<Connector port="8444" SSLEnabled="true"><SSLHostConfig>'
          '<Certificate certificateKeystoreFile="conf/random.p12" certificateKeystorePassword="x"/>'
          '</SSLHostConfig></Connector></Service></Server>\n')
    c.lint(["t"], formats=True, seconds=10)


@case("certificates", "20,000 servers sharing one bundle of 1,000 certificates")
def certificate_shared_bundle(c):
    os.makedirs(f"{c.d}/n", exist_ok=True)
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", "k.pem", "-out", "one.pem", "-days", "2", "-subj", "/CN=one",
            "-addext", "authorityInfoAccess=OCSP;URI:http://ocsp.example.test/", cwd=f"{c.d}/n")
    os.remove(f"{c.d}/n/k.pem")
    with open(f"{c.d}/n/one.pem", "rb") as f:
        one = f.read()
    write(f"{c.d}/n/bundle.pem", one * 1000)
    servers = "".join(" server { listen 443 ssl; server_name s%d; ssl_certificate bundle.pem; }\n" % i
                      for i in range(20000))
    write(f"{c.d}/n/nginx.conf", "events {}\nhttp {\n resolver 127.0.0.1;\n ssl_stapling on;"
          " ssl_stapling_verify on; ssl_trusted_certificate bundle.pem;\n" + servers + "}\n")
    c.lint(["--format", "json", "n/nginx.conf"], seconds=10, mib=1024)


@case("certificates", "an OpenSSL configuration ($OPENSSL_CONF) that loads an engine from a FIFO")
def certificate_openssl_conf(c):
    # Were OpenSSL's configuration read, dlopen() of the engine would block on
    # the FIFO (and a real .so would run): staplint must not read it.
    os.makedirs(f"{c.d}/n", exist_ok=True)
    os.mkfifo(f"{c.d}/engine.so")
    write(f"{c.d}/openssl.cnf",
          "openssl_conf = openssl_init\n[openssl_init]\nengines = engine_section\n"
          "alg_section = evp_properties\n[evp_properties]\ndefault_properties = \"fips=yes\"\n"
          f"[engine_section]\nevil = evil_section\n[evil_section]\ndynamic_path = {c.d}/engine.so\ninit = 1\n")
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", "k.pem", "-out", "cert.pem", "-days", "2", "-subj", "/CN=conf", cwd=f"{c.d}/n")
    os.remove(f"{c.d}/n/k.pem")
    write(f"{c.d}/n/nginx.conf", "events {}\nhttp {\n resolver 127.0.0.1;\n server { listen 443 ssl;"
          " ssl_certificate cert.pem; ssl_stapling on; ssl_stapling_verify on; ssl_trusted_certificate cert.pem; }\n}\n")
    rc, out, err, secs, _ = run(["--format", "gcc", "n/nginx.conf"], c.d, timeout=10 * SLOW,
                                env={**os.environ, "OPENSSL_CONF": f"{c.d}/openssl.cnf"})
    if rc == -999:
        c.fail(f"killed after {secs:.1f} s: OpenSSL's configuration was read")
    elif rc != 0 or b"[SL4001]" not in out:
        c.fail(f"exit {rc}, wanted 0 and SL4001 (the certificate read): {(out + err)[:400]!r}")


@case("certificates", "certificate paths that are devices, FIFOs, directories and symlink loops")
def certificate_special_paths(c):
    os.makedirs(f"{c.d}/n/dir.pem", exist_ok=True)
    os.mkfifo(f"{c.d}/n/fifo.pem")
    os.symlink("loop2.pem", f"{c.d}/n/loop1.pem")
    os.symlink("loop1.pem", f"{c.d}/n/loop2.pem")
    write(f"{c.d}/n/nginx.conf",
          "events {}\nhttp {\n resolver 127.0.0.1;\n server { listen 443 ssl; ssl_certificate /dev/zero;"
          " ssl_certificate fifo.pem; ssl_certificate dir.pem; ssl_certificate loop1.pem;"
          " ssl_stapling on; ssl_stapling_verify on; ssl_trusted_certificate /dev/urandom;"
          " ssl_verify_client on; ssl_client_certificate /proc/self/environ; ssl_crl fifo.pem;"
          " ssl_stapling_file /dev/stdin; }\n}\n")
    c.lint(["n/nginx.conf"], formats=True, seconds=5)


@case("output", "a quoted nginx value holding a newline and a workflow command")
def forged_gcc_line(c):
    write(f"{c.d}/t/a.conf", "server {\n listen 443 ssl;\n ssl_certificate /a.pem;\n"
          " ssl_stapling \"x\n::error file=evil.conf,line=1::INJECTED\x1b[31mRED\x1b]0;title\x07\";\n}\n")
    rc, out, err = c.lint(["--format", "gcc", "t/a.conf"], code=1)
    for line in out.decode().splitlines():
        if line.startswith("::"):
            c.fail("a line starts a workflow command")
    c.lint(["t/a.conf"], formats=True)


@case("output", "file names with a newline, ESC, BEL and '::'")
def forged_file_names(c):
    name = "evil\n::error file=x::FORGED\x1b[2J\x07.conf"
    write(f"{c.d}/t/{name}", TLS_SERVER)
    c.lint(["t"], code=1, formats=True)


@case("output", "--color always with json, sarif and gcc")
def color_machine_formats(c):
    write(f"{c.d}/a.conf", TLS_SERVER)
    for f in ("json", "sarif", "gcc"):
        rc, out, err = c.lint(["--color", "always", "--format", f, "a.conf"], code=1)
        if b"\x1b" in out:
            c.fail(f"--color always put escapes into {f}")


@case("output", "--diff of a file whose name holds a newline and '+++ PWNED.conf'")
def diff_header_injection(c):
    name = "a.conf\n+++ PWNED.conf"
    write(f"{c.d}/d2/{name}", TLS_SERVER)
    rc, out, err = c.lint(["--diff", f"d2/{name}"], code=1)
    lines = out.decode().splitlines()
    if any(l.startswith("+++ PWNED") for l in lines):
        c.fail("a forged diff header")
    if not any(l.startswith('--- "a/d2/a.conf\\n+++ PWNED.conf"') for l in lines):
        c.fail(f"the name is not quoted as git quotes it: {lines[:3]!r}")
    if shutil.which("git"):
        p = subprocess.run(["git", "apply", "--check", "-"], input=out, cwd=c.d, capture_output=True)
        if p.returncode != 0:
            c.fail(f"git apply refuses the quoted diff: {p.stderr[:200]!r}")


# ------------------------------------------------------------------ writes

@case("writes", "probe --record: a recording's name is a link to a file outside the directory")
def probe_record_through_link(c):
    plant_secrets(c.d)
    os.makedirs(f"{c.d}/rec", exist_ok=True)
    os.symlink(f"{c.d}/outside/secret.txt", f"{c.d}/rec/127.0.0.1_9.probe.yaml")
    before = snapshot(f"{c.d}/outside/secret.txt")
    c.lint(["probe", "--record", "rec", "--tls", "1.3", "--attempts", "1", "--timeout", "2", "127.0.0.1:9"],
           code=2, has=["is a symbolic link; not written through"])
    c.unchanged(before)


@case("writes", "--write-baseline onto a FIFO, and as root onto a character device")
def baseline_special_files(c):
    write(f"{c.d}/a.conf", TLS_SERVER)
    os.mkfifo(f"{c.d}/pipe.json")
    c.lint(["--write-baseline", "pipe.json", "a.conf"], code=2, has=["not a regular file"], seconds=2,
           as_nobody=as_owner_nobody(c))
    if not stat.S_ISFIFO(os.lstat(f"{c.d}/pipe.json").st_mode):
        c.fail("the FIFO was replaced")
    if ROOT:
        os.mknod(f"{c.d}/null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        c.lint(["--write-baseline", "null", "a.conf"], code=2, has=["not a regular file"])
        if not stat.S_ISCHR(os.lstat(f"{c.d}/null").st_mode):
            c.fail("the device was replaced")


@case("writes", "--fix on a file reached through an include out of --root")
def fix_out_of_root(c):
    write(f"{c.d}/victim/outside.conf", TLS_SERVER)
    before = snapshot(f"{c.d}/victim/outside.conf")
    up = "/.." * (c.d.count("/") + 2)
    write(f"{c.d}/R/etc/nginx/nginx.conf", f"events {{}}\nhttp {{\n include {up}{c.d}/victim/outside.conf;\n}}\n")
    c.lint(["--fix", "--root", "R", "R/etc/nginx/nginx.conf"], as_nobody=as_owner_nobody(c))
    c.unchanged(before)


@case("writes", "--fix=all with a Tomcat bin/ that links out of the tree")
def fix_symlinked_bin(c):
    os.makedirs(f"{c.d}/victim/binout")
    write(f"{c.d}/tc/conf/server.xml", SERVER_XML)
    os.symlink(f"{c.d}/victim/binout", f"{c.d}/tc/bin")
    c.lint(["--fix=all", "tc"], as_nobody=as_owner_nobody(c))
    if os.listdir(f"{c.d}/victim/binout"):
        c.fail("a file was created outside the tree")


@case("writes", "--fix on a site file that is a symlink out of the tree")
def fix_symlinked_file(c):
    write(f"{c.d}/victim/target.conf", TLS_SERVER)
    before = snapshot(f"{c.d}/victim/target.conf")
    write(f"{c.d}/n/nginx.conf", "events {}\nhttp {\n include site.conf;\n}\n")
    os.symlink(f"{c.d}/victim/target.conf", f"{c.d}/n/site.conf")
    c.lint(["--fix", "n/nginx.conf"], as_nobody=as_owner_nobody(c))
    c.unchanged(before)


@case("writes", "--fix as nobody on a read-only file, and on a file nobody owns in a writable directory")
def fix_permissions(c):
    if not nobody_case(c):
        return
    write(f"{c.d}/ro/nginx.conf", "events {}\nhttp {\n" + TLS_SERVER + "}\n", 0o444)
    os.chmod(f"{c.d}/ro", 0o777)
    before = snapshot(f"{c.d}/ro/nginx.conf")
    c.lint(["--fix", "ro/nginx.conf"], code=2, has=["read-only"], as_nobody=True)
    c.unchanged(before)
    write(f"{c.d}/own/nginx.conf", "events {}\nhttp {\n" + TLS_SERVER + "}\n", 0o666)
    os.chmod(f"{c.d}/own", 0o777)
    before = snapshot(f"{c.d}/own/nginx.conf")
    c.lint(["--fix", "own/nginx.conf"], code=2, has=["cannot keep the owner"], as_nobody=True)
    c.unchanged(before)
    if os.stat(f"{c.d}/own/nginx.conf").st_uid != 0:
        c.fail("the owner changed")
    if any(".staplint-" in n for n in os.listdir(f"{c.d}/own")):
        c.fail("a temporary file was left")


@case("writes", "SIGTERM during --fix=all of 3,000 files leaves no temporary file")
def fix_sigterm(c):
    for i in range(3000):
        write(f"{c.d}/t/s{i:04d}.conf", TLS_SERVER)
    prefix = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] if as_owner_nobody(c) else []
    p = subprocess.Popen(prefix + [STAPLINT, "--fix=all", "t"], cwd=c.d, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    time.sleep(0.5 * SLOW)
    p.send_signal(signal.SIGTERM)
    try:
        p.wait(timeout=30)
    except subprocess.TimeoutExpired:
        p.kill()
        c.fail("did not end on SIGTERM")
    left = [n for n in os.listdir(f"{c.d}/t") if ".staplint-" in n]
    if left:
        c.fail(f"temporary files left: {left[:3]}")
    for n in os.listdir(f"{c.d}/t"):
        with open(f"{c.d}/t/{n}") as f:
            text = f.read()
        if "ssl_stapling" not in text or not text.endswith("}\n"):
            c.fail(f"{n} is torn")
            break


@case("writes", "an edit saved to a file while --fix runs is never lost")
def fix_concurrent_edit(c):
    write_many(f"{c.d}/t/many", 60000, "gzip on;\n")
    write(f"{c.d}/t/nginx.conf", "events {}\nhttp {\n include sites/*.conf;\n include many/*;\n}\n")
    write(f"{c.d}/t/sites/a.conf", TLS_SERVER)
    prefix = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] if as_owner_nobody(c) else []
    p = subprocess.Popen(prefix + [STAPLINT, "--fix", "t/nginx.conf"], cwd=c.d, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    time.sleep(0.3)
    with open(f"{c.d}/t/sites/a.conf", "a") as f:
        f.write("# USER EDIT\n")
    _, err = p.communicate(timeout=120 * SLOW)
    with open(f"{c.d}/t/sites/a.conf") as f:
        text = f.read()
    if "# USER EDIT" not in text:
        c.fail(f"the user's edit was lost: {err[:300]!r}")
    if p.returncode == 2 and b"changed since it was read" not in err:
        c.fail(f"exit 2 without saying why: {err[:300]!r}")


@case("writes", "--fix=all reaches its fixpoint in one run ('yes' -> on, verify, trusted certificate)")
def fix_fixpoint(c):
    write(f"{c.d}/a.conf", TLS_SERVER)
    c.lint(["--fix=all", "a.conf"])
    rc, out, err = c.lint(["--diff", "--fix=all", "a.conf"], code=0)
    if out:
        c.fail(f"a second run would still change: {out[:300]!r}")
    with open(f"{c.d}/a.conf") as f:
        text = f.read()
    for want in ("ssl_stapling on;", "ssl_stapling_verify on;", "ssl_trusted_certificate"):
        if want not in text:
            c.fail(f"the fixed file lacks {want!r}")


@case("writes", "--fix keeps mode 2640, owner 1234:5678 and CRLF line ends (as root)")
def fix_keeps_attributes(c):
    write(f"{c.d}/a.conf", TLS_SERVER.replace("\n", "\r\n"))
    os.chmod(f"{c.d}/a.conf", 0o2640)
    if ROOT:
        os.chown(f"{c.d}/a.conf", 1234, 5678)
    c.lint(["--fix", "a.conf"])
    st = os.stat(f"{c.d}/a.conf")
    if stat.S_IMODE(st.st_mode) != 0o2640:
        c.fail(f"mode is now {oct(stat.S_IMODE(st.st_mode))}")
    if ROOT and (st.st_uid, st.st_gid) != (1234, 5678):
        c.fail(f"owner is now {st.st_uid}:{st.st_gid}")
    with open(f"{c.d}/a.conf", "rb") as f:
        data = f.read()
    if b"ssl_stapling on;" not in data or data.count(b"\n") != data.count(b"\r\n"):
        c.fail(f"not fixed with CRLF kept: {data!r}")


@case("writes", "--diff and --fix leave a file with a syntax error alone")
def fix_syntax_error(c):
    write(f"{c.d}/b.conf", "http {\n server {\n  listen 443 ssl;\n  ssl_stapling yes\n }\n}\n")
    before = snapshot(f"{c.d}/b.conf")
    c.lint(["--fix=all", "b.conf"], code=1, has=["has a syntax error"])
    c.unchanged(before)


@case("secrets", "a glob include of a directory outside the named paths")
def secret_glob_outside(c):
    plant_secrets(c.d)
    write(f"{c.d}/outside/x.conf", f"server {{\n listen 443 ssl;\n server_name {SECRET}999;\n ssl_stapling maybe;\n}}\n")
    write(f"{c.d}/n/nginx.conf", f"events {{}}\nhttp {{\n include {c.d}/outside/*.conf;\n}}\n")
    c.lint(["n/nginx.conf"], code=1, formats=True)


@case("secrets", "Apache 'Include' of a directory outside the named paths")
def secret_apache_dir_outside(c):
    plant_secrets(c.d)
    write(f"{c.d}/outside/d/v.conf", f"<VirtualHost *:443>\nServerName {SECRET}42\nSSLEngine on\nSSLUseStapling maybe\n</VirtualHost>\n")
    write(f"{c.d}/a/apache2.conf", f"Include {c.d}/outside/d\n")
    c.lint(["a/apache2.conf"], code=1, formats=True)


@case("secrets", "probe --replay: a recording whose chain is a link to a secret, and one that climbs out with ..")
def secret_probe_recording(c):
    plant_secrets(c.d)
    write(f"{c.d}/rec/a.probe.yaml",
          "target: a.test:443\nhandshakes:\n  - {tls: \"1.3\", outcome: ok, chain: certs/chain.pem}\n")
    os.makedirs(f"{c.d}/rec/certs", exist_ok=True)
    os.symlink(f"{c.d}/outside/secret.txt", f"{c.d}/rec/certs/chain.pem")
    write(f"{c.d}/rec/b.probe.yaml",
          "target: b.test:443\nhandshakes:\n  - {tls: \"1.3\", outcome: ok, chain: ../outside/secret2.txt}\n")
    c.lint(["probe", "--replay", "rec"], code=1, has=["SL0001"], formats=True)


@case("output", "probe --replay: a target and failure details holding ESC, a newline and a workflow command")
def probe_recording_forged_lines(c):
    write(f"{c.d}/rec/a.probe.yaml",
          'target: "a.test:443"\nhandshakes:\n'
          '  - {tls: "1.3", outcome: failed, detail: "x\\n::error file=forged,line=1::forged\\e]0;title\\a"}\n')
    # A target with an escape is no host name: a located SL0001, escaped.
    write(f"{c.d}/rec/b.probe.yaml",
          'target: "b\\e[31m.test:443\\n::error file=forged2,line=1::x"\nhandshakes:\n  - {tls: "1.3", outcome: failed}\n')
    c.lint(["probe", "--replay", "rec"], code=1, has=["SL5006", "SL0001"],
           lacks=["\n::error file=forged", "\x1b"], formats=True)


@case("config", "probe --replay: a recording nested 100,000 deep, and an alias bomb of handshakes")
def probe_recording_bombs(c):
    write(f"{c.d}/deep/a.probe.yaml", "target: " + "[" * 100000 + "]" * 100000 + "\n")
    bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
        "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n" % ((i, i) + (i - 1,) * 9) for i in range(1, 9))
    write(f"{c.d}/bomb/a.probe.yaml", bomb + "target: a.test:443\nhandshakes: *a8\n")
    c.lint(["probe", "--replay", "deep"], code=1, has=["SL0001"], seconds=5, mib=512)
    c.lint(["probe", "--replay", "bomb"], code=1, has=["SL0001"], seconds=5, mib=512)


# ------------------------------------------------------------------ config

@case("config", ".staplint.yaml nested 100,000 deep, and an alias bomb in 'exclude'")
def yaml_bombs(c):
    write(f"{c.d}/a/.staplint.yaml", "exclude: " + "[" * 100000 + "]" * 100000 + "\n")
    write(f"{c.d}/a/nginx.conf", "events {}\n")
    bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
        "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n" % ((i, i) + (i - 1,) * 9) for i in range(1, 9))
    write(f"{c.d}/b/.staplint.yaml", "exclude: [*a8]\n")
    write(f"{c.d}/b/nginx.conf", "events {}\n")
    c.lint(["nginx.conf"], code=3, cwd=f"{c.d}/a", seconds=5)
    write(f"{c.d}/b/.staplint.yaml", bomb)
    c.lint(["nginx.conf"], code=3, cwd=f"{c.d}/b", seconds=5, mib=512)


@case("config", "a binary .staplint.yaml, and an empty one")
def yaml_binary(c):
    write(f"{c.d}/a/.staplint.yaml", b"\0\1\2")
    write(f"{c.d}/a/nginx.conf", "events {}\n")
    write(f"{c.d}/b/.staplint.yaml", "")
    write(f"{c.d}/b/nginx.conf", "events {}\n")
    c.lint(["nginx.conf"], code=3, cwd=f"{c.d}/a", has=["not a text file"])
    c.lint(["nginx.conf"], code=0, cwd=f"{c.d}/b")


@case("config", "baselines: truncated, 100,000 deep, a FIFO, /dev/zero")
def baseline_bad(c):
    write(f"{c.d}/a.conf", TLS_SERVER)
    write(f"{c.d}/trunc.json", '{"staplint-baseline": 1, "findings": [{"rule": "SL1')
    write(f"{c.d}/deep.json", "[" * 100000 + "]" * 100000)
    os.mkfifo(f"{c.d}/fifo.json")
    for b in ("trunc.json", "deep.json", "fifo.json", "/dev/zero", "missing.json"):
        c.lint(["--baseline", b, "a.conf"], code=3, seconds=5)


@case("config", "a 31 MB baseline of 330,000 entries (under the size limit)")
def baseline_large(c):
    entries = [{"rule": "SL9002", "file": "x%d.conf" % i, "fingerprint": "%016x" % i, "message": "m"}
               for i in range(330000)]
    write(f"{c.d}/big.json", json.dumps({"staplint-baseline": 1, "findings": entries}))
    write(f"{c.d}/a.conf", TLS_SERVER)
    c.lint(["--baseline", "big.json", "a.conf"], code=1, seconds=5, mib=200)


@case("config", "baselines with duplicate keys, a huge version and wrong types")
def baseline_odd(c):
    write(f"{c.d}/a.conf", TLS_SERVER)
    write(f"{c.d}/dup.json", '{"staplint-baseline": 1, "staplint-baseline": 1, "findings": []}')
    write(f"{c.d}/ver.json", '{"staplint-baseline": 1e999999, "findings": []}')
    write(f"{c.d}/types.json", '{"staplint-baseline": 1, "findings": [{"rule": 1, "file": [], "fingerprint": {}, "message": null}]}')
    write(f"{c.d}/surrogate.json", '{"staplint-baseline": 1, "findings": [{"rule": "\\ud800", "file": "a", "fingerprint": "b", "message": "c"}]}')
    for b, want in (("dup.json", "appears twice"), ("ver.json", "newer than"), ("types.json", "has no 'rule'"),
                    ("surrogate.json", "invalid unicode")):
        c.lint(["--baseline", b, "a.conf"], code=3, has=[want])


# ------------------------------------------------------------------ aws

ALIAS_BOMB = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
    "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n" % ((i, i) + (i - 1,) * 9) for i in range(1, 9))


@case("config", "CloudFormation: a template nested 100,000 deep (YAML and JSON), and an alias bomb in Metadata")
def cloudformation_bombs(c):
    write(f"{c.d}/deep/t.yaml", "AWSTemplateFormatVersion: x\nResources: " + "[" * 100000 + "]" * 100000 + "\n")
    write(f"{c.d}/json/t.json", '{"AWSTemplateFormatVersion": "x", "Resources": ' + "[" * 100000 + "]" * 100000 + "}\n")
    bomb = "".join("  " + line + "\n" for line in ALIAS_BOMB.splitlines())
    write(f"{c.d}/bomb/t.yaml", "AWSTemplateFormatVersion: x\nMetadata:\n" + bomb +
          "Resources:\n  L:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n"
          "      Protocol: HTTPS\n      MutualAuthentication: *a8\n")
    c.lint(["deep"], code=1, has=["SL0005"], seconds=5, mib=512)
    c.lint(["json"], code=1, has=["SL0005"], seconds=5, mib=512)
    c.lint(["bomb"], code=0, seconds=5, mib=512)


@case("config", "Terraform: blocks, brackets, templates and heredocs nested 100,000 deep, 100,000 unary minuses")
def terraform_deep(c):
    write(f"{c.d}/blocks/main.tf", "a {\n" * 100000 + "}\n" * 100000)
    write(f"{c.d}/brackets/main.tf", "x = " + "[" * 100000 + "]" * 100000 + "\n")
    write(f"{c.d}/templates/main.tf", "x = " + '"${' * 50000 + "1" + '}"' * 50000 + "\n")
    write(f"{c.d}/heredocs/main.tf", "x = " + "".join("<<E%d\n${" % i for i in range(20000)) + "1\n")
    write(f"{c.d}/unary/main.tf", "x = " + "-" * 100000 + "1\n")
    for d in ("blocks", "brackets", "templates", "heredocs"):
        c.lint([d], code=1, has=["SL000"], seconds=5, mib=512)
    c.lint(["unary"], code=0, seconds=5, mib=512)


@case("output", "Terraform and CloudFormation names holding ESC, a newline and a workflow command")
def aws_forged_names(c):
    write(f"{c.d}/tf/main.tf",
          'resource "aws_lb_listener" "a\\u001b[31m\\n::error file=forged,line=1::x" {\n'
          '  protocol = "HTTPS"\n  mutual_authentication {\n    mode = "passthrough"\n  }\n}\n')
    write(f"{c.d}/cf/t.json",
          '{"AWSTemplateFormatVersion": "x", "Resources": {"L\\u001b]0;t\\u0007\\n::error file=forged2::x": '
          '{"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": '
          '{"Protocol": "HTTPS", "MutualAuthentication": {"Mode": "passthrough"}}}}}\n')
    c.lint(["tf", "cf"], code=0, has=["SL2007"], lacks=["\n::error file=forged", "\x1b"], formats=True)


@case("fs", "Terraform: a module file that links to a secret outside, with a syntax error in it")
def terraform_secret_link(c):
    plant_secrets(c.d)
    write(f"{c.d}/mod/main.tf", 'resource "aws_lb_listener" "l" {\n  protocol = "HTTPS"\n}\n')
    os.symlink(f"{c.d}/outside/secret.txt", f"{c.d}/mod/secret.tf")
    c.lint(["mod"], code=1, has=["SL0001"], formats=True)
    c.lint(["mod/main.tf"], formats=True)


@case("linear", "Terraform: a module of 20,000 listeners, and a CloudFormation template of 20,000")
def aws_large(c):
    write(f"{c.d}/tf/main.tf", "".join(
        'resource "aws_lb_listener" "l%d" {\n  protocol = "HTTPS"\n  mutual_authentication {\n'
        '    mode = "passthrough"\n  }\n}\n' % i for i in range(20000)))
    write(f"{c.d}/cf/t.yaml", "AWSTemplateFormatVersion: x\nResources:\n" + "".join(
        "  L%d:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n      Protocol: HTTPS\n"
        "      MutualAuthentication: {Mode: passthrough}\n" % i for i in range(20000)))
    c.lint(["tf"], code=0, has=["SL2007"], seconds=10, mib=1024)
    c.lint(["cf"], code=0, has=["SL2007"], seconds=10, mib=1024)


# ------------------------------------------------------------------ cli

@case("cli", "limits past their caps and values that would wrap")
def limit_caps(c):
    write(f"{c.d}/a.conf", "events {}\n")
    for opt, v in (("--max-files", "4294967296"), ("--max-include-depth", "4294967296"),
                   ("--max-nesting", "10001"), ("--max-file-size", "4000000000"),
                   ("--max-expansion", "100001"), ("--max-value-length", "67108865"),
                   ("--max-files", "0"), ("--max-nesting", "-1"), ("--max-files", "1e3")):
        c.lint([opt, v, "a.conf"], code=3)


@case("cli", "options that would silently do nothing: an empty --exclude, --enable '', a missing --prefix")
def silent_options(c):
    write(f"{c.d}/nginx.conf", "events {}\nhttp {\n include conf.d/*.conf;\n}\n")
    c.lint(["--exclude", "", "nginx.conf"], code=3, has=["would exclude everything"])
    c.lint(["--enable", "", "nginx.conf"], code=3, has=["names none"])
    c.lint(["--prefix", "/nonexistent", "nginx.conf"], code=2, has=["names no directory"])


@case("config", ".staplint.yaml: a key twice, 'enable: []' and an empty exclude glob")
def yaml_silent(c):
    write(f"{c.d}/nginx.conf", "events {}\n")
    for text, want in (("format: json\nformat: gcc\n", "appears twice"), ("enable: []\n", "would run no rule"),
                       ("exclude: ['']\n", "'exclude'")):
        write(f"{c.d}/.staplint.yaml", text)
        c.lint(["nginx.conf"], code=3, has=[want])


# ------------------------------------------------------------------ main

def main(argv):
    global STAPLINT, SLOW, MEM
    args = argv[1:]
    if not args:
        print(__doc__)
        return 3
    STAPLINT = os.path.abspath(args.pop(0))
    only = None
    listing = False
    while args:
        a = args.pop(0)
        if a == "--list":
            listing = True
        elif a == "--only":
            only = args.pop(0)
        elif a == "--slow":
            SLOW = float(args.pop(0))
            MEM = 3.0 if SLOW > 1 else 1.0
    if listing:
        counts = {}
        for cs, fn, _ in CASES:
            counts[cs.cls] = counts.get(cs.cls, 0) + 1
            print(f"{cs.cls:10} {cs.name:36} {cs.doc}")
        print(f"{len(CASES)} cases: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        return 0
    failed = skipped = 0
    counts = {}
    failures = []
    for cs, fn, _ in CASES:
        if only and only not in cs.name and only != cs.cls:
            continue
        d = tempfile.mkdtemp(prefix="hostile-")
        os.chmod(d, 0o755)
        c = Check(d)
        c.skip = None
        start = time.monotonic()
        try:
            fn(c)
        except Exception as e:  # noqa: BLE001 - a broken case is a failure, not a crash
            c.fail(f"the case itself failed: {e!r}")
        finally:
            subprocess.run(["chmod", "-R", "u+rwx", d], capture_output=True)
            shutil.rmtree(d, ignore_errors=True)
        secs = time.monotonic() - start
        counts[cs.cls] = counts.get(cs.cls, 0) + 1
        if c.skip:
            skipped += 1
            print(f"skip {cs.cls}/{cs.name}: {c.skip}")
        elif c.problems:
            failed += 1
            lines = [f"FAIL {cs.cls}/{cs.name} ({secs:.1f} s): {cs.doc}"] + [f"     {p}" for p in c.problems]
            failures += lines
            print("\n".join(lines))
        else:
            print(f"ok   {cs.cls}/{cs.name} ({secs:.1f} s)")
    total = sum(counts.values())
    if failures:
        # Again at the end, so that a log cut to its last lines (CI's tail) still names them.
        print("failed cases:")
        print("\n".join(failures))
    print(f"hostile corpus: {total} cases ({', '.join(f'{k} {v}' for k, v in counts.items())}); "
          f"{failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

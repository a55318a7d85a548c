"""What the benchmark scripts share: corpora from Debian sources, parse-floor commands."""
import json
import os
import shlex
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, **kw)


def fetch_script():
    for candidate in (os.environ.get("MEDSEC_SHARED", ""), os.path.join(ROOT, "..", "shared"),
                      "/work/shared"):
        path = os.path.join(candidate, "corpora", "fetch-debian-source.sh")
        if candidate and os.path.exists(path):
            return path
    sys.exit("cannot find shared/corpora/fetch-debian-source.sh (set MEDSEC_SHARED)")


def syntax_only_commands(build):
    """One shell line per configuration of each file: the compile command made -fsyntax-only.
    Entries that differ only in their output (mbedtls compiles programs/fuzz/onefile.c once per
    fuzzer) are one translation unit, parsed once, as medsec analyses them."""
    lines = []
    for e in json.load(open(os.path.join(build, "compile_commands.json"))):
        args = e.get("arguments") or shlex.split(e["command"])
        out, skip = [], False
        for a in args:
            if skip:
                skip = False
            elif a == "-o":
                skip = True
            elif a != "-c":
                out.append(a)
        line = "cd %s && %s -fsyntax-only" % (shlex.quote(e["directory"]),
                                              " ".join(shlex.quote(a) for a in out))
        if line not in lines:
            lines.append(line)
    return lines

#!/usr/bin/env python3
"""Instructions of one keystroke's AST build in medsec-clangd (a benchmark, not a test).

Wall times on a shared machine move with other people's work; callgrind's instruction counts do
not. Runs the server under `valgrind --tool=callgrind`, collecting only inside
clang::clangd::ParsedAST::build, opens FILE of PROJECT (which needs its .clangd, e.g. from
`medsec init`), types --warm-up keystrokes, zeroes the counters (callgrind_control -z), types
--keystrokes more and prints the instructions per build: per medsec check (its constructor, the
shared catalogue lookup of its base class included, and its callbacks), and for the matching and
the check construction as a whole. docs/benchmarks.md has the results.

Usage: tools/bench/clangd-keystroke-profile.py --server BUILD/medsec-clangd --project DIR
           [--file src/uart_cmd.c] [--keystrokes 4] [--out callgrind.out]
"""
import argparse
import collections
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))
from lspclient import LspClient  # noqa: E402

TIMEOUT = 600
CALLBACKS = ("check", "registerMatchers", "registerPPCallbacks", "onStartOfTranslationUnit",
             "onEndOfTranslationUnit")
PARTS = [("the whole AST build", "clang::clangd::ParsedAST::build("),
         ("matching (all matchers and callbacks)", "MatchFinder::matchAST("),
         ("the checks' callbacks", "clang::tidy::ClangTidyCheck::run("),
         ("constructing the checks", "ClangTidyCheckFactories::createChecksForLanguage("),
         ("clang-tidy's check-name globs", "ClangTidyContext::isCheckEnabled(")]


def profile(args, out):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEDSEC_")}
    env.pop("CLANGD_FLAGS", None)
    env["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="medsec-xdg-")
    path = os.path.join(args.project, args.file)
    with open(path) as f:
        text = f.read()
    argv = ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out,
            "--toggle-collect=clang::clangd::ParsedAST::build*", args.server,
            "--background-index=false"]
    client = LspClient(argv, cwd=args.project, env=env)
    try:
        client.initialize(args.project, timeout=TIMEOUT)
        client.did_open(path, text, version=1)
        diags = client.diagnostics(path, version=1, timeout=TIMEOUT)
        version = 1
        for i in range(args.warm_up + args.keystrokes):
            if i == args.warm_up:
                subprocess.run(["callgrind_control", "-z", str(client.proc.pid)], check=True,
                               stdout=subprocess.DEVNULL)
            version += 1
            client.did_change(path, text + "\n" * (version - 1), version=version)
            client.diagnostics(path, version=version, timeout=TIMEOUT)
    finally:
        client.close()
    return sum(1 for d in diags if str(d.get("code", "")).startswith("medsec-"))


def report(out, builds):
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", out],
                          capture_output=True, text=True, check=True).stdout
    checks = collections.defaultdict(float)
    parts = {}
    for line in text.splitlines():
        m = re.match(r"\s*([\d,]+) \([^)]*\)\s+\S*?:(.*)", line)
        if not m:
            continue
        ir = int(m.group(1).replace(",", "")) / builds / 1e6
        fn = m.group(2)
        c = re.search(r"clang::tidy::medsec::(\w+Check)::(\w+)\(", fn)
        if c and "'" not in fn.split("(")[0] and (
                c.group(2) == c.group(1) or c.group(2) in CALLBACKS):
            checks[c.group(1)] += ir
        for name, pattern in PARTS:
            if pattern in fn and name not in parts:
                parts[name] = ir
    print("| part of a keystroke build | M instructions |")
    print("|---|---|")
    for name, _ in PARTS:
        print("| %s | %.1f |" % (name, parts.get(name, 0.0)))
    for name, ir in sorted(checks.items(), key=lambda kv: -kv[1]):
        print("| %s (constructor and callbacks) | %.2f |" % (name, ir))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--server", required=True)
    ap.add_argument("--project", required=True)
    ap.add_argument("--file", default="src/uart_cmd.c")
    ap.add_argument("--warm-up", type=int, default=2)
    ap.add_argument("--keystrokes", type=int, default=4)
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    args.project = os.path.abspath(args.project)
    out = args.out or os.path.join(tempfile.mkdtemp(prefix="medsec-cg-"), "callgrind.out")
    findings = profile(args, out)
    print("%s: %d medsec findings on open; %d keystroke builds profiled (%s)"
          % (args.file, findings, args.keystrokes, out))
    report(out, args.keystrokes)


if __name__ == "__main__":
    main()

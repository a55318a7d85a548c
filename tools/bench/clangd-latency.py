#!/usr/bin/env python3
"""Editor latency of medsec-clangd against stock clangd-19 (a benchmark, not a test).

Measures, over LSP, the time from textDocument/didOpen to the first publishDiagnostics (a cold
open: preamble and AST built by a fresh server) and from each of --keystrokes one-line didChange
events to the next publishDiagnostics (the preamble is reused), on the largest C file of
test-inputs/ or --file. clangd delays a rebuild by a debounce it adapts to its last builds
(50-500 ms), so the first keystroke after an open pays for the open's build; "later keystrokes"
is the median from the third on, what typing costs once the debounce has settled.

Configurations, each on its own copy of the sample firmware:
  stock     clangd-19 from Debian, no clang-tidy checks
  nochecks  medsec-clangd, no clang-tidy checks (the cost of the binary itself)
  medsec    medsec-clangd with the .clangd written by `medsec init` (every medsec-* check)

The configurations take turns within each repetition so machine load spreads evenly.
Usage: tools/bench/clangd-latency.py [--build BUILD_DIR] [--reps N] [--file PATH] [--markdown]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))
from lspclient import LspClient  # noqa: E402

PUMP = os.path.join(ROOT, "test-inputs", "infusion-pump")
TIMEOUT = 300


def largest_c_file(top):
    files = [os.path.join(b, n) for b, _, ns in os.walk(top) for n in ns if n.endswith(".c")]
    return max(files, key=os.path.getsize)


def prepare(tmp, name, medsec, with_checks):
    project = os.path.join(tmp, name)
    shutil.copytree(PUMP, project, ignore=shutil.ignore_patterns("build*", ".cache"))
    build = os.path.join(project, "build")
    subprocess.run(["cmake", "-S", project, "-B", build, "-DCMAKE_C_COMPILER=clang-19"],
                   check=True, stdout=subprocess.DEVNULL)
    if with_checks:
        subprocess.run([medsec, "init", project, "-p", build], check=True,
                       stdout=subprocess.DEVNULL)
    else:
        with open(os.path.join(project, ".clangd"), "w") as f:
            f.write("CompileFlags:\n  CompilationDatabase: build\n")
    return project


def measure(argv, project, rel_file, tmp, keystrokes):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEDSEC_")}
    env.pop("CLANGD_FLAGS", None)
    env["XDG_CONFIG_HOME"] = os.path.join(tmp, "xdg")
    path = os.path.join(project, rel_file)
    with open(path) as f:
        text = f.read()
    client = LspClient(argv + ["--background-index=false"], cwd=project, env=env)
    try:
        client.initialize(project, timeout=TIMEOUT)
        start = time.monotonic()
        client.did_open(path, text, version=1)
        diags = client.diagnostics(path, version=1, timeout=TIMEOUT)
        cold = time.monotonic() - start
        # clangd waits before rebuilding for a debounce it adapts to the last builds' times
        # (50-500 ms): the first keystroke after an open pays for the open's build, the later
        # ones for the keystroke builds. Both are reported.
        changes = []
        for version in range(2, 2 + keystrokes):
            start = time.monotonic()
            client.did_change(path, text + "\n" * (version - 1), version=version)
            client.diagnostics(path, version=version, timeout=TIMEOUT)
            changes.append(time.monotonic() - start)
        warm = changes[0]
        steady = statistics.median(changes[2:]) if len(changes) > 2 else changes[-1]
    finally:
        client.close()
    medsec = sum(1 for d in diags if str(d.get("code", "")).startswith("medsec-"))
    return cold, warm, steady, medsec


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.environ.get("MEDSEC_BUILD_DIR",
                                                      os.path.join(ROOT, "build")))
    ap.add_argument("--stock", default="clangd-19")
    ap.add_argument("--reps", type=int, default=9)
    ap.add_argument("--file", help="file of test-inputs/infusion-pump (default: largest .c)")
    ap.add_argument("--keystrokes", type=int, default=6,
                    help="didChange events a session (the median of the 3rd on is 'steady')")
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = ap.parse_args()
    medsec_clangd = os.path.join(args.build, "medsec-clangd")
    medsec = os.path.join(args.build, "medsec")
    stock = shutil.which(args.stock)
    if not stock or not os.path.exists(medsec_clangd):
        sys.exit("need %s (apt-get install clangd-19) and %s" % (args.stock, medsec_clangd))
    target = os.path.abspath(args.file) if args.file else largest_c_file(PUMP)
    rel = os.path.relpath(target, PUMP)

    tmp = tempfile.mkdtemp(prefix="medsec-bench-")
    try:
        configs = [("stock", [stock], prepare(tmp, "stock", medsec, False)),
                   ("nochecks", [medsec_clangd], prepare(tmp, "nochecks", medsec, False)),
                   ("medsec", [medsec_clangd], prepare(tmp, "medsec", medsec, True))]
        results = {name: {"cold": [], "warm": [], "steady": [], "findings": 0}
                   for name, _, _ in configs}
        load = os.getloadavg()[0]
        for rep in range(args.reps):
            order = configs[rep % 3:] + configs[:rep % 3]
            for name, argv, project in order:
                cold, warm, steady, findings = measure(argv, project, rel, tmp, args.keystrokes)
                results[name]["cold"].append(cold)
                results[name]["warm"].append(warm)
                results[name]["steady"].append(steady)
                results[name]["findings"] = findings
            print("repetition %d/%d done" % (rep + 1, args.reps), file=sys.stderr)
        load = (load + os.getloadavg()[0]) / 2
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    kinds = ("cold", "warm", "steady")
    med = {n: {k: statistics.median(r[k]) * 1000 for k in kinds} for n, r in results.items()}
    low = {n: {k: min(r[k]) * 1000 for k in kinds} for n, r in results.items()}
    size = os.path.getsize(target)
    with open(target) as f:
        lines = sum(1 for _ in f)
    print("file: test-inputs/infusion-pump/%s (%d lines, %d bytes); %d repetitions; "
          "load average ~%.1f on %d cores" % (rel, lines, size, args.reps, load, os.cpu_count()))
    if args.markdown:
        print("\n| server | medsec findings | didOpen → diagnostics: median (ratio), min | "
              "first didChange: median (ratio), min | later keystrokes: median (ratio), min |"
              "\n|---|---|---|---|---|")
    for name in ("stock", "nochecks", "medsec"):
        m, lo = med[name], low[name]
        row = [name, results[name]["findings"]]
        for k in kinds:
            row += [m[k], m[k] / med["stock"][k], lo[k]]
        if args.markdown:
            print(("| %s | %d |" + " %.0f ms (×%.2f), %.0f ms |" * 3) % tuple(row))
        else:
            print(("%-9s findings=%d" + " open=%.0f ms (x%.2f) min %.0f ms;"
                   " first change=%.0f ms (x%.2f) min %.0f ms;"
                   " later keystrokes=%.0f ms (x%.2f) min %.0f ms") % tuple(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Wall time of `medsec scan` against the parse floor and run-clang-tidy (a benchmark, not a test).

Fetches mbedtls (a Debian source package; never commit it), generates its compile database with
clang-19, then times at the same parallelism:
  parse   clang-19 -fsyntax-only over every entry of the database (xargs -P J)
  medsec  medsec scan -p BUILD -j J
  tidy    run-clang-tidy-19 -load MedSecTidy.so -checks='-*,medsec-*' -j J
each REPEAT times, and prints the medians, the ratios medsec/parse and medsec/tidy and the
machine, as a Markdown section for docs/benchmarks.md.

  tools/bench/scan-overhead.py --build-dir /tmp/build [--work /tmp/corpora6] [-j 2] [--repeat 3]
  tools/bench/scan-overhead.py ... --profile    # also the per-unit fixed cost of each tool
  tools/bench/scan-overhead.py ... --checks '-*,medsec-banned-functions'   # a subset of checks
"""
import argparse
import json
import os
import platform
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

from benchlib import ROOT, fetch_script, sh, syntax_only_commands  # noqa: E402


def prepare(work):
    src = os.path.join(work, "mbedtls", "src")
    if not os.path.exists(os.path.join(src, "CMakeLists.txt")):
        sh([fetch_script(), "mbedtls", os.path.join(work, "mbedtls")])
    build = os.path.join(work, "mbedtls-build")
    if not os.path.exists(os.path.join(build, "compile_commands.json")):
        sh(["cmake", "-S", src, "-B", build, "-DCMAKE_C_COMPILER=clang-19",
            "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON", "-DENABLE_TESTING=OFF"])
    return build


def cpu_seconds():
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime + u.ru_stime


def timed(cmd, **kw):
    """Wall time, exit code, stderr tail and the CPU time (user + system) of cmd's processes."""
    cpu = cpu_seconds()
    start = time.monotonic()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, **kw)
    elapsed = time.monotonic() - start
    return elapsed, r.returncode, r.stderr[-2000:], cpu_seconds() - cpu


def runners(build, medsec, plugin, jobs, tmp, checks):
    listing = os.path.join(tmp, "parse.lst")
    with open(listing, "w") as f:
        f.write("\n".join(syntax_only_commands(build)) + "\n")
    return {
        "parse": ["sh", "-c", "xargs -P %d -d '\\n' -n 1 sh -c < %s" % (jobs, shlex.quote(listing))],
        "medsec": [medsec, "scan", "-p", build, "-j%d" % jobs, "-q", "--no-fail-on-incomplete",
                   "--checks", checks, "-o", os.path.join(tmp, "medsec-results.json")],
        "tidy": ["run-clang-tidy-19", "-clang-tidy-binary", "clang-tidy-19", "-load", plugin,
                 "-checks=" + checks, "-j", str(jobs), "-p", build, "-quiet"],
    }


def machine(jobs):
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo")
                if l.startswith("model name")), platform.processor())
    mem = next(int(l.split()[1]) // (1024 * 1024) for l in open("/proc/meminfo")
               if l.startswith("MemTotal"))
    clang = sh(["clang-19", "--version"]).stdout.splitlines()[0]
    return ("%d cores (%s), %d GiB, %s; -j%d; load average before the runs: %s"
            % (os.cpu_count(), cpu, mem, clang, jobs, " ".join(map(str, os.getloadavg()))))


def profile(build, medsec, plugin, tmp):
    """Per-unit fixed cost: each tool on an empty unit, and on one real mbedtls unit, serially."""
    empty = os.path.join(tmp, "empty")
    os.makedirs(empty, exist_ok=True)
    open(os.path.join(empty, "e.c"), "w").write("int e;\n")
    json.dump([{"directory": empty, "file": "e.c", "arguments": ["clang-19", "-c", "e.c"]}],
              open(os.path.join(empty, "compile_commands.json"), "w"))
    real = next(e for e in json.load(open(os.path.join(build, "compile_commands.json")))
                if e["file"].endswith("library/ssl_tls.c"))
    one = os.path.join(tmp, "one")
    os.makedirs(one, exist_ok=True)
    json.dump([real], open(os.path.join(one, "compile_commands.json"), "w"))
    rows = []
    for label, db, src in (("empty unit", empty, os.path.join(empty, "e.c")),
                           ("library/ssl_tls.c", one, real["file"])):
        cmds = {
            "parse": ["sh", "-c", syntax_only_commands(db)[0]],
            "medsec scan -j1": [medsec, "scan", "-p", db, "-j1", "-q", "--no-fail-on-incomplete",
                                "-o", os.path.join(tmp, "p.json")],
            "medsec scan, unit excluded (database and catalogue load only)": [
                medsec, "scan", "-p", db, "-q", "--exclude", "/**", "-o",
                os.path.join(tmp, "p.json")],
            "medsec worker alone (`__analyze`)": [
                medsec, "__analyze", "--db", os.path.join(db, "compile_commands.json"), "--file",
                src, "--out", os.path.join(tmp, "w.json"), "--source-root", db],
            "clang-tidy-19 + plugin": ["clang-tidy-19", "-load", plugin, "-checks=-*,medsec-*",
                                       "-p", db, "-quiet", src],
        }
        for name, cmd in cmds.items():
            runs = [timed(cmd) for _ in range(5)]
            rows.append((label, name, statistics.median(r[0] for r in runs),
                         statistics.median(r[3] for r in runs)))
    return rows


def findings_by_check(results):
    """The checks the scan ran and what each found (of the last run), to show what was measured."""
    r = json.load(open(results))
    count = {c: 0 for c in r["checks"]}
    for f in r["findings"]:
        count[f["check"]] = count.get(f["check"], 0) + 1
    return ("%d checks enabled, %d findings, units %s: %s.\n" % (
        len(r["checks"]), r["summary"]["findings"], r["summary"]["unitsByStatus"],
        ", ".join("%s %d" % (c, n) for c, n in sorted(count.items()))))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build"),
                    help="medsec build directory (medsec, MedSecTidy.so)")
    ap.add_argument("--work", default="/tmp/corpora6", help="where mbedtls is fetched and built")
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--checks", default="-*,medsec-*",
                    help="check filter for medsec scan and run-clang-tidy (default: every check)")
    a = ap.parse_args()
    medsec = os.path.join(a.build_dir, "medsec")
    plugin = os.path.join(a.build_dir, "MedSecTidy.so")
    build = prepare(a.work)
    units = len(json.load(open(os.path.join(build, "compile_commands.json"))))
    # Under --work, not /tmp/medsec-*: other sessions' clean-ups may sweep that.
    tmp = tempfile.mkdtemp(prefix="bench-", dir=a.work)
    cmds = runners(build, medsec, plugin, a.j, tmp, a.checks)
    print("machine: " + machine(a.j), file=sys.stderr)
    times = {k: [] for k in cmds}
    cpus = {k: [] for k in cmds}
    for rep in range(a.repeat):
        for name, cmd in cmds.items():  # interleaved, so that load changes hit every tool
            t, rc, err, cpu = timed(cmd)
            times[name].append(t)
            cpus[name].append(cpu)
            print("run %d %-6s %7.1f s wall %7.1f s cpu (exit %d)" % (rep + 1, name, t, cpu, rc),
                  file=sys.stderr)
            if name == "parse" and rc != 0:
                print(err, file=sys.stderr)
    med = {k: statistics.median(v) for k, v in times.items()}
    mcpu = {k: statistics.median(v) for k, v in cpus.items()}
    print("### mbedtls, %d compile database entries (%d translation units), -j%d, median of "
          "%d runs\n" % (units, len(syntax_only_commands(build)), a.j, a.repeat))
    print("| run | wall times (s) | median wall (s) | median CPU, user + system (s) |\n"
          "|---|---|---|---|")
    for name, label in (("parse", "`clang-19 -fsyntax-only` (xargs -P%d)" % a.j),
                        ("medsec", "`medsec scan -j%d`" % a.j),
                        ("tidy", "`run-clang-tidy-19 -load MedSecTidy.so -j %d`" % a.j)):
        print("| %s | %s | %.1f | %.1f |" % (label, " ".join("%.1f" % t for t in times[name]),
                                            med[name], mcpu[name]))
    print("\nWall: medsec / parse floor **%.2f×**, medsec / run-clang-tidy **%.2f×**. "
          "CPU: medsec / parse floor **%.2f×**, medsec / run-clang-tidy **%.2f×**.\n"
          % (med["medsec"] / med["parse"], med["medsec"] / med["tidy"],
             mcpu["medsec"] / mcpu["parse"], mcpu["medsec"] / mcpu["tidy"]))
    print("Spread (max - min) / median of the wall times: " + ", ".join(
        "%s %.0f %%" % (k, 100 * (max(v) - min(v)) / med[k]) for k, v in times.items()) + ".\n")
    print(findings_by_check(os.path.join(tmp, "medsec-results.json")))
    print("Machine: " + machine(a.j) + ".\n")
    if a.profile:
        print("| unit | tool | median wall of 5 (s) | median CPU of 5 (s) |\n|---|---|---|---|")
        for label, name, t, cpu in profile(build, medsec, plugin, tmp):
            print("| %s | %s | %.3f | %.3f |" % (label, name, t, cpu))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The scale table of issue 12, as ratios taken in the same run (a benchmark, not a test).

Rows, each a pair of commands run in turn (A B A B ...) so that the machine's load hits both; the
ratio is taken pair by pair and its median printed:

  scan      `medsec scan -jJ` with the result cache off, over the mbedtls 2.28 library (96 units)
            and lwIP 2.1.3 (119 units), against `clang-19 -fsyntax-only` over the same units
            (xargs -P J) and against run-clang-tidy-19 with one trivial check
  plugin    a one-line C file through `clang-tidy-19 -load MedSecTidy.so -checks=-*,medsec-*`,
            against clang-tidy-19 with one trivial check: the difference is the fixed cost per unit
  rescan    `medsec scan` again with nothing changed (cache on), against the first scan
  pr        `medsec scan` after one .c file changed (cache on), against the first scan
  shards    `medsec scan --shard K/N` + `medsec merge` against one scan: identical results

The editor row (medsec-clangd keystroke against stock clangd-19) is tools/bench/clangd-latency.py.
Corpora are Debian source packages fetched by shared/corpora/fetch-debian-source.sh into --work
(never commit them). Rows whose feature the medsec under test lacks are reported as such.

  tools/bench/scale.py --build-dir build [--work /work/corpus/scale] [-j 2] [--reps 3]
                       [--rows scan,plugin,rescan,pr,shards] [--corpora mbedtls,lwip]
"""
import argparse
import filecmp
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from benchlib import ROOT, fetch_script, sh, syntax_only_commands  # noqa: E402

# lwIP ships no build of its own for a hosted target: this project compiles every file of its
# Filelists.cmake (119 units) with the unit-test lwipopts.h and a minimal port header.
LWIP_CMAKE = """cmake_minimum_required(VERSION 3.13)
project(lwipbench C)
set(LWIP_DIR %s)
include(${LWIP_DIR}/src/Filelists.cmake)
set(ALL ${lwipnoapps_SRCS} ${lwipallapps_SRCS})
list(REMOVE_DUPLICATES ALL)
add_library(lwipbench STATIC ${ALL})
target_include_directories(lwipbench PRIVATE ${LWIP_DIR}/src/include ${LWIP_DIR}/test/unit
                           ${CMAKE_CURRENT_SOURCE_DIR})
"""
LWIP_CC_H = """#define LWIP_TIMEVAL_PRIVATE 0
#include <errno.h>
#include <sys/time.h>
#include <stdlib.h>
#define LWIP_RAND() ((u32_t)rand())
"""


def fetch(work, pkg):
    src = os.path.join(work, pkg, "src")
    if not os.path.exists(os.path.join(src, "CMakeLists.txt")):
        sh([fetch_script(), pkg, os.path.join(work, pkg)])
    return src


def write_db(build, entries):
    os.makedirs(build, exist_ok=True)
    with open(os.path.join(build, "compile_commands.json"), "w") as f:
        json.dump(entries, f, indent=1)
    return build


def prepare_mbedtls(work):
    """The library's 96 units (programs and tests left out, as the issue measured)."""
    src = fetch(work, "mbedtls")
    full = os.path.join(work, "mbedtls-build")
    if not os.path.exists(os.path.join(full, "compile_commands.json")):
        sh(["cmake", "-S", src, "-B", full, "-DCMAKE_C_COMPILER=clang-19",
            "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON", "-DENABLE_TESTING=OFF"])
    entries = json.load(open(os.path.join(full, "compile_commands.json")))
    lib = os.path.join(src, "library") + os.sep
    return write_db(os.path.join(work, "mbedtls-library-db"),
                    [e for e in entries if os.path.join(e["directory"], e["file"]).startswith(lib)])


def prepare_lwip(work):
    src = fetch(work, "lwip")
    proj = os.path.join(work, "lwip-bench")
    os.makedirs(os.path.join(proj, "arch"), exist_ok=True)
    with open(os.path.join(proj, "CMakeLists.txt"), "w") as f:
        f.write(LWIP_CMAKE % src)
    with open(os.path.join(proj, "arch", "cc.h"), "w") as f:
        f.write(LWIP_CC_H)
    build = os.path.join(proj, "build")
    if not os.path.exists(os.path.join(build, "compile_commands.json")):
        sh(["cmake", "-S", proj, "-B", build, "-DCMAKE_C_COMPILER=clang-19",
            "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON"])
    # lwIP 2.1.3's Filelists.cmake defines library targets of its own (lwipcore, lwipallapps,
    # ...) without include directories: only this project's target is the 119 units measured.
    entries = json.load(open(os.path.join(build, "compile_commands.json")))
    return write_db(os.path.join(work, "lwip-db"),
                    [e for e in entries if "lwipbench.dir" in e.get("command", e.get("output", ""))])


def timed(cmd, env=None):
    start = time.monotonic()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    return time.monotonic() - start, r.returncode, r.stderr[-1500:]


def paired(a, b, reps, before_a=None, before_b=None):
    """Runs a and b in turn reps times; returns the medians of a, b and of the ratios a/b."""
    ta, tb, ratios = [], [], []
    for _ in range(reps):
        if before_b:
            before_b()
        t2, rc2, err2 = timed(b)
        if before_a:
            before_a()
        t1, rc1, err1 = timed(a)
        for rc, err, cmd in ((rc1, err1, a), (rc2, err2, b)):
            if rc not in (0, 1):
                print("warning: exit %d from %s\n%s" % (rc, " ".join(cmd)[:200], err[-300:]),
                      file=sys.stderr)
        ta.append(t1)
        tb.append(t2)
        ratios.append(t1 / t2)
    return statistics.median(ta), statistics.median(tb), statistics.median(ratios)


class Medsec:
    def __init__(self, build_dir, tmp):
        self.bin = os.path.join(build_dir, "medsec")
        self.plugin = os.path.join(build_dir, "MedSecTidy.so")
        self.tmp = tmp
        self.help = subprocess.run([self.bin, "--help"], stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True).stdout

    def has(self, option):
        return option in self.help

    def scan(self, db, jobs, out, cache=None, extra=()):
        cmd = [self.bin, "scan", "-p", db, "-j%d" % jobs, "-q", "--no-fail-on-incomplete",
               "-o", out]
        if cache is None and self.has("--no-cache"):
            cmd.append("--no-cache")
        elif cache:
            cmd += ["--cache-dir", cache]
        return cmd + list(extra)


def rotated(cmds, reps):
    """Runs the commands in turn, reps times, starting each repetition one further along; returns
    the median time of each and the median of its ratios to the first, repetition by repetition."""
    times = [[] for _ in cmds]
    for rep in range(reps):
        for k in range(len(cmds)):
            i = (k + rep) % len(cmds)
            t, rc, err = timed(cmds[i])
            if rc not in (0, 1):
                print("warning: exit %d from %s\n%s" % (rc, " ".join(cmds[i])[:200], err[-300:]),
                      file=sys.stderr)
            times[i].append(t)
    ratios = [statistics.median(t / f for t, f in zip(ts, times[0])) for ts in times]
    return [statistics.median(ts) for ts in times], ratios


def row_scan(m, name, db, jobs, reps, tmp, baseline=None):
    listing = os.path.join(tmp, name + ".parse.lst")
    with open(listing, "w") as f:
        f.write("\n".join(syntax_only_commands(db)) + "\n")
    parse = ["sh", "-c", "xargs -P %d -d '\\n' -n 1 sh -c < %s" % (jobs, shlex.quote(listing))]
    tidy0 = ["run-clang-tidy-19", "-clang-tidy-binary", "clang-tidy-19",
             "-checks=-*,misc-definitions-in-headers", "-j", str(jobs), "-p", db, "-quiet"]
    cmds = [parse, m.scan(db, jobs, os.path.join(tmp, name + ".json")), tidy0]
    if baseline:
        cmds.append(baseline.scan(db, jobs, os.path.join(tmp, name + ".baseline.json")))
    units = len(syntax_only_commands(db))
    med, ratio = rotated(cmds, reps)
    rows = [("`medsec scan -j%d` (cache off), %s (%d units)" % (jobs, name, units),
             "%.1f s" % med[1], "%.1f s parse floor" % med[0], "%.2f×" % ratio[1]),
            ("run-clang-tidy-19, one trivial check, %s" % name, "%.1f s" % med[2],
             "%.1f s parse floor" % med[0], "%.2f×" % ratio[2])]
    if baseline:
        rows.append(("baseline `medsec scan -j%d`, %s" % (jobs, name), "%.1f s" % med[3],
                     "%.1f s parse floor" % med[0], "%.2f×" % ratio[3]))
    return rows


def row_plugin(m, reps, tmp, baseline=None):
    d = os.path.join(tmp, "oneline")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "one.c"), "w") as f:
        f.write("int one(void) { return 1; }\n")
    src = os.path.join(d, "one.c")
    base = ["clang-tidy-19", "-quiet", src, "--", "-xc"]
    trivial = base[:1] + ["-checks=-*,misc-definitions-in-headers"] + base[1:]
    load = lambda so: base[:1] + ["-load", so, "-checks=-*,medsec-*"] + base[1:]  # noqa: E731
    cmds = [trivial, load(m.plugin)] + ([load(baseline.plugin)] if baseline else [])
    med, ratio = rotated(cmds, reps * 5)
    rows = [("one-line C file through the plugin", "%.0f ms" % (med[1] * 1000),
             "%.0f ms clang-tidy, one trivial check" % (med[0] * 1000),
             "%.2f× (%.0f ms fixed)" % (ratio[1], (med[1] - med[0]) * 1000))]
    if baseline:
        rows.append(("baseline plugin, one-line C file", "%.0f ms" % (med[2] * 1000),
                     "%.0f ms clang-tidy, one trivial check" % (med[0] * 1000),
                     "%.2f× (%.0f ms fixed)" % (ratio[2], (med[2] - med[0]) * 1000)))
    return rows


def row_cache(m, name, db, jobs, reps, tmp, change):
    """First scan (empty cache) against a re-scan with nothing changed (change=False) or after
    one .c file changed (change=True)."""
    if not m.has("--cache-dir"):
        return [("%s, %s" % ("pull request, one .c changed" if change else "re-scan", name),
                 "-", "-", "no result cache in this medsec")]
    cache = os.path.join(tmp, name + ".cache")
    out = os.path.join(tmp, name + ".cached.json")
    first = m.scan(db, jobs, out, cache=cache)
    victim = [json.loads(json.dumps(e)) for e in
              json.load(open(os.path.join(db, "compile_commands.json")))][0]
    path = os.path.join(victim["directory"], victim["file"])
    original = open(path, "rb").read()
    counter = [0]

    def cold():
        shutil.rmtree(cache, ignore_errors=True)

    def warm():
        shutil.rmtree(cache, ignore_errors=True)
        timed(first)  # fills the cache
        if change:
            counter[0] += 1
            with open(path, "wb") as f:
                f.write(original + b"\n/* bench edit %d */\n" % counter[0])

    try:
        a, b, r = paired(first, first, reps, before_a=warm, before_b=cold)
    finally:
        with open(path, "wb") as f:
            f.write(original)
    label = "pull request (one .c file changed)" if change else "re-scan, nothing changed"
    return [("%s, %s" % (label, name), "%.1f s" % a, "%.1f s first scan" % b, "%.2f×" % r)]


def row_shards(m, name, db, jobs, tmp):
    if not m.has("--shard"):
        return [("`--shard K/N` + `medsec merge`, %s" % name, "-", "-", "no shards in this medsec")]
    one = os.path.join(tmp, name + ".one.json")
    timed(m.scan(db, jobs, one))
    parts = []
    for k in (1, 2, 3):
        part = os.path.join(tmp, "%s.shard%d.json" % (name, k))
        timed(m.scan(db, jobs, part, extra=["--shard", "%d/3" % k]))
        parts.append(part)
    merged = os.path.join(tmp, name + ".merged.json")
    timed([m.bin, "merge", "--no-fail-on-incomplete", "-o", merged] + parts)
    same = os.path.exists(merged) and filecmp.cmp(one, merged, shallow=False)
    return [("`--shard K/3` + `medsec merge`, %s" % name, "3 shards", "one scan",
             "identical" if same else "DIFFERENT")]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build"))
    ap.add_argument("--work", default="/tmp/corpora6",
                    help="where the corpora are fetched and configured")
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--rows", default="scan,plugin,rescan,pr,shards")
    ap.add_argument("--corpora", default="mbedtls,lwip")
    ap.add_argument("--baseline-build", help="another medsec build, timed in the same scan rows")
    a = ap.parse_args()
    rows = a.rows.split(",")
    os.makedirs(a.work, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="bench-", dir=a.work)
    m = Medsec(a.build_dir, tmp)
    baseline = Medsec(a.baseline_build, tmp) if a.baseline_build else None
    dbs = {"mbedtls": prepare_mbedtls, "lwip": prepare_lwip}
    corpora = [(c, dbs[c](a.work)) for c in a.corpora.split(",")]
    table = []

    def add(rows):
        for r in rows:
            print("| %s | %s | %s | %s |" % r, file=sys.stderr, flush=True)
        table.extend(rows)

    try:
        for name, db in corpora:
            if "scan" in rows:
                add(row_scan(m, name, db, a.j, a.reps, tmp, baseline))
            if "rescan" in rows:
                add(row_cache(m, name, db, a.j, a.reps, tmp, change=False))
            if "pr" in rows:
                add(row_cache(m, name, db, a.j, a.reps, tmp, change=True))
            if "shards" in rows:
                add(row_shards(m, name, db, a.j, tmp))
        if "plugin" in rows:
            add(row_plugin(m, a.reps, tmp, baseline))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d cores, load average %s, -j%d, %d paired repetitions (plugin row: %d)\n"
          % (os.cpu_count(), " ".join("%.1f" % x for x in os.getloadavg()), a.j, a.reps,
             a.reps * 5))
    print("| measurement | median | against (median) | median ratio |\n|---|---|---|---|")
    for r in table:
        print("| %s | %s | %s | %s |" % r)


if __name__ == "__main__":
    main()

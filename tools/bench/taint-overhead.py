#!/usr/bin/env python3
"""Measures the cost of the medsec-tainted-* checks (or any check set) against parsing alone.

For each translation unit of a compile database it times, one run at a time:
  parse   clang-19 -fsyntax-only with the TU's own flags
  tidy0   clang-tidy-19 --load=PLUGIN with one trivial check (clang-tidy's own cost)
  taint   clang-tidy-19 --load=PLUGIN -checks=-*,medsec-tainted-*
  (and one more run per extra --checks GLOB, e.g. --checks 'medsec-*' for every check)
and prints the totals, per directory and overall, the ratios checks/parse and
(checks - tidy0)/parse, the cost of the analysis itself next to parsing, and the units
whose analysis costs most next to their parse.

usage: taint-overhead.py -p BUILD_DIR --plugin MedSecTidy.so [--filter library/] [--limit N]
                         [--repeat 1] [--checks GLOB ...] [--slowest 10] [--csv FILE]
"""
import argparse
import json
import os
import shlex
import subprocess
import sys
import time
from collections import defaultdict


def tu_args(entry):
    args = entry.get("arguments") or shlex.split(entry["command"])
    out, skip = [], False
    for a in args[1:]:
        if skip:
            skip = False
            continue
        if a in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
            continue
        if a in ("-c", entry["file"]) or a.startswith(("-o", "-M")) or a == os.path.basename(entry["file"]):
            continue
        out.append(a)
    return out


def timed(cmd, cwd):
    t = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t, r.returncode


def run_unit(e, a, sets):
    """Times of one unit: the best of --repeat runs of each command."""
    cwd, f, flags = e["directory"], e["file"], tu_args(e)
    tidy = ["clang-tidy-19", "--load=" + a.plugin, "--quiet", "-p", a.p]
    cmds = {"parse": ["clang-19", "-fsyntax-only", "-w"] + flags + [f],
            "tidy0": tidy + ["-checks=-*,misc-definitions-in-headers", f]}
    for label, glob in sets.items():
        cmds[label] = tidy + ["-checks=-*," + glob, f]
    return {k: min(timed(c, cwd)[0] for _ in range(a.repeat)) for k, c in cmds.items()}


def summary(title, rows, labels, sets):
    tot = {k: sum(r[k] for _, r in rows) for k in labels}
    n = len(rows)
    print(f"== {title}: {n} translation units")
    for k in labels:
        print(f"{k:6s} total {tot[k]:8.2f} s   per TU {tot[k] / max(1, n) * 1000:7.1f} ms")
    print(f"ratio tidy0 / parse              : {tot['tidy0'] / tot['parse']:.2f}")
    for k, glob in sets.items():
        print(f"ratio {k} / parse ({glob}): {tot[k] / tot['parse']:.2f}")
        print(f"{k} analysis alone / parse     : {(tot[k] - tot['tidy0']) / tot['parse']:.3f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-p", required=True, help="directory holding compile_commands.json")
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--filter", default="", help="only files whose path contains this")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--checks", action="append", default=[],
                    help="extra check glob timed as its own run (repeatable), e.g. 'medsec-*'")
    ap.add_argument("--slowest", type=int, default=10,
                    help="list the N units with the highest (checks - tidy0) / parse")
    ap.add_argument("--csv", help="write the per-unit times to this file")
    a = ap.parse_args()
    db = json.load(open(os.path.join(a.p, "compile_commands.json")))
    db = [e for e in db if a.filter in e["file"] and e["file"].endswith(".c")]
    # Entries differing only in their output file are one translation unit (mbedtls' fuzzers).
    seen, units = set(), []
    for e in db:
        key = (e["file"], tuple(tu_args(e)))
        if key not in seen:
            seen.add(key)
            units.append(e)
    if a.limit:
        units = units[: a.limit]
    sets = {"taint": "medsec-tainted-*"}
    for i, glob in enumerate(a.checks):
        sets["set%d" % (i + 1)] = glob
    labels = ["parse", "tidy0"] + list(sets)
    root = os.path.commonpath([e["file"] for e in units]) if len(units) > 1 else ""
    rows = []
    for e in units:
        rows.append((os.path.relpath(e["file"], root) if root else e["file"], run_unit(e, a, sets)))
    if a.csv:
        with open(a.csv, "w") as f:
            f.write("file," + ",".join(labels) + "\n")
            for name, r in rows:
                f.write(name + "," + ",".join("%.3f" % r[k] for k in labels) + "\n")
    groups = defaultdict(list)
    for name, r in rows:
        groups[name.split(os.sep)[0] if os.sep in name else "."].append((name, r))
    if len(groups) > 1:
        for g in sorted(groups):
            summary(g + "/", groups[g], labels, sets)
    summary("all", rows, labels, sets)
    for k, glob in sets.items():
        worst = sorted(rows, key=lambda nr: -(nr[1][k] - nr[1]["tidy0"]) / nr[1]["parse"])
        print(f"== slowest units for {glob}: (checks - tidy0) / parse, checks / parse, times (s)")
        for name, r in worst[: a.slowest]:
            print(f"{name:40s} {(r[k] - r['tidy0']) / r['parse']:6.2f} {r[k] / r['parse']:6.2f}"
                  f"   parse {r['parse']:.2f} tidy0 {r['tidy0']:.2f} {k} {r[k]:.2f}")


if __name__ == "__main__":
    main()

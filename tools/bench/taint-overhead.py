#!/usr/bin/env python3
"""Measures the cost of the medsec-tainted-* checks against parsing alone.

For each translation unit of a compile database it times, one run at a time:
  parse   clang-19 -fsyntax-only with the TU's own flags
  tidy0   clang-tidy-19 --load=PLUGIN with one trivial check (clang-tidy's own cost)
  taint   clang-tidy-19 --load=PLUGIN -checks=-*,medsec-tainted-*
and prints the totals and the ratios taint/parse and (taint - tidy0)/parse, the
cost of the analysis itself next to parsing.

usage: taint-overhead.py -p BUILD_DIR --plugin MedSecTidy.so [--filter library/] [--limit N] [--repeat 1]
"""
import argparse
import json
import os
import shlex
import subprocess
import sys
import time


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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-p", required=True, help="directory holding compile_commands.json")
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--filter", default="", help="only files whose path contains this")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=1)
    a = ap.parse_args()
    db = json.load(open(os.path.join(a.p, "compile_commands.json")))
    db = [e for e in db if a.filter in e["file"] and e["file"].endswith(".c")]
    if a.limit:
        db = db[: a.limit]
    tot = {"parse": 0.0, "tidy0": 0.0, "taint": 0.0}
    for e in db:
        cwd, f, flags = e["directory"], e["file"], tu_args(e)
        cmds = {
            "parse": ["clang-19", "-fsyntax-only", "-w"] + flags + [f],
            "tidy0": ["clang-tidy-19", "--load=" + a.plugin, "-checks=-*,misc-definitions-in-headers",
                      "--quiet", "-p", a.p, f],
            "taint": ["clang-tidy-19", "--load=" + a.plugin, "-checks=-*,medsec-tainted-*", "--quiet",
                      "-p", a.p, f],
        }
        for k, c in cmds.items():
            best = min(timed(c, cwd)[0] for _ in range(a.repeat))
            tot[k] += best
    n = len(db)
    print(f"translation units: {n}")
    for k in ("parse", "tidy0", "taint"):
        print(f"{k:6s} total {tot[k]:8.2f} s   per TU {tot[k] / max(1, n) * 1000:7.1f} ms")
    print(f"ratio taint / parse              : {tot['taint'] / tot['parse']:.2f}")
    print(f"ratio tidy0 / parse              : {tot['tidy0'] / tot['parse']:.2f}")
    print(f"taint analysis alone / parse     : {(tot['taint'] - tot['tidy0']) / tot['parse']:.3f}")


if __name__ == "__main__":
    main()

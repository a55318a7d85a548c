#!/usr/bin/env python3
"""Scores the medsec-tainted-* checks on a local copy of NIST Juliet (SARD) C test cases.

usage: juliet.py --plugin BUILD/MedSecTidy.so --juliet DIR [--jobs 2] [--show] [--json OUT]

DIR holds the Juliet test cases (any layout below it, e.g. testcases/CWE606_.../*.c) and
testcasesupport/ (std_testcase.h, std_testcase_io.h). Juliet is not shipped with this
repository: point DIR at a public copy.

Each test case file (or each group of the a/b/c... files of a multi-file test case, passed to
one clang-tidy invocation, analysed per translation unit) holds one bad variant and one or
more good variants, named after Juliet's conventions: `..._bad`, `badSink`, `badSource`,
`badVaSink`... belong to the bad variant; `goodG2B*`, `goodB2G*`, `good1`... (and their
Sink/Source helpers) to that good variant; the `..._good` wrapper only calls them. A bad
variant is *found* when the check mapped to its CWE reports in one of its functions; a good
variant is *flagged* when that check reports in one of its functions. Findings of the other
medsec-tainted-* checks are listed apart (a Juliet file is labelled for one CWE only).
"""
import argparse
import collections
import concurrent.futures
import json
import os
import re
import subprocess
import sys

CHECKS = ["medsec-tainted-array-index", "medsec-tainted-memory-size", "medsec-tainted-loop-bound",
          "medsec-tainted-format-string", "medsec-tainted-command", "medsec-tainted-arithmetic"]

# Juliet CWE (or the CWE named inside a test case name, e.g. CWE121_..._CWE129_fgets) -> check.
CWE_CHECK = [
    (re.compile(r"__(?:c_)?CWE129_"), "medsec-tainted-array-index", "CWE129"),
    (re.compile(r"^CWE129_"), "medsec-tainted-array-index", "CWE129"),
    (re.compile(r"__(?:c_)?CWE839_"), "medsec-tainted-array-index", "CWE839"),
    (re.compile(r"^CWE789_"), "medsec-tainted-memory-size", "CWE789"),
    (re.compile(r"^CWE680_"), "medsec-tainted-memory-size", "CWE680"),
    (re.compile(r"^CWE606_"), "medsec-tainted-loop-bound", "CWE606"),
    (re.compile(r"^CWE134_"), "medsec-tainted-format-string", "CWE134"),
    (re.compile(r"^CWE78_"), "medsec-tainted-command", "CWE78"),
    (re.compile(r"^CWE190_"), "medsec-tainted-arithmetic", "CWE190"),
    (re.compile(r"^CWE191_"), "medsec-tainted-arithmetic", "CWE191"),
]
# Name of a test case file: <stem>_<flow><part>.c, e.g. ..._fgets_54b.c
CASE = re.compile(r"^(?P<stem>.+)_(?P<flow>\d\d)(?P<part>[a-e]?)\.c$")
FUNC = re.compile(r"^(?:static\s+)?(?:const\s+)?[A-Za-z_][\w\s\*]*?\b(\w+)\s*\([^;]*$")
WARN = re.compile(r"^(?P<file>.+?):(?P<line>\d+):\d+: warning: .*\[(?P<check>medsec-[\w-]+)\]$")
VARIANT = re.compile(r"(bad|goodG2B\d*|goodB2G\d*|good\d+)")
SOURCES = ["connect_socket", "listen_socket", "environment", "console", "file", "fgets", "fscanf",
           "rand", "large", "negative", "max", "min", "fixed"]


def classify(name):
    for rx, check, cwe in CWE_CHECK:
        if rx.search(name):
            return check, cwe
    return None, None


def source_of(stem):
    for s in SOURCES:
        if "_" + s + "_" in stem + "_":
            return s
    return "other"


def functions(path):
    """(first line, name) of every function definition, in order of appearance."""
    out = []
    lines = open(path, errors="replace").read().split("\n")
    for i, l in enumerate(lines):
        if l.startswith((" ", "\t", "#", "typedef", "return", "}", "{")):
            continue
        m = FUNC.match(l)
        if not m:
            continue
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if l.rstrip().endswith("{") or nxt.startswith("{") or l.rstrip().endswith(","):
            out.append((i + 1, m.group(1)))
    return out


def variant_of(function, stem):
    """The variant a function belongs to ('bad', 'goodG2B', 'good1'...) or None."""
    tail = re.sub(r"^.*?_\d\d[a-e]?_", "", function) if function.startswith("CWE") else function
    m = VARIANT.match(tail) or VARIANT.search(tail)
    return m.group(1) if m else None


def run_group(plugin, support, paths):
    cmd = ["clang-tidy-19", "--load=" + plugin, "-checks=-*," + ",".join(CHECKS), "--quiet"]
    cmd += paths + ["--", "-std=gnu11", "-I" + support, "-w"]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    found, seen = [], set()
    for l in p.stdout.splitlines():
        m = WARN.match(l)
        if m:
            key = (os.path.realpath(m.group("file")), int(m.group("line")), m.group("check"))
            if key not in seen:  # a header finding is printed once per TU
                seen.add(key)
                found.append(key)
    errors = [l for l in p.stdout.splitlines() + p.stderr.splitlines() if ": error:" in l]
    return paths, found, errors


def collect(root):
    """{(dir, stem, flow): [paths]} of the C test cases this scorer maps to a check."""
    groups = collections.defaultdict(list)
    for d, _, files in os.walk(root):
        for f in files:
            m = CASE.match(f)
            if m and classify(f)[0]:
                groups[(d, m.group("stem"), m.group("flow"))].append(os.path.join(d, f))
    return {k: sorted(v) for k, v in groups.items()}


def score(groups, results):
    rows = []  # one per labelled variant
    other, unlabelled, errors = [], [], []
    for key, paths in groups.items():
        d, stem, flow = key
        check, cwe = classify(os.path.basename(paths[0]))
        _, found, errs = results[key]
        errors += errs
        variants = collections.OrderedDict()  # variant -> [finding lines]
        spans = {}
        for p in paths:
            fns = functions(p)
            spans[os.path.realpath(p)] = fns
            for _, fn in fns:
                v = variant_of(fn, stem)
                if v:
                    variants.setdefault(v, [])
        for f, line, chk in found:
            fns = spans.get(f)
            if fns is None:
                continue
            owner = None
            for start, fn in fns:
                if start <= line:
                    owner = fn
            v = variant_of(owner, stem) if owner else None
            if chk != check:
                if v and v != "bad":
                    other.append((os.path.basename(f), line, chk, owner))
                continue
            if v is None:
                unlabelled.append((os.path.basename(f), line, chk, owner))
                continue
            variants.setdefault(v, []).append(line)
        multi = len(paths) > 1 or bool(CASE.match(os.path.basename(paths[0])).group("part"))
        for v, lines in variants.items():
            rows.append({"check": check, "cwe": cwe, "flow": flow, "source": source_of(stem),
                         "multi": multi, "case": stem + "_" + flow, "variant": v,
                         "bad": v == "bad", "reported": bool(lines)})
    return rows, other, unlabelled, errors


def table(rows, keyf, title):
    agg = collections.defaultdict(collections.Counter)
    for r in rows:
        c = agg[keyf(r)]
        if r["bad"]:
            c["bad"] += 1
            c["found"] += r["reported"]
        else:
            c["good"] += 1
            c["flagged"] += r["reported"]
    print("\n| %s | flaws found (recall) | good variants flagged (FP rate) |" % title)
    print("|---|---|---|")
    for k in sorted(agg):
        c = agg[k]
        rec = "%d/%d (%.1f %%)" % (c["found"], c["bad"], 100.0 * c["found"] / c["bad"]) if c["bad"] else "-"
        fp = "%d/%d (%.1f %%)" % (c["flagged"], c["good"], 100.0 * c["flagged"] / c["good"]) if c["good"] else "-"
        print("| %s | %s | %s |" % (k, rec, fp))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--juliet", required=True, help="directory with the test cases and testcasesupport/")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--show", action="store_true", help="list every miss and false positive")
    ap.add_argument("--json", help="write every labelled variant with its result to this file")
    args = ap.parse_args()
    support = os.path.join(args.juliet, "testcasesupport")
    if not os.path.isfile(os.path.join(support, "std_testcase.h")):
        sys.exit("no testcasesupport/std_testcase.h under " + args.juliet)
    groups = collect(args.juliet)
    if not groups:
        sys.exit("no Juliet test case of CWE-78/129/134/190/191/606/680/789 under " + args.juliet)
    results = {}
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as ex:
        futs = {ex.submit(run_group, args.plugin, support, paths): key for key, paths in groups.items()}
        for fut in concurrent.futures.as_completed(futs):
            results[futs[fut]] = fut.result()
    rows, other, unlabelled, errors = score(groups, results)
    single = [r for r in rows if not r["multi"]]
    multi = [r for r in rows if r["multi"]]
    print("%d test cases (%d single-file, %d multi-file), %d labelled variants"
          % (len(groups), len({r["case"] for r in single}), len({r["case"] for r in multi}), len(rows)))
    table(single, lambda r: r["check"], "check (single-file)")
    if multi:
        table(multi, lambda r: r["check"], "check (multi-file, per TU)")
    table(single, lambda r: r["cwe"], "CWE (single-file)")
    table(rows, lambda r: r["flow"], "flow variant")
    table(single, lambda r: r["source"], "source (single-file)")
    print("\nfindings of another medsec-tainted check in good variants: %d" % len(other))
    print("findings of the mapped check outside labelled functions: %d" % len(unlabelled))
    if errors:
        print("compile errors: %d (first: %s)" % (len(errors), errors[0]))
    if args.show:
        print("\nmissed flaws:")
        for r in sorted(rows, key=lambda r: r["case"]):
            if r["bad"] and not r["reported"]:
                print("  %s %s" % (r["case"], r["variant"]))
        print("flagged good variants:")
        for r in sorted(rows, key=lambda r: r["case"]):
            if not r["bad"] and r["reported"]:
                print("  %s %s" % (r["case"], r["variant"]))
        for f, line, chk, owner in other:
            print("  other check: %s:%d %s in %s" % (f, line, chk, owner))
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(rows, fh, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()

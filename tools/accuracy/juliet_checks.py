#!/usr/bin/env python3
"""Score the non-taint medsec checks on NIST Juliet (SARD) C/C++ test cases.

Juliet is not shipped with this repository: point --sample at a local copy laid
out as <sample>/testcases/*.c[pp] and <sample>/testcasesupport/std_testcase.h.
Windows-only test cases (w32_*) need declarations of the Win32 API they call;
--include adds a directory holding a local windows.h/wincrypt.h mock.

Scoring follows Juliet's own naming, per function: bad, badSink, badSource,
<case>_bad... are bad variants; good1.., goodG2B*, goodB2G*, goodAux.. are good
variants; the <case>_good driver only calls them and is not scored. A test case
(its files 01..84, a/b/c parts merged) counts as found when the check expected
for its CWE reports inside one of its bad functions; each good function in which
that check reports is a false positive. Findings of other checks are listed as
off-target, never scored.

    python3 tools/accuracy/juliet_checks.py --sample /work/juliet-sample2 \
        --plugin /tmp/build/MedSecTidy.so --include /work/juliet-sample2/mockinc
"""
import argparse
import collections
import concurrent.futures
import json
import os
import pathlib
import re
import subprocess
import sys

# CWE -> the check that is meant to find it.
CWE_CHECK = {
    259: "medsec-hardcoded-credentials", 321: "medsec-hardcoded-credentials",
    798: "medsec-hardcoded-credentials",
    14: "medsec-sensitive-data-exposure", 226: "medsec-sensitive-data-exposure",
    244: "medsec-sensitive-data-exposure", 532: "medsec-sensitive-data-exposure",
    534: "medsec-sensitive-data-exposure", 535: "medsec-sensitive-data-exposure",
    327: "medsec-weak-cryptography", 328: "medsec-weak-cryptography",
    338: "medsec-weak-cryptography", 780: "medsec-weak-cryptography",
    252: "medsec-unchecked-return-value", 253: "medsec-unchecked-return-value",
    690: "medsec-unchecked-return-value",
    242: "medsec-banned-functions", 676: "medsec-banned-functions",
    510: "medsec-debug-backdoor", 511: "medsec-debug-backdoor",
    489: "medsec-debug-backdoor",
}
CHECKS = sorted(set(CWE_CHECK.values()))

WARNING = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): warning: "
                     r"(?P<msg>.*) \[(?P<check>medsec-[\w-]+)[,\]]")
NOTE = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): note: ")
FUNC_HEAD = re.compile(r"^[A-Za-z_][\w\s\*:<>,]*?\b(?P<name>[A-Za-z_]\w*)\s*\([^;]*\)\s*(\{\s*)?$")
CASE = re.compile(r"^CWE(?P<cwe>\d+)_(?P<case>.+?_\d+)(?:[a-e]|_bad|_good\w*)?$")


def functions(path):
    """(name, first line, last line) of each top-level function definition."""
    lines = path.read_text(errors="replace").splitlines()
    found, depth, current = [], 0, None
    for number, text in enumerate(lines, 1):
        stripped = text.split("//")[0]
        if depth == 0 and current is None:
            head = FUNC_HEAD.match(stripped)
            if head and not stripped.startswith(("if", "while", "for", "switch", "return")):
                nxt = lines[number].strip() if number < len(lines) else ""
                if "{" in stripped or nxt.startswith("{"):
                    current = (head.group("name"), number)
        depth += stripped.count("{") - stripped.count("}")
        if current and depth == 0 and "}" in stripped:
            found.append((current[0], current[1], number))
            current = None
    return found


def role(name):
    low = name.lower()
    if re.search(r"_good$", name):
        return "driver"
    if "bad" in low:
        return "bad"
    if "good" in low:
        return "good"
    return "other"


def run_tidy(path, args):
    cmd = ["clang-tidy-19", f"--load={args.plugin}",
           "-checks=-*," + ",".join(CHECKS), str(path), "--",
           "-I", str(args.sample / "testcasesupport")]
    for inc in args.include:
        cmd += ["-I", inc]
    cmd += ["-std=c++17" if path.suffix == ".cpp" else "-std=gnu89", "-w"]
    env = dict(os.environ, MEDSEC_CATALOGUE=str(args.rules))
    out = subprocess.run(cmd, capture_output=True, text=True, env=env)
    # A finding outside every function (a secret reported at its #define) is
    # placed where its notes point in this file: the uses that prove it.
    warnings = []
    for text in out.stdout.splitlines():
        m, note = WARNING.match(text), NOTE.match(text)
        if m:
            here = pathlib.Path(m.group("file")).resolve() == path.resolve()
            warnings.append([int(m.group("line")) if here else None,
                             m.group("check"), m.group("msg"), []])
        elif note and warnings and pathlib.Path(note.group("file")).resolve() == path.resolve():
            warnings[-1][3].append(int(note.group("line")))
    errors = [t for t in out.stdout.splitlines() + out.stderr.splitlines() if ": error:" in t]
    return warnings, errors


def score(args):
    files = sorted(p for p in (args.sample / "testcases").iterdir() if p.suffix in (".c", ".cpp"))
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        results = dict(zip(files, pool.map(lambda p: run_tidy(p, args), files)))
    cases = collections.OrderedDict()
    offtarget, compile_errors = [], {}
    for path, (warnings, errors) in results.items():
        m = CASE.match(path.stem)
        if not m or int(m.group("cwe")) not in CWE_CHECK:
            continue
        if errors:
            compile_errors[path.name] = errors[:3]
        cwe, check = int(m.group("cwe")), CWE_CHECK[int(m.group("cwe"))]
        case = cases.setdefault(f"CWE{cwe}_{m.group('case')}",
                                {"cwe": cwe, "check": check, "found": False,
                                 "good": 0, "fp": [], "bad_fns": 0})
        spans = functions(path)
        inside = lambda line: line is not None and any(f <= line <= l for _, f, l in spans)
        placed = []
        for line, chk, msg, notes in warnings:
            lines = [line] if inside(line) else [n for n in notes if inside(n)]
            placed += [(n, chk, msg) for n in lines]
        for name, first, last in spans:
            kind = role(name)
            hits = [w for w in placed if first <= w[0] <= last]
            mine = [w for w in hits if w[1] == check]
            if kind == "bad":
                case["bad_fns"] += 1
                case["found"] |= bool(mine)
            elif kind == "good":
                case["good"] += 1
                if mine:
                    case["fp"].append(f"{path.name}:{name}:{mine[0][0]}: {mine[0][2]}")
            offtarget += [f"{path.name}:{name}({kind}):{w[0]}: [{w[1]}] {w[2]}"
                          for w in hits if w[1] != check and kind in ("bad", "good")]
    return cases, offtarget, compile_errors


def report(cases, offtarget, compile_errors, out):
    by = collections.defaultdict(lambda: collections.Counter())
    for case in cases.values():
        for key in (case["check"], f'{case["check"]} CWE-{case["cwe"]}'):
            by[key]["cases"] += 1
            by[key]["found"] += case["found"]
            by[key]["good"] += case["good"]
            by[key]["fp"] += len(case["fp"])
    out.write("| check / CWE | test cases | found (recall) | good functions | flagged (FP rate) |\n")
    out.write("|---|---|---|---|---|\n")
    for key in sorted(by):
        c = by[key]
        recall = c["found"] / c["cases"] if c["cases"] else 0
        fpr = c["fp"] / c["good"] if c["good"] else 0
        out.write(f'| {key} | {c["cases"]} | {c["found"]} ({recall:.0%}) | {c["good"]} | {c["fp"]} ({fpr:.0%}) |\n')
    out.write("\nmisses:\n")
    for name, case in cases.items():
        if not case["found"]:
            out.write(f"  {name} ({case['check']}, bad functions: {case['bad_fns']})\n")
    out.write("\nfalse positives:\n")
    for case in cases.values():
        for fp in case["fp"]:
            out.write(f"  {fp}\n")
    out.write(f"\noff-target findings in scored functions: {len(offtarget)}\n")
    for line in offtarget:
        out.write(f"  {line}\n")
    if compile_errors:
        out.write(f"\nfiles with compile errors: {len(compile_errors)}\n")
        for name, errors in compile_errors.items():
            out.write(f"  {name}: {errors[0]}\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sample", type=pathlib.Path, required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--include", action="append", default=[])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rules", type=pathlib.Path,
                        default=pathlib.Path(__file__).resolve().parents[2] / "rules",
                        help="catalogue directory (default: this checkout's rules/)")
    parser.add_argument("--json", type=pathlib.Path, help="also write per-case results")
    args = parser.parse_args()
    cases, offtarget, errors = score(args)
    report(cases, offtarget, errors, sys.stdout)
    if args.json:
        args.json.write_text(json.dumps(cases, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()

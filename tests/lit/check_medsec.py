#!/usr/bin/env python3
"""Runs one medsec check through clang-tidy-19 --load and verifies its output.

Usage (from a lit RUN line):
  %check_medsec %s medsec-banned-functions %t [--config YAML] [-- COMPILER ARGS]

Like LLVM's check_clang_tidy.py, which Debian does not ship:
- `// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: ...` lines are matched with FileCheck
  against clang-tidy's output; every warning clang-tidy prints must be matched by
  one CHECK-MESSAGES line, so an unexpected warning fails the test;
- `// CHECK-NOTES: :[[@LINE-1]]:3: warning: ...` and `// CHECK-NOTES: :[[@LINE-4]]:3: note: ...`
  lines, used instead of CHECK-MESSAGES in a file, are matched against the warnings and notes
  together, in output order (a warning, then its notes): every warning and every note clang-tidy
  prints must be matched, so a note that disappears or a new note fails the test;
- `// CHECK-FIXES: ...` lines are matched against the file after `-fix`;
- the input must compile without errors (unless --allow-errors).
"""
import argparse
import os
import re
import subprocess
import sys


def fail(msg, output=None):
    sys.stderr.write("check_medsec: " + msg + "\n")
    if output:
        sys.stderr.write("------ clang-tidy output ------\n" + output + "\n")
    sys.exit(1)


def main():
    argv = sys.argv[1:]
    compiler_args = []
    if "--" in argv:
        i = argv.index("--")
        argv, compiler_args = argv[:i], argv[i + 1:]
    ap = argparse.ArgumentParser()
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--config", default="")
    ap.add_argument("--allow-errors", action="store_true")
    ap.add_argument("input")
    ap.add_argument("check")
    ap.add_argument("temp")
    args = ap.parse_args(argv)

    with open(args.input, encoding="utf-8") as f:
        text = f.read()
    ext = os.path.splitext(args.input)[1]
    temp = args.temp + ext
    os.makedirs(os.path.dirname(temp) or ".", exist_ok=True)
    # Keep the line numbers; drop the CHECK lines so fixes are compared cleanly.
    cleaned = re.sub(r"// *CHECK-[A-Z0-9\-]*:[^\r\n]*", "//", text)
    with open(temp, "w", encoding="utf-8") as f:
        f.write(cleaned)

    has_fixes = "CHECK-FIXES" in text
    cmd = ["clang-tidy-19", "--load=" + args.plugin, "-checks=-*," + args.check,
           "--quiet", temp]
    if args.config:
        cmd.insert(1, "--config=" + args.config)
    if has_fixes:
        cmd.insert(1, "-fix")
    cmd += ["--"] + (compiler_args or [])
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = proc.stdout
    if not args.allow_errors and re.search(r"error: .*\[clang-diagnostic-", output):
        fail("the test input does not compile", output)
    if "clang-tidy-config" in output:
        fail("configuration problem reported", output)

    out_file = args.temp + ".msg"
    # FileCheck sees only the check's diagnostics, with the temp path replaced.
    lines = [l.replace(temp, os.path.basename(args.input)) for l in output.splitlines()
             if re.search(r"(warning|note|error): ", l)]
    with open(out_file, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")

    with_notes = "CHECK-NOTES" in text
    if with_notes and "CHECK-MESSAGES" in text:
        fail("use CHECK-MESSAGES or CHECK-NOTES in a test, not both")
    prefix = "CHECK-NOTES" if with_notes else "CHECK-MESSAGES"
    expected = len(re.findall(r"// *" + prefix + r":[^\n]*warning:", text))
    produced = len([l for l in lines if re.search(r"warning: .*\[" + re.escape(args.check) + r"\]", l)])
    if with_notes:
        r = subprocess.run(["FileCheck", "-input-file=" + out_file, args.input,
                            "-check-prefix=CHECK-NOTES", "-implicit-check-not={{warning|note}}:"])
        if r.returncode != 0:
            fail("CHECK-NOTES did not match", output)
    elif "CHECK-MESSAGES" in text:
        r = subprocess.run(["FileCheck", "-input-file=" + out_file, args.input,
                            "-check-prefix=CHECK-MESSAGES", "-implicit-check-not=warning:"])
        if r.returncode != 0:
            fail("CHECK-MESSAGES did not match", output)
    if produced != expected:
        fail("expected %d warning(s), clang-tidy printed %d" % (expected, produced), output)
    if has_fixes:
        r = subprocess.run(["FileCheck", "-input-file=" + temp, args.input,
                            "-check-prefix=CHECK-FIXES", "-strict-whitespace"])
        if r.returncode != 0:
            fail("CHECK-FIXES did not match the fixed file", open(temp).read())


if __name__ == "__main__":
    main()

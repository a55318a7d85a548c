#!/usr/bin/env python3
"""Writes a lit test's CHECK-NOTES lines from what clang-tidy prints today, for review.

Usage: tests/lit/annotate_notes.py BUILD_DIR TEST_FILE...

For each test file: drops its CHECK-MESSAGES / CHECK-NOTES lines, runs the check of its RUN line
through clang-tidy-19 --load=BUILD_DIR/MedSecTidy.so, and writes the file back with one block of
`// CHECK-NOTES:` lines after each line that has a warning: the warning, then its notes, anchored
with [[@LINE+-N]]. Notes in another file are matched by file name.

This is a tool for a developer converting or extending a test, not a way to make a test pass:
read every generated line (git diff) and keep only what is right. A wrong note is a bug to fix in
the check, not an expectation to record.
"""
import os
import re
import subprocess
import sys
import tempfile

CHECK_LINE = re.compile(r"^[ \t]*// *CHECK-(MESSAGES|NOTES):.*\n?", re.M)
DIAG = re.compile(r"^(.*?):(\d+):(\d+): (warning|note): (.*)$")


def parse_run(text, inputs_dir):
    m = re.search(r"// RUN: %check_medsec %s (\S+) %t(.*)$", text, re.M)
    if not m:
        sys.exit("no %check_medsec RUN line")
    check, rest = m.group(1), m.group(2)
    config = ""
    cm = re.search(r'--config "([^"]*)"', rest)
    if cm:
        config = cm.group(1).replace("%inputs", inputs_dir)
    args = rest.split(" -- ", 1)[1].split() if " -- " in rest else []
    return check, config, args


def escape(msg):
    """FileCheck reads [[ and {{ as the start of a variable or a regex: match them literally."""
    return re.sub(r"\[\[|\{\{", lambda m: "{{\\" + "\\".join(m.group(0)) + "}}", msg)


def annotate(build, path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    inputs_dir = os.path.join(os.path.dirname(os.path.abspath(path)), "Inputs")
    check, config, args = parse_run(text, inputs_dir)
    stripped = CHECK_LINE.sub("", text)
    ext = os.path.splitext(path)[1]
    with tempfile.TemporaryDirectory() as tmp:
        temp = os.path.join(tmp, "input" + ext)
        with open(temp, "w", encoding="utf-8") as f:
            f.write(stripped)
        cmd = ["clang-tidy-19", "--load=" + os.path.join(build, "MedSecTidy.so"),
               "-checks=-*," + check, "--quiet", temp]
        if config:
            cmd.insert(1, "--config=" + config)
        cmd += ["--"] + args
        out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True).stdout
    blocks = {}  # warning line -> [(target line or file name, col, kind, message)]
    current = None
    for line in out.splitlines():
        m = DIAG.match(line)
        if not m:
            continue
        file, ln, col, kind, msg = m.groups()
        msg = re.sub(r" \[" + re.escape(check) + r"\]$", "", msg)
        in_main = os.path.abspath(file) == temp
        if kind == "warning":
            if not in_main:
                sys.exit("%s: a warning outside the test file (%s); write it by hand" % (path, file))
            current = int(ln)
            blocks.setdefault(current, [])
        if current is None:
            continue
        target = int(ln) if in_main else os.path.basename(file)
        blocks[current].append((target, col, kind, msg))
    lines = stripped.split("\n")
    # Final position of an original line once the blocks are inserted after their lines.
    starts = sorted(blocks)

    def final(n):
        return n + sum(len(blocks[w]) for w in starts if w < n)

    result = []
    for i, line in enumerate(lines, start=1):
        result.append(line)
        if i not in blocks:
            continue
        indent = re.match(r"[ \t]*", line).group(0)
        base = final(i)
        for k, (target, col, kind, msg) in enumerate(blocks[i], start=1):
            here = base + k
            if isinstance(target, int):
                off = final(target) - here
                anchor = ":[[@LINE%+d]]" % off if off else ":[[@LINE]]"
            else:
                anchor = "{{.*}}" + target + ":" + "{{[0-9]+}}"
            result.append("%s// CHECK-NOTES: %s:%s: %s: %s" % (indent, anchor, col, kind, escape(msg)))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(result))
    print("%s: %d warning(s), %d note(s)" % (path, len(blocks),
                                              sum(len(b) for b in blocks.values()) - len(blocks)))


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    for p in sys.argv[2:]:
        annotate(sys.argv[1], p)


if __name__ == "__main__":
    main()

"""The sample firmware's `// expect: medsec-<check>` (or `clang-diagnostic-<flag>`) markers are exactly what medsec finds.

For every check the catalogue lists as implemented (or partial), each marker must be reported
on its line and no other finding of that check may appear. Markers of planned checks are
listed but not enforced until the check lands.
"""
import os
import re
import unittest

from common import MEDSEC, PUMP, ROOT, TempDir, configure_pump, load_json, run

# medsec-<check> and the catalogued compiler diagnostics, clang-diagnostic-<flag>.
CHECK = r"(?:medsec|clang-diagnostic)-[a-z0-9-]+"
MARKER = re.compile(r"//\s*expect:\s*(%s(?:\s*,\s*%s)*)\s*$" % (CHECK, CHECK))


def markers():
    found = set()
    for base, _, files in os.walk(PUMP):
        for name in sorted(files):
            if not name.endswith((".c", ".h")):
                continue
            path = os.path.join(base, name)
            rel = os.path.relpath(path, ROOT)
            with open(path, encoding="utf-8") as f:
                for number, line in enumerate(f, 1):
                    m = MARKER.search(line.rstrip("\n"))
                    if m:
                        for check in re.split(r"\s*,\s*", m.group(1)):
                            found.add((rel, number, check))
    return found


class SampleFirmwareExpectations(unittest.TestCase):
    def test_every_marker_found_and_nothing_else(self):
        with TempDir() as tmp:
            build = configure_pump(os.path.join(tmp, "pump"))
            results = os.path.join(tmp, "results.json")
            r = run([MEDSEC, "scan", "-p", build, "-j2", "-q", "-o", results])
            self.assertIn(r.returncode, (0, 1), r.stderr)
            data = load_json(results)
        self.assertTrue(data["summary"]["complete"], data["units"])
        implemented = set(data["checks"])
        self.assertIn("medsec-banned-functions", implemented)
        expected = {m for m in markers() if m[2] in implemented}
        got = {(f["file"], f["line"], f["check"]) for f in data["findings"]}
        missing = sorted(expected - got)
        unexpected = sorted(got - expected)
        self.assertFalse(missing or unexpected,
                         "missing (false negatives): %s\nunexpected (false positives): %s"
                         % (missing, unexpected))
        # The sample is realistic only if it seeds every family, planned ones too.
        families = {m[2] for m in markers()}
        self.assertGreaterEqual(len(families), 10, families)


if __name__ == "__main__":
    unittest.main()

"""Test code (docs/test-code.md): one test-path rule, the `test` label in every output, outside
the gate unless --fail-on-test-code, counted apart in the report."""
import json
import os
import unittest
import xml.etree.ElementTree as ET

from common import MEDSEC, TempDir, load_json, run, write_db

COPY = """char *strcpy(char *, const char *);
void copy_{name}(char *d, const char *s) {{
  strcpy(d, s);
}}
"""

# Test files by each kind of built-in pattern, and product files that only look like them.
TEST_FILES = ["tests/test_pump.c", "src/crc_test.c", "src/mock_hal.c", "unity/unity.c"]
PRODUCT_FILES = ["src/latest.c", "src/attestation.c"]


def project(tmp, files):
    entries = []
    for name in files:
        path = os.path.join(tmp, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        ident = name.replace("/", "_").replace(".", "_")
        with open(path, "w") as f:
            f.write(COPY.format(name=ident))
        entries.append({"directory": tmp, "file": name, "arguments": ["clang-19", "-c", name]})
    write_db(tmp, entries)


def scan(tmp, *extra):
    out = os.path.join(tmp, "r.json")
    r = run([MEDSEC, "scan", "-p", tmp, "-q", "-o", out, "--checks", "-*,medsec-banned-functions",
             "--sarif", os.path.join(tmp, "r.sarif"), "--junit", os.path.join(tmp, "r.xml"),
             "--gitlab", os.path.join(tmp, "r.gl.json")] + list(extra), cwd=tmp)
    return r, load_json(out)


def labels(data):
    return {f["file"]: f.get("testCode", False) for f in data["findings"]}


class TestCode(unittest.TestCase):
    def test_every_output_labels_test_code_and_the_gate_ignores_it(self):
        with TempDir() as tmp:
            project(tmp, TEST_FILES)
            r, data = scan(tmp)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertEqual(labels(data), {f: True for f in TEST_FILES})
            self.assertFalse(data["policy"]["failOnTestCode"])
            self.assertIn("tests/test_pump.c:3:3: note: severity high; CWE-120", r.stdout)
            self.assertIn("; test code, outside the gate\n", r.stdout)
            self.assertIn("4 finding(s), 4 open (4 in test code)", r.stderr)

            sarif = load_json(os.path.join(tmp, "r.sarif"))
            results = sarif["runs"][0]["results"]
            self.assertEqual(len(results), 4)
            for res in results:
                self.assertEqual(res["properties"]["tags"], ["test"])
                self.assertTrue(res["properties"]["testCode"])

            case = ET.parse(os.path.join(tmp, "r.xml")).getroot().find(
                ".//testcase[@name='medsec-banned-functions']")
            self.assertIsNone(case.find("failure"))
            self.assertIn("4 open finding(s) in test code, outside the gate",
                          case.find("system-out").text)
            self.assertIn("src/mock_hal.c:3:3: high: test code: ", case.find("system-out").text)

            gitlab = load_json(os.path.join(tmp, "r.gl.json"))
            self.assertTrue(all(i["description"].startswith("[test code] ") for i in gitlab))

            r, data = scan(tmp, "--fail-on-test-code")
            self.assertEqual(r.returncode, 1, r.stderr)
            self.assertTrue(data["policy"]["failOnTestCode"])
            self.assertIn("; test code\n", r.stdout)
            case = ET.parse(os.path.join(tmp, "r.xml")).getroot().find(
                ".//testcase[@name='medsec-banned-functions']")
            self.assertIn("4 open finding(s)", case.find("failure").get("message"))

    def test_product_code_that_looks_like_test_code_fails_the_gate(self):
        with TempDir() as tmp:
            project(tmp, TEST_FILES + PRODUCT_FILES)
            r, data = scan(tmp)
            self.assertEqual(r.returncode, 1, r.stderr)
            expected = {f: True for f in TEST_FILES}
            expected.update({f: False for f in PRODUCT_FILES})
            self.assertEqual(labels(data), expected)
            self.assertIn("6 finding(s), 6 open (4 in test code)", r.stderr)
            case = ET.parse(os.path.join(tmp, "r.xml")).getroot().find(
                ".//testcase[@name='medsec-banned-functions']")
            self.assertIn("2 open finding(s)", case.find("failure").get("message"))

    def test_a_project_changes_the_test_paths(self):
        with TempDir() as tmp:
            project(tmp, ["src/mock_hal.c", "verification/bench.c"])
            with open(os.path.join(tmp, ".medsec.yaml"), "w") as f:
                f.write("test-paths:\n"
                        "  - {pattern: '(^|/)verification/', reason: host test benches}\n"
                        "  - {pattern: '(^|/)mock[^/]*$', enabled: false}\n")
            r, data = scan(tmp)
            self.assertEqual(r.returncode, 1, r.stderr)
            self.assertEqual(labels(data), {"src/mock_hal.c": False, "verification/bench.c": True})

    def test_test_paths_in_a_check_are_a_configuration_error(self):
        with TempDir() as tmp:
            project(tmp, ["src/a.c"])
            with open(os.path.join(tmp, ".medsec.yaml"), "w") as f:
                f.write("checks:\n  - id: medsec-hardcoded-credentials\n    data:\n"
                        "      test-paths:\n        - {pattern: x}\n")
            r = run([MEDSEC, "scan", "-p", tmp, "-q", "-o", os.path.join(tmp, "r.json")],
                    cwd=tmp)
            self.assertEqual(r.returncode, 2, r.stderr)
            self.assertIn(".medsec.yaml:4:7: error: check 'medsec-hardcoded-credentials' has no "
                          "data list 'test-paths'; test paths are one list for every check, the "
                          "top-level key 'test-paths'", r.stderr)

    def test_report_counts_test_code_apart(self):
        with TempDir() as tmp:
            project(tmp, ["tests/test_pump.c", "src/latest.c"])
            scan(tmp)
            out = os.path.join(tmp, "report")
            md = os.path.join(out, "report.md")
            js = os.path.join(out, "report.json")
            r = run([MEDSEC, "report", "-r", os.path.join(tmp, "r.json"), "-o", out], cwd=tmp)
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(md) as f:
                text = f.read()
            self.assertIn("2: 2 open (1 in test code, outside the gate)", text)
            self.assertIn("| high | 2 | 1 | 0 |", text)
            self.assertIn("**test** code", text)
            report = load_json(js)
            self.assertEqual(report["summary"]["openInTestCode"], 1)
            self.assertEqual(report["summary"]["bySeverity"]["high"]["openInTestCode"], 1)
            by_file = {f["file"]: f["testCode"] for f in report["findings"]}
            self.assertEqual(by_file, {"tests/test_pump.c": True, "src/latest.c": False})


if __name__ == "__main__":
    unittest.main()

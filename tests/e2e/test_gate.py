"""`medsec scan` as a pull-request gate: SARIF, JUnit, GitLab, baselines, NOLINT, deviations."""
import json
import os
import platform
import subprocess
import unittest
import xml.etree.ElementTree as ET

from common import MEDSEC, ROOT, TempDir, configure_pump, load_json, run, write_db

MULTITOOL = os.path.join(ROOT, "node_modules", "@microsoft", "sarif-multitool-linux",
                         "Sarif.Multitool")

SOURCE = """char *strcpy(char *, const char *);
int system(const char *);
void copy(char *d, const char *s) {
  strcpy(d, s);
}
void run(void) {
  system("reboot"); // NOLINT(medsec-banned-functions): service reboot, command is a constant
}
void run2(void) {
  // NOLINTNEXTLINE(medsec-banned-functions)
  system("halt");
}
"""


def scan(tmp, *extra, name="fw.c", text=SOURCE):
    with open(os.path.join(tmp, name), "w") as f:
        f.write(text)
    write_db(tmp, [{"directory": tmp, "file": name, "arguments": ["clang-19", "-c", name]}])
    out = os.path.join(tmp, "r.json")
    r = run([MEDSEC, "scan", "-p", tmp, "-q", "-o", out] + list(extra), cwd=tmp)
    return r, load_json(out)


def by_line(data):
    return {f["line"]: f for f in data["findings"]}


class Suppressions(unittest.TestCase):
    def test_justified_nolint_is_accepted_and_unjustified_is_reported(self):
        with TempDir() as tmp:
            r, data = scan(tmp)
        self.assertEqual(r.returncode, 1, r.stderr)
        f = by_line(data)
        self.assertEqual(f[4]["status"], "open")
        self.assertEqual(f[7]["status"], "accepted")
        self.assertEqual(f[7]["suppression"]["kind"], "inSource")
        self.assertEqual(f[7]["suppression"]["justification"],
                         "service reboot, command is a constant")
        self.assertEqual(f[11]["status"], "open")
        self.assertEqual(f[11]["suppression"]["status"], "rejected")
        self.assertEqual(f[11]["suppression"]["source"], "fw.c:10")
        self.assertIn("fw.c:11:3: note: suppression at fw.c:10 does not apply: the NOLINT comment "
                      "gives no justification", r.stdout)
        self.assertNotIn("fw.c:7:", r.stdout)

    def test_policy_switch_accepts_unjustified_nolint(self):
        with TempDir() as tmp:
            r, data = scan(tmp, "--allow-unjustified-nolint")
        self.assertEqual(by_line(data)[11]["status"], "accepted")

    def test_deviation_records_apply_and_expire(self):
        with TempDir() as tmp:
            dev = os.path.join(tmp, "deviations.yaml")
            with open(dev, "w") as f:
                f.write("deviations:\n"
                        "  - id: DEV-0001\n    check: medsec-banned-functions\n    path: 'fw.c'\n"
                        "    status: accepted\n    justification: destination sized by caller\n"
                        "    approver: QA lead\n    date: 2026-01-10\n    expires: 2026-06-30\n"
                        "    risk: RISK-17\n")
            r, data = scan(tmp, "--deviations", dev, "--today", "2026-03-01")
            self.assertEqual(by_line(data)[4]["status"], "accepted")
            self.assertEqual(by_line(data)[4]["suppression"]["approver"], "QA lead")
            self.assertEqual(by_line(data)[11]["status"], "accepted")
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            r, data = scan(tmp, "--deviations", dev, "--today", "2026-07-01")
        self.assertEqual(r.returncode, 1)
        f4 = by_line(data)[4]
        self.assertEqual(f4["status"], "open")
        self.assertEqual(f4["suppression"]["status"], "rejected")
        self.assertEqual(f4["suppression"]["problem"], "expired on 2026-06-30")
        self.assertIn("deviation DEV-0001 does not apply: expired on 2026-06-30", r.stdout)

    def test_bad_deviation_file_is_a_configuration_error(self):
        with TempDir() as tmp:
            dev = os.path.join(tmp, "deviations.yaml")
            with open(dev, "w") as f:
                f.write("deviations:\n  - id: DEV-1\n    check: medsec-banned-functions\n"
                        "    status: maybe\n    justification: x\n    approver: y\n"
                        "    date: 2026-13-01\n")
            with open(os.path.join(tmp, "fw.c"), "w") as f:
                f.write(SOURCE)
            write_db(tmp, [{"directory": tmp, "file": "fw.c", "arguments": ["clang-19", "-c", "fw.c"]}])
            r = run([MEDSEC, "scan", "-p", tmp, "--deviations", dev], cwd=tmp)
        self.assertEqual(r.returncode, 2)
        self.assertIn("deviations.yaml:4:13: error: unknown status 'maybe'", r.stderr)
        self.assertIn("deviations.yaml:7:11: error: 'date' must be a date like 2026-12-31", r.stderr)


class Baselines(unittest.TestCase):
    def test_baseline_survives_line_shifts_and_reindentation(self):
        with TempDir() as tmp:
            r, data = scan(tmp)
            base = os.path.join(tmp, "baseline.json")
            r = run([MEDSEC, "baseline", "create", "-r", os.path.join(tmp, "r.json"), "-o", base])
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(len(load_json(base)["findings"]), 2)  # the open ones
            shifted = "/* a new\n   header comment */\n\n" + SOURCE.replace("  strcpy(d, s);",
                                                                         "        strcpy(d, s);")
            shifted += "void more(char *d) { strcpy(d, \"x\"); }\n"
            r, data = scan(tmp, "--baseline", base, "--new-only", text=shifted)
        self.assertEqual(r.returncode, 1, r.stderr)
        states = {f["line"]: f.get("baseline") for f in data["findings"] if f["status"] == "open"}
        self.assertEqual(states, {7: "unchanged", 14: "unchanged", 16: "new"})
        self.assertIn("new since the baseline", r.stdout)

    def test_new_only_passes_when_nothing_is_new_and_lists_fixed(self):
        with TempDir() as tmp:
            scan(tmp)
            base = os.path.join(tmp, "baseline.json")
            run([MEDSEC, "baseline", "create", "-r", os.path.join(tmp, "r.json"), "-o", base])
            fixed = SOURCE.replace("  strcpy(d, s);", "  (void)d; (void)s;")
            r, data = scan(tmp, "--baseline", base, "--new-only", text=fixed)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual([x["check"] for x in data["fixed"]], ["medsec-banned-functions"])
        self.assertIn("fixed since the baseline", r.stderr)

    def test_fail_on_severity_threshold(self):
        with TempDir() as tmp:
            r, _ = scan(tmp, "--fail-on", "critical")
            self.assertEqual(r.returncode, 0, r.stdout)
            r, _ = scan(tmp, "--fail-on", "high")
            self.assertEqual(r.returncode, 1)
            r = run([MEDSEC, "scan", "-p", tmp, "--fail-on", "severe"], cwd=tmp)
            self.assertEqual(r.returncode, 2)


class Formats(unittest.TestCase):
    def test_sarif_passes_the_multitool_with_github_rules(self):
        with TempDir() as tmp:
            build = configure_pump(os.path.join(tmp, "pump"))
            sarif = os.path.join(tmp, "r.sarif")
            r = run([MEDSEC, "scan", "-p", build, "-q", "-o", os.path.join(tmp, "r.json"),
                     "--sarif", sarif])
            self.assertEqual(r.returncode, 1, r.stderr)
            log = os.path.join(tmp, "validation.sarif")
            v = subprocess.run([MULTITOOL, "validate", sarif, "--rule-kind", "Gh;Sarif", "-o", log,
                                "--log", "ForceOverwrite"], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
            self.assertEqual(v.returncode, 0, v.stdout)
            problems = [res for r_ in load_json(log)["runs"] for res in r_.get("results", [])
                        if res.get("level", "warning") in ("error", "warning")]
            self.assertEqual(problems, [], v.stdout)
            data = load_json(sarif)
        run_ = data["runs"][0]
        rules = {x["id"]: x for x in run_["tool"]["driver"]["rules"]}
        rule = rules["medsec-banned-functions"]
        self.assertEqual(rule["properties"]["security-severity"], "8.0")
        self.assertIn("external/cwe/cwe-120", rule["properties"]["tags"])
        self.assertTrue(rule["helpUri"].endswith("/docs/checks/medsec-banned-functions.md"))
        targets = {rel["target"]["id"] for rel in rule["relationships"]}
        self.assertIn("ansm:development/dangerous-functions", targets)
        self.assertIn("CWE-676", targets)
        self.assertEqual([t["name"] for t in run_["taxonomies"]][0], "ansm")
        result = run_["results"][0]
        self.assertEqual(result["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"],
                         "%SRCROOT%")
        self.assertTrue(result["partialFingerprints"]["medsecFingerprint/v1"].startswith("v1:"))
        # Where and how the scan ran, as results.json records it.
        props = run_["invocations"][0]["properties"]
        self.assertEqual(props["host"]["os"], platform.system())
        self.assertEqual(props["configuration"]["checks"], "-*,medsec-*,clang-diagnostic-*")
        self.assertIn("medsec.Catalogue", props["configuration"]["checkOptions"])

    def test_sarif_carries_suppressions_and_not_analysed_units(self):
        with TempDir() as tmp:
            with open(os.path.join(tmp, "broken.c"), "w") as f:
                f.write("int x = ;\n")
            with open(os.path.join(tmp, "fw.c"), "w") as f:
                f.write(SOURCE)
            write_db(tmp, [{"directory": tmp, "file": n, "arguments": ["clang-19", "-c", n]}
                           for n in ("fw.c", "broken.c")])
            sarif = os.path.join(tmp, "r.sarif")
            junit = os.path.join(tmp, "r.xml")
            gitlab = os.path.join(tmp, "gl.json")
            r = run([MEDSEC, "scan", "-p", tmp, "-q", "-o", os.path.join(tmp, "r.json"),
                     "--sarif", sarif, "--junit", junit, "--gitlab", gitlab], cwd=tmp)
            self.assertEqual(r.returncode, 3, r.stderr)
            v = subprocess.run([MULTITOOL, "validate", sarif, "--rule-kind", "Gh;Sarif", "-o",
                                os.path.join(tmp, "v.sarif"), "--log", "ForceOverwrite"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            self.assertNotIn(": error ", v.stdout)
            data = load_json(sarif)
            tree = ET.parse(junit)
            gl = load_json(gitlab)
        run_ = data["runs"][0]
        self.assertFalse(run_["invocations"][0]["executionSuccessful"])
        notes = run_["invocations"][0]["toolExecutionNotifications"]
        self.assertIn("broken.c was not analysed (parse-error)", notes[0]["message"]["text"])
        supp = [res["suppressions"][0] for res in run_["results"] if "suppressions" in res]
        self.assertEqual(sorted(s["status"] for s in supp), ["accepted", "rejected"])
        suites = {s.get("name"): s for s in tree.getroot()}
        self.assertEqual(suites["medsec.checks"].get("failures"), "1")
        self.assertEqual(suites["medsec.units"].get("errors"), "1")
        self.assertEqual(sorted(i["location"]["lines"]["begin"] for i in gl), [4, 11])
        self.assertEqual({i["severity"] for i in gl}, {"critical"})


if __name__ == "__main__":
    unittest.main()

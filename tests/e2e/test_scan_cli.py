"""`medsec scan` and `medsec rules` from the command line: exit codes, bad input, isolation."""
import hashlib
import os
import platform
import unittest

from common import MEDSEC, PLUGIN, PUMP, ROOT, TempDir, c_project, configure_pump, load_json, run

GOOD = 'char *strcpy(char *, const char *);\nvoid f(char *d, const char *s) { strcpy(d, s); }\n'
CLEAN = 'int add(int a, int b) { return a + b; }\n'
BROKEN = 'void g(void) {\n  int x = ;\n}\n'
HOSTILE = ('int sprintf(char *, const char *, ...);\n'
           'void h(char *o) { sprintf(o, "%s%n<script>\\"\'%%%", "\\x1b[31m"); }\n')
RULES = """checks:
  - id: medsec-banned-functions
    data:
      functions:
        - name: %s
          severity: high
          kind: always
          replacement: a bounded copy
          reason: copies until NUL without a destination size
"""


project = c_project


class ScanCommandLine(unittest.TestCase):
    def test_missing_compile_database_is_a_usage_error(self):
        with TempDir() as tmp:
            r = run([MEDSEC, "scan", "-p", tmp])
        self.assertEqual(r.returncode, 2)
        self.assertIn("compile_commands.json", r.stderr)
        self.assertIn("does not exist", r.stderr)

    def test_unknown_option_is_a_usage_error(self):
        r = run([MEDSEC, "scan", "--frobnicate"])
        self.assertEqual(r.returncode, 2)
        self.assertIn("unknown option '--frobnicate'", r.stderr)

    def test_clean_project_exits_zero(self):
        with TempDir() as tmp:
            project(tmp, {"clean.c": CLEAN})
            r = run([MEDSEC, "scan", "-p", tmp, "-o", os.path.join(tmp, "r.json")], cwd=tmp)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(load_json(os.path.join(tmp, "r.json"))["findings"], [])

    def test_findings_exit_one_with_familiar_diagnostics(self):
        with TempDir() as tmp:
            project(tmp, {"good.c": GOOD})
            r = run([MEDSEC, "scan", "-p", tmp, "-o", os.path.join(tmp, "r.json")], cwd=tmp)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("good.c:2:34: warning: 'strcpy' does not bound the copy", r.stdout)
        self.assertIn("[medsec-banned-functions]", r.stdout)
        self.assertIn("good.c:2:34: note: severity high; CWE-120; clauses "
                      "ansm:development/dangerous-functions", r.stdout)

    def test_unit_that_does_not_parse_is_reported_and_scan_goes_on(self):
        with TempDir() as tmp:
            project(tmp, {"good.c": GOOD, "broken.c": BROKEN})
            out = os.path.join(tmp, "r.json")
            r = run([MEDSEC, "scan", "-p", tmp, "-o", out], cwd=tmp)
            data = load_json(out)
        self.assertEqual(r.returncode, 3, r.stderr)
        units = {u["file"]: u for u in data["units"]}
        self.assertEqual(units["broken.c"]["status"], "parse-error")
        self.assertTrue(units["broken.c"]["reason"].startswith("broken.c:2:11: expected expression"),
                        units["broken.c"]["reason"])
        self.assertEqual(units["good.c"]["status"], "analysed")
        self.assertEqual([f["file"] for f in data["findings"]], ["good.c"])
        self.assertFalse(data["summary"]["complete"])
        self.assertIn("not analysed: broken.c (parse-error)", r.stderr)

    def test_crashing_and_hanging_units_do_not_lose_other_findings(self):
        with TempDir() as tmp:
            project(tmp, {"good.c": GOOD, "crashme.c": CLEAN, "hangme.c": CLEAN})
            out = os.path.join(tmp, "r.json")
            r = run([MEDSEC, "scan", "-p", tmp, "-j2", "--timeout", "5", "-o", out], cwd=tmp,
                    env={"MEDSEC_TEST_CRASH_ON": "crashme", "MEDSEC_TEST_HANG_ON": "hangme"})
            data = load_json(out)
        self.assertEqual(r.returncode, 3, r.stderr)
        units = {u["file"]: u for u in data["units"]}
        self.assertEqual(units["crashme.c"]["status"], "crashed")
        self.assertIn("signal 6", units["crashme.c"]["reason"])
        self.assertEqual(units["hangme.c"]["status"], "timed-out")
        self.assertIn("within 5 s", units["hangme.c"]["reason"])
        self.assertEqual([f["file"] for f in data["findings"]], ["good.c"])

    def test_incomplete_analysis_policy_switch(self):
        with TempDir() as tmp:
            project(tmp, {"good.c": GOOD, "broken.c": BROKEN})
            r = run([MEDSEC, "scan", "-p", tmp, "--no-fail-on-incomplete", "-o",
                     os.path.join(tmp, "r.json")], cwd=tmp)
        self.assertEqual(r.returncode, 1, r.stderr)

    def test_hostile_strings_from_source_are_data(self):
        with TempDir() as tmp:
            project(tmp, {"hostile.c": HOSTILE})
            out = os.path.join(tmp, "r.json")
            r = run([MEDSEC, "scan", "-p", tmp, "-o", out], cwd=tmp)
            data = load_json(out)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual(len(data["findings"]), 1)
        self.assertIn("conversion '%s' has no bounded length", data["findings"][0]["message"])

    def test_output_is_identical_at_any_parallelism(self):
        with TempDir() as tmp:
            build = configure_pump(os.path.join(tmp, "pump"))
            outs = []
            for jobs in ("1", "2"):
                out = os.path.join(tmp, "r%s.json" % jobs)
                r = run([MEDSEC, "scan", "-p", build, "-j", jobs, "-q", "-o", out])
                self.assertEqual(r.returncode, 1, r.stderr)
                with open(out, "rb") as f:
                    outs.append(f.read())
        self.assertEqual(outs[0], outs[1])

    def test_results_record_host_options_and_each_project_rule_file(self):
        with TempDir() as tmp:
            os.mkdir(os.path.join(tmp, "sub"))
            project(tmp, {"top.c": "void legacy_copy(char *);\nvoid f(char *d) { legacy_copy(d); }\n",
                          "sub/low.c": "void sub_copy(char *);\nvoid g(char *d) { sub_copy(d); }\n"})
            rules = {".medsec.yaml": "legacy_copy", "sub/.medsec.yaml": "sub_copy"}
            for path, name in rules.items():
                with open(os.path.join(tmp, path), "w") as f:
                    f.write(RULES % name)
            outs = []
            for jobs in ("1", "2"):
                out = os.path.join(tmp, "r%s.json" % jobs)
                r = run([MEDSEC, "scan", "-p", tmp, "-j", jobs, "-q", "-o", out,
                         "--exclude", "gen/**", "--timeout", "120"], cwd=tmp)
                self.assertEqual(r.returncode, 1, r.stderr)
                with open(out, "rb") as f:
                    outs.append(f.read())
            self.assertEqual(outs[0], outs[1])
            data = load_json(os.path.join(tmp, "r1.json"))
            expected = []
            for path in sorted(rules):
                with open(os.path.join(tmp, path), "rb") as f:
                    expected.append({"path": path, "role": "project",
                                     "sha256": hashlib.sha256(f.read()).hexdigest()})
        # Each unit used its own nearest file: both show in the findings and in the list.
        self.assertEqual({(f["file"], f["dataKey"]) for f in data["findings"]},
                         {("top.c", "legacy_copy"), ("sub/low.c", "sub_copy")})
        files = data["catalogue"]["files"]
        self.assertEqual([f for f in files if f["role"] == "project"], expected)
        self.assertTrue(all(f["role"] == "builtin" for f in files[:-2]))
        host = data["tool"]["host"]
        self.assertEqual(host["os"], platform.system())
        self.assertEqual(host["osRelease"], platform.release())
        self.assertRegex(host["triple"], r"^[a-z0-9_]+-[a-z0-9_]+-[a-z0-9_]+")
        self.assertEqual(sorted(host), ["os", "osRelease", "triple"])  # no host name: see docs
        conf = data["configuration"]
        self.assertEqual(conf["checks"], "-*,medsec-*,clang-diagnostic-*")
        self.assertTrue(conf["checkOptions"]["medsec.Catalogue"].endswith("rules"))
        self.assertEqual(conf["exclude"], ["gen/**"])
        self.assertEqual(conf["timeoutSeconds"], 120)
        self.assertNotIn("jobs", conf)

    def test_check_filter_decides_the_checks_recorded_as_run(self):
        with TempDir() as tmp:
            project(tmp, {"good.c": GOOD})
            out = os.path.join(tmp, "r.json")
            r = run([MEDSEC, "scan", "-p", tmp, "-q", "-o", out, "--rules",
                     os.path.join(PUMP, ".medsec.yaml"),
                     "--checks", "-*,medsec-banned-functions"], cwd=tmp)
            self.assertEqual(r.returncode, 1, r.stderr)
            data = load_json(out)
        self.assertEqual(data["checks"], ["medsec-banned-functions"])
        self.assertEqual(data["configuration"]["checks"], "-*,medsec-banned-functions")
        options = data["configuration"]["checkOptions"]
        self.assertEqual(options["medsec.ProjectRules"], os.path.join(PUMP, ".medsec.yaml"))
        self.assertEqual([f["path"] for f in data["catalogue"]["files"] if f["role"] == "project"],
                         [os.path.join(PUMP, ".medsec.yaml")])

    def test_relative_rules_path_reaches_units_compiled_elsewhere(self):
        # The units compile in proj/, the scan runs in its parent: the project's receive
        # function must still be known to the checks.
        with TempDir() as tmp:
            proj = os.path.join(tmp, "proj")
            os.mkdir(proj)
            project(proj, {"u.c": "int my_recv(unsigned char *b);\n"
                                  "static unsigned basal_rate;\n"
                                  "void f(void) { unsigned char b[2]; my_recv(b); basal_rate = b[0]; }\n"})
            with open(os.path.join(tmp, "rules.yaml"), "w") as f:
                f.write("checks:\n  - id: medsec-tainted-array-index\n    data:\n      sources:\n"
                        "        - {name: my_recv, taints: [\"0\"], channel: uart}\n")
            r = run([MEDSEC, "scan", "-p", "proj", "-q", "-o", "r.json", "--rules", "rules.yaml",
                     "--checks", "-*,medsec-unvalidated-setting"], cwd=tmp)
            self.assertEqual(r.returncode, 1, r.stderr)
            data = load_json(os.path.join(tmp, "r.json"))
        self.assertEqual([(f["check"], f["line"]) for f in data["findings"]],
                         [("medsec-unvalidated-setting", 3)])
        self.assertTrue(os.path.isabs(data["configuration"]["checkOptions"]["medsec.ProjectRules"]))

    def test_broken_catalogue_stops_the_scan_with_its_location(self):
        with TempDir() as tmp:
            project(tmp, {"good.c": GOOD})
            cat = os.path.join(tmp, "cat")
            os.mkdir(cat)
            with open(os.path.join(cat, "bad.yaml"), "w") as f:
                f.write("checks:\n  - id: medsec-banned-functions\n    title: x\n    severity: severe\n")
            r = run([MEDSEC, "scan", "-p", tmp, "--catalogue", cat], cwd=tmp)
        self.assertEqual(r.returncode, 2)
        self.assertIn("bad.yaml:4:15: error: unknown severity 'severe'", r.stderr)


class RulesCommandLine(unittest.TestCase):
    def test_builtin_catalogue_validates(self):
        r = run([MEDSEC, "rules", "validate"])
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("0 problem(s)", r.stderr)

    def test_project_file_problems_have_locations_and_fail(self):
        with TempDir() as tmp:
            bad = os.path.join(tmp, "bad.yaml")
            with open(bad, "w") as f:
                f.write("checks:\n  - id: medsec-banned-functions\n    sevrity: high\n"
                        "    clauses:\n      - id: ansm:no-such-clause\n")
            r = run([MEDSEC, "rules", "validate", bad])
        self.assertEqual(r.returncode, 1)
        self.assertIn(bad + ":3:5: error: unknown key 'sevrity'", r.stdout)
        self.assertIn(bad + ":5:9: error: check 'medsec-banned-functions' maps to unknown clause "
                      "'ansm:no-such-clause'", r.stdout)

    def test_list_prints_checks_with_clauses(self):
        r = run([MEDSEC, "rules", "list"])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("medsec-banned-functions  [high, implemented]", r.stdout)
        self.assertIn("ansm:development/dangerous-functions (direct, inferred)", r.stdout)


class ClangTidyPlugin(unittest.TestCase):
    def test_plugin_lists_the_checks(self):
        r = run(["clang-tidy-19", "--load=" + PLUGIN, "-checks=-*,medsec-*", "--list-checks"])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("medsec-banned-functions", r.stdout)

    def test_plugin_refuses_another_llvm_major_version(self):
        # Debian 12's default clang-tidy is version 14 (installed by tools/setup.sh).
        r = run(["clang-tidy-14", "--load=" + PLUGIN, "-checks=-*,medsec-*", "--list-checks"])
        self.assertIn("MedSecTidy was built for LLVM 19 but is being loaded into 'Debian clang "
                      "version 14", r.stderr)
        self.assertNotIn("medsec-banned-functions", r.stdout)

    def test_plugin_reports_on_the_sample_firmware(self):
        with TempDir() as tmp:
            build = configure_pump(os.path.join(tmp, "pump"))
            src = os.path.join(PUMP, "src", "uart_cmd.c")
            r = run(["clang-tidy-19", "--load=" + PLUGIN, "-checks=-*,medsec-*", "-p", build, src])
        self.assertIn("uart_cmd.c:374:5: warning: 'strcpy' does not bound", r.stdout)


if __name__ == "__main__":
    unittest.main()

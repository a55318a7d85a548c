"""Robustness of every command (issue 17): nothing lost without a word, nothing run that the
user did not name, bounded inputs."""
import os
import unittest

import test_scan_cli

from common import MEDSEC, TempDir, load_json, run, write_db

GOOD = test_scan_cli.GOOD

# A project-only banned function, as test_scan_cli writes it.
LEGACY_COPY_BANNED = test_scan_cli.RULES % "legacy_copy"


def project(tmp, files):
    entries = []
    for name, text in files.items():
        path = os.path.join(tmp, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
        entries.append({"directory": tmp, "file": name,
                        "arguments": ["clang-19", "-c", "-std=c11", name]})
    write_db(tmp, entries)


def scan(tmp, *extra, **kw):
    return run([MEDSEC, "scan", "-p", tmp, "-q", "-o", os.path.join(tmp, "r.json")] + list(extra),
               cwd=tmp, **kw)


class BrokenProjectRulesBesideTheSources(unittest.TestCase):
    """A .medsec.yaml found the way .clang-tidy is found must load, or the scan stops."""

    def check_stops(self, make_rules, expected):
        with TempDir() as tmp:
            project(tmp, {"src/good.c": GOOD})
            make_rules(os.path.join(tmp, "src", ".medsec.yaml"))
            r = scan(tmp)
            self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
            self.assertIn(os.path.join(tmp, "src", ".medsec.yaml") + expected, r.stderr)
            self.assertIn("fix them or check with 'medsec rules validate'", r.stderr)
            self.assertFalse(os.path.exists(os.path.join(tmp, "r.json")))

    def test_misspelt_key(self):
        def write(path):
            with open(path, "w") as f:
                f.write("checks:\n  - id: medsec-banned-functions\n    sevrity: high\n")
        self.check_stops(write, ":3:5: error: unknown key 'sevrity'")

    def test_garbage(self):
        def write(path):
            with open(path, "wb") as f:
                f.write(b"checks: [\x01\x02 {{{\n")
        self.check_stops(write, ":1:")

    def test_directory(self):
        self.check_stops(os.mkdir, ": error: cannot read file")

    def test_a_good_file_beside_the_sources_still_scans(self):
        with TempDir() as tmp:
            project(tmp, {"src/top.c": "void legacy_copy(char *);\n"
                                       "void f(char *d) { legacy_copy(d); }\n"})
            with open(os.path.join(tmp, "src", ".medsec.yaml"), "w") as f:
                f.write(LEGACY_COPY_BANNED)
            r = scan(tmp)
            self.assertEqual(r.returncode, 1, r.stderr)
            self.assertEqual([f["dataKey"] for f in load_json(os.path.join(tmp, "r.json"))
                              ["findings"]], ["legacy_copy"])

class MalformedExternalInputs(unittest.TestCase):
    """Issue 11: an item of the external-input vocabulary that names no argument or member (a
    `fields` item without its argument, a position that is no number) was dropped in silence and
    the declared receive function did less than it said; now it stops the scan like a bad key."""

    SOURCE = ("struct frame { unsigned char len; unsigned char payload[8]; };\n"
              "int my_recv(struct frame *f);\n"
              "int table[16];\n"
              "int f(void) { struct frame fr; my_recv(&fr); return table[fr.len]; }\n"
              # Not a member the declaration names: no finding.
              "int g(void) { struct frame fr; my_recv(&fr); return table[fr.payload[0]]; }\n")
    RULES = ("checks:\n  - id: medsec-tainted-array-index\n    data:\n      sources:\n"
             "        - name: my_recv\n          taints: [%s]\n          fields: [%s]\n"
             "          channel: uart\n")

    def scan_with(self, taints, fields):
        with TempDir() as tmp:
            project(tmp, {"src/rx.c": self.SOURCE})
            rules = os.path.join(tmp, "src", ".medsec.yaml")
            with open(rules, "w") as f:
                f.write(self.RULES % (taints, fields))
            r = scan(tmp)
            results = (load_json(os.path.join(tmp, "r.json"))
                       if os.path.exists(os.path.join(tmp, "r.json")) else None)
        return r, rules, results

    def test_a_member_without_its_argument_stops_the_scan(self):
        r, rules, results = self.scan_with('"0"', '"len"')
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        self.assertIn(rules + ":7:20: error: 'fields' item 'len' is not \"<argument>.<member>\"",
                      r.stderr)
        self.assertIn("fix them or check with 'medsec rules validate'", r.stderr)
        self.assertIsNone(results)

    def test_a_member_of_an_argument_that_receives_nothing_stops_the_scan(self):
        r, rules, results = self.scan_with('"0"', '"1.len"')
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        self.assertIn(rules + ":7:20: error: 'fields' item '1.len' names argument 1, which "
                      "'taints' of 'my_recv' does not list (0)", r.stderr)
        self.assertIsNone(results)

    def test_a_position_that_is_no_number_stops_the_scan(self):
        r, rules, results = self.scan_with('"first"', '"0.len"')
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        self.assertIn(rules + ":6:20: error: 'taints' item 'first' is not an argument position",
                      r.stderr)
        self.assertIsNone(results)

    def test_the_well_formed_declaration_scans_and_is_followed(self):
        r, _, results = self.scan_with('"0"', '"0.len"')
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertEqual([(f["check"], f["line"]) for f in results["findings"]],
                         [("medsec-tainted-array-index", 4)])
        self.assertEqual([(i["name"], i["line"], i["findings"]) for i in results["attack_surface"]],
                         [("my_recv", 4, 1), ("my_recv", 5, 0)])


class DuplicateIds(unittest.TestCase):
    RULES = ("checks:\n  - id: medsec-banned-functions\n    severity: low\n"
             "  - id: medsec-banned-functions\n    severity: critical\n")

    def test_validate_names_both_places(self):
        with TempDir() as tmp:
            path = os.path.join(tmp, "dup.yaml")
            with open(path, "w") as f:
                f.write(self.RULES)
            r = run([MEDSEC, "rules", "validate", path])
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn(path + ":4:9: error: duplicate check id 'medsec-banned-functions' (first "
                      "defined at " + path + ":2:5)", r.stdout)

    def test_scan_stops(self):
        with TempDir() as tmp:
            project(tmp, {"good.c": GOOD})
            with open(os.path.join(tmp, ".medsec.yaml"), "w") as f:
                f.write(self.RULES)
            r = scan(tmp)
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        self.assertIn(".medsec.yaml:4:9: error: duplicate check id", r.stderr)


class JustificationsAndDates(unittest.TestCase):
    DEVIATION = ("deviations:\n  - id: DEV-1\n    check: medsec-banned-functions\n"
                 "    status: accepted\n    justification: %s\n    approver: QA\n"
                 "    date: 2026-01-01\n    expires: %s\n")

    def scan_with(self, tmp, justification, expires, *extra):
        project(tmp, {"good.c": GOOD})
        dev = os.path.join(tmp, "dev.yaml")
        with open(dev, "w") as f:
            f.write(self.DEVIATION % (justification, expires))
        return scan(tmp, "--deviations", dev, *extra)

    def test_blank_justification_is_rejected(self):
        with TempDir() as tmp:
            r = self.scan_with(tmp, '"   "', "2030-01-01")
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        self.assertIn("dev.yaml:2:5: error: deviation 'DEV-1' has no 'justification' (it is blank)",
                      r.stderr)

    def test_impossible_expiry_is_rejected(self):
        with TempDir() as tmp:
            r = self.scan_with(tmp, "sized by the caller", "2027-02-30")
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        self.assertIn("dev.yaml:8:14: error: 'expires' must be a date like 2026-12-31, found "
                      "'2027-02-30'", r.stderr)

    def test_today_takes_only_real_dates(self):
        for bad in ("tomorrow", "01/06/2026", "2026-02-30", "2026-6-1"):
            with TempDir() as tmp:
                r = self.scan_with(tmp, "sized by the caller", "2030-01-01", "--today", bad)
            self.assertEqual(r.returncode, 2, bad + ": " + r.stdout + r.stderr)
            self.assertIn("--today takes YYYY-MM-DD, a real date, not '%s'" % bad, r.stderr)
            self.assertFalse(r.stdout, bad)  # nothing analysed

    def test_a_real_today_decides_expiry(self):
        with TempDir() as tmp:
            r = self.scan_with(tmp, "sized by the caller", "2026-06-30", "--today", "2026-06-30")
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            r = scan(tmp, "--deviations", os.path.join(tmp, "dev.yaml"), "--today", "2026-07-01")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)

    def test_report_date_takes_only_real_dates(self):
        with TempDir() as tmp:
            r = self.scan_with(tmp, "sized by the caller", "2030-01-01")
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            r = run([MEDSEC, "report", "-r", os.path.join(tmp, "r.json"), "-q", "--date",
                     "2026-02-30", "-o", os.path.join(tmp, "rep")])
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("--date takes YYYY-MM-DD, a real date, not '2026-02-30'", r.stderr)


class NolintInABlockComment(unittest.TestCase):
    def test_reason_stops_at_the_end_of_the_comment(self):
        with TempDir() as tmp:
            project(tmp, {"fw.c": "char *strcpy(char *, const char *);\n"
                                  "int n;\n"
                                  "void f(char *d, const char *s) {\n"
                                  "  strcpy(d, s); /* NOLINT(medsec-banned-functions): sized by "
                                  "the caller */ n = 1; /* other */\n"
                                  "}\n"})
            r = scan(tmp)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            [finding] = load_json(os.path.join(tmp, "r.json"))["findings"]
        self.assertEqual(finding["status"], "accepted")
        self.assertEqual(finding["suppression"]["justification"], "sized by the caller")


class OutputsCheckedBeforeTheAnalysis(unittest.TestCase):
    def test_every_scan_output_is_checked_first(self):
        with TempDir() as tmp:
            project(tmp, {"good.c": GOOD})
            os.mkdir(os.path.join(tmp, "adir"))
            for option, path, why in (
                    ("-o", "missing/r.json", "No such file or directory"),
                    ("--output", "good.c/r.json", "Not a directory"),
                    ("--sarif", "adir", "Is a directory"),
                    ("--junit", "missing/j.xml", "No such file or directory"),
                    ("--gitlab", "missing/g.json", "No such file or directory")):
                r = run([MEDSEC, "scan", "-p", tmp, option, os.path.join(tmp, path)], cwd=tmp,
                        env={"MEDSEC_TEST_HANG_ON": "good.c"})  # an analysis would hang
                self.assertEqual(r.returncode, 2, option + ": " + r.stderr)
                self.assertIn("medsec: error: cannot write '%s'" % os.path.join(tmp, path),
                              r.stderr)
                self.assertIn(why, r.stderr)
                self.assertEqual(r.stdout, "")
            self.assertEqual(sorted(os.listdir(tmp)), ["adir", "compile_commands.json", "good.c"])

    def test_report_and_baseline_outputs_are_checked_first(self):
        with TempDir() as tmp:
            project(tmp, {"good.c": GOOD})
            self.assertEqual(scan(tmp).returncode, 1)
            results = os.path.join(tmp, "r.json")
            r = run([MEDSEC, "report", "-r", results, "-o", os.path.join(tmp, "good.c", "rep")])
            self.assertEqual(r.returncode, 2, r.stderr)
            self.assertIn("is not a directory", r.stderr)
            r = run([MEDSEC, "baseline", "create", "-r", results, "-o",
                     os.path.join(tmp, "missing", "b.json")])
            self.assertEqual(r.returncode, 2, r.stderr)
            self.assertIn("cannot write '%s'" % os.path.join(tmp, "missing", "b.json"), r.stderr)


class ReportComparesTheScannedBytes(unittest.TestCase):
    def test_invalid_utf8_on_the_finding_line_is_not_a_change(self):
        with TempDir() as tmp:
            with open(os.path.join(tmp, "fw.c"), "wb") as f:
                f.write(b"char *strcpy(char *, const char *);\n"
                        b"void f(char *d) { strcpy(d, \"caf\xe9 \xff\"); }\n")
            write_db(tmp, [{"directory": tmp, "file": "fw.c",
                            "arguments": ["clang-19", "-c", "fw.c"]}])
            self.assertEqual(scan(tmp).returncode, 1)
            rep = os.path.join(tmp, "rep")
            r = run([MEDSEC, "report", "-r", os.path.join(tmp, "r.json"), "-o", rep,
                     "--format", "json"])
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertNotIn("changed since the scan", r.stderr)
            with open(os.path.join(rep, "report.json"), "rb") as f:
                self.assertNotIn(b"changed since the scan", f.read())
            # A real change is still seen.
            with open(os.path.join(tmp, "fw.c"), "ab") as f:
                f.truncate(0)
                f.write(b"char *strcpy(char *, const char *);\n"
                        b"void f(char *d) { strcpy(d, \"caf\xe9 \xfe!\"); }\n")
            r = run([MEDSEC, "report", "-r", os.path.join(tmp, "r.json"), "-o", rep,
                     "--format", "json"])
        self.assertIn("1 finding(s) point at source lines that changed since the scan", r.stderr)


class NothingRunsThatTheUserDidNotName(unittest.TestCase):
    def project_with_cross_gcc(self, tmp):
        gcc = os.path.join(tmp, "bin", "arm-none-eabi-gcc")
        os.makedirs(os.path.dirname(gcc))
        with open(gcc, "w") as f:
            f.write("#!/bin/sh\ntouch %s\necho '#include <...> search starts here:' >&2\n"
                    "echo ' %s' >&2\necho 'End of search list.' >&2\n"
                    % (os.path.join(tmp, "ran"), os.path.join(tmp, "inc")))
        os.chmod(gcc, 0o755)
        os.mkdir(os.path.join(tmp, "inc"))
        with open(os.path.join(tmp, "inc", "string.h"), "w") as f:
            f.write("char *strcpy(char *, const char *);\n")
        with open(os.path.join(tmp, "fw.c"), "w") as f:
            f.write("#include <string.h>\nvoid f(char *d, const char *s) { strcpy(d, s); }\n")
        write_db(tmp, [{"directory": tmp, "file": "fw.c",
                        "arguments": [gcc, "-mcpu=cortex-m4", "-mthumb", "-c", "fw.c"]}])
        return gcc

    def test_a_compiler_in_the_database_is_not_run_by_default(self):
        with TempDir() as tmp:
            gcc = self.project_with_cross_gcc(tmp)
            r = scan(tmp)
            self.assertFalse(os.path.exists(os.path.join(tmp, "ran")), "the compiler was run")
            self.assertIn("medsec: note: %s named by the compile database was not run for its "
                          "include directories (allow it with --query-driver GLOB)" % gcc, r.stderr)
            self.assertEqual(r.returncode, 3, r.stderr)  # string.h is missing: parse-error

    def test_query_driver_glob_allows_it(self):
        with TempDir() as tmp:
            self.project_with_cross_gcc(tmp)
            r = scan(tmp, "--query-driver", os.path.join(tmp, "bin", "*-gcc"))
            self.assertTrue(os.path.exists(os.path.join(tmp, "ran")))
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertNotIn("was not run", r.stderr)


class BoundedInputs(unittest.TestCase):
    def test_eighty_thousand_rule_entries_load(self):
        with TempDir() as tmp:
            path = os.path.join(tmp, "big.yaml")
            with open(path, "w") as f:
                f.write("checks:\n  - id: medsec-banned-functions\n    data:\n      functions:\n")
                for i in range(80000):
                    f.write("        - {name: legacy_copy_%d, severity: high, kind: always, "
                            "replacement: a bounded copy, reason: unbounded}\n" % i)
            # A hang guard, not a speed test (docs/benchmarks.md has the numbers).
            r = run([MEDSEC, "rules", "validate", path], timeout=120)
        self.assertEqual(r.returncode, 0, r.stdout[-2000:] + r.stderr)

    def test_rule_file_size_is_capped(self):
        with TempDir() as tmp:
            path = os.path.join(tmp, "huge.yaml")
            with open(path, "w") as f:
                f.truncate(40 << 20)
            r = run([MEDSEC, "rules", "validate", path])
            self.assertEqual(r.returncode, 1, r.stderr)
            self.assertIn(path + ": error: the file is 41943040 bytes; a rule file may hold at most "
                          "33554432", r.stdout)
            r = run([MEDSEC, "rules", "validate", "/dev/zero"], timeout=60)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("/dev/zero: error: cannot read file: not a regular file", r.stdout)

    def test_rule_nesting_is_capped(self):
        with TempDir() as tmp:
            path = os.path.join(tmp, "deep.yaml")
            with open(path, "w") as f:
                f.write("checks: " + "[" * 100000 + "]" * 100000 + "\n")
            r = run([MEDSEC, "rules", "validate", path], timeout=120)
        self.assertEqual(r.returncode, 1, r.stdout[-2000:] + r.stderr)
        self.assertIn(path + ":1:", r.stdout)
        self.assertIn("nested deeper than", r.stdout)

    def test_deep_json_is_an_error_not_a_crash(self):
        deep = "[" * 100000 + "]" * 100000
        with TempDir() as tmp:
            with open(os.path.join(tmp, "compile_commands.json"), "w") as f:
                f.write(deep)
            r = scan(tmp)
            self.assertEqual(r.returncode, 2, r.stderr)
            self.assertIn("is not JSON: [1:257] arrays and objects nested deeper than 256 levels",
                          r.stderr)
            project(tmp, {"good.c": GOOD})
            base = os.path.join(tmp, "base.json")
            with open(base, "w") as f:
                f.write('{"format": "medsec-baseline/1", "findings": ' + deep + "}")
            r = scan(tmp, "--baseline", base)
            self.assertEqual(r.returncode, 2, r.stderr)
            self.assertIn("nested deeper than 256 levels", r.stderr)
            results = os.path.join(tmp, "deep-results.json")
            with open(results, "w") as f:
                f.write(deep)
            r = run([MEDSEC, "report", "-r", results, "-o", os.path.join(tmp, "rep")])
            self.assertEqual(r.returncode, 2, r.stderr)
            self.assertIn("nested deeper than 256 levels", r.stderr)
            r = run([MEDSEC, "baseline", "create", "-r", results, "-o", base])
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("nested deeper than 256 levels", r.stderr)


class ControlCharactersInPaths(unittest.TestCase):
    def test_console_escapes_them(self):
        with TempDir() as tmp:
            name = "evil\nx.c:1:1: warning: forged [medsec-x]\x1b[31m.c"
            project(tmp, {name: GOOD, "broken\t.c": "int x = ;\n"})
            r = run([MEDSEC, "scan", "-p", tmp, "-o", os.path.join(tmp, "r.json")], cwd=tmp)
        self.assertEqual(r.returncode, 3, r.stderr)
        self.assertNotIn("\x1b", r.stdout + r.stderr)
        lines = r.stdout.splitlines()
        self.assertTrue(all(l.startswith("evil\\nx.c:1:1: warning: forged [medsec-x]\\x1b[31m.c:")
                            for l in lines), lines)
        self.assertIn("broken\\t.c", r.stderr)
        self.assertNotIn("broken\t.c", r.stderr)


class CrashReasons(unittest.TestCase):
    def test_missing_directory_is_the_reason_not_a_crash(self):
        with TempDir() as tmp:
            with open(os.path.join(tmp, "a.c"), "w") as f:
                f.write(GOOD)
            write_db(tmp, [{"directory": os.path.join(tmp, "nope"), "file": os.path.join(tmp, "a.c"),
                            "arguments": ["clang-19", "-c", os.path.join(tmp, "a.c")]}])
            r = scan(tmp)
            [unit] = load_json(os.path.join(tmp, "r.json"))["units"]
        self.assertEqual(r.returncode, 3, r.stderr)
        self.assertEqual(unit["status"], "failed")
        self.assertEqual(unit["reason"], "Cannot chdir into '%s' (the entry's 'directory' in the "
                         "compile database): it does not exist" % os.path.join(tmp, "nope"))

    def test_two_runs_with_a_crashing_unit_give_identical_results(self):
        outs = []
        with TempDir() as tmp:
            project(tmp, {"good.c": GOOD, "crashme.c": GOOD})
            out = os.path.join(tmp, "r.json")
            for i in range(2):
                r = run([MEDSEC, "scan", "-p", tmp, "-q", "-o", out], cwd=tmp,
                        env={"MEDSEC_TEST_CRASH_ON": "crashme"})
                self.assertEqual(r.returncode, 3, r.stderr)
                with open(out, "rb") as f:
                    outs.append(f.read())
            units = {u["file"]: u for u in load_json(out)["units"]}
        self.assertEqual(outs[0], outs[1])
        self.assertEqual(units["crashme.c"]["reason"], "analyser crashed (signal 6, Aborted)")


class FailureLogs(unittest.TestCase):
    """The one-line reason is in the results; the whole log of a unit not analysed is kept."""

    def test_a_crash_keeps_its_whole_trace_beside_the_results(self):
        with TempDir() as tmp:
            project(tmp, {"good.c": GOOD, "src/crashme.c": GOOD})
            os.makedirs(os.path.join(tmp, "out"))
            out = os.path.join(tmp, "out", "r.json")
            r = run([MEDSEC, "scan", "-p", tmp, "-q", "-o", out], cwd=tmp,
                    env={"MEDSEC_TEST_CRASH_ON": "crashme"})
            self.assertEqual(r.returncode, 3, r.stderr)
            units = {u["file"]: u for u in load_json(out)["units"]}
            log = os.path.join(tmp, "out", "r.failure-logs", "src", "crashme.c.log")
            self.assertEqual(units["src/crashme.c"]["log"], log)
            self.assertNotIn("log", units["good.c"])
            with open(log) as f:
                text = f.read()
            self.assertIn("not analysed: src/crashme.c (crashed)", r.stderr)
            self.assertIn("its whole log is in " + log, r.stderr)
        self.assertTrue(text.startswith("unit: src/crashme.c\nstatus: crashed\n"
                                        "reason: analyser crashed (signal 6, Aborted)\n\n"), text)
        # The stack dump the reason leaves out, with its frames.
        self.assertIn("Stack dump", text)
        self.assertRegex(text, r"\n *#?0 ")

    def test_a_unit_that_times_out_logs_where_it_hung(self):
        with TempDir() as tmp:
            project(tmp, {"hangme.c": GOOD})
            logs = os.path.join(tmp, "logs")
            r = scan(tmp, "--timeout", "2", "--failure-logs", logs,
                     env={"MEDSEC_TEST_HANG_ON": "hangme"})
            self.assertEqual(r.returncode, 3, r.stderr)
            [unit] = load_json(os.path.join(tmp, "r.json"))["units"]
            self.assertEqual(unit["status"], "timed-out")
            with open(unit["log"]) as f:
                text = f.read()
        self.assertIn("status: timed-out", text)
        self.assertIn("Stack dump", text)

    def test_a_clean_scan_removes_the_logs_of_the_last_one(self):
        with TempDir() as tmp:
            project(tmp, {"good.c": GOOD, "crashme.c": GOOD})
            logs = os.path.join(tmp, "r.failure-logs")
            scan(tmp, env={"MEDSEC_TEST_CRASH_ON": "crashme"})
            self.assertTrue(os.path.isfile(os.path.join(logs, "crashme.c.log")))
            r = scan(tmp)
            self.assertEqual(r.returncode, 1, r.stderr)
            self.assertFalse(os.path.exists(logs))
            self.assertNotIn("log", load_json(os.path.join(tmp, "r.json"))["units"][0])

    def test_a_directory_medsec_did_not_make_is_left_alone(self):
        with TempDir() as tmp:
            project(tmp, {"good.c": GOOD})
            mine = os.path.join(tmp, "mine")
            os.makedirs(mine)
            with open(os.path.join(mine, "notes.txt"), "w") as f:
                f.write("keep me")
            r = scan(tmp, "--failure-logs", mine)
            self.assertEqual(r.returncode, 2, r.stderr)
            self.assertIn("'%s' exists and was not made by medsec for failure logs" % mine, r.stderr)
            self.assertTrue(os.path.isfile(os.path.join(mine, "notes.txt")))
            self.assertFalse(os.path.exists(os.path.join(tmp, "r.json")))


if __name__ == "__main__":
    unittest.main()

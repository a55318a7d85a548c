"""`medsec report` on the command line: reproducible bytes, hashes a reviewer
can check with sha256sum, usage errors, and the README's flow on the sample
firmware (scan, then report)."""
import hashlib
import os
import platform
import shutil
import subprocess
import unittest

from common import BUILD, MEDSEC, ROOT, TempDir, configure_pump, load_json, run

GOLDEN = os.path.join(ROOT, "tests", "unit", "golden", "report")
MESSAGES = os.path.join(ROOT, "tools", "medsec", "report", "messages")
FILES = ["report-traceability.csv", "report.csv", "report.html", "report.json", "report.md",
         "report.sha256"]


def report(out, *extra, results=os.path.join(GOLDEN, "results.json")):
    return run([MEDSEC, "report", "-r", results, "-o", out, "--catalogue",
                os.path.join(GOLDEN, "catalogue"), "--source-root", GOLDEN,
                "--date", "2026-06-01"] + list(extra))


def read(path):
    with open(path, "rb") as f:
        return f.read()


@unittest.skipUnless(os.path.exists(MEDSEC), "medsec is not built")
class ReportCli(unittest.TestCase):
    def test_same_inputs_give_identical_files_and_checkable_hashes(self):
        with TempDir() as tmp:
            a, b = os.path.join(tmp, "a"), os.path.join(tmp, "b")
            ra = report(a)
            self.assertEqual(ra.returncode, 0, ra.stderr)
            self.assertEqual(report(b).returncode, 0)
            self.assertEqual(sorted(os.listdir(a)), FILES)
            for name in FILES:
                self.assertEqual(read(os.path.join(a, name)), read(os.path.join(b, name)), name)
            check = subprocess.run(["sha256sum", "-c", "report.sha256"], cwd=a,
                                   stdout=subprocess.PIPE, text=True)
            self.assertEqual(check.returncode, 0, check.stdout)
            self.assertIn("warning: INCOMPLETE SCAN", ra.stderr)

    def test_format_selection(self):
        with TempDir() as tmp:
            r = report(tmp, "--format", "md,csv")
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(sorted(os.listdir(tmp)), ["report-traceability.csv", "report.csv",
                                                       "report.md", "report.sha256"])

    def test_guideline_and_phase_selection(self):
        with TempDir() as tmp:
            r = report(tmp, "--guideline", "fda-2023", "--phases", "verification",
                       "--format", "json")
            self.assertEqual(r.returncode, 0, r.stderr)
            doc = load_json(os.path.join(tmp, "report.json"))
            self.assertEqual([g["id"] for g in doc["traceability"]], ["fda-2023"])
            self.assertEqual([c["id"] for c in doc["traceability"][0]["clauses"]],
                             ["fda-2023:V.C"])

    def test_usage_errors(self):
        with TempDir() as tmp:
            for args, message in [
                (["--format", "pdf"], "unknown report format 'pdf'"),
                (["--guideline", "nist"], "unknown guideline 'nist'"),
                (["--phases", "coding"], "unknown phase 'coding'"),
                (["--date", "1 June"], "--date takes YYYY-MM-DD"),
                (["--test-evidence", os.path.join(tmp, "none.xml")], "cannot read test evidence"),
            ]:
                r = report(tmp, *args)
                self.assertEqual(r.returncode, 2, args)
                self.assertIn(message, r.stderr)
            r = report(tmp, results=os.path.join(tmp, "missing.json"))
            self.assertEqual(r.returncode, 2)
            self.assertIn("cannot read results file", r.stderr)
            bad = os.path.join(tmp, "bad.json")
            with open(bad, "w") as f:
                f.write('{"format": "something-else"}')
            r = report(tmp, results=bad)
            self.assertEqual(r.returncode, 2)
            self.assertIn("not a medsec-results/1 document", r.stderr)
            self.assertEqual(run([MEDSEC, "report"]).returncode, 2)

    def test_french_report(self):
        with TempDir() as tmp:
            en, fr = os.path.join(tmp, "en"), os.path.join(tmp, "fr")
            self.assertEqual(report(en).returncode, 0)
            r = report(fr, "--lang", "fr")
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("warning: ANALYSE INCOMPLÈTE", r.stderr)
            self.assertEqual(sorted(os.listdir(fr)), FILES)
            for name in FILES:
                with open(os.path.join(fr, name), encoding="utf-8") as f:
                    self.assertNotIn("[[", f.read(), name)
            with open(os.path.join(fr, "report.html"), encoding="utf-8") as f:
                html = f.read()
            self.assertIn('<html lang="fr">', html)
            for heading in ("1. Synthèse", "2. Identification de l'outil", "5. Composants tiers",
                            "6. Matrice de traçabilité", "8. Dérogations", "10. Empreintes"):
                self.assertIn("<h2>%s</h2>" % heading, html)
            with open(os.path.join(fr, "report.csv"), encoding="utf-8", newline="") as f:
                self.assertTrue(f.readline().startswith("identifiant,statut,reference,severite"))
            with open(os.path.join(fr, "report-traceability.csv"), encoding="utf-8") as f:
                self.assertTrue(f.readline().startswith("referentiel,clause,phase,titre"))
            doc_en = load_json(os.path.join(en, "report.json"))
            doc_fr = load_json(os.path.join(fr, "report.json"))
            self.assertEqual((doc_en["language"], doc_fr["language"]), ("en", "fr"))
            self.assertEqual(sorted(doc_en), sorted(doc_fr))
            self.assertEqual([f["message"] for f in doc_en["findings"]],
                             [f["message"] for f in doc_fr["findings"]])
            self.assertEqual(doc_en["summary"]["verdict"], doc_fr["summary"]["verdict"])
            check = subprocess.run(["sha256sum", "-c", "report.sha256"], cwd=fr,
                                   stdout=subprocess.PIPE, text=True)
            self.assertEqual(check.returncode, 0, check.stdout)

    def test_language_errors_name_the_file_and_the_key(self):
        with TempDir() as tmp:
            r = report(os.path.join(tmp, "out"), "--lang", "tlh")
            self.assertEqual(r.returncode, 2)
            self.assertIn("unknown report language 'tlh'", r.stderr)
            self.assertIn("are: en, fr", r.stderr)
            self.assertFalse(os.path.exists(os.path.join(tmp, "out", "report.html")))
            # A third language is a file: a broken one stops the report, saying where.
            tables = os.path.join(tmp, "messages")
            os.mkdir(tables)
            shutil.copy(os.path.join(MESSAGES, "en.yaml"), tables)
            with open(os.path.join(MESSAGES, "en.yaml"), encoding="utf-8") as f:
                lines = f.read().replace("language: en", "language: xx").splitlines()
            lines = [l for l in lines if not l.startswith("  section.hashes:")]
            lines = [l.replace('"Summary"', '"Summary {0}"') for l in lines]
            lines.append('  section.extra: "Extra"')
            with open(os.path.join(tables, "xx.yaml"), "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
            r = report(os.path.join(tmp, "out"), "--lang", "xx", "--messages", tables)
            self.assertEqual(r.returncode, 2)
            self.assertIn("xx.yaml: message 'section.hashes' is missing", r.stderr)
            self.assertRegex(r.stderr, r"xx\.yaml:\d+: unknown message 'section.extra'")
            self.assertRegex(r.stderr, r"xx\.yaml:\d+: message 'section.summary' does not have "
                                       r"the placeholders of .*en\.yaml:\d+")
            self.assertFalse(os.path.exists(os.path.join(tmp, "out", "report.html")))

    def test_sample_firmware_scan_then_report(self):
        with TempDir() as tmp:
            db = configure_pump(os.path.join(tmp, "pump"))
            results = os.path.join(tmp, "results.json")
            scan = run([MEDSEC, "scan", "-p", db, "-j2", "-q", "-o", results])
            self.assertIn(scan.returncode, (0, 1), scan.stderr)
            out = os.path.join(tmp, "report")
            r = run([MEDSEC, "report", "-r", results, "-o", out])
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertNotIn("warning:", r.stderr)  # same catalogue, complete scan
            doc = load_json(os.path.join(out, "report.json"))
            scanned = load_json(results)
            self.assertEqual(doc["traceability"][0]["id"], "ansm")
            self.assertFalse(doc["inputs"]["catalogueMismatch"])
            self.assertEqual(len(doc["findings"]), len(scanned["findings"]))
            self.assertTrue(all(f["contextNote"] == "" and f["context"] for f in doc["findings"]))
            self.assertEqual(doc["summary"]["verdict"],
                             "fail" if scanned["findings"] else "pass")
            # Section 3 lists the sample's own .medsec.yaml, found by the scan's workers.
            with open(os.path.join(ROOT, "test-inputs", "infusion-pump", ".medsec.yaml"), "rb") as f:
                sha = hashlib.sha256(f.read()).hexdigest()
            rows = [c for c in doc["inputs"]["catalogue"] if c["role"] == "project"]
            self.assertEqual(rows, [{"path": "test-inputs/infusion-pump/.medsec.yaml",
                                     "scanPath": "test-inputs/infusion-pump/.medsec.yaml",
                                     "role": "project", "sha256": sha, "scanSha256": sha,
                                     "state": "same"}])
            with open(os.path.join(out, "report.md")) as f:
                md = f.read()
            self.assertIn("`test-inputs/infusion-pump/.medsec.yaml` | project | `%s`" % sha, md)
            # Section 2: where the scan ran; section 3: the options it ran with.
            self.assertIn(platform.release(), doc["tool"]["scan"]["host"])
            self.assertNotIn("not recorded", md)
            self.assertEqual(doc["configuration"]["scanOptions"]["checks"],
                             "-*,medsec-*,clang-diagnostic-*")
            self.assertIn("medsec.Catalogue", doc["configuration"]["scanOptions"]["checkOptions"])


@unittest.skipUnless(os.path.exists(MEDSEC) and os.path.exists(os.path.join(BUILD, "CTestTestfile.cmake")),
                     "medsec or the ctest tests are not built")
class ToolValidationEvidence(unittest.TestCase):
    def test_documented_run_tests_output_feeds_the_report(self):
        # README and docs/report.md: tools/run-tests.sh --output-junit medsec-tests.xml leaves
        # the file in the build directory, and medsec report --test-evidence quotes it. A few
        # quick tests stand for the whole suite; the build step is skipped (built already).
        name = "medsec-tests-e2e-%d.xml" % os.getpid()
        junit = os.path.join(BUILD, name)
        try:
            r = run([os.path.join(ROOT, "tools", "run-tests.sh"), "--output-junit", name,
                     "-R", r"^unit\.ReportEvidence\."], env={"MEDSEC_NO_BUILD": "1"})
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertTrue(os.path.exists(junit), r.stdout)
            evidence = read(junit)
            with TempDir() as tmp:
                out = os.path.join(tmp, "report")
                r = report(out, "--test-evidence", junit)
                self.assertEqual(r.returncode, 0, r.stderr)
                doc = load_json(os.path.join(out, "report.json"))
                with open(os.path.join(out, "report.md")) as f:
                    md = f.read()
        finally:
            if os.path.exists(junit):
                os.remove(junit)
        ran = evidence.count(b"<testcase")
        self.assertGreaterEqual(ran, 5)
        got = doc["inputs"]["testEvidence"]
        self.assertEqual((got["format"], got["tests"], got["passed"], got["failures"]),
                         ("junit", ran, ran, 0))
        self.assertEqual(got["sha256"], hashlib.sha256(evidence).hexdigest())
        self.assertNotIn("none supplied", md)
        self.assertIn("%d test(s), %d passed, 0 failed" % (ran, ran), md)


if __name__ == "__main__":
    unittest.main()

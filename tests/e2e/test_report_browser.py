"""The HTML report in a real headless Chromium: it renders the matrix and the
charts, logs no console error, and makes no network request, even when file
names, identifiers and messages are hostile. The screenshot, the DOM and a PDF
print are kept under <build>/test-artefacts/report-browser/ for a reviewer."""
import json
import os
import shutil
import subprocess
import unittest

from cdp import CHROMIUM_FLAGS, Browser, chromium_path
from common import BUILD, MEDSEC, ROOT, TempDir, run

GOLDEN = os.path.join(ROOT, "tests", "unit", "golden", "report")
ARTEFACTS = os.path.join(BUILD, "test-artefacts", "report-browser")
HOSTILE = ("<script>console.error('xss')</script><img src=\"http://127.0.0.1:9/x.png\" "
           "onerror=\"console.error('img')\">\"'&\u001b[2J\u0000 <link rel=stylesheet "
           "href=http://127.0.0.1:9/s.css> " + "A" * 10000)


def write_report(directory, hostile, lang="en"):
    with open(os.path.join(GOLDEN, "results.json")) as f:
        results = json.load(f)
    if hostile:
        for f in results["findings"]:
            f["message"] = HOSTILE
            f["check"] = "medsec-<style>*{background:url(http://127.0.0.1:9/b)}</style>"
        results["units"][0]["reason"] = HOSTILE
        results["fixed"][0]["file"] = "<iframe src=http://127.0.0.1:9/></iframe>.c"
        results["findings"][0]["file"] = "src/<svg onload=console.error(1)>.c"
    path = os.path.join(directory, "results.json")
    with open(path, "w") as out:
        json.dump(results, out)
    report = os.path.join(directory, "report")
    r = run([MEDSEC, "report", "-r", path, "-o", report, "--format", "html",
             "--catalogue", os.path.join(GOLDEN, "catalogue"), "--source-root", GOLDEN,
             "--test-evidence", os.path.join(GOLDEN, "ctest-junit.xml"),
             "--title", HOSTILE.replace("\u0000", "") if hostile else "Browser test", "--date", "2026-06-01",
             "--lang", lang])
    if r.returncode != 0:
        raise AssertionError("medsec report failed:\n" + r.stderr)
    return os.path.join(report, "report.html")


@unittest.skipUnless(os.path.exists(MEDSEC), "medsec is not built")
class ReportInBrowser(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not chromium_path():
            raise AssertionError("chromium is not installed: run tools/setup.sh")
        os.makedirs(ARTEFACTS, exist_ok=True)
        cls.browser = Browser()

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()

    def assert_clean_page(self, html):
        url = "file://" + html
        self.browser.open(url)
        self.assertEqual(self.browser.console_errors(), [])
        self.assertEqual([u for u in self.browser.requests() if u != url], [],
                         "the report made a network request")
        b = self.browser
        self.assertEqual(b.evaluate("document.scripts.length"), 0)
        self.assertEqual(b.evaluate("document.querySelectorAll('img,iframe,link,object,embed')"
                                    ".length"), 0)
        self.assertGreater(b.evaluate("document.querySelectorAll('#traceability table.matrix "
                                      "tbody tr').length"), 0)
        for chart in ("chart-coverage", "chart-severity", "chart-checks", "chart-matrix-ansm",
                      "chart-matrix-fda-2023"):
            self.assertEqual(b.evaluate(f"document.getElementById('{chart}').tagName"), "svg",
                             chart)
            self.assertGreater(b.evaluate(f"document.getElementById('{chart}')"
                                          ".getBoundingClientRect().width"), 100, chart)
        self.assertEqual(b.evaluate("document.getElementById('verdict').textContent"), "FAIL")
        # The first thing on the page after the title is the incomplete-scan banner.
        self.assertIn("INCOMPLETE SCAN",
                      b.evaluate("document.querySelector('header .banner').textContent"))

    def test_report_renders_without_errors_or_requests(self):
        with TempDir() as tmp:
            html = write_report(tmp, hostile=False)
            self.assert_clean_page(html)
            shutil.copy(html, os.path.join(ARTEFACTS, "report.html"))
            self.browser.screenshot(os.path.join(ARTEFACTS, "report.png"))
            self.browser.pdf(os.path.join(ARTEFACTS, "report.pdf"))
        with open(os.path.join(ARTEFACTS, "report.png"), "rb") as f:
            self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")
        with open(os.path.join(ARTEFACTS, "report.pdf"), "rb") as f:
            pdf = f.read()
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertGreater(pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page/") +
                           pdf.count(b"/Type/Page/") + pdf.count(b"/Type /Page>"), 3,
                           "each numbered section should start a printed page")

    def test_findings_and_their_inputs_link_both_ways(self):
        # Issue 11: a reviewer goes from a finding to where its data entered the device, and
        # from an input of the attack surface to the findings it feeds.
        import test_attack_surface as surface
        with TempDir() as tmp:
            surface.project(tmp, {"rx.c": surface.RX})
            results = os.path.join(tmp, "r.json")
            r = run([MEDSEC, "scan", "-p", tmp, "-q", "-o", results], cwd=tmp)
            self.assertEqual(r.returncode, 1, r.stderr)
            report = os.path.join(tmp, "report")
            r = run([MEDSEC, "report", "-r", results, "-o", report, "--date", "2026-06-01"],
                    cwd=tmp)
            self.assertEqual(r.returncode, 0, r.stderr)
            b = self.browser
            b.open("file://" + os.path.join(report, "report.html"))
            self.assertEqual(b.console_errors(), [])
            link = "document.querySelector('article.finding .inputs a')"
            self.assertEqual(b.evaluate(link + ".textContent"), "rx.c:9:3 recv")
            b.evaluate(link + ".click()")
            self.assertEqual(b.evaluate("location.hash"), "#in-1")
            row = "document.querySelector('#attack-surface tr:target')"
            self.assertEqual(b.evaluate(row + ".cells[1].textContent"), "recv")
            # ... and back from the input's row to the finding it feeds.
            back = row + ".querySelector('a[href^=\"#f-\"]')"
            href = b.evaluate(back + ".getAttribute('href')")
            b.evaluate(back + ".click()")
            self.assertEqual(b.evaluate("location.hash"), href)
            self.assertEqual(b.evaluate("document.querySelector('article.finding:target')"
                                        ".querySelector('.inputs a').getAttribute('href')"),
                             "#in-1")
            # HAL_UART_Receive's frame is checked: its row feeds nothing and links nowhere.
            self.assertEqual(b.evaluate("document.getElementById('in-2').cells[1].textContent"),
                             "HAL_UART_Receive")
            self.assertEqual(b.evaluate("document.getElementById('in-2')"
                                        ".querySelectorAll('a').length"), 0)

    def test_french_report_renders_in_french(self):
        with TempDir() as tmp:
            html = write_report(tmp, hostile=False, lang="fr")
            url = "file://" + html
            b = self.browser
            b.open(url)
            self.assertEqual(b.console_errors(), [])
            self.assertEqual([u for u in b.requests() if u != url], [])
            self.assertEqual(b.evaluate("document.documentElement.lang"), "fr")
            self.assertEqual(b.evaluate("document.getElementById('verdict').textContent"), "ÉCHEC")
            self.assertIn("ANALYSE INCOMPLÈTE",
                          b.evaluate("document.querySelector('header .banner').textContent"))
            headings = b.evaluate("Array.from(document.querySelectorAll('h2'))"
                                  ".map(h => h.textContent).join('|')")
            self.assertEqual(headings, "1. Synthèse|2. Identification de l'outil|3. Configuration|"
                             "4. Périmètre et intégrité|5. Composants tiers|"
                             "6. Matrice de traçabilité|7. Constats|8. Dérogations|9. Limites|"
                             "10. Empreintes")
            text = b.evaluate("document.body.textContent")
            self.assertNotIn("[[", text, "a message is missing from fr.yaml")
            for chart in ("chart-coverage", "chart-severity", "chart-checks", "chart-matrix-ansm"):
                self.assertGreater(b.evaluate(f"document.getElementById('{chart}')"
                                              ".getBoundingClientRect().width"), 100, chart)
            shutil.copy(html, os.path.join(ARTEFACTS, "report-fr.html"))
            b.screenshot(os.path.join(ARTEFACTS, "report-fr.png"))

    def test_hostile_values_stay_text(self):
        with TempDir() as tmp:
            html = write_report(tmp, hostile=True)
            self.assert_clean_page(html)
            shutil.copy(html, os.path.join(ARTEFACTS, "report-hostile.html"))
            self.browser.screenshot(os.path.join(ARTEFACTS, "report-hostile.png"))
            text = self.browser.evaluate("document.body.textContent")
            self.assertIn("<script>console.error('xss')</script>", text)
            self.assertNotIn("A" * 2500, text)

    def test_the_harness_sees_errors_and_requests(self):
        # Without this control a broken harness would pass every page.
        with TempDir() as tmp:
            page = os.path.join(tmp, "bad.html")
            with open(page, "w") as f:
                f.write("<!DOCTYPE html><html><body><img src='http://127.0.0.1:9/x.png'>"
                        "<script>console.error('boom')</script></body></html>")
            self.browser.open("file://" + page)
            self.assertIn("boom", " ".join(self.browser.console_errors()))
            self.assertIn("http://127.0.0.1:9/x.png", self.browser.requests())

    def test_dump_dom(self):
        with TempDir() as tmp:
            html = write_report(tmp, hostile=False)
            profile = os.path.join(tmp, "profile")
            r = subprocess.run([chromium_path()] + CHROMIUM_FLAGS +
                               [f"--user-data-dir={profile}", "--dump-dom", "file://" + html],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                               timeout=120)
            self.assertEqual(r.returncode, 0)
            with open(os.path.join(ARTEFACTS, "report.dom.html"), "w") as f:
                f.write(r.stdout)
            for marker in ('id="matrix-ansm"', 'id="chart-matrix-ansm"', 'id="chart-severity"',
                           'id="chart-checks"', 'id="deviation-table"'):
                self.assertIn(marker, r.stdout)


if __name__ == "__main__":
    unittest.main()

"""The attack surface of a scan: where external data enters, in results.json, SARIF and the console."""
import csv
import os
import unittest

from common import MEDSEC, TempDir, load_json, run, write_db

# recv feeds an unchecked index (one finding); HAL_UART_Receive's frame is
# checked before use (no finding); both are inputs.
RX = r"""
typedef unsigned long size_t;
typedef struct UART_Handle UART_HandleTypeDef;
long recv(int fd, void *buf, size_t n, int flags);
int HAL_UART_Receive(UART_HandleTypeDef *h, unsigned char *buf, unsigned short n, unsigned t);
int table[16];
int from_socket(int fd) {
  unsigned char b[4];
  recv(fd, b, sizeof b, 0);
  return table[b[0]];
}
int from_uart(UART_HandleTypeDef *h) {
  unsigned char f[2];
  HAL_UART_Receive(h, f, 2, 10);
  if (f[0] >= 16)
    return -1;
  return table[f[0]];
}
"""
# A project receive function no catalogue knows, declared in .medsec.yaml.
OWN = r"""
int board_rx_byte(void);
int table[8];
int use(void) { return table[board_rx_byte()]; }
"""
OWN_RULES = """checks:
  - id: medsec-tainted-array-index
    data:
      sources:
        - name: board_rx_byte
          taints: [return]
          origin: received data
          channel: radio
"""
# A data register read through a CMSIS-style peripheral pointer; the status
# register tested beside it is not an input.
REG = r"""
typedef struct { volatile unsigned SR; volatile unsigned DR; } USART_TypeDef;
#define USART2 ((USART_TypeDef *)0x40004400UL)
int table[16];
int poll(void) {
  if (USART2->SR & 0x20u)
    return table[USART2->DR];
  return -1;
}
"""
CLEAN = "int add(int a, int b) { return a + b; }\n"


def project(tmp, files):
    entries = []
    for name, text in files.items():
        with open(os.path.join(tmp, name), "w") as f:
            f.write(text)
        if name.endswith(".c"):
            entries.append({"directory": tmp, "file": name,
                            "arguments": ["clang-19", "-c", "-std=c11", name]})
    write_db(tmp, entries)


class AttackSurface(unittest.TestCase):
    def scan(self, tmp, *extra):
        out = os.path.join(tmp, "r.json")
        sarif = os.path.join(tmp, "r.sarif")
        r = run([MEDSEC, "scan", "-p", tmp, "-o", out, "--sarif", sarif] + list(extra), cwd=tmp)
        self.assertIn(r.returncode, (0, 1), r.stderr)
        return r, load_json(out), load_json(sarif)

    def test_catalogued_inputs_are_listed_with_the_findings_they_feed(self):
        with TempDir() as tmp:
            project(tmp, {"rx.c": RX})
            r, results, sarif = self.scan(tmp)
        surface = results["attack_surface"]
        self.assertEqual([(i["name"], i["line"], i["column"], i["channel"], i["kind"],
                           i["recognised"], i["findings"]) for i in surface],
                         [("recv", 9, 3, "network", "call", "catalogued", 1),
                          ("HAL_UART_Receive", 14, 3, "uart", "call", "catalogued", 0)])
        self.assertEqual(surface[0]["file"], "rx.c")
        self.assertEqual(results["summary"]["inputs"], 2)
        self.assertEqual(sarif["runs"][0]["properties"]["attackSurface"], surface)
        self.assertIn("medsec: 2 external input(s) recognised (2 catalogued, 0 inferred; "
                      "network 1, uart 1), 1 of them feeding findings", r.stderr)
        self.assertNotIn("no external input", r.stderr)

    def test_report_opens_the_findings_with_the_attack_surface(self):
        with TempDir() as tmp:
            project(tmp, {"rx.c": RX})
            _, results, _ = self.scan(tmp)
            out = os.path.join(tmp, "report")
            r = run([MEDSEC, "report", "-r", os.path.join(tmp, "r.json"), "-o", out,
                     "--date", "2026-06-01"], cwd=tmp)
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(os.path.join(out, "report.md"), encoding="utf-8") as f:
                md = f.read()
            with open(os.path.join(out, "report.csv"), encoding="utf-8", newline="") as f:
                rows = list(csv.DictReader(f))
        section = md[md.index("## 7. Findings"):md.index("### By clause")]
        self.assertIn("### Attack surface", section)
        self.assertIn("`ansm:design/attack-surface`", section)
        # Each input names the findings it feeds, each finding the inputs it came from.
        fed, = [f["fingerprint"] for f in results["findings"] if f.get("inputs")]
        self.assertIn("| `rx.c:9:3` | `recv` | call | network | catalogued | 1 `%s` |" % fed,
                      section)
        self.assertIn("| `rx.c:14:3` | `HAL_UART_Receive` | call | uart | catalogued | 0 |",
                      section)
        findings = md[md.index("### By file"):]
        self.assertIn("`%s`" % fed, findings)
        self.assertIn("  external data from: `rx.c:9:3` `recv`\n", findings)
        self.assertEqual([(r["id"], r["inputs"]) for r in rows if r["inputs"]],
                         [(fed, "rx.c:9:3 recv")])

    def test_inferred_register_is_listed_as_inferred(self):
        with TempDir() as tmp:
            project(tmp, {"reg.c": REG})
            r, results, _ = self.scan(tmp)
        self.assertEqual([(i["name"], i["kind"], i["channel"], i["recognised"], i["findings"])
                          for i in results["attack_surface"]],
                         [("USART2->DR", "register", "uart", "inferred", 1)])
        self.assertIn("(0 catalogued, 1 inferred; uart 1)", r.stderr)

    def test_project_declared_receive_function_is_an_input(self):
        with TempDir() as tmp:
            project(tmp, {"own.c": OWN, ".medsec.yaml": OWN_RULES})
            r, results, _ = self.scan(tmp)
        self.assertEqual([(i["name"], i["channel"], i["findings"])
                          for i in results["attack_surface"]], [("board_rx_byte", "radio", 1)])

    def test_scan_recognising_no_input_says_so_with_the_fix(self):
        with TempDir() as tmp:
            project(tmp, {"own.c": OWN})
            r, results, _ = self.scan(tmp)
        self.assertEqual(results["attack_surface"], [])
        self.assertIn("warning: no external input recognised", r.stderr)
        self.assertIn(".medsec.yaml", r.stderr)

    def test_no_warning_when_no_input_check_ran(self):
        with TempDir() as tmp:
            project(tmp, {"clean.c": CLEAN})
            r, results, _ = self.scan(tmp, "--checks=-*,medsec-banned-functions")
        self.assertNotIn("no external input", r.stderr)
        self.assertNotIn("external input(s) recognised", r.stderr)


if __name__ == "__main__":
    unittest.main()

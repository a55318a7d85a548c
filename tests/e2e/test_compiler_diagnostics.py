"""Compiler warnings as catalogued findings (docs/checks/compiler-diagnostics.md).

`medsec scan` turns the catalogued clang warnings on after the compile command's own options:
the build's -w, -Wno-* and -Werror neither hide them nor stop the analysis, and the findings
carry the catalogue's severity, CWE and clauses. They depend on the analysed target: a constant
that overflows a 16-bit int is found under MSP430 and not under a 32-bit Arm.
"""
import json
import os
import subprocess
import unittest

from common import MEDSEC, ROOT, TempDir, load_json, run, write_db

SOURCE = r"""typedef unsigned long size_t;
void *memcpy(void *, const void *, size_t);
int printf(const char *, ...);

int table[10];

int past_end(void) { return table[10]; }
int last(void) { return table[9]; }                  /* no finding */

void copy_key(char *dst, const char *key) {
  memcpy(dst, key, sizeof(dst));
}
void copy_block(const char *src) {
  char block[16];
  memcpy(block, src, sizeof(block));                 /* no finding */
  (void)block;
}

int mode_value(int on) {
  int v;
  if (on)
    v = 1;
  return v;
}
int mode_value_set(int on) {
  int v = 0;                                         /* no finding */
  if (on)
    v = 1;
  return v;
}

void log_line(const char *msg) { printf(msg); }
void log_line_fixed(const char *msg) { printf("%s", msg); } /* no finding */

int unused_is_not_a_finding(void) { int unused; return 0; }
"""

ALARM = r"""int alarm_period_ms(int rate) {
  return (1000 * 60) / rate;
}
long alarm_period_long_ms(int rate) {
  return (1000L * 60) / rate;
}
"""


def scan(tmp, args, *extra):
    write_db(tmp, [{"directory": tmp, "file": "fw.c", "arguments": args + ["-c", "fw.c"]}])
    out = os.path.join(tmp, "results.json")
    r = run([MEDSEC, "scan", "-p", tmp, "-o", out] + list(extra), cwd=tmp)
    return r, load_json(out)


def found(data):
    return sorted((f["check"], f["line"]) for f in data["findings"])


class CompilerDiagnostics(unittest.TestCase):
    def test_catalogued_warnings_are_findings_whatever_the_build_turned_off(self):
        with TempDir() as tmp:
            with open(os.path.join(tmp, "fw.c"), "w") as f:
                f.write(SOURCE)
            r, data = scan(tmp, ["gcc", "-Wall", "-Werror", "-w", "-Wno-array-bounds",
                                 "-Wno-everything"], "-v")
            self.assertEqual([u["status"] for u in data["units"]], ["analysed"], r.stderr)
            self.assertIn("dropped -w (would hide the compiler warnings", r.stderr)
            self.assertEqual(found(data), [
                ("clang-diagnostic-array-bounds", 7),
                ("clang-diagnostic-format-security", 32),
                ("clang-diagnostic-sizeof-pointer-memaccess", 11),
                ("clang-diagnostic-sometimes-uninitialized", 21),
            ])
            by_check = {f["check"]: f for f in data["findings"]}
            bounds = by_check["clang-diagnostic-array-bounds"]
            self.assertEqual(bounds["severity"], "high")
            self.assertEqual(bounds["cwe"], ["CWE-787", "CWE-125", "CWE-119"])
            self.assertIn("ansm:development/secure-coding", bounds["clauses"])
            self.assertEqual(bounds["message"], "array index 10 is past the end of the array "
                                                "(that has type 'int[10]')")
            self.assertEqual([(n["line"], n["message"]) for n in bounds["notes"]],
                             [(5, "array 'table' declared here")])
            self.assertEqual(by_check["clang-diagnostic-sometimes-uninitialized"]["cwe"],
                             ["CWE-457", "CWE-908"])
            self.assertIn("clang-diagnostic-array-bounds", data["checks"])
            self.assertIn("clang-diagnostic-integer-overflow", data["checks"])
            self.assertEqual(data["configuration"]["checks"], "-*,medsec-*,clang-diagnostic-*")

    def test_the_check_filter_turns_them_off(self):
        with TempDir() as tmp:
            with open(os.path.join(tmp, "fw.c"), "w") as f:
                f.write(SOURCE)
            _, data = scan(tmp, ["clang-19"], "--checks",
                           "-*,medsec-*,clang-diagnostic-*,-clang-diagnostic-array-bounds")
            self.assertNotIn(("clang-diagnostic-array-bounds", 7), found(data))
            self.assertIn(("clang-diagnostic-format-security", 32), found(data))
            self.assertNotIn("clang-diagnostic-array-bounds", data["checks"])
            _, data = scan(tmp, ["clang-19"], "--checks", "-*,medsec-*")
            self.assertEqual(found(data), [])
            self.assertFalse([c for c in data["checks"] if c.startswith("clang-diagnostic-")])

    def test_an_int_of_16_bits_overflows_where_one_of_32_does_not(self):
        with TempDir() as tmp:
            with open(os.path.join(tmp, "fw.c"), "w") as f:
                f.write(ALARM)
            # The target named as an option, and by the cross compiler's name.
            for args in (["clang-19", "--target=msp430"], ["msp430-elf-gcc", "-mmcu=msp430f5529"]):
                r, data = scan(tmp, args)
                self.assertEqual(found(data), [("clang-diagnostic-integer-overflow", 2)],
                                 r.stderr)
                self.assertEqual(data["findings"][0]["message"],
                                 "overflow in expression; result is -5'536 with type 'int'")
                self.assertEqual(data["findings"][0]["cwe"], ["CWE-190"])
            for args in (["clang-19", "--target=arm-none-eabi"], ["arm-none-eabi-gcc"]):
                r, data = scan(tmp, args)
                self.assertEqual([u["status"] for u in data["units"]], ["analysed"], r.stderr)
                self.assertEqual(found(data), [], r.stderr)

    def test_keil_c166_is_analysed_with_its_16_bit_int(self):
        # A C16x/XC16x home-ventilator build (Keil C166, its own directive syntax and keywords).
        with TempDir() as tmp:
            with open(os.path.join(tmp, "fw.c"), "w") as f:
                f.write("sfr S0RBUF = 0xFEB2;\nunsigned int idata last;\n" + ALARM)
            write_db(tmp, [{"directory": tmp, "file": "fw.c",
                            "arguments": ["C166.exe", "fw.c", "MOD167", "LARGE", "DEBUG"]}])
            out = os.path.join(tmp, "results.json")
            r = run([MEDSEC, "scan", "-p", tmp, "-o", out], cwd=tmp)
            data = load_json(out)
            self.assertEqual([u["status"] for u in data["units"]], ["analysed"], r.stderr)
            self.assertEqual(found(data), [("clang-diagnostic-integer-overflow", 4)], r.stderr)

    def test_sarif_describes_the_rule(self):
        with TempDir() as tmp:
            with open(os.path.join(tmp, "fw.c"), "w") as f:
                f.write(ALARM)
            sarif = os.path.join(tmp, "out.sarif")
            scan(tmp, ["clang-19", "--target=msp430"], "--sarif", sarif)
            log = load_json(sarif)
            rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
            rule = rules["clang-diagnostic-integer-overflow"]
            self.assertTrue(rule["helpUri"].endswith(
                "compiler-diagnostics.md#clang-diagnostic-integer-overflow"), rule)
            self.assertEqual([r["ruleId"] for r in log["runs"][0]["results"]],
                             ["clang-diagnostic-integer-overflow"])
            tool = os.path.join(ROOT, "node_modules", "@microsoft", "sarif-multitool-linux",
                                "Sarif.Multitool")
            if os.path.exists(tool):
                os.chmod(tool, 0o755)
                v = subprocess.run([tool, "validate", sarif], stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True)
                self.assertEqual(v.returncode, 0, v.stdout)


if __name__ == "__main__":
    unittest.main()

"""With --cross-tu, medsec-unchecked-return-value's inferred must-check counts the call sites of
the whole program.

gauge.c checks battery_read_i2c() at its three calls; alarm.c discards it once: alone, alarm.c has
one call and nothing to infer from, joined it is checked at 3 of 3 other call sites. spi.c checks
spi_xfer() at 3 of its 4 calls (3 of 3 others: reported alone); bus.c discards it four times, so
over the program it is checked at 3 of 8 others and no longer reported. A static function of the
same name in two units is counted in its own unit only.
"""
import os
import unittest

from common import MEDSEC, TempDir, load_json, run, write_db

GAUGE_C = """#include <stdint.h>
int battery_read_i2c(uint8_t reg, uint16_t *out);
static int crc(int v) { return v; }

int battery_percent(uint16_t *p) {
  if (battery_read_i2c(0x1c, p) != 0) return -1;
  if (crc(1)) return -1;
  return 0;
}
int battery_mv(uint16_t *p) { return battery_read_i2c(0x04, p) ? -1 : 0; }
int battery_ok(void) {
  uint16_t f;
  if (battery_read_i2c(0x06, &f)) return 0;
  if (crc(2) || crc(3)) return 0;
  return 1;
}
"""

ALARM_C = """#include <stdint.h>
int battery_read_i2c(uint8_t reg, uint16_t *out);
void raise_alarm(int id);
static int crc(int v) { return -v; }

void battery_alarm_step(void) {
  uint16_t soc;
  battery_read_i2c(0x1c, &soc);
  if (soc < 15) raise_alarm(4);
  crc(4);
}
"""

SPI_C = """int spi_xfer(int n);
int spi_a(void) { return spi_xfer(1) ? -1 : 0; }
int spi_b(void) { if (spi_xfer(2) < 0) return -1; return 0; }
int spi_c(void) { if (spi_xfer(3) != 0) return -1; return 0; }
void spi_d(void) { spi_xfer(4); }
"""

BUS_C = """int spi_xfer(int n);
void bus_reset(void) {
  spi_xfer(5);
  spi_xfer(6);
  spi_xfer(7);
  spi_xfer(8);
}
"""

FILES = (("gauge.c", GAUGE_C), ("alarm.c", ALARM_C), ("spi.c", SPI_C), ("bus.c", BUS_C))
CHECK = "medsec-unchecked-return-value"


def project(tmp):
    for name, text in FILES:
        with open(os.path.join(tmp, name), "w") as f:
            f.write(text)
    write_db(tmp, [{"directory": tmp, "file": name, "arguments": ["cc", "-c", name]}
                   for name, _ in FILES])


def scan(tmp, name, *extra):
    out = os.path.join(tmp, name + ".json")
    r = run([MEDSEC, "scan", "-p", tmp, "-o", out, "--checks", "-*," + CHECK, *extra], cwd=tmp)
    if not os.path.exists(out):
        raise AssertionError(r.stderr)
    return load_json(out)


def findings(data):
    return sorted((f["file"], f["line"], f["message"], f.get("dataKey"))
                  for f in data["findings"] if f["check"] == CHECK)


class CrossTranslationUnitMustCheck(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp_ctx = TempDir()
        cls.tmp = cls.tmp_ctx.__enter__()
        project(cls.tmp)
        cls.alone = scan(cls.tmp, "alone")
        cls.joined = scan(cls.tmp, "joined", "--cross-tu", "-j2")

    @classmethod
    def tearDownClass(cls):
        cls.tmp_ctx.__exit__(None, None, None)

    def test_per_unit_counts(self):
        self.assertEqual(findings(self.alone), [
            ("spi.c", 5, "the result of 'spi_xfer' is discarded, but the project checks it at "
             "3 of 3 other call sites (inferred must-check); check it here too and handle the "
             "failure", "project-must-check")])

    def test_joined_counts(self):
        self.assertEqual(findings(self.joined), [
            ("alarm.c", 8, "the result of 'battery_read_i2c' is discarded, but the project checks "
             "it at 3 of 3 other call sites in the units analysed (inferred must-check); check it "
             "here too and handle the failure", "project-must-check")])
        cwe = {f["cwe"][0] for f in self.joined["findings"]}
        self.assertEqual(cwe, {"CWE-252"})

    def test_joined_result_does_not_depend_on_jobs(self):
        again = scan(self.tmp, "joined1", "--cross-tu", "-j1")
        self.assertEqual(findings(again), findings(self.joined))


if __name__ == "__main__":
    unittest.main()

"""medsec scan --cross-tu: a number crosses into another unit with the interval it has at the call.

uart.c receives a 16-bit length n and a byte and calls functions of proto.c; proto.c indexes
tables with them. The caller's checks (n <= 15, n <= 16, n > 200 rejected, by a relay too) and
the byte's type (0..255) bound the parameter in proto.c; a second caller passing n unchecked
makes it unbounded (the widest interval of every call site of every unit). Reported: the
off-by-one (n <= 16 into 16 elements), 200 into 100 elements (directly and through a relay that
checks), the parameter one caller passes unchecked, and the function proto.c itself also calls
with received data (its parameter keeps no range: the summary serves that caller too). Silent:
n <= 15 into 16 elements (directly and through a relay passing n on unchanged), the byte into
a 256-entry handler table.
"""
import glob
import json
import os
import unittest

from common import MEDSEC, CrossTuProjectTest, run

UART_C = """#include <stdint.h>
long recv(int fd, void *buf, unsigned long n, int flags);
void fill15(const uint8_t *buf, unsigned n);
void fill16(const uint8_t *buf, unsigned n);
void fill100(const uint8_t *buf, unsigned n);
void fill_two(unsigned n);
void fill_relayed(unsigned n);
void fill_passed(unsigned n);
void fill_local(unsigned n);
void dispatch(int c);
static void relay_checked(unsigned n) {
  if (n > 200)
    return;
  fill_relayed(n);
}
static void relay(unsigned n) { fill_passed(n); }
void uart_task(int fd) {
  uint8_t rx[32];
  if (recv(fd, rx, sizeof rx, 0) <= 0)
    return;
  unsigned n = (unsigned)rx[0] << 8 | rx[1];
  relay_checked(n);
  if (n <= 15) {
    fill15(rx, n);
    relay(n);
    fill_local(n);
  }
  if (n <= 16)
    fill16(rx, n);
  if (n > 200)
    return;
  fill100(rx, n);
  fill_two(n);
  dispatch(rx[2]);
}
void uart_task2(int fd) {
  unsigned n;
  if (recv(fd, &n, sizeof n, 0) <= 0)
    return;
  fill_two(n);
}
"""

PROTO_C = """#include <stdint.h>
long recv(int fd, void *buf, unsigned long n, int flags);
static uint8_t small[16];
static uint8_t big[100];
static uint8_t wide[300];
typedef void (*handler)(void);
extern handler table[256];
void fill15(const uint8_t *buf, unsigned n) { small[n] = buf[0]; }
void fill16(const uint8_t *buf, unsigned n) { small[n] = buf[0]; }
void fill100(const uint8_t *buf, unsigned n) { big[n] = buf[0]; }
void fill_two(unsigned n) { wide[n] = 1; }
void fill_relayed(unsigned n) { big[n] = 2; }
void fill_passed(unsigned n) { small[n] = 3; }
void fill_local(unsigned n) { small[n] = 4; }
void dispatch(int c) { table[c](); }
void proto_poll(int fd) {
  unsigned m;
  if (recv(fd, &m, sizeof m, 0) > 0)
    fill_local(m);
}
"""


def tainted(data):
    return sorted((f["file"], f["line"], f["message"].split(";")[0]) for f in data["findings"]
                  if f["check"].startswith("medsec-tainted"))


class CrossTuRanges(CrossTuProjectTest):
    FILES = {"uart.c": UART_C, "proto.c": PROTO_C}

    def test_per_unit_nothing_crosses(self):
        # Per unit, only proto.c's own receive into fill_local is followed.
        r, data = self.scan("alone", "-j2")
        self.assertEqual(tainted(data), [
            ("proto.c", 14, "index derived from received data is not checked against the array "
                            "bound (16)")], r.stderr)

    def test_a_number_crosses_with_its_interval(self):
        r, data = self.scan("cross", "-j2", "--cross-tu")
        self.assertEqual(tainted(data), [
            ("proto.c", 9, "index derived from received data can reach 16 but the array holds "
                           "16 elements"),
            ("proto.c", 10, "index derived from received data can reach 200 but the array holds "
                            "100 elements"),
            ("proto.c", 11, "index derived from received data is not checked against the array "
                            "bound (300)"),
            ("proto.c", 12, "index derived from received data can reach 200 but the array holds "
                            "100 elements"),
            ("proto.c", 14, "index derived from received data is not checked against the array "
                            "bound (16)"),
        ], r.stderr)
        # The first note of the finding fed from uart.c is the boundary.
        big = [f for f in data["findings"] if f["line"] == 10 and f["file"] == "proto.c"][0]
        self.assertIn("passed from another translation unit (uart.c:32)",
                      big["notes"][0]["message"])

    def test_the_facts_carry_the_interval(self):
        cache = os.path.join(self.tmp, "cache")
        out = os.path.join(self.tmp, "cached.json")
        r = run([MEDSEC, "scan", "-p", self.tmp, "-o", out, "--cache-dir", cache, "-j2",
                 "--cross-tu"], cwd=self.tmp)
        self.assertIn(r.returncode, (0, 1), r.stderr)
        facts = {}
        for path in glob.glob(os.path.join(cache, "results-v1", "*", "*.json")):
            with open(path) as f:
                entry = json.load(f)
            self.assertEqual(entry["format"], 3)
            for fact in entry["unit"].get("crossTu", {}).get("facts", []):
                if fact["kind"] == "param":
                    facts[(fact["name"], fact["param"])] = fact.get("range")
        self.assertEqual(facts[("fill100", 1)], {"lo": 0, "hi": 200, "loChecked": True, "hiChecked": True})
        self.assertEqual(facts[("fill_relayed", 0)], {"lo": 0, "hi": 200, "loChecked": True, "hiChecked": True})
        self.assertEqual(facts[("dispatch", 0)], {"lo": 0, "hi": 255})
        # uart_task2 passes it unchecked: only its type bounds it.
        self.assertEqual(facts[("fill_two", 0)], {"lo": 0, "hi": 4294967295, "loChecked": True})


if __name__ == "__main__":
    unittest.main()

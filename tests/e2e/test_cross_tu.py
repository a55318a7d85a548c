"""`medsec scan` follows taint from one translation unit into another.

A source in a.c reaches sinks in b.c through a parameter, a chain a.c -> m.c -> b.c, a tainted
return value and an extern global; look-alikes (checked in the callee, constant arguments,
constant returns and globals) stay silent. Without --cross-tu (the default) or with
--no-cross-tu the result is per unit, and the output does not depend on -j.
"""
import os
import unittest

from common import MEDSEC, TempDir, load_json, run, write_db

A_C = """#include <stdint.h>
int HAL_UART_Receive(void *huart, uint8_t *data, uint16_t size, uint32_t timeout);
void parse_frame(const uint8_t *buf, unsigned len);
void parse_checked(const uint8_t *buf);
void set_mode(int mode);
void relay(const uint8_t *buf);
uint8_t g_cmd;
uint8_t g_mode;
static uint8_t rx[32];
static int local[8];

void uart_task(void) {
  HAL_UART_Receive(0, rx, sizeof rx, 100);
  local[rx[5]] = 1;
  parse_frame(rx, sizeof rx);
  parse_checked(rx);
  set_mode(3);
  relay(rx);
  g_cmd = rx[2];
  g_mode = 1;
}

uint8_t read_cmd(void) {
  uint8_t b = 0;
  HAL_UART_Receive(0, &b, 1, 100);
  return b;
}

uint8_t const_cmd(void) { return 7; }
"""

M_C = """#include <stdint.h>
void deep_sink(const uint8_t *p);

void relay(const uint8_t *buf) { deep_sink(buf); }
"""

B_C = """#include <stdint.h>
extern uint8_t g_cmd;
extern uint8_t g_mode;
uint8_t read_cmd(void);
uint8_t const_cmd(void);
static int table[16];

void parse_frame(const uint8_t *buf, unsigned len) {
  table[buf[0]] = 1;
}

void parse_checked(const uint8_t *buf) {
  if (buf[0] < 16)
    table[buf[0]] = 2;
}

void set_mode(int mode) {
  if (mode >= 0)
    table[mode] = 3;
}

void deep_sink(const uint8_t *p) {
  table[p[1]] = 4;
}

void use_return(void) {
  uint8_t c = read_cmd();
  table[c] = 5;
  table[const_cmd()] = 6;
}

void use_global(void) {
  table[g_cmd] = 7;
  table[g_mode] = 8;
}
"""

PER_UNIT = [("a.c", 14, "medsec-tainted-array-index")]
CROSS_UNIT = PER_UNIT + [
    ("b.c", 9, "medsec-tainted-array-index"),   # parameter
    ("b.c", 23, "medsec-tainted-array-index"),  # a.c -> m.c -> b.c
    ("b.c", 28, "medsec-tainted-array-index"),  # return value
    ("b.c", 33, "medsec-tainted-array-index"),  # extern global
]


def project(tmp):
    for name, text in (("a.c", A_C), ("b.c", B_C), ("m.c", M_C)):
        with open(os.path.join(tmp, name), "w") as f:
            f.write(text)
    write_db(tmp, [{"directory": tmp, "file": name, "arguments": ["cc", "-c", name]}
                   for name in ("a.c", "b.c", "m.c")])


def scan(tmp, name, *extra):
    out = os.path.join(tmp, name + ".json")
    sarif = os.path.join(tmp, name + ".sarif")
    r = run([MEDSEC, "scan", "-p", tmp, "-o", out, "--sarif", sarif, *extra], cwd=tmp)
    if not os.path.exists(out):
        raise AssertionError(r.stderr)
    return r, load_json(out), out, sarif


def where(data):
    return sorted((f["file"], f["line"], f["check"])
                  for f in data["findings"])


def read(path):
    with open(path, "rb") as f:
        return f.read()


class CrossTranslationUnitTaint(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp_ctx = TempDir()
        cls.tmp = cls.tmp_ctx.__enter__()
        project(cls.tmp)
        cls.r1, cls.cross, cls.out1, cls.sarif1 = scan(cls.tmp, "j1", "-j1", "--cross-tu")

    @classmethod
    def tearDownClass(cls):
        cls.tmp_ctx.__exit__(None, None, None)

    def test_flows_into_other_units_are_reported_exactly(self):
        self.assertEqual(self.r1.returncode, 1, self.r1.stderr)
        self.assertEqual(where(self.cross), sorted(CROSS_UNIT), self.r1.stderr)
        self.assertIn("cross-TU round", self.r1.stderr)

    def test_notes_say_where_the_data_came_from(self):
        by_line = {(f["file"], f["line"]): f for f in self.cross["findings"]}
        first = lambda line: by_line[("b.c", line)]["notes"][0]
        self.assertEqual(first(9)["message"],
                         "value received as parameter 'buf' of 'parse_frame' here, passed from "
                         "another translation unit (a.c:15)")
        self.assertEqual((first(9)["file"], first(9)["line"]), ("b.c", 8))
        self.assertIn("'deep_sink'", first(23)["message"])
        self.assertIn("(m.c:4)", first(23)["message"])
        self.assertEqual(first(28)["message"],
                         "value returned by 'read_cmd' here, received data from another "
                         "translation unit (a.c:23)")
        self.assertIn("global 'g_cmd'", first(33)["message"])
        self.assertIn("(a.c:13)", first(33)["message"])

    def test_no_cross_tu_gives_the_per_unit_result(self):
        r, data, _, _ = scan(self.tmp, "alone", "-j2", "--cross-tu", "--no-cross-tu")
        self.assertEqual(where(data), sorted(PER_UNIT), r.stderr)
        self.assertNotIn("cross-TU round", r.stderr)

    def test_per_unit_is_the_default(self):
        r, data, _, _ = scan(self.tmp, "default", "-j2")
        self.assertEqual(where(data), sorted(PER_UNIT), r.stderr)
        self.assertNotIn("cross-TU round", r.stderr)

    def test_output_does_not_depend_on_jobs(self):
        r, data, out2, sarif2 = scan(self.tmp, "j2", "-j2", "--cross-tu")
        self.assertEqual(where(data), sorted(CROSS_UNIT), r.stderr)
        self.assertEqual(read(self.out1), read(out2))
        self.assertEqual(read(self.sarif1), read(sarif2))


TOOL_A = """typedef unsigned long size_t;
long recv(int fd, void *buf, size_t n, int flags);
struct options { int index; } opt;
int main(void) {
  recv(0, &opt.index, sizeof opt.index, 0);
  return 0;
}
"""
TOOL_B = """struct options { int index; } opt;
static int table[8];
int main(void) { return table[opt.index]; }
"""


class ProgramsLinkedApart(unittest.TestCase):
    """Two programs of one database, each with its own global `opt`: what one
    receives into its `opt` is not the other's, and the scan says it did not
    follow data through the name even when no unit is analysed again."""

    def test_a_name_two_units_define_is_not_joined_and_is_named(self):
        with TempDir() as tmp:
            for name, text in (("tool_a.c", TOOL_A), ("tool_b.c", TOOL_B)):
                with open(os.path.join(tmp, name), "w") as f:
                    f.write(text)
            write_db(tmp, [{"directory": tmp, "file": n, "arguments": ["cc", "-c", n]}
                           for n in ("tool_a.c", "tool_b.c")])
            r, data, _, _ = scan(tmp, "apart", "-j1", "--cross-tu")
            self.assertNotIn(("tool_b.c", 3, "medsec-tainted-array-index"), where(data), r.stderr)
            self.assertIn("medsec: note: cross-TU: 'opt' is defined by several units", r.stderr)
            self.assertNotIn("cross-TU round", r.stderr)


if __name__ == "__main__":
    unittest.main()

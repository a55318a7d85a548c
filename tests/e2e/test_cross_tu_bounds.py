"""`medsec scan --cross-tu` keeps the checks each unit made across units.

Out-parameters (CrossTuBounds):

A driver in link.c receives a frame header and hands its length back through a pointer
parameter; it checks the length against the frame buffer and returns 0 only after that check
(mbedtls_asn1_get_len's pattern). The protocol code in proto.c tests the result (`!= 0`,
`if (ret)`, `< 0`) and indexes with the length: silent. Look-alikes are reported: a caller that
ignores the result, one that tests it for the one error whose path did not check, and a caller
of link_read_len_fast, which also succeeds without the check.

Parameters (CrossTuCheckedArguments): uart.c checks a length before it calls parse in proto.c,
directly or through a relay that rejects it first; proto.c indexes a table with it: silent.
Reported: a relay that does not check (parse_raw), and parse_twice, whose second caller does not.
"""
import unittest

from common import CrossTuProjectTest

LINK_C = """#include <stddef.h>
#include <stdint.h>
long recv(int fd, void *buf, size_t n, int flags);
int link_read_len(int fd, size_t *len) {
  uint32_t hdr;
  if (recv(fd, &hdr, sizeof hdr, 0) != sizeof hdr)
    return -1;
  *len = hdr;
  if (*len > 128)
    return -2;
  return 0;
}
int link_read_len_fast(int fd, size_t *len) {
  uint32_t hdr;
  if (recv(fd, &hdr, sizeof hdr, 0) != sizeof hdr)
    return -1;
  *len = hdr;
  if (fd == 0)
    return 0;
  if (*len > 128)
    return -2;
  return 0;
}
"""

PROTO_C = """#include <stddef.h>
int link_read_len(int fd, size_t *len);
int link_read_len_fast(int fd, size_t *len);
static unsigned char frame[256];
int proto_task(int fd) {
  size_t len, len2, len3, len4, len5, len6;
  int ret;
  if ((ret = link_read_len(fd, &len)) != 0)
    return ret;
  ret = link_read_len(fd, &len2);
  if (ret)
    return ret;
  if (link_read_len(fd, &len6) < 0)
    return -1;
  link_read_len(fd, &len3);
  if (link_read_len(fd, &len4) == -2)
    return frame[len4];
  if (link_read_len_fast(fd, &len5) != 0)
    return -1;
  return frame[len] + frame[len2] + frame[len6] + frame[len3] + frame[len5];
}
"""


def tainted(data):
    return sorted((f["file"], f["line"], f["column"], f["check"]) for f in data["findings"]
                  if f["check"].startswith("medsec-tainted"))


class CrossTuBounds(CrossTuProjectTest):
    FILES = {"link.c": LINK_C, "proto.c": PROTO_C}

    def test_a_length_checked_before_success_crosses_with_its_bound(self):
        r, data = self.scan("cross", "-j2", "--cross-tu")
        # len, len2 and len6 are tested; len3 (result ignored), len4 (tested for the error)
        # and len5 (link_read_len_fast) are not.
        self.assertEqual(tainted(data), [
            ("proto.c", 17, 18, "medsec-tainted-array-index"),
            ("proto.c", 20, 57, "medsec-tainted-array-index"),
            ("proto.c", 20, 71, "medsec-tainted-array-index"),
        ], r.stderr)


UART_C = """#include <stdint.h>
long recv(int fd, void *buf, unsigned long n, int flags);
void parse(const uint8_t *buf, unsigned n);
void parse_raw(const uint8_t *buf, unsigned n);
void parse_twice(const uint8_t *buf, unsigned n);
static void relay_checked(const uint8_t *buf, unsigned n) {
  if (n > 16)
    return;
  parse(buf, n);
}
static void relay(const uint8_t *buf, unsigned n) { parse_raw(buf, n); }
void uart_task(int fd) {
  uint8_t rx[32];
  if (recv(fd, rx, sizeof rx, 0) <= 0)
    return;
  unsigned n = rx[0];
  relay_checked(rx, n);
  relay(rx, n);
  if (n <= 16) {
    parse(rx, n);
    parse_twice(rx, n);
  }
  parse_twice(rx, rx[1]);
}
"""

PARSE_C = """#include <stdint.h>
static uint8_t table[17];
void parse(const uint8_t *buf, unsigned n) { table[n] = buf[0] & 1; }
void parse_raw(const uint8_t *buf, unsigned n) { table[n] = buf[0] & 1; }
void parse_twice(const uint8_t *buf, unsigned n) { table[n] = buf[0] & 1; }
"""


class CrossTuCheckedArguments(CrossTuProjectTest):
    FILES = {"uart.c": UART_C, "parse.c": PARSE_C}

    def test_an_argument_checked_before_the_call_does_not_cross(self):
        r, data = self.scan("cross", "-j2", "--cross-tu")
        self.assertEqual(tainted(data), [
            ("parse.c", 4, 56, "medsec-tainted-array-index"),
            ("parse.c", 5, 58, "medsec-tainted-array-index"),
        ], r.stderr)


if __name__ == "__main__":
    unittest.main()

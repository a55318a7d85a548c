"""`medsec scan --cross-tu` joins C++ functions of a named namespace by their qualified name:
a driver in uart.cpp receives and calls proto::parse, defined in proto.cpp; proto::receive
writes what it received through its pointer parameter for its caller in uart.cpp.

Look-alikes stay silent: a parser that checks the byte, and other::parse, a function of the same
plain name in another namespace, called with constants.
"""
import unittest

from common import CrossTuProjectTest, tainted_first_notes

UART_CPP = """#include <stdint.h>
#include <stddef.h>
extern "C" long recv(int fd, void *buf, size_t n, int flags);
namespace proto {
void parse(const uint8_t *buf, unsigned n);
void parse_checked(const uint8_t *buf);
int receive(uint8_t *out);
}
namespace other { void parse(const uint8_t *buf, unsigned n); }
static int table[8];
void task(int fd) {
  uint8_t buf[16];
  if (recv(fd, buf, sizeof buf, 0) <= 0)
    return;
  proto::parse(buf, 16);
  proto::parse_checked(buf);
  uint8_t fixed[4] = {1, 2, 3, 4};
  other::parse(fixed, 4);
  uint8_t b;
  if (proto::receive(&b) == 0)
    table[b] = 1;
}
"""

PROTO_CPP = """#include <stdint.h>
#include <stddef.h>
extern "C" long recv(int fd, void *buf, size_t n, int flags);
static int table[8];
namespace proto {
void parse(const uint8_t *buf, unsigned n) { table[buf[1]] = 1; }
void parse_checked(const uint8_t *buf) { if (buf[1] < 8) table[buf[1]] = 2; }
int receive(uint8_t *out) {
  uint8_t b[2];
  if (recv(3, b, 2, 0) != 2)
    return -1;
  *out = b[1];
  return 0;
}
}
namespace other {
void parse(const uint8_t *buf, unsigned n) { table[buf[1]] = 3; }
}
"""


class CrossTuNamespaces(CrossTuProjectTest):
    FILES = {"uart.cpp": UART_CPP, "proto.cpp": PROTO_CPP}
    ARGUMENTS = ["clang++-19", "-c", "-std=c++17"]

    def test_namespaced_functions_cross_by_their_qualified_name(self):
        r, data = self.scan("cross", "-j2", "--cross-tu")
        self.assertEqual(tainted_first_notes(data), [
            ("proto.cpp", 6, "value received as parameter 'buf' of 'proto::parse' here, passed "
                             "from another translation unit (uart.cpp:15)"),
            ("uart.cpp", 21, "value received through 'proto::receive' here, received data from "
                             "another translation unit (proto.cpp:8)"),
        ], r.stderr)


if __name__ == "__main__":
    unittest.main()

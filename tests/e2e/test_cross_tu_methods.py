"""`medsec scan --cross-tu` joins C++ methods by their qualified name with class
(`drv::Link::fetch`): the driver class in link.cpp receives; app.cpp passes what
Link::fetch wrote through its pointer parameter to app::Parser::handle, defined in
parser.cpp, and to the static app::Parser::dispatch; Link::take fills a Packet through a
reference parameter and Link::last returns a received byte, both used as indexes in app.cpp.

Look-alikes stay silent: a handler that checks the byte, and the overload
Parser::handle(int), called with a constant only: an overloaded method joins by its
parameter types, so the received buffer passed to handle(const uint8_t *, size_t) does not
reach it.
"""
import unittest

from common import CrossTuProjectTest, tainted_first_notes

PROTO_H = """#pragma once
#include <stdint.h>
#include <stddef.h>
struct Packet { uint8_t cmd; uint8_t len; uint8_t data[8]; };
namespace drv {
class Link {
public:
  int fetch(uint8_t *buf, size_t n);
  bool take(Packet &out);
  uint8_t last();
private:
  int fd_ = 3;
};
}
namespace app {
class Parser {
public:
  void handle(const uint8_t *buf, size_t n);
  void handle(int code);
  void handle_checked(const uint8_t *buf, size_t n);
  static void dispatch(uint8_t op);
};
}
"""

LINK_CPP = """#include "proto.h"
extern "C" long recv(int fd, void *buf, size_t n, int flags);
namespace drv {
int Link::fetch(uint8_t *buf, size_t n) { return (int)recv(fd_, buf, n, 0); }
bool Link::take(Packet &out) {
  uint8_t b[10];
  if (recv(fd_, b, sizeof b, 0) != 10)
    return false;
  out.cmd = b[0];
  out.len = b[1];
  return true;
}
uint8_t Link::last() {
  uint8_t b = 0;
  recv(fd_, &b, 1, 0);
  return b;
}
}
"""

PARSER_CPP = """#include "proto.h"
static int table[8];
namespace app {
void Parser::handle(const uint8_t *buf, size_t n) { table[buf[1]] = 1; }
void Parser::handle(int code) { table[code] = 2; }
void Parser::handle_checked(const uint8_t *buf, size_t n) {
  if (buf[1] < 8)
    table[buf[1]] = 3;
}
void Parser::dispatch(uint8_t op) { table[op] = 4; }
}
"""

APP_CPP = """#include "proto.h"
static int slots[8];
void task() {
  drv::Link link;
  app::Parser p;
  uint8_t buf[16];
  if (link.fetch(buf, sizeof buf) <= 0)
    return;
  p.handle(buf, sizeof buf);
  p.handle(5);
  p.handle_checked(buf, sizeof buf);
  app::Parser::dispatch(buf[2]);
  Packet pkt;
  if (link.take(pkt))
    slots[pkt.cmd] = 1;
  slots[link.last()] = 2;
}
"""


class CrossTuMethods(CrossTuProjectTest):
    FILES = {"proto.h": PROTO_H, "link.cpp": LINK_CPP, "parser.cpp": PARSER_CPP,
             "app.cpp": APP_CPP}
    ARGUMENTS = ["clang++-19", "-c", "-std=c++17"]

    def test_methods_cross_by_their_qualified_name(self):
        r, data = self.scan("cross", "-j2", "--cross-tu")
        self.assertEqual(tainted_first_notes(data), [
            ("app.cpp", 15, "value received through 'drv::Link::take' here, received data from "
                            "another translation unit (link.cpp:5)"),
            ("app.cpp", 16, "value returned by 'drv::Link::last' here, received data from "
                            "another translation unit (link.cpp:13)"),
            ("parser.cpp", 4, "value received as parameter 'buf' of 'app::Parser::handle' here, "
                              "passed from another translation unit (app.cpp:9)"),
            ("parser.cpp", 10, "value received as parameter 'op' of 'app::Parser::dispatch' "
                               "here, passed from another translation unit (app.cpp:12)"),
        ], r.stderr)


if __name__ == "__main__":
    unittest.main()

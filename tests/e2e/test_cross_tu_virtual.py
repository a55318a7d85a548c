"""`medsec scan --cross-tu` follows a virtual call into the overriders other units define, by
the class hierarchy each unit reports (the methods its classes' methods override): app.cpp
receives a frame and calls `c.run(frame, n)` on an app::Command reference; the overriders
SetRate::run and Ping::run are defined in commands.cpp. drv::RadioPort::get, defined in
radio.cpp, writes a received byte through its pointer parameter: a call of the method it
overrides, drv::Port::get, gives received data in app.cpp.

Look-alikes stay silent: Ping::run checks the byte before indexing; ConstPort::get (an
overrider defined in its class) writes a constant, and a call on a ConstPort runs only it.
"""
import unittest

from common import CrossTuProjectTest, tainted_first_notes

PROTO_H = """#pragma once
#include <stdint.h>
#include <stddef.h>
namespace app {
class Command {
public:
  virtual ~Command() = default;
  virtual void run(const uint8_t *args, size_t n) = 0;
};
class SetRate : public Command { public: void run(const uint8_t *args, size_t n) override; };
class Ping : public Command { public: void run(const uint8_t *args, size_t n) override; };
Command &pick(uint8_t op);
}
namespace drv {
class Port {
public:
  virtual ~Port() = default;
  virtual int get(uint8_t *out) = 0;
};
class RadioPort : public Port { public: int get(uint8_t *out) override; };
class ConstPort : public Port {
public:
  int get(uint8_t *out) override { *out = 1; return 0; }
};
Port &port();
}
"""

COMMANDS_CPP = """#include "proto.h"
static int rates[8];
namespace app {
void SetRate::run(const uint8_t *args, size_t n) { rates[args[1]] = 1; }
void Ping::run(const uint8_t *args, size_t n) {
  if (args[1] < 8)
    rates[args[1]] = 2;
}
static SetRate set_rate;
static Ping ping;
Command &pick(uint8_t op) {
  if (op == 1)
    return set_rate;
  return ping;
}
}
"""

RADIO_CPP = """#include "proto.h"
extern "C" long recv(int fd, void *buf, size_t n, int flags);
namespace drv {
int RadioPort::get(uint8_t *out) { return recv(4, out, 1, 0) == 1 ? 0 : -1; }
static RadioPort radio;
Port &port() { return radio; }
}
"""

APP_CPP = """#include "proto.h"
extern "C" long recv(int fd, void *buf, size_t n, int flags);
static int slots[8];
void task() {
  uint8_t frame[16];
  if (recv(3, frame, sizeof frame, 0) <= 0)
    return;
  app::Command &c = app::pick(frame[0]);
  c.run(frame, sizeof frame);
  uint8_t b;
  drv::Port &p = drv::port();
  if (p.get(&b) == 0)
    slots[b] = 1;
  drv::ConstPort k;
  uint8_t z;
  if (k.get(&z) == 0)
    slots[z] = 2;
}
"""


class CrossTuVirtual(CrossTuProjectTest):
    FILES = {"proto.h": PROTO_H, "commands.cpp": COMMANDS_CPP, "radio.cpp": RADIO_CPP,
             "app.cpp": APP_CPP}
    ARGUMENTS = ["clang++-19", "-c", "-std=c++17"]

    def test_virtual_calls_reach_the_overriders_of_other_units(self):
        r, data = self.scan("cross", "-j2", "--cross-tu")
        self.assertEqual(tainted_first_notes(data), [
            ("app.cpp", 13, "value received through 'drv::Port::get' here, received data from "
                            "another translation unit (radio.cpp:4)"),
            ("commands.cpp", 4, "value received as parameter 'args' of 'app::SetRate::run' "
                                "here, passed from another translation unit (app.cpp:9)"),
        ], r.stderr)


if __name__ == "__main__":
    unittest.main()

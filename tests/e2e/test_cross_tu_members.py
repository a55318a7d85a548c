"""`medsec scan --cross-tu` follows a member of a class (per field and class, as within a unit)
between the units defining its methods: Rx::poll, defined in rx.cpp, receives into the member
array req_; Rx::dispatch, defined in dispatch.cpp, indexes a table with req_[1].

Look-alikes stay silent: req_[2] checked before it indexes, and the member count_, which no
method receives into, used as an index the same way.
"""
import unittest

from common import CrossTuProjectTest, tainted_first_notes

RX_H = """#pragma once
#include <stdint.h>
#include <stddef.h>
class Rx {
public:
  void poll();
  void dispatch();
private:
  uint8_t req_[8];
  uint8_t count_ = 0;
};
"""

RX_CPP = """#include "rx.h"
extern "C" long recv(int fd, void *buf, size_t n, int flags);
void Rx::poll() {
  if (recv(3, req_, sizeof req_, 0) <= 0)
    return;
  count_ = 2;
}
"""

DISPATCH_CPP = """#include "rx.h"
static int table[4];
void Rx::dispatch() {
  table[req_[1]] = 1;
  if (req_[2] < 4)
    table[req_[2]] = 2;
  table[count_] = 3;
}
"""


class CrossTuMembers(CrossTuProjectTest):
    FILES = {"rx.h": RX_H, "rx.cpp": RX_CPP, "dispatch.cpp": DISPATCH_CPP}
    ARGUMENTS = ["clang++-19", "-c", "-std=c++17"]

    def test_members_cross_between_the_units_of_their_methods(self):
        r, data = self.scan("cross", "-j2", "--cross-tu")
        self.assertEqual(tainted_first_notes(data), [
            ("dispatch.cpp", 4, "member 'Rx::req_' declared here holds received data from "
                                "another translation unit (rx.cpp:4)"),
        ], r.stderr)
        # The receive in rx.cpp is counted as feeding the finding in dispatch.cpp.
        recv = [i for i in data["attack_surface"] if i["name"] == "recv"]
        self.assertEqual([(i["file"].split("/")[-1], i["findings"]) for i in recv],
                         [("rx.cpp", 1)], data["attack_surface"])


if __name__ == "__main__":
    unittest.main()

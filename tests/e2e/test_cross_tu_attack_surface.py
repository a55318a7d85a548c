"""With --cross-tu, the attack surface counts the findings an input feeds in other units.

A driver in uart.c receives and hands the frame to a parser in proto.c that indexes a table with
an unchecked byte: the receive in uart.c feeds that finding (1), and feeds nothing per unit (0).
The flow keeps its input through a hop (uart.c -> relay.c -> proto.c), a finding fed by two
receives counts for each, a frame parsed twice by the same receive counts once, and a byte
returned by proto.c's receive helper feeds the index in uart.c. The look-alike, a parser that
checks the byte, feeds nothing either way. The findings name their inputs (`inputs`), their SARIF
code flows and console notes start at them, and a warm result cache gives the same counts.
"""
import os
import unittest

from common import MEDSEC, ScanProjectTest, load_json, run

UART_C = """#include <stdint.h>
#include <stddef.h>
int HAL_UART_Receive(void *huart, uint8_t *data, uint16_t size, uint32_t timeout);
long recv(int fd, void *buf, size_t n, int flags);
void proto_parse(const uint8_t *buf, unsigned n);
void proto_parse_checked(const uint8_t *buf);
void relay(const uint8_t *buf);
void proto_handle(const uint8_t *buf);
uint8_t proto_rx_byte(void);
static int table[8];

void uart_task(void) {
  uint8_t frame[16];
  HAL_UART_Receive(0, frame, sizeof frame, 100); // RX-PARSE
  proto_parse(frame, sizeof frame);
  proto_parse(frame, 8);
}

void uart_checked_task(void) {
  uint8_t frame[16];
  HAL_UART_Receive(0, frame, sizeof frame, 100); // RX-CHECKED
  proto_parse_checked(frame);
}

void uart_relay_task(void) {
  uint8_t frame[16];
  HAL_UART_Receive(0, frame, sizeof frame, 100); // RX-RELAY
  relay(frame);
}

void two_links(int fd) {
  uint8_t a[4], b[4];
  HAL_UART_Receive(0, a, sizeof a, 100); // RX-HANDLE
  proto_handle(a);
  recv(fd, b, sizeof b, 0); // RECV-HANDLE
  proto_handle(b);
}

void use_byte(void) { table[proto_rx_byte()] = 1; } // USE-BYTE
"""

RELAY_C = """#include <stdint.h>
void proto_deep(const uint8_t *p);
void relay(const uint8_t *buf) { proto_deep(buf); }
"""

PROTO_C = """#include <stdint.h>
int HAL_UART_Receive(void *huart, uint8_t *data, uint16_t size, uint32_t timeout);
static int table[8];
void proto_parse(const uint8_t *buf, unsigned n) { table[buf[1]] = 1; } // PARSE
void proto_parse_checked(const uint8_t *buf) { if (buf[1] < 8) table[buf[1]] = 2; }
void proto_deep(const uint8_t *p) { table[p[2]] = 3; } // DEEP
void proto_handle(const uint8_t *buf) { table[buf[3]] = 4; } // HANDLE
uint8_t proto_rx_byte(void) {
  uint8_t b = 0;
  HAL_UART_Receive(0, &b, 1, 10); // RX-BYTE
  return b;
}
"""

TEXTS = {"uart.c": UART_C, "relay.c": RELAY_C, "proto.c": PROTO_C}


def line_of(file, marker):
    lines = TEXTS[file].splitlines()
    return next(i + 1 for i, text in enumerate(lines) if text.endswith("// " + marker))


def receive(file, marker, name="HAL_UART_Receive"):
    """The attack-surface identity of the receive on the line marked MARKER."""
    text = TEXTS[file].splitlines()[line_of(file, marker) - 1]
    return (file, line_of(file, marker), text.index(name.split("(")[0]) + 1, name)


RX_PARSE = receive("uart.c", "RX-PARSE")
RX_CHECKED = receive("uart.c", "RX-CHECKED")
RX_RELAY = receive("uart.c", "RX-RELAY")
RX_HANDLE = receive("uart.c", "RX-HANDLE")
RECV_HANDLE = receive("uart.c", "RECV-HANDLE", "recv")
RX_BYTE = receive("proto.c", "RX-BYTE")


def counts(data):
    return {(i["file"], i["line"], i["column"], i["name"]): i["findings"]
            for i in data["attack_surface"]}


def fed_by(data):
    """(file, line) of each taint finding -> the inputs it names."""
    return {(f["file"], f["line"]): [(i["file"], i["line"], i["column"], i["name"])
                                     for i in f.get("inputs", [])]
            for f in data["findings"] if f["check"].startswith("medsec-tainted")}


class CrossTuAttackSurface(ScanProjectTest):
    FILES = TEXTS

    def test_receive_counts_the_findings_it_feeds_in_other_units(self):
        r, data = self.scan("cross", "-j2", "--cross-tu")
        self.assertEqual(counts(data), {RX_PARSE: 1, RX_CHECKED: 0, RX_RELAY: 1, RX_HANDLE: 1,
                                        RECV_HANDLE: 1, RX_BYTE: 1}, r.stderr)
        self.assertEqual(fed_by(data), {
            ("proto.c", line_of("proto.c", "PARSE")): [RX_PARSE],
            ("proto.c", line_of("proto.c", "DEEP")): [RX_RELAY],
            ("proto.c", line_of("proto.c", "HANDLE")): sorted([RX_HANDLE, RECV_HANDLE]),
            ("uart.c", line_of("uart.c", "USE-BYTE")): [RX_BYTE],
        }, r.stderr)
        self.assertIn("6 external input(s) recognised", r.stderr)
        self.assertIn("5 of them feeding findings", r.stderr)

    def test_the_flow_starts_where_the_data_entered_the_device(self):
        sarif_path = os.path.join(self.tmp, "cross.sarif")
        r, _ = self.scan("cross-sarif", "-j2", "--cross-tu", "--sarif", sarif_path)
        sarif = load_json(sarif_path)

        def flows(file, marker):
            line = line_of(file, marker)
            result = next(x for x in sarif["runs"][0]["results"]
                          if x["locations"][0]["physicalLocation"]["region"]["startLine"] == line
                          and x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                          == file)
            return [[(s["location"]["physicalLocation"]["artifactLocation"]["uri"],
                      s["location"]["physicalLocation"]["region"]["startLine"])
                     for s in f["threadFlows"][0]["locations"]] for f in result["codeFlows"]]

        parse = line_of("proto.c", "PARSE")
        # The receive in uart.c, the hand-over into proto_parse, the index.
        self.assertEqual(flows("proto.c", "PARSE"),
                         [[("uart.c", RX_PARSE[1]), ("proto.c", parse), ("proto.c", parse)]])
        # Fed by two receives: a flow from each.
        self.assertEqual([f[0] for f in flows("proto.c", "HANDLE")],
                         [("uart.c", RX_HANDLE[1]), ("uart.c", RECV_HANDLE[1])])
        self.assertIn("uart.c:%d:%d: note: external data enters here ('HAL_UART_Receive') and is "
                      "handed to another translation unit\nproto.c:%d:" % (RX_PARSE[1], RX_PARSE[2],
                                                                          parse), r.stdout)

    def test_per_unit_the_receive_feeds_nothing_in_other_units(self):
        r, data = self.scan("alone", "-j2")
        self.assertEqual(counts(data), {RX_PARSE: 0, RX_CHECKED: 0, RX_RELAY: 0, RX_HANDLE: 0,
                                        RECV_HANDLE: 0, RX_BYTE: 0}, r.stderr)
        self.assertEqual(fed_by(data), {}, r.stderr)

    def test_a_warm_cache_keeps_the_roots(self):
        cache = os.path.join(self.tmp, "cache")
        results = []
        for name in ("cold", "warm"):
            out = os.path.join(self.tmp, name + ".json")
            r = run([MEDSEC, "scan", "-p", self.tmp, "-o", out, "--cache-dir", cache,
                     "--cross-tu", "-j2"], cwd=self.tmp)
            self.assertTrue(os.path.exists(out), r.stderr)
            results.append(load_json(out))
        cold, warm = results
        self.assertTrue(all(u.get("cache") == "hit" for u in warm["units"]), warm["units"])
        self.assertEqual(counts(warm), counts(cold))
        self.assertEqual(counts(warm)[RX_PARSE], 1)
        self.assertEqual(fed_by(warm), fed_by(cold))


if __name__ == "__main__":
    unittest.main()

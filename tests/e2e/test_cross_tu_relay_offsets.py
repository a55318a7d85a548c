"""`medsec scan --cross-tu` hands on a length a relay only shifted by the program's own offset.

gnarl's pattern: the radio task takes a request from a queue, `send_packet` subtracts the
command header's size (`len -= p->packet - (uint8_t *)p`, a pointer difference: the program's
own value) and `send` passes the length to `transmit` in the radio driver, which loops over it.
The external length minus an own value is as unchecked as before: the driver's loop is reported
(it was not: a type's limit minus an own value read as a trusted bound, so the relay looked
like a check). Look-alike: a relay that checks the length first (`if (len > 40) return;`)
stops it, and the driver's second loop stays silent.
"""
import unittest

from common import CrossTuProjectTest, tainted_where

TASK_C = """#include <stdint.h>
typedef struct { int command; int length; uint8_t data[100]; } req_t;
typedef void *QueueHandle_t;
int xQueueReceive(QueueHandle_t q, void *buf, unsigned t);
void transmit(const uint8_t *d, int n);
void transmit_checked(const uint8_t *d, int n);
typedef struct { uint8_t channel; uint16_t delay; uint8_t packet[50]; } cmd_t;
static void send(const uint8_t *data, int len) { transmit(data, len); }
static void send_packet(const uint8_t *buf, int len) {
  const cmd_t *p = (const cmd_t *)buf;
  len -= (p->packet - (const uint8_t *)p);
  send(p->packet, len);
}
static void send_checked(const uint8_t *buf, int len) {
  const cmd_t *p = (const cmd_t *)buf;
  len -= (p->packet - (const uint8_t *)p);
  if (len < 0 || len > 40)
    return;
  transmit_checked(p->packet, len);
}
void radio_task(QueueHandle_t q) {
  req_t req;
  if (!xQueueReceive(q, &req, 10))
    return;
  send_packet(req.data, req.length);
  send_checked(req.data, req.length);
}
"""

RADIO_C = """#include <stdint.h>
static volatile uint8_t fifo;
void transmit(const uint8_t *d, int n) {
  for (int i = 0; i < n; i++)
    fifo = d[i];
}
void transmit_checked(const uint8_t *d, int n) {
  for (int i = 0; i < n; i++)
    fifo = d[i];
}
"""


class CrossTuRelayOffsets(CrossTuProjectTest):
    FILES = {"task.c": TASK_C, "radio.c": RADIO_C}

    def test_a_length_shifted_by_an_own_offset_still_crosses(self):
        r, data = self.scan("cross", "-j2", "--cross-tu")
        self.assertEqual(tainted_where(data), [
            ("radio.c", 4, "medsec-tainted-loop-bound"),
            ("task.c", 11, "medsec-tainted-arithmetic"),  # an unchecked int minus the offset
            ("task.c", 16, "medsec-tainted-arithmetic"),
        ], r.stderr)

    def test_per_unit_nothing_crosses(self):
        # Per unit the driver's loops are silent: the length reaches them only across units.
        r, data = self.scan("alone", "-j2")
        self.assertEqual([f for f in tainted_where(data) if f[0] == "radio.c"], [], r.stderr)
        self.assertEqual(len(tainted_where(data)), 2, r.stderr)


if __name__ == "__main__":
    unittest.main()

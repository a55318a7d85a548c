"""`medsec scan --cross-tu` follows what a pointer argument points to into the unit that defines
the callee: firmware receives in a driver file and parses in a protocol file.

uart.c fills a ring buffer in its UART interrupt handler and copies it to a line buffer that a
task passes to parse_frame(); it reads the data register into one field of a frame on its stack
(handle) and into one field of a frame its caller owns (handle_out); proto.c indexes tables with
the bytes. Look-alikes stay silent: a frame of constants, a parser that checks the byte, a
context object (a record with pointers) one received field of which does not make its other
fields external, and a buffer the task fills with constants.
"""
import os
import unittest

from common import MEDSEC, ScanProjectTest, TempDir, load_json, run, tainted_where, write_db

UART_C = """#include <stdint.h>
typedef struct { volatile uint32_t SR; volatile uint32_t DR; } USART_TypeDef;
#define USART2 ((USART_TypeDef *)0x40004400u)
typedef struct { uint8_t len; uint8_t cmd; uint8_t data[16]; } frame_t;
typedef struct { uint8_t *buf; uint8_t cmd; uint8_t mode; } ctx_t;
void parse_frame(const uint8_t *buf, unsigned n);
void parse_checked(const uint8_t *buf);
void parse_const(const uint8_t *buf);
void handle(const frame_t *f);
void handle_const(const frame_t *f);
void handle_out(frame_t *f);
void handle_ctx(ctx_t *c);
static volatile uint8_t ring[64];
static volatile unsigned head;
static uint8_t line[32];
static uint8_t fixed[4];

void USART2_IRQHandler(void) {
  ring[head % 64] = (uint8_t)USART2->DR;
  head++;
}

void uart_task(void) {
  for (unsigned i = 0; i < 32; i++)
    line[i] = ring[i];
  parse_frame(line, 32);
  parse_checked(line);
  fixed[0] = 1;
  parse_const(fixed);
}

void register_task(void) {
  frame_t f, k;
  f.len = 2;
  f.cmd = (uint8_t)USART2->DR;
  handle(&f);
  k.len = 2;
  k.cmd = 3;
  handle_const(&k);
}

void receive_into(frame_t *out, ctx_t *c) {
  out->cmd = (uint8_t)USART2->DR;
  handle_out(out);
  c->cmd = (uint8_t)USART2->DR;
  handle_ctx(c);
}
"""

PROTO_C = """#include <stdint.h>
typedef struct { uint8_t len; uint8_t cmd; uint8_t data[16]; } frame_t;
typedef struct { uint8_t *buf; uint8_t cmd; uint8_t mode; } ctx_t;
static int table[8];

void parse_frame(const uint8_t *buf, unsigned n) { table[buf[1]] = 1; }
void parse_checked(const uint8_t *buf) { if (buf[1] < 8) table[buf[1]] = 2; }
void parse_const(const uint8_t *buf) { table[buf[0]] = 3; }
void handle(const frame_t *f) { table[f->cmd] = 4; }
void handle_const(const frame_t *f) { table[f->cmd] = 5; }
void handle_out(frame_t *f) { table[f->cmd] = 6; }
void handle_ctx(ctx_t *c) { table[c->mode] = 7; }
"""

EXPECTED = [
    ("proto.c", 6, "medsec-tainted-array-index"),  # ISR ring buffer -> line -> parse_frame
    ("proto.c", 9, "medsec-tainted-array-index"),  # a field of a local frame
    ("proto.c", 11, "medsec-tainted-array-index"),  # a field of the caller's frame
]


class CrossTuPointee(ScanProjectTest):
    FILES = {"uart.c": UART_C, "proto.c": PROTO_C}

    def test_pointees_cross_into_the_parsing_unit_and_look_alikes_stay_silent(self):
        r, data = self.scan("cross", "-j1", "--cross-tu")
        self.assertEqual(tainted_where(data), EXPECTED, r.stderr)

    def test_the_notes_name_the_call_in_the_driver(self):
        _, data = self.scan("notes", "-j2", "--cross-tu")
        first = {f["line"]: f["notes"][0]["message"] for f in data["findings"]
                 if f["file"] == "proto.c"}
        self.assertEqual(first[6], "value received as parameter 'buf' of 'parse_frame' here, "
                                   "passed from another translation unit (uart.c:26)")
        self.assertIn("'handle' here, passed from another translation unit (uart.c:36)", first[9])
        self.assertIn("'handle_out' here, passed from another translation unit (uart.c:44)",
                      first[11])

    def test_per_unit_nothing_reaches_the_parser(self):
        r, data = self.scan("alone", "-j2")
        self.assertEqual(tainted_where(data), [], r.stderr)


DRIVER_C = """#include <stdint.h>
#include <string.h>
int HAL_UART_Receive(void *huart, uint8_t *data, uint16_t size, uint32_t timeout);
typedef struct { volatile uint32_t SR; volatile uint32_t DR; } USART_TypeDef;
#define USART2 ((USART_TypeDef *)0x40004400u)
typedef struct { uint8_t len; uint8_t data[30]; } packet_t;
static uint8_t rxbuf[64];
static volatile uint8_t ring[32];
static volatile unsigned head, tail;

void USART2_IRQHandler(void) { ring[head++ % 32] = (uint8_t)USART2->DR; }

int radio_receive(packet_t *out) {
  if (HAL_UART_Receive(0, rxbuf, sizeof rxbuf, 10) != 0)
    return -1;
  memcpy(out, rxbuf, sizeof *out);
  return 0;
}

int radio_len(int port, uint8_t *len) {
  uint8_t b[2];
  if (HAL_UART_Receive(0, b, 2, 10) != 0)
    return -1;
  *len = b[port & 1];
  return 0;
}

int radio_len_checked(uint8_t *len) {
  uint8_t b = 0;
  if (HAL_UART_Receive(0, &b, 1, 10) != 0 || b >= 8)
    return -1;
  *len = b;
  return 0;
}

void get_version(uint8_t *v) { *v = 3; }

uint8_t uart_getc(void) { return ring[tail++ % 32]; }
"""

APP_C = """#include <stdint.h>
typedef struct { uint8_t len; uint8_t data[30]; } packet_t;
int radio_receive(packet_t *out);
int radio_len(int port, uint8_t *len);
int radio_len_checked(uint8_t *len);
void get_version(uint8_t *v);
uint8_t uart_getc(void);
static int table[8];

void app_task(void) {
  packet_t p;
  uint8_t l, c, v;
  if (radio_receive(&p) == 0)
    table[p.data[2]] = 1;
  if (radio_len(0, &l) == 0)
    table[l] = 2;
  if (radio_len(1, &l) == 0 && l < 8)
    table[l] = 3;
  if (radio_len_checked(&c) == 0)
    table[c] = 4;
  get_version(&v);
  table[v] = 5;
  table[uart_getc()] = 6;
}
"""

OUT_EXPECTED = [
    ("app.c", 14, "medsec-tainted-array-index"),  # memcpy into *out
    ("app.c", 16, "medsec-tainted-array-index"),  # *len = received byte
    ("app.c", 23, "medsec-tainted-array-index"),  # returned from the ISR's ring buffer
]


class CrossTuOutParameters(unittest.TestCase):
    """What a function of the driver writes into what its pointer parameter points to is
    external data in its callers of other units; a range it checked before the write does
    not cross (the callee's check is the caller's), constants are not external."""

    def test_out_parameters_are_sources_for_callers_elsewhere(self):
        with TempDir() as tmp:
            for name, text in (("driver.c", DRIVER_C), ("app.c", APP_C)):
                with open(os.path.join(tmp, name), "w") as f:
                    f.write(text)
            write_db(tmp, [{"directory": tmp, "file": n,
                            "arguments": ["clang-19", "-c", "-std=c11", n]}
                           for n in ("driver.c", "app.c")])
            out = os.path.join(tmp, "r.json")
            r = run([MEDSEC, "scan", "-p", tmp, "-o", out, "--no-cache", "-j2", "--cross-tu"],
                    cwd=tmp)
            data = load_json(out)
            self.assertEqual(tainted_where(data), OUT_EXPECTED, r.stderr)
            first = {f["line"]: f["notes"][0]["message"] for f in data["findings"]
                     if f["file"] == "app.c"}
            self.assertEqual(first[14], "value received through 'radio_receive' here, received "
                                        "data from another translation unit (driver.c:13)")
            self.assertIn("'radio_len' here", first[16])
            self.assertIn("value returned by 'uart_getc' here", first[23])
            alone = os.path.join(tmp, "alone.json")
            r = run([MEDSEC, "scan", "-p", tmp, "-o", alone, "--no-cache", "-j2"], cwd=tmp)
            self.assertEqual(tainted_where(load_json(alone)), [], r.stderr)


if __name__ == "__main__":
    unittest.main()

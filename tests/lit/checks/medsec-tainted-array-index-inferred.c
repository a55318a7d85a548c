// RUN: %check_medsec %s medsec-tainted-array-index %t -- -std=c11

// Inputs no catalogue entry names: peripheral data registers, buffers an
// interrupt handler fills, callback fields. Each positive has a look-alike.
typedef unsigned char uint8_t;
typedef unsigned short uint16_t;
typedef unsigned int uint32_t;
typedef long ssize_t;

// CMSIS style peripheral access.
#define __IO volatile
typedef struct {
  __IO uint32_t SR;
  __IO uint32_t DR;
  __IO uint32_t BRR;
} USART_TypeDef;
#define PERIPH_BASE 0x40000000UL
#define USART2_BASE (PERIPH_BASE + 0x4400UL)
#define USART2 ((USART_TypeDef *)USART2_BASE)
#define USART_SR_RXNE 0x20U

static int table[16];
extern void use(int v);

void poll_uart(void) {
  if (USART2->SR & USART_SR_RXNE) { // a status register in a condition is not data
    uint8_t c = USART2->DR;
    use(table[c]);
    // CHECK-NOTES: :[[@LINE-1]]:15: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
    // CHECK-NOTES: :[[@LINE-3]]:17: note: value read from peripheral data register 'USART2->DR' here (inferred)
    use(table[c & 0x0F]); // no-warning, masked to the table
  }
}

void status_register_only(void) {
  uint32_t sr = USART2->SR;
  use(table[sr]); // no-warning, the status register is not external data
}

void transmit(uint8_t c) {
  USART2->DR = c; // no-warning, a write is not an input
}

// A ring buffer the UART interrupt handler fills, read by the parser.
extern uint8_t uart_hw_byte(void);
static uint8_t rx_ring[64];
static volatile uint8_t rx_head, rx_tail;
static uint8_t flags[4];

void USART1_IRQHandler(void) {
  rx_ring[rx_head] = uart_hw_byte();
  rx_head = (uint8_t)((rx_head + 1) % 64);
  flags[0] = 1; // a constant: not a received buffer
}

void parse_command(void) {
  uint8_t cmd = rx_ring[rx_tail % 64]; // modulo ring index: in range
  rx_tail = (uint8_t)((rx_tail + 1) % 64);
  use(table[cmd]);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-10]]:3: note: buffer 'rx_ring' filled by interrupt handler 'USART1_IRQHandler' here (inferred)
  if (cmd < 16)
    use(table[cmd]); // no-warning, checked
  use(table[flags[0]]); // no-warning, written with constants only
}

// 8051 style special function register, as the compat headers declare it.
volatile unsigned char SBUF;
volatile unsigned char P1;

void serial_isr(void) {
  uint8_t c = SBUF;
  use(table[c]);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-3]]:15: note: value read from peripheral data register 'SBUF' here (inferred)
  uint8_t port = P1;
  use(table[port]); // no-warning, a port register is not a data register
}

// Zephyr GATT: the write callback is a field of struct bt_gatt_attr.
struct bt_conn;
struct bt_gatt_attr {
  const void *uuid;
  ssize_t (*read)(struct bt_conn *conn, const struct bt_gatt_attr *attr, void *buf,
                  uint16_t len, uint16_t offset);
  ssize_t (*write)(struct bt_conn *conn, const struct bt_gatt_attr *attr, const void *buf,
                   uint16_t len, uint16_t offset, uint8_t flags);
  void *user_data;
};

static ssize_t write_rate(struct bt_conn *conn, const struct bt_gatt_attr *attr,
                          const void *buf, uint16_t len, uint16_t offset, uint8_t flags) {
  const uint8_t *b = buf;
  use(table[b[0]]);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-4]]:39: note: value received as parameter 'buf' of 'write_rate' here
  if (b[1] < 16)
    use(table[b[1]]); // no-warning, checked
  return len;
}

static ssize_t read_rate(struct bt_conn *conn, const struct bt_gatt_attr *attr, void *buf,
                         uint16_t len, uint16_t offset) {
  use(table[len]); // no-warning, a read callback's length is the stack's, not the peer's data
  return 0;
}

struct bt_gatt_attr rate_attrs[] = {{0, read_rate, write_rate, 0}};

// RUN: %check_medsec %s medsec-tainted-array-index %t --config "{CheckOptions: {medsec.ProjectRules: '%inputs/inferred-sources-off.yaml'}}" -- -std=c11

// A project turns an inference off: its registers named DR are not received
// data (say, a DMA descriptor it fills itself). Catalogued sources still count.
typedef unsigned char uint8_t;
typedef unsigned int uint32_t;
typedef struct {
  volatile uint32_t SR;
  volatile uint32_t DR;
} USART_TypeDef;
#define USART2 ((USART_TypeDef *)0x40004400UL)
int uart_poll_in(const void *dev, unsigned char *c);

static int table[16];
extern void use(int v);

void poll_uart(const void *dev) {
  uint8_t c = USART2->DR;
  use(table[c]); // no-warning, the inference is off
  unsigned char d;
  uart_poll_in(dev, &d);
  use(table[d]);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'uart_poll_in' here
}

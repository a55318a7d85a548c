/*
 * Nurse-call / host link on USART2, register level (CMSIS style): the receive
 * interrupt fills a ring buffer, the command task drains it into a frame and
 * dispatches the frame through a handler table.
 *
 * Frame: [cmd][args...]. Commands: 0 ping, 1 set bolus rate (u16, ml/h),
 * 2 read memory (u32 address, a service command kept from development).
 */
#include <stdint.h>

#include "host_link.h"

/* The register block of a USART as CMSIS device headers declare it. */
typedef struct {
  volatile uint32_t SR;
  volatile uint32_t DR;
  volatile uint32_t BRR;
  volatile uint32_t CR1;
} HL_USART_TypeDef;

#define HL_USART2_BASE 0x40004400UL
#define HL_USART2 ((HL_USART_TypeDef *)HL_USART2_BASE)
#define HL_USART_SR_RXNE (1UL << 5)

#define RX_RING_SIZE 64U

static uint8_t rx_ring[RX_RING_SIZE];
static volatile uint8_t rx_head;
static volatile uint8_t rx_tail;

static uint32_t bolus_period_ms = 1000U;
static uint32_t last_word;

void USART2_IRQHandler(void) {
  if ((HL_USART2->SR & HL_USART_SR_RXNE) != 0U) { /* a status register: not data */
    rx_ring[rx_head] = (uint8_t)HL_USART2->DR;
    rx_head = (uint8_t)((rx_head + 1U) % RX_RING_SIZE);
  }
}

static int rx_pop(uint8_t *out) {
  if (rx_tail == rx_head) {
    return 0;
  }
  *out = rx_ring[rx_tail]; /* the ring index is kept modulo its size */
  rx_tail = (uint8_t)((rx_tail + 1U) % RX_RING_SIZE);
  return 1;
}

static uint32_t rd32(const uint8_t *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static uint32_t mem_read32(uint32_t addr) {
  return *(volatile const uint32_t *)(uintptr_t)addr; // expect: medsec-tainted-pointer
}

static void link_ping(const uint8_t *args) {
  (void)args;
  host_link_reply(0U);
}

static void link_rate(const uint8_t *args) {
  uint16_t rate_ml_h = (uint16_t)(args[0] | (args[1] << 8));
  bolus_period_ms = 3600000UL / rate_ml_h; // expect: medsec-tainted-divisor, medsec-unvalidated-setting
  if (rate_ml_h != 0U) {
    host_link_reply(3600000UL / rate_ml_h); /* checked: no finding */
  }
}

static void link_peek(const uint8_t *args) {
  last_word = mem_read32(rd32(args));
  host_link_reply(last_word);
}

typedef void (*link_handler_t)(const uint8_t *args);
static const link_handler_t link_handlers[3] = {link_ping, link_rate, link_peek};

void host_link_poll(void) {
  uint8_t frame[8];
  unsigned n = 0U;
  uint8_t c;

  while (n < sizeof frame && rx_pop(&c)) {
    frame[n++] = c;
  }
  if (n < 5U) {
    return;
  }
  link_handlers[frame[0]](&frame[1]); // expect: medsec-tainted-array-index
}

uint32_t host_link_bolus_period(void) { return bolus_period_ms; }

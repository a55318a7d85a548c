// RUN: %check_medsec %s medsec-tainted-array-index %t -- -std=c11
// A queue the unit owns (a static variable) carries what the unit sends into
// it; a queue other units can name stays a source. Assertion-failure handlers
// end the path, so a checked ASSERT bounds the value after it.
typedef unsigned char uint8_t;
typedef unsigned int uint32_t;
typedef void *QueueHandle_t;
int xQueueReceive(QueueHandle_t q, void *item, uint32_t ticks);
int xQueueSendFromISR(QueueHandle_t q, const void *item, int *woken);
int xQueueSend(QueueHandle_t q, const void *item, uint32_t ticks);
void assert_failed(const char *file, int line);
void log_error(const char *what);

#define __IO volatile
typedef struct {
  __IO uint32_t SR;
  __IO uint32_t DR;
} USART_TypeDef;
#define USART1 ((USART_TypeDef *)0x40011000UL)

static int table[16];
extern void use(int v);

// The UART interrupt sends received bytes into the unit's queue: the task
// that receives from it gets external data.
static QueueHandle_t rx_queue;

void USART1_IRQHandler(void) {
  uint8_t c = USART1->DR;
  xQueueSendFromISR(rx_queue, &c, 0);
}

void rx_task(void) {
  uint8_t c;
  xQueueReceive(rx_queue, &c, 10);
  use(table[c]);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-9]]:15: note: value read from peripheral data register 'USART1->DR' here (inferred)
  // CHECK-NOTES: :[[@LINE-9]]:3: note: sent to queue 'rx_queue' here
  // CHECK-NOTES: :[[@LINE-5]]:3: note: value received from queue 'rx_queue' here
}

// A queue of the unit fed only with what the unit computes: not an input.
static QueueHandle_t work_queue;

void producer(void) {
  for (uint32_t i = 0; i < 8; ++i)
    xQueueSend(work_queue, &i, 0);
}

void consumer(void) {
  uint32_t slot;
  xQueueReceive(work_queue, &slot, 10);
  use(table[slot]); // no-warning, the unit sends only its own indexes
}

// A queue other units can name: what they send is unknown, so it is a source.
QueueHandle_t shared_queue;

void shared_consumer(void) {
  uint32_t slot;
  xQueueReceive(shared_queue, &slot, 10);
  use(table[slot]);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'xQueueReceive' here
}

// Terminators: the STM32 assert_param form and a plain if.
#define assert_param(e) ((e) ? (void)0U : assert_failed(__FILE__, __LINE__))

void asserted(QueueHandle_t q) {
  uint32_t a, b, c;
  xQueueReceive(q, &a, 10);
  assert_param(a < 16);
  use(table[a]); // no-warning, a failed assertion does not return
  xQueueReceive(q, &b, 10);
  if (b >= 16)
    assert_failed(__FILE__, __LINE__);
  use(table[b]); // no-warning, same
  xQueueReceive(q, &c, 10);
  if (c >= 16)
    log_error("bad index"); // look-alike: logging returns, the access still runs
  use(table[c]);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-5]]:3: note: value received by 'xQueueReceive' here
}

// A static queue the unit hands out (a getter) is no longer only the unit's:
// other units may send into it, so its receive stays a source.
static QueueHandle_t cmd_queue;
QueueHandle_t command_queue(void) { return cmd_queue; }

void cmd_task(void) {
  uint32_t slot = 0;
  xQueueSend(cmd_queue, &slot, 0);
  xQueueReceive(cmd_queue, &slot, 10);
  use(table[slot]);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'xQueueReceive' here
}

/*
 * logging.c - event log and text logger.
 *
 * Two outputs:
 *  - the event log: a RAM ring buffer of fixed-size records (tick, event,
 *    argument) that the service tool exports as CSV after an incident. It is
 *    the device's audit trail (IEC 60601-2-24 requires the last alarms to be
 *    retrievable).
 *  - the text log on USART2, read by the comms module and, during
 *    development, by a terminal.
 */
#include "logging.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "board.h"
#include "freertos_stub.h"

#define LOG_RING_SIZE 64U
#define LOG_LINE_MAX 96U
#define LOG_UART_TIMEOUT_MS 20U

typedef struct {
  uint32_t tick;
  uint16_t event;
  uint16_t seq;
  uint32_t arg;
} log_record_t;

static log_record_t ring[LOG_RING_SIZE];
static uint16_t ring_head;  /* next slot to write */
static uint16_t ring_count; /* valid records, <= LOG_RING_SIZE */
static uint16_t ring_seq;
static SemaphoreHandle_t log_mutex;
static log_level_t min_level = LOG_LVL_INFO;
static uint32_t dropped_lines;
static uint32_t lock_errors;

/*
 * The event log is archived to an SPI NAND on SPI2. At boot its JEDEC ID
 * (after one dummy byte: manufacturer, then a two-byte device id) selects
 * the page geometry.
 */
#define NAND_CMD_READ_ID 0x9FU
#define NAND_ID_LEN 3U
#define NAND_TIMEOUT_MS 5U
static SPI_HandleTypeDef hspi_nand = {.Instance = SPI2};
static uint16_t nand_page_size;

/*
 * The v1 line assembler was pluggable so that the bootloader could link a
 * smaller string library. Only the default is used today.
 */
typedef char *(*str_append_fn_t)(char *dst, const char *src);
static str_append_fn_t line_append = strcat; // expect: medsec-banned-functions

void log_init(void) {
  memset(ring, 0, sizeof ring);
  ring_head = 0;
  ring_count = 0;
  ring_seq = 0;
  log_mutex = xSemaphoreCreateMutex();
}

int log_archive_probe(void) {
  static const uint8_t read_id[2] = {NAND_CMD_READ_ID, 0x00U};
  uint8_t id[NAND_ID_LEN];

  if (HAL_SPI_Transmit(&hspi_nand, read_id, sizeof read_id, NAND_TIMEOUT_MS) != HAL_OK) {
    return -1;
  }
  /* One byte per transfer: the dummy byte, then the ID. */
  for (unsigned n = 0; n <= NAND_ID_LEN; n++) {
    uint8_t b;
    if (HAL_SPI_Receive(&hspi_nand, &b, 1U, NAND_TIMEOUT_MS) != HAL_OK) {
      return -1;
    }
    id[n] = b; // expect: medsec-array-out-of-bounds
  }
  nand_page_size = (id[0] == 0xEFU && id[1] == 0xAAU) ? 2048U : 0U;
  return nand_page_size != 0U ? 0 : -1;
}

void log_set_level(log_level_t lvl) { min_level = lvl; }

static void log_unlock(void) {
  if (xSemaphoreGive(log_mutex) != pdPASS) {
    lock_errors++;
  }
}

static void uart_write_line(const char *line) {
  size_t n = strlen(line);
  if (n > UINT16_MAX) {
    n = UINT16_MAX;
  }
  if (HAL_UART_Transmit(&huart_log, (const uint8_t *)line, (uint16_t)n, LOG_UART_TIMEOUT_MS) !=
      HAL_OK) {
    /* Never block the caller on a full log line; just count the loss. */
    dropped_lines++;
  }
}

static const char *level_tag(log_level_t lvl) {
  switch (lvl) {
  case LOG_LVL_DEBUG:
    return "DBG";
  case LOG_LVL_INFO:
    return "INF";
  case LOG_LVL_WARN:
    return "WRN";
  case LOG_LVL_ERROR:
    return "ERR";
  default:
    return "???";
  }
}

void log_printf(log_level_t lvl, const char *fmt, ...) {
  char line[LOG_LINE_MAX];
  char hdr[24];
  size_t used;
  int n;
  va_list ap;

  if (lvl < min_level) {
    return;
  }
  /* Tick in hex keeps the header a fixed width: "[0001A2F4] " */
  sprintf(hdr, "[%08X] ", (unsigned)xTaskGetTickCount());
  n = snprintf(line, sizeof line, "%s%s ", hdr, level_tag(lvl));
  if (n < 0) {
    return;
  }
  used = strlen(line);

  va_start(ap, fmt);
  n = vsnprintf(line + used, sizeof line - used, fmt, ap);
  va_end(ap);
  if (n < 0) {
    return;
  }
  used = strlen(line);
  if (used + 2U < sizeof line) {
    memcpy(line + used, "\r\n", 3U);
  }
  uart_write_line(line);
}

void log_raw(const char *fmt, ...) {
  char line[LOG_LINE_MAX];
  va_list ap;

  va_start(ap, fmt);
  vsprintf(line, fmt, ap); // expect: medsec-banned-functions
  va_end(ap);
  line_append(line, "\r\n");
  uart_write_line(line);
}

void log_event(log_event_t evt, uint32_t arg) {
  log_record_t *r;

  if (xSemaphoreTake(log_mutex, pdMS_TO_TICKS(5)) != pdPASS) {
    /* Losing an audit record is itself worth a line on the text log. */
    log_printf(LOG_LVL_WARN, "event %u lost (log busy)", (unsigned)evt);
    return;
  }
  r = &ring[ring_head];
  r->tick = xTaskGetTickCount();
  r->event = (uint16_t)evt;
  r->seq = ring_seq++;
  r->arg = arg;
  ring_head = (uint16_t)((ring_head + 1U) % LOG_RING_SIZE);
  if (ring_count < LOG_RING_SIZE) {
    ring_count++;
  }
  log_unlock();
}

uint16_t log_count(void) { return ring_count; }

/*
 * Export the ring, oldest record first, as "tick:event,seq,arg" lines.
 * Returns the number of characters written (without the NUL).
 */
size_t log_export_csv(char *out, size_t out_len) {
  size_t used = 0;
  uint16_t first;

  if (out == NULL || out_len == 0U) {
    return 0;
  }
  out[0] = '\0';
  if (xSemaphoreTake(log_mutex, pdMS_TO_TICKS(50)) != pdPASS) {
    return 0;
  }
  first = (uint16_t)((ring_head + LOG_RING_SIZE - ring_count) % LOG_RING_SIZE);
  for (uint16_t i = 0; i < ring_count; i++) {
    const log_record_t *r = &ring[(first + i) % LOG_RING_SIZE];
    char ts[16];
    int n;

    sprintf(ts, "%lu:", (unsigned long)r->tick); // expect: medsec-banned-functions
    n = snprintf(out + used, out_len - used, "%s%u,%u,%lu\n", ts, (unsigned)r->event,
                 (unsigned)r->seq, (unsigned long)r->arg);
    if (n < 0 || (size_t)n >= out_len - used) {
      break; /* output full: the tool asks again with an offset */
    }
    used += (size_t)n;
  }
  log_unlock();
  return used;
}

/*
 * logging.h - event log (ring buffer, exported by the service tool) and the
 * text logger on USART2.
 */
#ifndef LOGGING_H
#define LOGGING_H

#include <stddef.h>
#include <stdint.h>

typedef enum { LOG_LVL_DEBUG = 0, LOG_LVL_INFO, LOG_LVL_WARN, LOG_LVL_ERROR } log_level_t;

/* Event codes are part of the service tool's export format: append only. */
typedef enum {
  EVT_BOOT = 1,
  EVT_RATE_CHANGE = 2,
  EVT_INFUSION_START = 3,
  EVT_INFUSION_STOP = 4,
  EVT_ALARM = 5,
  EVT_LOGIN_OK = 6,
  EVT_LOGIN_FAIL = 7,
  EVT_SERVICE_MODE = 8,
  EVT_FW_UPDATE = 9,
  EVT_CONFIG_WRITE = 10,
  EVT_FACTORY_RESET = 11,
  EVT_BLE_CONNECT = 12,
  EVT_SERVER_CONNECT = 13
} log_event_t;

void log_init(void);
/* Reads the archive NAND's ID; 0 when the chip is known. */
int log_archive_probe(void);
void log_set_level(log_level_t lvl);
void log_printf(log_level_t lvl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* v1 logger kept for the alarm module; prints the line unchanged plus CRLF. */
void log_raw(const char *fmt, ...);
void log_event(log_event_t evt, uint32_t arg);
uint16_t log_count(void);
size_t log_export_csv(char *out, size_t out_len);

#endif /* LOGGING_H */

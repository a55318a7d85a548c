/*
 * service_mode.c - engineering console on USART3 (service cable).
 *
 * Line based ASCII protocol, one command per line:
 *
 *   AUTH <pin>                 enter service mode with the 4-digit PIN
 *   PEEK <hexaddr>             read a 32-bit word (diagnostics)
 *   POKE <hexaddr> <hexval>    write a 32-bit word (calibration registers)
 *   CAL P<n>,<offset>          pressure sensor offset in ADC counts
 *   SYRINGE <brand> <ml>       syringe model for the plunger mechanics
 *   TECH <name>                technician name recorded in the event log
 *   SERIAL <sn>                one-time serial number programming
 *   LIMIT SITE <rate_x10>      hospital rate limit
 *   LOG                        export the event log
 *   TRACE <text>               print a marker on the SWO trace
 *   RDP                        enable flash readout protection
 *   FACTORY_RESET              restore default settings
 *   SHELL <cmd>                (debug builds) run a simulator shell command
 *   EXIT                       leave service mode
 *
 * The pump must be stopped; service mode refuses to start infusions.
 */
#include "service_mode.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "config.h"
#include "key_store.h"
#include "logging.h"
#include "mbedtls_stub.h"
#include "pump_config.h"
#include "pump_control.h"

/* Kept from the v1 console; arguments are already length checked by the UART ISR. */
#define SAFE_COPY(dst, src) strcpy((dst), (src)) // (reported at each use, note here)

#define CON_LINE_MAX 96U
#define CON_TX_TIMEOUT_MS 100U
#define TECH_NAME_LEN 16U
#define LOG_EXPORT_MAX 1024U

typedef void (*svc_handler_t)(char *args);

typedef struct {
  const char *name;
  uint8_t needs_service_mode;
  svc_handler_t handler;
} svc_command_t;

static bool active;
static service_entry_t entry_path;
static uint8_t con_rx_byte;
static char con_line[CON_LINE_MAX];
static size_t con_len;
static volatile bool con_line_ready;
static uint32_t con_rearm_errors;
static char tech_name[TECH_NAME_LEN];
static char log_export[LOG_EXPORT_MAX];

static void con_write(const char *s) {
  size_t n = strlen(s);
  if (n > UINT16_MAX) {
    n = UINT16_MAX;
  }
  if (HAL_UART_Transmit(&huart_service, (const uint8_t *)s, (uint16_t)n, CON_TX_TIMEOUT_MS) !=
      HAL_OK) {
    con_rearm_errors++;
  }
}

static void con_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void con_printf(const char *fmt, ...) {
  char buf[CON_LINE_MAX];
  va_list ap;
  va_start(ap, fmt);
  if (vsnprintf(buf, sizeof buf, fmt, ap) >= 0) {
    con_write(buf);
  }
  va_end(ap);
}

int service_mode_init(void) {
  active = false;
  con_len = 0;
  con_line_ready = false;
  if (HAL_UART_Receive_IT(&huart_service, &con_rx_byte, 1U) != HAL_OK) {
    return -1;
  }
  con_write(config_banner());
  con_write("\r\n> ");
  return 0;
}

void service_mode_enter(service_entry_t how) {
  if (pump_state() == PUMP_RUNNING) {
    con_write("stop the infusion first\r\n");
    return;
  }
  active = true;
  entry_path = how;
  log_event(EVT_SERVICE_MODE, (uint32_t)how);
}

void service_mode_exit(void) {
  active = false;
  log_event(EVT_SERVICE_MODE, 0xFFU);
}

bool service_mode_active(void) { return active; }

/* USART3 receive complete: one byte at a time, line assembled here. */
void HAL_UART_RxCpltCallback(UART_HandleTypeDef *huart) {
  char ch;

  if (huart != &huart_service) {
    return;
  }
  ch = (char)con_rx_byte;
  if (!con_line_ready) {
    if (ch == '\r' || ch == '\n') {
      if (con_len > 0U) {
        con_line[con_len] = '\0';
        con_line_ready = true;
      }
    } else if (con_len < sizeof con_line - 1U) {
      con_line[con_len++] = ch;
    }
  }
  if (HAL_UART_Receive_IT(&huart_service, &con_rx_byte, 1U) != HAL_OK) {
    con_rearm_errors++;
  }
}

/* ------------------------------------------------------------ commands */

static void cmd_auth(char *args) {
  char pin[5];

  if (sscanf(args, "%4s", pin) != 1) {
    con_write("usage: AUTH <pin>\r\n");
    return;
  }
  if (key_store_check_service_pin(pin)) {
    service_mode_enter(SERVICE_ENTRY_CONSOLE);
    con_write("service mode\r\n");
  } else {
    log_event(EVT_LOGIN_FAIL, 3U);
    con_write("denied\r\n");
  }
  mbedtls_platform_zeroize(pin, sizeof pin);
}

static void cmd_peek(char *args) {
  unsigned int addr;
  uint32_t value;

  if (sscanf(args, "%x", &addr) != 1 || (addr & 3U) != 0U) {
    con_write("usage: PEEK <hexaddr>\r\n");
    return;
  }
  value = *(volatile uint32_t *)(uintptr_t)addr; // expect: medsec-debug-backdoor, medsec-tainted-pointer
  con_printf("%08X: %08lX\r\n", addr, (unsigned long)value);
}

static void cmd_poke(char *args) {
  unsigned int addr;
  unsigned int value;

  if (sscanf(args, "%x %x", &addr, &value) != 2 || (addr & 3U) != 0U) {
    con_write("usage: POKE <hexaddr> <hexval>\r\n");
    return;
  }
  *(volatile uint32_t *)(uintptr_t)addr = value; // expect: medsec-debug-backdoor, medsec-tainted-pointer
  con_printf("%08X <- %08X\r\n", addr, value);
}

static void cmd_cal(char *args) {
  char chan[8];
  int offset;
  unsigned ch;

  if (sscanf(args, "%[^,],%d", chan, &offset) != 2) { // expect: medsec-banned-functions
    con_write("usage: CAL P<n>,<offset>\r\n");
    return;
  }
  if (chan[0] != 'P' || chan[1] < '0' || chan[1] > '9' || chan[2] != '\0') {
    con_write("bad channel\r\n");
    return;
  }
  ch = (unsigned)(chan[1] - '0');
  if (ch >= CONFIG_PRESSURE_CHANNELS || offset < -512 || offset > 512) {
    con_write("out of range\r\n");
    return;
  }
  config_edit()->pressure_offset[ch] = (int16_t)offset;
  con_printf("P%u offset %d\r\n", ch, offset);
}

static void cmd_syringe(char *args) {
  char brand[16];
  unsigned ml;

  if (sscanf(args, "%s %u", brand, &ml) != 2) { // expect: medsec-banned-functions
    con_write("usage: SYRINGE <brand> <ml>\r\n");
    return;
  }
  /* Only the 60 mL mechanics are characterised for this model. */
  if (ml != 60U) {
    con_write("unsupported size\r\n");
    return;
  }
  config_edit()->syringe_ul_per_rev = UL_PER_REV_60ML;
  con_printf("syringe %.15s %u mL\r\n", brand, ml);
}

static void cmd_tech(char *args) {
  SAFE_COPY(tech_name, args); // expect: medsec-banned-functions
  log_printf(LOG_LVL_INFO, "service by %s", tech_name);
}

static void cmd_serial(char *args) {
  char serial[CONFIG_SERIAL_LEN];
  pump_config_t *c = config_edit();

  if (c->serial[0] != '\0') {
    con_write("serial already programmed\r\n");
    return;
  }
  if (sscanf(args, "%15s", serial) != 1) {
    con_write("usage: SERIAL <sn>\r\n");
    return;
  }
  memcpy(c->serial, serial, sizeof c->serial);
  if (config_save() != 0) {
    con_write("flash error\r\n");
  }
}

static void cmd_limit(char *args) {
  unsigned limit;

  if (sscanf(args, "%*s %u", &limit) != 1) {
    con_write("usage: LIMIT SITE <rate_x10>\r\n");
    return;
  }
  if (limit < MIN_RATE_ML_H_X10 || limit > MAX_RATE_ML_H_X10) {
    con_write("out of range\r\n");
    return;
  }
  config_edit()->site_max_rate_x10 = (uint16_t)limit;
  con_printf("site limit %u.%u mL/h\r\n", limit / 10U, limit % 10U);
}

static void cmd_log(char *args) {
  size_t n;
  (void)args;
  n = log_export_csv(log_export, sizeof log_export);
  con_write(log_export);
  con_printf("%u bytes, %u records\r\n", (unsigned)n, (unsigned)log_count());
}

static void cmd_trace(char *args) {
  /* printf is retargeted to the SWO/ITM trace port on the target. */
  printf(args); // expect: medsec-tainted-format-string, clang-diagnostic-format-security
  printf("\n");
}

static void cmd_rdp(char *args) {
  (void)args;
  con_write(config_lock_readout() == 0 ? "RDP level 1\r\n" : "RDP failed\r\n");
}

static void cmd_factory_reset(char *args) {
  (void)args;
  if (config_factory_reset() != 0) {
    con_write("flash error\r\n");
    return;
  }
  con_write("defaults restored, restarting\r\n");
  HAL_NVIC_SystemReset();
}

#if ENABLE_DEBUG_SHELL
/* Simulator builds run on the Linux bench PC; lets the V&V scripts drive it. */
static void cmd_shell(char *args) {
  int rc = system(args); // expect: medsec-banned-functions, medsec-tainted-command
  con_printf("exit %d\r\n", rc);
}
#endif

static void cmd_exit(char *args) {
  (void)args;
  service_mode_exit();
  con_write("bye\r\n");
}

static const svc_command_t commands[] = {
    {"AUTH", 0, cmd_auth},
    {"PEEK", 1, cmd_peek},
    {"POKE", 1, cmd_poke},
    {"CAL", 1, cmd_cal},
    {"SYRINGE", 1, cmd_syringe},
    {"TECH", 1, cmd_tech},
    {"SERIAL", 1, cmd_serial},
    {"LIMIT", 1, cmd_limit},
    {"LOG", 1, cmd_log},
    {"TRACE", 0, cmd_trace},
    {"RDP", 1, cmd_rdp},
    {"FACTORY_RESET", 1, cmd_factory_reset},
#if ENABLE_DEBUG_SHELL
    {"SHELL", 1, cmd_shell},
#endif
    {"EXIT", 1, cmd_exit},
};

void service_console_handle_line(char *line) {
  char *args = strchr(line, ' ');

  if (args != NULL) {
    *args++ = '\0';
  } else {
    args = line + strlen(line);
  }
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
    const svc_command_t *c = &commands[i];
    if (strcmp(line, c->name) != 0) {
      continue;
    }
    if (c->needs_service_mode && !active) {
      con_write("service mode required\r\n");
      return;
    }
    c->handler(args);
    return;
  }
  con_write("unknown command\r\n");
}

void service_console_poll(void) {
  if (!con_line_ready) {
    return;
  }
  service_console_handle_line(con_line);
  con_len = 0;
  con_line_ready = false;
  con_write("> ");
}

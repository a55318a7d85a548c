/*
 * uart_cmd.c - docking-station / PC configuration tool protocol on USART1.
 *
 * Frame layout (little endian):
 *
 *   +------+-----+-----+-----------------+---------+
 *   | 0xA5 | len | cmd | payload[len]    | crc16   |
 *   +------+-----+-----+-----------------+---------+
 *
 * len is the payload length (0..UART_MAX_PAYLOAD), crc16 is CRC-16/CCITT
 * over len, cmd and payload. Every frame is answered with an ACK frame
 * (cmd | 0x80) or a NAK frame (0x7F, cmd, reason).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "board.h"
#include "comms.h"
#include "config.h"
#include "fw_update.h"
#include "key_store.h"
#include "logging.h"
#include "mbedtls_stub.h"
#include "pump_control.h"
#include "service_mode.h"

#define FRAME_SOF 0xA5U
#define FRAME_NAK 0x7FU
#define FRAME_HDR_LEN 3U
#define FRAME_CRC_LEN 2U
#define UART_RX_TIMEOUT_MS 50U
#define UART_TX_TIMEOUT_MS 50U
#define CMD_NAME_LEN 16U
#define PARAM_COUNT 16U
#define LABEL_LEN 24U

enum {
  CMD_PING = 0x01,
  CMD_GET_STATUS = 0x02,
  CMD_SET_RATE = 0x10,
  CMD_SET_VTBI = 0x11,
  CMD_START = 0x12,
  CMD_STOP = 0x13,
  CMD_SET_PARAM = 0x20,
  CMD_GET_PARAM = 0x21,
  CMD_LOAD_PROFILE = 0x22,
  CMD_SET_LABEL = 0x23,
  CMD_LOGIN = 0x30,
  CMD_ECHO = 0x40,
  CMD_FW_BEGIN = 0x50,
  CMD_FW_CHUNK = 0x51,
  CMD_FW_END = 0x52,
  CMD_SERVICE = 0x7E
};

enum { NAK_LENGTH = 1, NAK_RANGE = 2, NAK_AUTH = 3, NAK_STATE = 4, NAK_UNKNOWN = 5 };

typedef void (*cmd_handler_t)(const uint8_t *p, uint8_t len);

typedef struct {
  uint8_t cmd;
  uint8_t needs_auth;
  const char *name;
  cmd_handler_t handler;
} cmd_entry_t;

typedef struct {
  uint32_t frames_ok;
  uint32_t crc_errors;
  uint32_t oversize;
  uint32_t tx_errors;
} uart_stats_t;

static uint8_t rx_frame[FRAME_HDR_LEN + UART_MAX_PAYLOAD + FRAME_CRC_LEN + 1U];
static uint16_t params[PARAM_COUNT];
static char last_cmd_name[CMD_NAME_LEN];
static uint8_t session_authenticated;
static uint8_t failed_logins;
static uint32_t session_token;
static uart_stats_t stats;

uint16_t crc16_ccitt(const uint8_t *data, size_t len) {
  uint16_t crc = 0xFFFFU;
  for (size_t i = 0; i < len; i++) {
    crc ^= (uint16_t)((uint16_t)data[i] << 8);
    for (int b = 0; b < 8; b++) {
      crc = (crc & 0x8000U) != 0U ? (uint16_t)((crc << 1) ^ 0x1021U) : (uint16_t)(crc << 1);
    }
  }
  return crc;
}

static void send_frame(uint8_t cmd, const uint8_t *p, uint8_t len) {
  uint8_t tx[FRAME_HDR_LEN + UART_MAX_PAYLOAD + FRAME_CRC_LEN];
  uint16_t crc;

  if (len > UART_MAX_PAYLOAD) {
    return;
  }
  tx[0] = FRAME_SOF;
  tx[1] = len;
  tx[2] = cmd;
  if (len > 0U) {
    memcpy(&tx[FRAME_HDR_LEN], p, len);
  }
  crc = crc16_ccitt(&tx[1], (size_t)len + 2U);
  tx[FRAME_HDR_LEN + len] = (uint8_t)(crc & 0xFFU);
  tx[FRAME_HDR_LEN + len + 1U] = (uint8_t)(crc >> 8);
  if (HAL_UART_Transmit(&huart_host, tx, (uint16_t)(FRAME_HDR_LEN + len + FRAME_CRC_LEN),
                        UART_TX_TIMEOUT_MS) != HAL_OK) {
    stats.tx_errors++;
  }
}

static void reply_ack(uint8_t cmd, const uint8_t *p, uint8_t len) {
  send_frame((uint8_t)(cmd | 0x80U), p, len);
}

static void reply_nak(uint8_t cmd, uint8_t reason) {
  uint8_t tx[7] = {FRAME_SOF, 2U, FRAME_NAK, cmd, reason, 0U, 0U};
  uint16_t crc = crc16_ccitt(&tx[1], 4U);
  tx[5] = (uint8_t)(crc & 0xFFU);
  tx[6] = (uint8_t)(crc >> 8);
  HAL_UART_Transmit(&huart_host, tx, sizeof tx, UART_TX_TIMEOUT_MS); // expect: medsec-unchecked-return-value
}

static uint16_t rd16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }

/* ------------------------------------------------------------ handlers */

static void handle_ping(const uint8_t *p, uint8_t len) {
  uint8_t tok[4];
  (void)p;
  (void)len;
  tok[0] = (uint8_t)session_token;
  tok[1] = (uint8_t)(session_token >> 8);
  tok[2] = (uint8_t)(session_token >> 16);
  tok[3] = (uint8_t)(session_token >> 24);
  reply_ack(CMD_PING, tok, sizeof tok);
}

static void handle_get_status(const uint8_t *p, uint8_t len) {
  uint8_t st[8];
  (void)p;
  (void)len;
  pump_get_status(st);
  reply_ack(CMD_GET_STATUS, st, sizeof st);
}

static void handle_set_rate(const uint8_t *p, uint8_t len) {
  if (len != 2U) {
    reply_nak(CMD_SET_RATE, NAK_LENGTH);
    return;
  }
  /* pump_set_rate() enforces the clinical limits. */
  if (pump_set_rate(rd16(p), SRC_HOST) != PUMP_OK) {
    reply_nak(CMD_SET_RATE, NAK_RANGE);
    return;
  }
  reply_ack(CMD_SET_RATE, NULL, 0);
}

static void handle_set_vtbi(const uint8_t *p, uint8_t len) {
  if (len != 2U || pump_set_vtbi(rd16(p), SRC_HOST) != PUMP_OK) {
    reply_nak(CMD_SET_VTBI, NAK_RANGE);
    return;
  }
  reply_ack(CMD_SET_VTBI, NULL, 0);
}

static void handle_start(const uint8_t *p, uint8_t len) {
  (void)p;
  (void)len;
  if (pump_start(SRC_HOST) != PUMP_OK) {
    reply_nak(CMD_START, NAK_STATE);
    return;
  }
  reply_ack(CMD_START, NULL, 0);
}

static void handle_stop(const uint8_t *p, uint8_t len) {
  (void)p;
  (void)len;
  if (pump_stop(SRC_HOST) != PUMP_OK) {
    reply_nak(CMD_STOP, NAK_STATE);
    return;
  }
  reply_ack(CMD_STOP, NULL, 0);
}

/* SET_PARAM: [index][value lo][value hi] */
static void handle_set_param(const uint8_t *p, uint8_t len) {
  uint8_t idx;

  if (len < 3U) {
    reply_nak(CMD_SET_PARAM, NAK_LENGTH);
    return;
  }
  idx = p[0];
  params[idx] = rd16(&p[1]); // expect: medsec-tainted-array-index
  reply_ack(CMD_SET_PARAM, NULL, 0);
}

/* GET_PARAM: [index] */
static void handle_get_param(const uint8_t *p, uint8_t len) {
  uint8_t idx;
  uint8_t out[2];

  if (len < 1U) {
    reply_nak(CMD_GET_PARAM, NAK_LENGTH);
    return;
  }
  idx = p[0];
  if (idx >= PARAM_COUNT) {
    reply_nak(CMD_GET_PARAM, NAK_RANGE);
    return;
  }
  out[0] = (uint8_t)(params[idx] & 0xFFU);
  out[1] = (uint8_t)(params[idx] >> 8);
  reply_ack(CMD_GET_PARAM, out, sizeof out);
}

/* LOAD_PROFILE: [count] then count x {rate_x10 u16, duration_min u16} */
static void handle_load_profile(const uint8_t *p, uint8_t len) {
  profile_step_t steps[PROFILE_MAX_STEPS];
  uint8_t count;

  if (len < 1U) {
    reply_nak(CMD_LOAD_PROFILE, NAK_LENGTH);
    return;
  }
  count = p[0];
  for (uint8_t i = 0; i < count; i++) { // expect: medsec-tainted-loop-bound
    steps[i].rate_x10 = rd16(&p[1U + 4U * i]);
    steps[i].duration_min = rd16(&p[3U + 4U * i]);
  }
  if (pump_load_profile(steps, count) != PUMP_OK) {
    reply_nak(CMD_LOAD_PROFILE, NAK_RANGE);
    return;
  }
  reply_ack(CMD_LOAD_PROFILE, NULL, 0);
}

/* SET_LABEL: [text_len][text...] drug / patient label for the display */
static void handle_set_label(const uint8_t *p, uint8_t len) {
  char label[LABEL_LEN];
  uint8_t text_len;

  if (len < 1U) {
    reply_nak(CMD_SET_LABEL, NAK_LENGTH);
    return;
  }
  text_len = p[0];
  memcpy(label, &p[1], text_len); // expect: medsec-tainted-memory-size
  label[sizeof label - 1U] = '\0';
  pump_set_label(label);
  reply_ack(CMD_SET_LABEL, NULL, 0);
}

/* LOGIN: [pw_len][password...] */
static void handle_login(const uint8_t *p, uint8_t len) {
  char pw[PASSWORD_MAX_LEN + 1U];
  uint8_t pw_len;

  if (len < 1U) {
    reply_nak(CMD_LOGIN, NAK_LENGTH);
    return;
  }
  pw_len = p[0];
  if (pw_len > PASSWORD_MAX_LEN || pw_len > len - 1U) {
    reply_nak(CMD_LOGIN, NAK_LENGTH);
    return;
  }
  memcpy(pw, &p[1], pw_len);
  pw[pw_len] = '\0';
  log_printf(LOG_LVL_INFO, "host login attempt, password '%s'", pw); // expect: medsec-sensitive-data-exposure

  if (failed_logins >= MAX_LOGIN_ATTEMPTS) {
    reply_nak(CMD_LOGIN, NAK_AUTH);
  } else if (key_store_check_admin_password(pw)) {
    session_authenticated = 1U;
    failed_logins = 0U;
    session_token = key_store_new_session_token();
    log_event(EVT_LOGIN_OK, session_token);
    handle_ping(NULL, 0);
  } else {
    failed_logins++;
    log_event(EVT_LOGIN_FAIL, failed_logins);
    reply_nak(CMD_LOGIN, NAK_AUTH);
  }
  mbedtls_platform_zeroize(pw, sizeof pw);
}

/* ECHO: link test used by the production test jig. */
static void handle_echo(const uint8_t *p, uint8_t len) {
  char reply[UART_MAX_PAYLOAD + 1U];

  (void)len;
  sprintf(reply, (const char *)p); // expect: medsec-banned-functions, medsec-tainted-format-string, clang-diagnostic-format-security
  reply_ack(CMD_ECHO, (const uint8_t *)reply, (uint8_t)strnlen(reply, UART_MAX_PAYLOAD));
}

static void handle_fw(const uint8_t *p, uint8_t len, uint8_t cmd) {
  fw_result_t r;

  if (cmd == CMD_FW_BEGIN) {
    r = fw_update_begin(p, len);
  } else if (cmd == CMD_FW_CHUNK) {
    r = fw_update_write_chunk(p, len);
  } else {
    r = fw_update_finish();
  }
  if (r != FW_OK) {
    reply_nak(cmd, (uint8_t)(-(int)r));
    return;
  }
  reply_ack(cmd, NULL, 0);
}

static void handle_fw_begin(const uint8_t *p, uint8_t len) { handle_fw(p, len, CMD_FW_BEGIN); }
static void handle_fw_chunk(const uint8_t *p, uint8_t len) { handle_fw(p, len, CMD_FW_CHUNK); }
static void handle_fw_end(const uint8_t *p, uint8_t len) { handle_fw(p, len, CMD_FW_END); }

/* SERVICE: switch to service mode (engineering functions on USART3). */
static void handle_service(const uint8_t *p, uint8_t len) {
  /* Production line shortcut: the test jig sends the plain word. */
  if (len >= 7U && memcmp(p, "FACTORY", 7) == 0) { // expect: medsec-debug-backdoor
    service_mode_enter(SERVICE_ENTRY_UART);
    reply_ack(CMD_SERVICE, NULL, 0);
    return;
  }
  /* Regular path: logged-in session plus the 4-digit service PIN. */
  if (len == 4U && session_authenticated) {
    char pin[5];
    memcpy(pin, p, 4U);
    pin[4] = '\0';
    if (key_store_check_service_pin(pin)) {
      service_mode_enter(SERVICE_ENTRY_UART);
      reply_ack(CMD_SERVICE, NULL, 0);
      mbedtls_platform_zeroize(pin, sizeof pin);
      return;
    }
    mbedtls_platform_zeroize(pin, sizeof pin);
  }
  reply_nak(CMD_SERVICE, NAK_AUTH);
}

static const cmd_entry_t cmd_table[] = {
    {CMD_PING, 0, "PING", handle_ping},
    {CMD_GET_STATUS, 0, "GET_STATUS", handle_get_status},
    {CMD_SET_RATE, 1, "SET_RATE", handle_set_rate},
    {CMD_SET_VTBI, 1, "SET_VTBI", handle_set_vtbi},
    {CMD_START, 1, "START", handle_start},
    {CMD_STOP, 0, "STOP", handle_stop}, /* stopping never needs a login */
    {CMD_SET_PARAM, 1, "SET_PARAM", handle_set_param},
    {CMD_GET_PARAM, 0, "GET_PARAM", handle_get_param},
    {CMD_LOAD_PROFILE, 1, "LOAD_PROFILE", handle_load_profile},
    {CMD_SET_LABEL, 1, "SET_LABEL", handle_set_label},
    {CMD_LOGIN, 0, "LOGIN", handle_login},
    {CMD_ECHO, 0, "ECHO", handle_echo},
    {CMD_FW_BEGIN, 1, "FW_BEGIN", handle_fw_begin},
    {CMD_FW_CHUNK, 1, "FW_CHUNK", handle_fw_chunk},
    {CMD_FW_END, 1, "FW_END", handle_fw_end},
    {CMD_SERVICE, 0, "SERVICE", handle_service},
};

static void dispatch(uint8_t cmd, const uint8_t *payload, uint8_t len) {
  for (size_t i = 0; i < sizeof cmd_table / sizeof cmd_table[0]; i++) {
    const cmd_entry_t *e = &cmd_table[i];
    if (e->cmd != cmd) {
      continue;
    }
    strcpy(last_cmd_name, e->name); // expect: medsec-banned-functions
    if (e->needs_auth && !session_authenticated) {
      reply_nak(cmd, NAK_AUTH);
      return;
    }
    e->handler(payload, len);
    return;
  }
  strncpy(last_cmd_name, "UNKNOWN", sizeof last_cmd_name - 1U);
  reply_nak(cmd, NAK_UNKNOWN);
}

static int host_hello(void);
static uint8_t host_announced;

int uart_cmd_init(void) {
  host_announced = (uint8_t)(host_hello() == 0);
  memset(params, 0, sizeof params);
  session_authenticated = 0U;
  failed_logins = 0U;
  session_token = key_store_new_session_token();
  return 0;
}

/* Called from the host-link task; reads and handles at most one frame. */
void uart_cmd_poll(void) {
  uint8_t *hdr = rx_frame;
  uint8_t *payload = &rx_frame[FRAME_HDR_LEN];
  uint8_t len;
  uint16_t crc_rx;

  if (HAL_UART_Receive(&huart_host, hdr, 1U, UART_RX_TIMEOUT_MS) != HAL_OK || hdr[0] != FRAME_SOF) {
    return; /* idle line or resynchronising on the next SOF */
  }
  if (HAL_UART_Receive(&huart_host, &hdr[1], 2U, UART_RX_TIMEOUT_MS) != HAL_OK) {
    return;
  }
  len = hdr[1];
  if (len > UART_MAX_PAYLOAD) {
    stats.oversize++;
    reply_nak(hdr[2], NAK_LENGTH);
    return;
  }
  if (HAL_UART_Receive(&huart_host, payload, (uint16_t)(len + FRAME_CRC_LEN), UART_RX_TIMEOUT_MS) !=
      HAL_OK) {
    return;
  }
  crc_rx = rd16(&payload[len]);
  if (crc16_ccitt(&hdr[1], (size_t)len + 2U) != crc_rx) {
    stats.crc_errors++;
    return;
  }
  payload[len] = '\0'; /* text commands rely on termination */
  stats.frames_ok++;
  dispatch(hdr[2], payload, len);
}

/* The host announces itself once at start-up with its banner. The reply is
 * read to the size of the buffer, so a host that sends 16 bytes leaves no NUL
 * for strcmp, which reads on past the banner. */
#define HOST_BANNER "PUMPHOST/1\r\n"
static int host_hello(void) {
  char banner[16];
  if (HAL_UART_Receive(&huart_host, (uint8_t *)banner, sizeof banner, UART_RX_TIMEOUT_MS) != HAL_OK) {
    return -1;
  }
  return strcmp(banner, HOST_BANNER) == 0 ? 0 : -1; // expect: medsec-unterminated-received-string
}

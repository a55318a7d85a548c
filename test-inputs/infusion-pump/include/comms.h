/*
 * comms.h - communication front ends: docking-station protocol (USART1),
 * BLE infusion service, hospital server client.
 */
#ifndef COMMS_H
#define COMMS_H

#include <stddef.h>
#include <stdint.h>

/* uart_cmd.c */
#define UART_MAX_PAYLOAD 64U
int uart_cmd_init(void);
void uart_cmd_poll(void);
uint16_t crc16_ccitt(const uint8_t *data, size_t len);

/* ble_service.c */
typedef enum {
  BLE_CHAR_RATE = 0,
  BLE_CHAR_BOLUS,
  BLE_CHAR_DRUG,
  BLE_CHAR_CONCENTRATION,
  BLE_CHAR_NAME,
  BLE_CHAR_AUTH,
  BLE_CHAR_NOTE,
  BLE_CHAR_STATUS,
  BLE_CHAR_COUNT
} ble_char_t;
int ble_service_init(void);
uint16_t ble_service_handle(ble_char_t which);
void ble_service_notify_status(void);

/* tls_client.c */
int tls_client_init(void);
int tls_client_connect(const char *host);
int tls_client_fetch_orders(void);
int tls_client_post_status(void);
void tls_client_close(void);

#endif /* COMMS_H */

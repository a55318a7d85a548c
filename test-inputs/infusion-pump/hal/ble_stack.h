/*
 * ble_stack.h - small BLE peripheral stack API (GATT server side).
 *
 * Modelled on the SoftDevice / BlueNRG style APIs: the application registers
 * services and characteristics and gets one callback per GATT write with a
 * pointer to the written bytes and their length. The bytes come straight from
 * the air interface; the stack does not validate them.
 */
#ifndef BLE_STACK_H
#define BLE_STACK_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  BLE_OK = 0,
  BLE_ERR_INVALID_PARAM,
  BLE_ERR_NO_RESOURCES,
  BLE_ERR_BUSY,
  BLE_ERR_NOT_CONNECTED
} ble_status_t;

#define BLE_CONN_HANDLE_INVALID 0xFFFFU
#define BLE_ATT_MTU_DEFAULT 23U
#define BLE_ATT_MTU_MAX 247U

/* Characteristic properties */
#define BLE_CHAR_PROP_READ 0x02U
#define BLE_CHAR_PROP_WRITE_NO_RSP 0x04U
#define BLE_CHAR_PROP_WRITE 0x08U
#define BLE_CHAR_PROP_NOTIFY 0x10U

/* Disconnect reasons (HCI error codes) */
#define BLE_HCI_REMOTE_USER_TERMINATED 0x13U
#define BLE_HCI_AUTH_FAILURE 0x05U

typedef struct {
  uint16_t conn_handle;
  uint16_t handle; /* attribute (value) handle that was written */
  uint8_t op;      /* write request, write command, prepared write */
  uint16_t offset;
  uint16_t len;        /* number of bytes in data */
  const uint8_t *data; /* written value, not NUL terminated */
} ble_gatts_evt_write_t;

typedef void (*ble_gatts_write_handler_t)(const ble_gatts_evt_write_t *evt);
typedef void (*ble_gap_conn_handler_t)(uint16_t conn_handle, int connected);

ble_status_t ble_stack_init(void);
ble_status_t ble_gap_set_device_name(const char *name);
ble_status_t ble_gap_adv_start(uint16_t interval_ms);
ble_status_t ble_gap_disconnect(uint16_t conn_handle, uint8_t reason);
ble_status_t ble_gap_register_conn_handler(ble_gap_conn_handler_t handler);

ble_status_t ble_gatts_service_add(const uint8_t uuid128[16], uint16_t *service_handle);
ble_status_t ble_gatts_characteristic_add(uint16_t service_handle, uint16_t uuid16,
                                          uint8_t properties, uint16_t max_len,
                                          uint16_t *value_handle);
ble_status_t ble_gatts_register_write_handler(ble_gatts_write_handler_t handler);
ble_status_t ble_gatts_value_set(uint16_t value_handle, const uint8_t *data, uint16_t len);
ble_status_t ble_gatts_notify(uint16_t conn_handle, uint16_t value_handle,
                              const uint8_t *data, uint16_t len);

/* Host simulation only: deliver a GATT write as if it came from a central. */
void ble_sim_inject_write(uint16_t conn_handle, uint16_t value_handle,
                          const uint8_t *data, uint16_t len);

#ifdef __cplusplus
}
#endif

#endif /* BLE_STACK_H */

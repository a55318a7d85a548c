#ifndef BLE_SETTINGS_H
#define BLE_SETTINGS_H

#include <stdint.h>

/* The attribute of a GATT service as Zephyr declares it (include/zephyr/bluetooth/gatt.h). */
typedef long bt_ssize_t;
struct bt_conn;
struct bt_gatt_attr {
  const char *uuid;
  bt_ssize_t (*read)(struct bt_conn *conn, const struct bt_gatt_attr *attr, void *buf,
                     uint16_t len, uint16_t offset);
  bt_ssize_t (*write)(struct bt_conn *conn, const struct bt_gatt_attr *attr, const void *buf,
                      uint16_t len, uint16_t offset, uint8_t flags);
  void *user_data;
};

extern const struct bt_gatt_attr pump_settings_attrs[4];
uint32_t ble_settings_kvo_period(void);
uint32_t ble_settings_alarm_repeat(void);
uint16_t ble_settings_occlusion_limit(void);
uint16_t ble_settings_kvo_volume(void);

#endif

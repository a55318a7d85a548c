/*
 * "Pump Settings" GATT service in the style of Zephyr's BT_GATT_CHARACTERISTIC:
 * the stack calls the write callback stored in struct bt_gatt_attr with what
 * the peer wrote.
 */
#include <stdint.h>

#include "ble_settings.h"

static uint32_t kvo_period_s = 600U;   /* keep-vein-open pulse period */
static uint32_t alarm_repeat_s = 30U;  /* occlusion alarm repeat interval */
static uint16_t occlusion_limit_mmhg = 300U; /* downstream occlusion alarm pressure */
static uint16_t kvo_volume_ul = 100U;        /* volume of one keep-vein-open pulse */

#define KVO_VOLUME_MIN_UL 10U
#define KVO_VOLUME_MAX_UL 500U

static bt_ssize_t write_kvo_rate(struct bt_conn *conn, const struct bt_gatt_attr *attr,
                                 const void *buf, uint16_t len, uint16_t offset, uint8_t flags) {
  const uint8_t *v = buf;
  (void)conn;
  (void)attr;
  (void)flags;
  if (offset != 0U || len < 2U) {
    return -1;
  }
  uint16_t pulses_per_hour = (uint16_t)(v[0] | (v[1] << 8));
  kvo_period_s = 3600U / pulses_per_hour; // expect: medsec-tainted-divisor
  return (bt_ssize_t)len;
}

static bt_ssize_t write_alarm_repeat(struct bt_conn *conn, const struct bt_gatt_attr *attr,
                                     const void *buf, uint16_t len, uint16_t offset,
                                     uint8_t flags) {
  const uint8_t *v = buf;
  (void)conn;
  (void)attr;
  (void)flags;
  if (offset != 0U || len < 1U || v[0] == 0U) {
    return -1;
  }
  alarm_repeat_s = 300U / v[0]; /* checked against 0: no finding */
  return (bt_ssize_t)len;
}

static bt_ssize_t write_occlusion_limit(struct bt_conn *conn, const struct bt_gatt_attr *attr,
                                        const void *buf, uint16_t len, uint16_t offset,
                                        uint8_t flags) {
  const uint8_t *v = buf;
  (void)conn;
  (void)attr;
  (void)flags;
  if (offset != 0U || len < 2U) {
    return -1;
  }
  occlusion_limit_mmhg = (uint16_t)(v[0] | (v[1] << 8)); // expect: medsec-unvalidated-setting
  return (bt_ssize_t)len;
}

static bt_ssize_t write_kvo_volume(struct bt_conn *conn, const struct bt_gatt_attr *attr,
                                   const void *buf, uint16_t len, uint16_t offset, uint8_t flags) {
  const uint8_t *v = buf;
  (void)conn;
  (void)attr;
  (void)flags;
  if (offset != 0U || len < 2U) {
    return -1;
  }
  uint16_t volume_ul = (uint16_t)(v[0] | (v[1] << 8));
  if (volume_ul < KVO_VOLUME_MIN_UL || volume_ul > KVO_VOLUME_MAX_UL) {
    return -1;
  }
  kvo_volume_ul = volume_ul; /* range-checked: no finding */
  return (bt_ssize_t)len;
}

const struct bt_gatt_attr pump_settings_attrs[4] = {
    {"kvo-rate", 0, write_kvo_rate, 0},
    {"alarm-repeat", 0, write_alarm_repeat, 0},
    {"occlusion-limit", 0, write_occlusion_limit, 0},
    {"kvo-volume", 0, write_kvo_volume, 0},
};

uint32_t ble_settings_kvo_period(void) { return kvo_period_s; }
uint32_t ble_settings_alarm_repeat(void) { return alarm_repeat_s; }
uint16_t ble_settings_occlusion_limit(void) { return occlusion_limit_mmhg; }
uint16_t ble_settings_kvo_volume(void) { return kvo_volume_ul; }

/*
 * ble_service.c - "Infusion Control" GATT service.
 *
 * Used by the ward tablet app to program an infusion at the bedside. A
 * central must first write the 6-digit pairing PIN shown on the pump display
 * to the AUTH characteristic; all control characteristics are refused until
 * then. Values are little endian.
 *
 *   RATE          u16 rate in 0.1 mL/h
 *   BOLUS         u32 dose in uL/kg, u32 patient weight in kg
 *   DRUG          u8 index into the drug library
 *   CONCENTRATION u8 index into the concentration table of the drug
 *   NAME          UTF-8 device name shown in the app
 *   AUTH          6 ASCII digits
 *   NOTE          free text note from the nurse, shown in the event log
 *   STATUS        notify only, pump_get_status() bytes
 */
#include <stdio.h>
#include <string.h>

#include "ble_stack.h"
#include "comms.h"
#include "config.h"
#include "key_store.h"
#include "logging.h"
#include "mbedtls_stub.h"
#include "pump_control.h"

#define BLE_NAME_MAX 20U
#define BLE_NOTE_MAX 64U
#define BLE_ADV_INTERVAL_MS 500U
#define CONCENTRATIONS_PER_DRUG 4U

typedef struct {
  const char *name;
  uint16_t max_rate_x10;
  uint32_t max_bolus_ul;
  uint16_t concentration_ug_ml[CONCENTRATIONS_PER_DRUG];
} drug_entry_t;

/* Drug library shipped with firmware 2.4 (hospital lists replace it). */
static const drug_entry_t drug_library[DRUG_LIBRARY_SIZE] = {
    {"Heparin", 400, 2000, {100, 200, 500, 1000}},
    {"Insulin", 200, 1000, {1000, 0, 0, 0}},
    {"Morphine", 100, 2000, {1000, 2000, 0, 0}},
    {"Propofol", 1000, 5000, {10000, 20000, 0, 0}},
    {"Noradrenaline", 300, 500, {40, 80, 160, 0}},
    {"Dobutamine", 600, 1000, {2500, 5000, 0, 0}},
    {"Midazolam", 300, 2000, {1000, 2000, 5000, 0}},
    {"Furosemide", 600, 4000, {10000, 0, 0, 0}},
    {"Amiodarone", 1200, 5000, {1800, 0, 0, 0}},
    {"Oxytocin", 200, 1000, {100, 0, 0, 0}},
    {"Potassium", 250, 0, {1000, 2000, 0, 0}},
    {"Generic", MAX_RATE_ML_H_X10, MAX_BOLUS_UL, {0, 0, 0, 0}},
};

static const uint8_t service_uuid[16] = {0x5a, 0x1f, 0x00, 0x01, 0x8e, 0x3c, 0x4b, 0x19,
                                         0x9a, 0x62, 0x2d, 0x4f, 0x10, 0x00, 0x40, 0x0a};

static uint16_t service_handle;
static uint16_t char_handles[BLE_CHAR_COUNT];
static uint16_t conn_handle = BLE_CONN_HANDLE_INVALID;
static uint8_t ble_authenticated;
static uint8_t auth_failures;
static const drug_entry_t *selected_drug;
static uint16_t selected_concentration;

static void on_connection(uint16_t handle, int connected) {
  if (connected) {
    conn_handle = handle;
    log_event(EVT_BLE_CONNECT, handle);
    if (key_store_new_pairing_pin() != 0) {
      log_printf(LOG_LVL_ERROR, "ble: no pairing PIN");
    }
  } else {
    conn_handle = BLE_CONN_HANDLE_INVALID;
    ble_authenticated = 0U;
  }
}

static void handle_auth_write(const uint8_t *data, uint16_t len) {
  char pin[KEY_PIN_LEN + 1U];

  if (len != KEY_PIN_LEN) {
    return;
  }
  memcpy(pin, data, KEY_PIN_LEN);
  pin[KEY_PIN_LEN] = '\0';
  if (key_store_check_pairing_pin(pin)) {
    ble_authenticated = 1U;
    auth_failures = 0U;
  } else if (++auth_failures >= 3U) {
    if (ble_gap_disconnect(conn_handle, BLE_HCI_AUTH_FAILURE) != BLE_OK) {
      log_printf(LOG_LVL_WARN, "ble: disconnect failed");
    }
  }
  mbedtls_platform_zeroize(pin, sizeof pin);
}

static void handle_rate_write(const uint8_t *data, uint16_t len) {
  uint16_t rate_x10;

  if (len != 2U) {
    return;
  }
  rate_x10 = (uint16_t)(data[0] | (data[1] << 8));
  /* Range checks live in pump_set_rate() so every source gets them. */
  if (pump_set_rate(rate_x10, SRC_BLE) != PUMP_OK) {
    log_printf(LOG_LVL_WARN, "ble: rate %u refused", (unsigned)rate_x10);
  }
}

/*
 * BOLUS: dose per kg and patient weight. The pump limits the total volume;
 * the app is expected to send sane numbers.
 */
static void handle_bolus_write(const uint8_t *data, uint16_t len) {
  uint32_t dose_ul_per_kg;
  uint32_t weight_kg;
  uint32_t volume_ul;

  if (len != 8U) {
    return;
  }
  memcpy(&dose_ul_per_kg, &data[0], sizeof dose_ul_per_kg);
  memcpy(&weight_kg, &data[4], sizeof weight_kg);
  volume_ul = dose_ul_per_kg * weight_kg; // expect: medsec-tainted-arithmetic
  if (volume_ul > MAX_BOLUS_UL) {
    log_printf(LOG_LVL_WARN, "ble: bolus %lu uL over limit", (unsigned long)volume_ul);
    return;
  }
  if (pump_bolus(volume_ul, SRC_BLE) != PUMP_OK) {
    log_printf(LOG_LVL_WARN, "ble: bolus refused");
  }
}

static void handle_drug_write(const uint8_t *data, uint16_t len) {
  const drug_entry_t *drug;

  if (len < 1U) {
    return;
  }
  drug = &drug_library[data[0]]; // expect: medsec-tainted-array-index
  if (pump_apply_drug_limits(drug->max_rate_x10, drug->max_bolus_ul) != PUMP_OK) {
    log_printf(LOG_LVL_WARN, "ble: running rate above new drug limit, stopped");
  }
  selected_drug = drug;
  pump_set_label(drug->name);
}

static void handle_concentration_write(const uint8_t *data, uint16_t len) {
  uint8_t idx;

  if (len != 1U || selected_drug == NULL) {
    return;
  }
  idx = data[0];
  if (idx >= CONCENTRATIONS_PER_DRUG || selected_drug->concentration_ug_ml[idx] == 0U) {
    return;
  }
  selected_concentration = selected_drug->concentration_ug_ml[idx];
  log_printf(LOG_LVL_INFO, "ble: %s %u ug/mL", selected_drug->name,
             (unsigned)selected_concentration);
}

static void handle_name_write(const uint8_t *data, uint16_t len) {
  char name[BLE_NAME_MAX + 1U];
  pump_config_t *c = config_edit();

  if (len == 0U || len > BLE_ATT_MTU_MAX) {
    return;
  }
  strcpy(name, (const char *)data); // expect: medsec-banned-functions
  if (ble_gap_set_device_name(name) != BLE_OK) {
    return;
  }
  strncpy(c->ble_name, name, sizeof c->ble_name - 1U);
  c->ble_name[sizeof c->ble_name - 1U] = '\0';
  if (config_save() != 0) {
    log_printf(LOG_LVL_ERROR, "ble: name not saved");
  }
}

static void handle_note_write(const uint8_t *data, uint16_t len) {
  char note[BLE_NOTE_MAX + 1U];
  size_t n = len < BLE_NOTE_MAX ? len : BLE_NOTE_MAX;

  memcpy(note, data, n);
  note[n] = '\0';
  log_printf(LOG_LVL_INFO, note); // expect: medsec-tainted-format-string, clang-diagnostic-format-security
}

static void on_gatt_write(const ble_gatts_evt_write_t *evt) {
  if (evt == NULL || evt->data == NULL) {
    return;
  }
  if (evt->handle == char_handles[BLE_CHAR_AUTH]) {
    handle_auth_write(evt->data, evt->len);
    return;
  }
  if (!ble_authenticated) {
    log_printf(LOG_LVL_WARN, "ble: write to 0x%04x before pairing", (unsigned)evt->handle);
    return;
  }
  if (evt->handle == char_handles[BLE_CHAR_RATE]) {
    handle_rate_write(evt->data, evt->len);
  } else if (evt->handle == char_handles[BLE_CHAR_BOLUS]) {
    handle_bolus_write(evt->data, evt->len);
  } else if (evt->handle == char_handles[BLE_CHAR_DRUG]) {
    handle_drug_write(evt->data, evt->len);
  } else if (evt->handle == char_handles[BLE_CHAR_CONCENTRATION]) {
    handle_concentration_write(evt->data, evt->len);
  } else if (evt->handle == char_handles[BLE_CHAR_NAME]) {
    handle_name_write(evt->data, evt->len);
  } else if (evt->handle == char_handles[BLE_CHAR_NOTE]) {
    handle_note_write(evt->data, evt->len);
  }
}

int ble_service_init(void) {
  static const struct {
    uint16_t uuid16;
    uint8_t props;
    uint16_t max_len;
  } chars[BLE_CHAR_COUNT] = {
      [BLE_CHAR_RATE] = {0x2A01, BLE_CHAR_PROP_WRITE, 2},
      [BLE_CHAR_BOLUS] = {0x2A02, BLE_CHAR_PROP_WRITE, 8},
      [BLE_CHAR_DRUG] = {0x2A03, BLE_CHAR_PROP_WRITE, 1},
      [BLE_CHAR_CONCENTRATION] = {0x2A04, BLE_CHAR_PROP_WRITE, 1},
      [BLE_CHAR_NAME] = {0x2A05, BLE_CHAR_PROP_WRITE | BLE_CHAR_PROP_READ, BLE_NAME_MAX},
      [BLE_CHAR_AUTH] = {0x2A06, BLE_CHAR_PROP_WRITE, KEY_PIN_LEN},
      [BLE_CHAR_NOTE] = {0x2A07, BLE_CHAR_PROP_WRITE_NO_RSP, BLE_NOTE_MAX},
      [BLE_CHAR_STATUS] = {0x2A08, BLE_CHAR_PROP_NOTIFY | BLE_CHAR_PROP_READ, 8},
  };

  if (!config_get()->ble_enabled) {
    return 0;
  }
  if (ble_stack_init() != BLE_OK ||
      ble_gatts_service_add(service_uuid, &service_handle) != BLE_OK) {
    return -1;
  }
  for (size_t i = 0; i < BLE_CHAR_COUNT; i++) {
    if (ble_gatts_characteristic_add(service_handle, chars[i].uuid16, chars[i].props,
                                     chars[i].max_len, &char_handles[i]) != BLE_OK) {
      return -1;
    }
  }
  if (ble_gatts_register_write_handler(on_gatt_write) != BLE_OK ||
      ble_gap_register_conn_handler(on_connection) != BLE_OK ||
      ble_gap_set_device_name(config_get()->ble_name) != BLE_OK ||
      ble_gap_adv_start(BLE_ADV_INTERVAL_MS) != BLE_OK) {
    return -1;
  }
  return 0;
}

uint16_t ble_service_handle(ble_char_t which) {
  return which < BLE_CHAR_COUNT ? char_handles[which] : 0U;
}

void ble_service_notify_status(void) {
  uint8_t st[8];

  if (conn_handle == BLE_CONN_HANDLE_INVALID) {
    return;
  }
  pump_get_status(st);
  if (ble_gatts_notify(conn_handle, char_handles[BLE_CHAR_STATUS], st, sizeof st) != BLE_OK) {
    log_printf(LOG_LVL_DEBUG, "ble: status notify failed");
  }
}

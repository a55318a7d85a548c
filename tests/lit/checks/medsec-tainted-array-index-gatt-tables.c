// RUN: %check_medsec %s medsec-tainted-array-index %t -- -std=gnu11
// Firmware forms seen on real code (docs/accuracy/firmware.md, ecc1/gnarl): NimBLE GATT access
// callbacks registered with designated initializers in a service table, the bytes and the
// length ble_hs_mbuf_to_flat copies out of the peer's mbuf, and GNU case ranges in a switch.
typedef unsigned char uint8_t;
typedef unsigned short uint16_t;
struct os_mbuf { uint8_t *om_data; uint16_t om_len; };
struct ble_gatt_access_ctxt { uint8_t op; struct os_mbuf *om; };
typedef int ble_gatt_access_fn(uint16_t conn_handle, uint16_t attr_handle,
                               struct ble_gatt_access_ctxt *ctxt, void *arg);
typedef int local_notify_fn(uint16_t conn_handle, struct ble_gatt_access_ctxt *ctxt);
struct ble_gatt_chr_def {
  const void *uuid;
  ble_gatt_access_fn *access_cb;
  local_notify_fn *notify_cb;
  uint16_t flags;
};
struct ble_gatt_svc_def { uint8_t type; const struct ble_gatt_chr_def *characteristics; };
int ble_hs_mbuf_to_flat(const struct os_mbuf *om, void *flat, uint16_t max_len,
                        uint16_t *out_copy_len);
void send_code(uint8_t code);

static ble_gatt_access_fn data_access, name_access;
static local_notify_fn notified;

static uint8_t table[16];
static uint8_t small[8];
static uint8_t name[30];
static uint8_t fr[3];

// The peer writes into data_access: the bytes it copies are external.
static int data_access(uint16_t conn_handle, uint16_t attr_handle,
                       struct ble_gatt_access_ctxt *ctxt, void *arg) {
  uint8_t buf[8];
  uint16_t n;
  ble_hs_mbuf_to_flat(ctxt->om, buf, sizeof buf, &n);
  small[n] = 1;
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: index derived from received data can reach 8 but the array holds 8 elements; reject values outside [0, 8) before the access
  // CHECK-NOTES: :[[@LINE-6]]:53: note: value received as parameter 'ctxt' of 'data_access' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: value passed through 'ble_hs_mbuf_to_flat' here
  table[n] = 1; // n <= 8: within table[16]
  return table[buf[0]];
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-11]]:53: note: value received as parameter 'ctxt' of 'data_access' here
  // CHECK-NOTES: :[[@LINE-9]]:3: note: value passed through 'ble_hs_mbuf_to_flat' here
}

// The off-by-one of a name characteristic: a 30-byte write fills name[30].
static int name_access(uint16_t conn_handle, uint16_t attr_handle,
                       struct ble_gatt_access_ctxt *ctxt, void *arg) {
  uint16_t len;
  ble_hs_mbuf_to_flat(ctxt->om, name, sizeof name, &len);
  name[len] = 0;
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: index derived from received data can reach 30 but the array holds 30 elements; reject values outside [0, 30) before the access
  // CHECK-NOTES: :[[@LINE-5]]:53: note: value received as parameter 'ctxt' of 'name_access' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: value passed through 'ble_hs_mbuf_to_flat' here
  ble_hs_mbuf_to_flat(ctxt->om, name, sizeof name - 1, &len);
  name[len] = 0; // the look-alike: one byte kept for the terminator
  return 0;
}

// Look-alike: a function stored in a field whose type is not a catalogued callback type.
static int notified(uint16_t conn_handle, struct ble_gatt_access_ctxt *ctxt) {
  return table[ctxt->om->om_data[0]];
}

static const struct ble_gatt_svc_def services[] = {
    {
        .type = 1,
        .characteristics = (struct ble_gatt_chr_def[]){
            {.uuid = 0, .access_cb = data_access, .flags = 8},
            {.uuid = 0, .access_cb = name_access, .notify_cb = notified, .flags = 8},
            {},
        },
    },
    {},
};
const void *service_table(void) { return services; }

// GNU case ranges bound the value on their branch.
void update_register(const uint8_t *buf) {
  uint8_t addr = buf[0];
  switch (addr) {
  case 0x09 ... 0x0B:
    fr[addr - 0x09] = buf[1]; // 0..2: within fr[3]
    break;
  case 0x20 ... 0x23:
    fr[addr - 0x20] = buf[1];
    // CHECK-NOTES: :[[@LINE-1]]:8: warning: index derived from received data can reach 3 but the array holds 3 elements; reject values outside [0, 3) before the access
    // CHECK-NOTES: :[[@LINE+9]]:52: note: value received as parameter 'ctxt' of 'cmd_access' here
    // CHECK-NOTES: :[[@LINE+9]]:19: note: passed to 'update_register' as 'buf' here
    break;
  default:
    send_code(1);
  }
}

static int cmd_access(uint16_t conn_handle, uint16_t attr_handle,
                      struct ble_gatt_access_ctxt *ctxt, void *arg) {
  update_register(ctxt->om->om_data);
  return 0;
}
static const struct ble_gatt_chr_def cmd_chr[] = {{.access_cb = cmd_access}, {}};
const void *cmd_table(void) { return cmd_chr; }

// RUN: %check_medsec %s medsec-tainted-pointer %t -- -std=c11

// A received integer made a pointer: the peek/poke class, whatever the handler
// is called. Look-alikes: fixed register addresses, a table of allowed
// addresses, an address checked against a region.
typedef __SIZE_TYPE__ size_t;
typedef unsigned char uint8_t;
typedef unsigned int uint32_t;
typedef unsigned long uintptr_t;
long recv(int fd, void *buf, size_t n, int flags);
void *memcpy(void *d, const void *s, size_t n);
void send_reply(const void *p, size_t n);

#define RAM_START 0x20000000u
#define RAM_END 0x20020000u

static uint32_t load_u32(const uint8_t *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static uint32_t peek(uint32_t addr) {
  return *(volatile uint32_t *)addr;
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: address derived from received data is dereferenced unchecked: the sender chooses which memory is read or written (peek/poke); map a validated identifier to a fixed table of addresses, or check the address against the allowed region before the access
  // CHECK-NOTES: :[[@LINE+15]]:3: note: value received by 'recv' here
  // CHECK-NOTES: :[[@LINE+15]]:19: note: value passed through 'load_u32' here
  // CHECK-NOTES: :[[@LINE+18]]:23: note: passed to 'peek' as 'addr' here
}

static void poke(uint32_t addr, uint32_t value) {
  *(volatile uint32_t *)addr = value;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: address derived from received data is dereferenced unchecked: the sender chooses which memory is read or written (peek/poke); map a validated identifier to a fixed table of addresses, or check the address against the allowed region before the access
  // CHECK-NOTES: :[[@LINE+7]]:3: note: value received by 'recv' here
  // CHECK-NOTES: :[[@LINE+7]]:19: note: value passed through 'load_u32' here
  // CHECK-NOTES: :[[@LINE+13]]:10: note: passed to 'poke' as 'addr' here
}

void service_command(int fd) {
  uint8_t frame[12];
  recv(fd, frame, sizeof frame, 0);
  uint32_t addr = load_u32(&frame[1]);
  uint32_t value;
  memcpy(&value, &frame[5], 4);
  if (frame[0] == 'R') {
    uint32_t v = peek(addr);
    send_reply(&v, 4);
  } else if (frame[0] == 'W') {
    poke(addr, value);
  } else if (frame[0] == 'D') {
    memcpy((void *)(uintptr_t)addr, &frame[9], 3);
    // CHECK-NOTES: :[[@LINE-1]]:12: warning: address derived from received data is passed to 'memcpy' unchecked: the sender chooses which memory is read or written (peek/poke); map a validated identifier to a fixed table of addresses, or check the address against the allowed region before the access
    // CHECK-NOTES: :[[@LINE-12]]:3: note: value received by 'recv' here
    // CHECK-NOTES: :[[@LINE-12]]:19: note: value passed through 'load_u32' here
  }
}

// --- look-alikes -------------------------------------------------------------

static const uint32_t allowed[4] = {0x40021000u, 0x40021004u, 0x40021008u, 0x4002100Cu};

void safe_commands(int fd) {
  uint8_t frame[8];
  recv(fd, frame, sizeof frame, 0);
  uint32_t addr = load_u32(&frame[1]);
  uint32_t id = frame[0];
  if (id < 4)
    send_reply((const void *)(uintptr_t)allowed[id], 4); // no-warning, a fixed table of addresses
  if (addr >= RAM_START && addr + 4 <= RAM_END)
    send_reply((const void *)(uintptr_t)addr, 4); // no-warning, checked against a region
  uint32_t status = *(volatile uint32_t *)0x40021000u; // no-warning, a fixed register
  send_reply(&status, 4);
  uint8_t *p = &frame[frame[7] & 7]; // no-warning here, a pointer into the frame is not an address from data
  send_reply(p, 1);
}

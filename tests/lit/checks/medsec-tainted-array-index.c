// RUN: %check_medsec %s medsec-tainted-array-index %t -- -std=c11

// Library, HAL and RTOS APIs are mocked here so the test does not depend on the host.
typedef __SIZE_TYPE__ size_t;
typedef long ssize_t;
typedef unsigned char uint8_t;
typedef unsigned short uint16_t;
typedef unsigned int uint32_t;
typedef struct FILE FILE;
extern FILE *stdin;
ssize_t read(int fd, void *buf, size_t n);
ssize_t recv(int s, void *buf, size_t n, int flags);
size_t fread(void *p, size_t size, size_t n, FILE *f);
char *fgets(char *s, int n, FILE *f);
int fgetc(FILE *f);
int getchar(void);
int scanf(const char *fmt, ...);
int sscanf(const char *s, const char *fmt, ...);
char *getenv(const char *name);
int rand(void);
int atoi(const char *s);
long strtol(const char *s, char **end, int base);
unsigned short ntohs(unsigned short v);
void *memcpy(void *d, const void *s, size_t n);
typedef struct UART_HandleTypeDef UART_HandleTypeDef;
int HAL_UART_Receive(UART_HandleTypeDef *h, uint8_t *buf, uint16_t size, uint32_t timeout);
extern UART_HandleTypeDef huart2;
int xQueueReceive(void *queue, void *item, uint32_t ticks);
int uart_fifo_read(const void *dev, uint8_t *rx, int size);
int k_msgq_get(void *q, void *data, int timeout);
int is_valid_slot(int slot);

static int table[16];
static uint8_t big[256];
extern void use(int v);

// --- sources ---------------------------------------------------------------

void from_read(int fd) {
  uint8_t b[4];
  read(fd, b, sizeof b);
  use(table[b[0]]);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: index derived from input data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'read' here
  use(big[b[0]]); // no-warning, an 8-bit value always fits 256 entries
}

void from_recv(int s) {
  char b[8];
  recv(s, b, sizeof b, 0);
  int i = b[1];
  use(table[i]);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: index derived from received data is checked neither against 0 nor against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-4]]:3: note: value received by 'recv' here
  if (i >= 0 && i < 16)
    use(table[i]); // no-warning
}

void from_fread(FILE *f) {
  struct { uint16_t count; uint16_t slot; } hdr;
  fread(&hdr, sizeof hdr, 1, f);
  use(table[hdr.slot]);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: index derived from input data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'fread' here
  if (hdr.slot < 16)
    use(table[hdr.slot]); // no-warning, unsigned, upper bound checked
}

void from_fgets(void) {
  char line[32];
  if (fgets(line, sizeof line, stdin) == 0)
    return;
  int i = atoi(line);
  table[i] = 1;
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: index derived from input data is checked neither against 0 nor against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-5]]:7: note: value received by 'fgets' here
  // CHECK-NOTES: :[[@LINE-4]]:11: note: value passed through 'atoi' here
}

void from_fgetc(FILE *f) {
  int c = fgetc(f);
  table[c] = 1;
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: index derived from input data is checked neither against 0 nor against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-3]]:11: note: value received by 'fgetc' here
  int d = getchar();
  if (d < 0 || d >= 16)
    return;
  table[d] = 1; // no-warning, early return on both bounds
}

void from_scanf(void) {
  int i;
  scanf("%d", &i);
  table[i] = 0;
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: index derived from input data is checked neither against 0 nor against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'scanf' here
}

void from_getenv(void) {
  const char *v = getenv("SLOT");
  int i = (int)strtol(v, 0, 10);
  table[i] = 0;
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: index derived from the environment is checked neither against 0 nor against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-4]]:19: note: value read from the environment by 'getenv' here
  // CHECK-NOTES: :[[@LINE-4]]:16: note: value passed through 'strtol' here
  unsigned u = (unsigned)i;
  if (u < sizeof table / sizeof table[0])
    table[u] = 0; // no-warning, sizeof bound
}

void from_rand(void) {
  int i = rand();
  table[i] = 0;
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: index derived from a pseudo-random value is checked neither against 0 nor against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-3]]:11: note: value produced by 'rand' here
  table[(unsigned)i % 16] = 0; // no-warning, modulo by the size
  table[i % 16] = 0;
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: index derived from a pseudo-random value is not checked against 0 (it is signed); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-7]]:11: note: value produced by 'rand' here
}

void from_hal(void) {
  uint8_t rx[8];
  HAL_UART_Receive(&huart2, rx, sizeof rx, 100);
  use(table[rx[0]]);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'HAL_UART_Receive' here
  use(table[rx[0] & 0x0F]); // no-warning, mask
}

void from_rtos(void *q, const void *dev, void *mq) {
  uint32_t item;
  xQueueReceive(q, &item, 10);
  use(table[item]);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'xQueueReceive' here
  uint8_t z[2];
  uart_fifo_read(dev, z, 2);
  use(table[z[1]]);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'uart_fifo_read' here
  struct { int idx; } msg;
  k_msgq_get(mq, &msg, 0);
  use(table[msg.idx]);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: index derived from received data is checked neither against 0 nor against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'k_msgq_get' here
}

// A USB CDC receive callback: its buffer and length come from the host.
int CDC_Receive_FS(uint8_t *Buf, uint32_t *Len) {
  use(table[Buf[0]]);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-3]]:29: note: value received as parameter 'Buf' of 'CDC_Receive_FS' here
  use(table[*Len]);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-6]]:44: note: value received as parameter 'Len' of 'CDC_Receive_FS' here
  if (*Len < 16)
    use(table[*Len]); // no-warning
  return 0;
}

// A callback registered through a function-pointer type named in the catalogue.
typedef struct pbuf { void *payload; uint16_t len; } pbuf;
typedef int (*tcp_recv_fn)(void *arg, void *pcb, struct pbuf *p, int err);
void tcp_recv(void *pcb, tcp_recv_fn fn);
static int on_tcp(void *arg, void *pcb, struct pbuf *p, int err) {
  const uint8_t *d = (const uint8_t *)p->payload;
  use(table[d[0]]);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-4]]:54: note: value received as parameter 'p' of 'on_tcp' here
  return 0;
}
void start(void *pcb) { tcp_recv(pcb, on_tcp); }

// --- propagation -------------------------------------------------------------

void through_arith_and_casts(int fd) {
  uint16_t raw;
  read(fd, &raw, sizeof raw);
  int slot = (int)ntohs(raw) - 1;
  table[slot] = 0;
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: index derived from input data is checked neither against 0 nor against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-4]]:3: note: value received by 'read' here
  // CHECK-NOTES: :[[@LINE-4]]:19: note: value passed through 'ntohs' here
  long wide = slot * 2;
  table[wide] = 0;
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: index derived from input data is checked neither against 0 nor against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-9]]:3: note: value received by 'read' here
  // CHECK-NOTES: :[[@LINE-9]]:19: note: value passed through 'ntohs' here
}

struct frame { uint8_t cmd; uint8_t len; uint8_t data[14]; };

void through_struct_copy(int fd) {
  uint8_t raw[16];
  read(fd, raw, sizeof raw);
  struct frame f;
  memcpy(&f, raw, sizeof f);
  use(table[f.cmd]);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: index derived from input data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-5]]:3: note: value received by 'read' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: value passed through 'memcpy' here
  struct frame g = f;
  use(table[g.len]);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: index derived from input data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-10]]:3: note: value received by 'read' here
  // CHECK-NOTES: :[[@LINE-9]]:3: note: value passed through 'memcpy' here
}

void through_pointer(int fd) {
  int value = 0;
  int *p = &value;
  read(fd, p, sizeof *p);
  table[value] = 1;
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: index derived from input data is checked neither against 0 nor against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'read' here
}

void through_array_element(void) {
  int values[4];
  values[2] = rand();
  int v = values[2];
  table[v] = 1;
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: index derived from a pseudo-random value is checked neither against 0 nor against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-4]]:15: note: value produced by 'rand' here
}

// Across functions: a value read in one function is used in another.
static int read_slot(int fd) {
  uint8_t b;
  read(fd, &b, 1);
  return b;
}
static void store_at(int slot, int v) {
  table[slot] = v;
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: index derived from input data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-6]]:3: note: value received by 'read' here
  // CHECK-NOTES: :[[@LINE+11]]:11: note: value returned by 'read_slot' here
  // CHECK-NOTES: :[[@LINE+11]]:12: note: passed to 'store_at' as 'slot' here
}
static void store_checked(int slot, int v) {
  if (slot < 0 || slot >= 16)
    return;
  table[slot] = v; // no-warning
}
static void receive_into(int fd, uint8_t *out) { read(fd, out, 4); }

void across_functions(int fd) {
  int s = read_slot(fd);
  store_at(s, 1);
  store_checked(s, 1);
  if (s < 16)
    store_at(s, 2); // no-warning, the caller checked the argument
  uint8_t buf[4];
  receive_into(fd, buf);
  use(table[buf[3]]);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: index derived from input data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-12]]:50: note: value received by 'read' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: value received through 'receive_into' here
}

// Through a global within the translation unit.
static int g_slot;
void set_slot(int fd) { read(fd, &g_slot, sizeof g_slot); }
void use_slot(void) {
  table[g_slot] = 1;
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: index derived from input data is checked neither against 0 nor against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-4]]:25: note: value received by 'read' here
  // CHECK-NOTES: :[[@LINE-6]]:12: note: stored in global 'g_slot' declared here
}

// A setter that validates before it stores leaves the global trusted.
static int g_mode;
void set_mode_checked(int fd) {
  int m;
  read(fd, &m, sizeof m);
  if (m < 0 || m >= 16)
    return;
  g_mode = m;
}
void use_mode(void) {
  table[g_mode] = 1; // no-warning, checked before it was stored
}

void in_loop_and_switch(int fd, int mode) {
  for (int k = 0; k < 4; ++k) {
    int i;
    read(fd, &i, sizeof i);
    if (i < 0 || i >= 16)
      continue;
    table[i] = k; // no-warning, continue on failure
  }
  int j;
  read(fd, &j, sizeof j);
  switch (mode) {
  case 0:
    if (j >= 16 || j < 0)
      break;
    table[j] = 0; // no-warning, break on failure
    break;
  case 1:
    table[j] = 1;
    // CHECK-NOTES: :[[@LINE-1]]:11: warning: index derived from input data is checked neither against 0 nor against the array bound (16); reject values outside [0, 16) before the access
    // CHECK-NOTES: :[[@LINE-10]]:3: note: value received by 'read' here
    break;
  default:
    break;
  }
}

// --- sanitisers and their look-alikes ------------------------------------------

void only_upper_bound(int fd) {
  int i;
  read(fd, &i, sizeof i);
  if (i < 16)
    table[i] = 0;
    // CHECK-NOTES: :[[@LINE-1]]:11: warning: index derived from input data is not checked against 0 (it is signed); reject values outside [0, 16) before the access
    // CHECK-NOTES: :[[@LINE-4]]:3: note: value received by 'read' here
}

void wrong_bound(int fd) {
  unsigned i;
  read(fd, &i, sizeof i);
  if (i <= 16)
    table[i] = 0;
    // CHECK-NOTES: :[[@LINE-1]]:11: warning: index derived from input data can reach 16 but the array holds 16 elements; reject values outside [0, 16) before the access
    // CHECK-NOTES: :[[@LINE-4]]:3: note: value received by 'read' here
}

void check_after_use(int fd) {
  unsigned i;
  read(fd, &i, sizeof i);
  table[i] = 0;
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: index derived from input data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'read' here
  if (i >= 16)
    return;
}

void check_in_one_branch(int fd, int flag) {
  unsigned i;
  read(fd, &i, sizeof i);
  if (flag) {
    if (i >= 16)
      return;
  }
  table[i] = 0;
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: index derived from input data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-7]]:3: note: value received by 'read' here
}

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
void clamps(int fd) {
  unsigned i;
  read(fd, &i, sizeof i);
  if (i < ARRAY_SIZE(table))
    table[i] = 0; // no-warning
  table[MIN(i, 15u)] = 0; // no-warning, clamped
  unsigned n = ARRAY_SIZE(table);
  if (i < n)
    table[i] = 0; // no-warning, a trusted variable bound
}

void constant_index(int fd) {
  int i;
  read(fd, &i, sizeof i);
  i = 3;
  table[i] = 0; // no-warning, overwritten by a constant
}

// --- pointer offsets -----------------------------------------------------------

int offset_read(int fd, const int *base) {
  int off;
  read(fd, &off, sizeof off);
  int a = *(base + off);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: index derived from input data has no upper bound check; compare it with the size of the buffer before the access
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'read' here
  if (off >= 0 && off < 8)
    a += *(base + off); // no-warning
  return a;
}

// A union inside a struct: the bytes received into its array are what the
// members of a struct overlaid on them hold (a header read as bytes, then as
// fields). Look-alike: a member beside the union.
struct fw_header {
  union {
    uint8_t data[8];
    struct {
      uint32_t byte_size;
      uint8_t version;
    };
  };
  uint8_t kind;
};
struct fw_message {
  union {
    uint8_t raw[4];
    struct {
      uint8_t cmd;
    } f;
  } u;
  uint8_t seq;
};

int header_fields(int s) {
  static int slots[16];
  struct fw_header hdr;
  struct fw_message msg;
  hdr.kind = 0;
  msg.seq = 0;
  recv(s, hdr.data, sizeof hdr.data, 0);
  recv(s, msg.u.raw, sizeof msg.u.raw, 0);
  // hdr.kind and msg.seq (beside the unions, written with constants): no-warning
  return slots[hdr.version] + slots[msg.u.f.cmd] + slots[hdr.kind] + slots[msg.seq];
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-5]]:3: note: value received by 'recv' here
  // CHECK-NOTES: :[[@LINE-3]]:37: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-6]]:3: note: value received by 'recv' here
}

// A post-increment index is worth the value before the step: a masked
// position 0..63 into a 64-byte block is in bounds, the position after the
// step is not (a hash's final padding byte).
struct block_ctx { uint32_t total; uint8_t buffer[64]; };
void pad_block(FILE *f, uint8_t *out) {
  struct block_ctx c;
  fread(&c, sizeof c, 1, f);
  uint32_t used = c.total & 0x3F;
  c.buffer[used++] = 0x80; // no-warning: used <= 63 here
  out[0] = c.buffer[used];
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: index derived from input data can reach 64 but the array holds 64 elements; reject values outside [0, 64) before the access
  // CHECK-NOTES: :[[@LINE-5]]:3: note: value received by 'fread' here
}
void unpad_block(FILE *f, uint8_t *out) {
  uint8_t buf[64];
  uint32_t pos;
  fread(&pos, sizeof pos, 1, f);
  pos = (pos & 0x3F) + 1;
  out[0] = buf[pos--];
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: index derived from input data can reach 64 but the array holds 64 elements; reject values outside [0, 64) before the access
  // CHECK-NOTES: :[[@LINE-4]]:3: note: value received by 'fread' here
  out[1] = buf[pos]; // no-warning: pos <= 63 after the step
}

// RUN: %check_medsec %s medsec-tainted-memory-size %t -- -std=c11

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
int atoi(const char *s);
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
char *strncpy(char *d, const char *s, size_t n);
void *malloc(size_t n);
void *calloc(size_t n, size_t m);
void *realloc(void *p, size_t n);
typedef struct UART_HandleTypeDef UART_HandleTypeDef;
int HAL_UART_Receive(UART_HandleTypeDef *h, uint8_t *buf, uint16_t size, uint32_t timeout);
extern UART_HandleTypeDef huart2;
extern void consume(const void *p);

struct msg { uint16_t len; uint8_t payload[62]; };

void copy_payload(int fd) {
  struct msg m;
  uint8_t out[32];
  read(fd, &m, sizeof m);
  memcpy(out, m.payload, m.len);
  // CHECK-NOTES: :[[@LINE-1]]:26: warning: size passed to 'memcpy' is derived from input data and not checked against the destination size (32); reject larger values before the call
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'read' here
  if (m.len <= sizeof out)
    memcpy(out, m.payload, m.len); // no-warning
  if (m.len <= 48)
    memmove(out, m.payload, m.len);
    // CHECK-NOTES: :[[@LINE-1]]:29: warning: size passed to 'memmove' is derived from input data and can reach 48 but the destination holds 32 bytes; reject larger values before the call
    // CHECK-NOTES: :[[@LINE-9]]:3: note: value received by 'read' here
  memset(out, 0, m.len > sizeof out ? sizeof out : m.len); // no-warning, clamped
}

void signed_size(int fd) {
  int n;
  char dst[16];
  read(fd, &n, sizeof n);
  if (n > 16)
    return;
  strncpy(dst, "abc", n);
  // CHECK-NOTES: :[[@LINE-1]]:23: warning: size passed to 'strncpy' is derived from input data and not checked against 0; a negative value becomes a huge size, reject it before the call
  // CHECK-NOTES: :[[@LINE-5]]:3: note: value received by 'read' here
  if (n < 0)
    return;
  strncpy(dst, "abc", n); // no-warning
}

void read_sizes(int s, FILE *f) {
  uint8_t hdr[2];
  uint8_t body[64];
  recv(s, hdr, sizeof hdr, 0);
  unsigned len = hdr[0] | (hdr[1] << 8);
  recv(s, body, len, 0);
  // CHECK-NOTES: :[[@LINE-1]]:17: warning: size passed to 'recv' is derived from received data and not checked against the destination size (64); reject larger values before the call
  // CHECK-NOTES: :[[@LINE-4]]:3: note: value received by 'recv' here
  if (len > sizeof body)
    return;
  recv(s, body, len, 0); // no-warning
  fread(body, 1, hdr[0], f);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: size passed to 'fread' is derived from received data and not checked against the destination size (64); reject larger values before the call
  // CHECK-NOTES: :[[@LINE-10]]:3: note: value received by 'recv' here
}

void hal_sizes(void) {
  uint8_t hdr[1];
  uint8_t rx[16];
  HAL_UART_Receive(&huart2, hdr, 1, 10);
  HAL_UART_Receive(&huart2, rx, hdr[0], 10);
  // CHECK-NOTES: :[[@LINE-1]]:33: warning: size passed to 'HAL_UART_Receive' is derived from received data and not checked against the destination size (16); reject larger values before the call
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'HAL_UART_Receive' here
  HAL_UART_Receive(&huart2, rx, hdr[0] & 0x0F, 10); // no-warning, masked
}

void allocations(void) {
  char line[16];
  fgets(line, sizeof line, stdin);
  int n = atoi(line);
  char *p = malloc(n);
  // CHECK-NOTES: :[[@LINE-1]]:20: warning: size passed to 'malloc' is derived from input data and has no upper limit; check it against a maximum before allocating
  // CHECK-NOTES: :[[@LINE-4]]:3: note: value received by 'fgets' here
  // CHECK-NOTES: :[[@LINE-4]]:11: note: value passed through 'atoi' here
  consume(p);
  int *q = calloc(n, sizeof *q);
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: size passed to 'calloc' is derived from input data and has no upper limit; check it against a maximum before allocating
  // CHECK-NOTES: :[[@LINE-9]]:3: note: value received by 'fgets' here
  // CHECK-NOTES: :[[@LINE-9]]:11: note: value passed through 'atoi' here
  consume(q);
  if (n > 0 && n < 1024) {
    p = realloc(p, n); // no-warning
    consume(p);
  }
  char vla[n];
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: size of variable-length array 'vla' is derived from input data and has no upper limit; check it against a maximum before allocating
  // CHECK-NOTES: :[[@LINE-18]]:3: note: value received by 'fgets' here
  // CHECK-NOTES: :[[@LINE-18]]:11: note: value passed through 'atoi' here
  consume(vla);
}

static void *alloc_for(size_t count) {
  return malloc(count * 4);
  // CHECK-NOTES: :[[@LINE-1]]:17: warning: size passed to 'malloc' is derived from input data and has no upper limit; check it against a maximum before allocating
  // CHECK-NOTES: :[[@LINE+5]]:3: note: value received by 'read' here
  // CHECK-NOTES: :[[@LINE+7]]:23: note: passed to 'alloc_for' as 'count' here
}
void through_call(int fd) {
  uint32_t count;
  read(fd, &count, sizeof count);
  consume(alloc_for(count));
  if (count < 100)
    consume(alloc_for(count)); // no-warning, the caller bounded it
}

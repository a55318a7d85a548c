// RUN: %check_medsec %s medsec-tainted-memory-size %t -- -std=c11
// How far apart two pointers into a received buffer are is the parser's own
// position (mbedtls's crt->raw.len = crt_end - buf), not data read from it:
// copies and allocations of that size are not reported (an external offset
// is reported where it is added to the pointer, medsec-tainted-array-index);
// what the bytes say stays external.
typedef __SIZE_TYPE__ size_t;
typedef long ssize_t;
ssize_t recv(int, void *, size_t, int);
void *memcpy(void *, const void *, size_t);
void *malloc(size_t);

static unsigned char rx[64];
static unsigned char copy[64];

int parse(int s) {
  if (recv(s, rx, sizeof rx, 0) <= 0)
    return -1;
  unsigned char *p = rx, *end = rx + sizeof rx;
  p += 2;
  size_t left = (size_t)(end - p);
  memcpy(copy, p, left); // no-warning
  unsigned char *raw = malloc(end - rx); // no-warning
  if (!raw)
    return -1;
  memcpy(raw, rx, (size_t)(p - rx)); // no-warning
  memcpy(copy, rx, rx[0]);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: size passed to 'memcpy' is derived from received data {{.*}}
  return p < end;
}

// RUN: %check_medsec %s medsec-tainted-memory-size %t -- -std=c11
// A read of n bytes into a buffer just allocated with n bytes cannot overflow it;
// only the unbounded allocation is reported.
typedef __SIZE_TYPE__ size_t;
typedef unsigned short uint16_t;
typedef struct FILE FILE;
size_t fread(void *p, size_t size, size_t n, FILE *f);
void *memcpy(void *d, const void *s, size_t n);
void *malloc(size_t n);
void *calloc(size_t n, size_t m);
void free(void *p);
char *getenv(const char *name);
int atoi(const char *s);

unsigned char *load(FILE *f) {
  size_t n;
  if (fread(&n, sizeof n, 1, f) != 1)
    return 0;
  unsigned char *b = calloc(1, n);
  // CHECK-NOTES: :[[@LINE-1]]:32: warning: size passed to 'calloc' is derived from input data and has no upper limit; check it against a maximum before allocating
  // CHECK-NOTES: :[[@LINE-4]]:7: note: value received by 'fread' here
  if (b == 0)
    return 0;
  if (fread(b, 1, n, f) != n) { // no-warning: b holds n bytes
    free(b);
    return 0;
  }
  return b;
}
unsigned char *load_twice(FILE *f, const unsigned char *src) {
  size_t n, m;
  if (fread(&n, sizeof n, 1, f) != 1 || fread(&m, sizeof m, 1, f) != 1)
    return 0;
  if (n > 4096)
    return 0;
  unsigned char *b = malloc(n); // no-warning: bounded
  if (b == 0)
    return 0;
  memcpy(b, src, m);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: size passed to 'memcpy' is derived from input data and has no upper limit; check it against the destination size before the call
  // CHECK-NOTES: :[[@LINE-9]]:41: note: value received by 'fread' here
  n = m;
  fread(b, 1, n, f);
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: size passed to 'fread' is derived from input data and has no upper limit; check it against the destination size before the call
  // CHECK-NOTES: :[[@LINE-13]]:41: note: value received by 'fread' here
  return b;
}
// A 16-bit size plus a header keeps a real limit.
void *frame(void) {
  uint16_t size = atoi(getenv("SIZE"));
  size_t n = size;
  return calloc(1, n + 1); // no-warning
}
// An option that is either unset (-1) or checked to [0, 16384].
void *response(int argc) {
  size_t n = 200;
  int extra = -1;
  if (argc > 1) {
    extra = atoi(getenv("EXTRA"));
    if (extra < 0 || extra > 16384)
      return 0;
  }
  if (extra != -1 && n < (size_t)extra)
    n = extra;
  return calloc(1, n + 1); // no-warning
}
// The same through members: the copy's destination was allocated with the
// very size that is copied (a parsed certificate's raw copy, a key
// derivation's label).
void *memset(void *d, int c, size_t n);
struct blob { unsigned char *p; size_t len; };
struct hdr { size_t byte_size; unsigned char kind; };
struct owner { struct blob raw; struct blob *next; };
int copy_raw(struct owner *crt, FILE *f, const unsigned char *src) {
  if (fread(&crt->raw.len, sizeof crt->raw.len, 1, f) != 1)
    return -1;
  unsigned char *p;
  crt->raw.p = p = calloc(1, crt->raw.len);
  // CHECK-NOTES: :[[@LINE-1]]:30: warning: size passed to 'calloc' is derived from input data and has no upper limit; check it against a maximum before allocating
  // CHECK-NOTES: :[[@LINE-5]]:7: note: value received by 'fread' here
  if (crt->raw.p == 0)
    return -1;
  memcpy(crt->raw.p, src, crt->raw.len); // no-warning: crt->raw.p holds crt->raw.len bytes
  return 0;
}
unsigned char *payload_of(FILE *f) {
  struct hdr h;
  if (fread(&h, sizeof h, 1, f) != 1)
    return 0;
  unsigned char *payload = (unsigned char *)malloc(h.byte_size);
  // CHECK-NOTES: :[[@LINE-1]]:52: warning: size passed to 'malloc' is derived from input data and has no upper limit; check it against a maximum before allocating
  // CHECK-NOTES: :[[@LINE-4]]:7: note: value received by 'fread' here
  memset(payload, 0, h.byte_size); // no-warning: payload holds h.byte_size bytes
  return payload;
}
// Look-alikes: another member's size, the size re-read after the
// allocation, and a copy into another member.
int copy_other(struct owner *o, FILE *f, const unsigned char *src) {
  size_t n;
  if (fread(&o->raw.len, sizeof o->raw.len, 1, f) != 1 || o->raw.len > 64)
    return -1;
  o->raw.p = calloc(1, o->raw.len); // no-warning: bounded
  if (fread(&n, sizeof n, 1, f) != 1)
    return -1;
  memcpy(o->raw.p, src, n);
  // CHECK-NOTES: :[[@LINE-1]]:25: warning: size passed to 'memcpy' is derived from input data and has no upper limit; check it against the destination size before the call
  // CHECK-NOTES: :[[@LINE-4]]:7: note: value received by 'fread' here
  return 0;
}
unsigned char *reread(FILE *f, const unsigned char *src) {
  struct hdr h;
  if (fread(&h, sizeof h, 1, f) != 1 || h.byte_size > 64)
    return 0;
  unsigned char *b = malloc(h.byte_size); // no-warning: bounded
  if (fread(&h, sizeof h, 1, f) != 1)
    return 0;
  memcpy(b, src, h.byte_size);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: size passed to 'memcpy' is derived from input data and has no upper limit; check it against the destination size before the call
  // CHECK-NOTES: :[[@LINE-4]]:7: note: value received by 'fread' here
  return b;
}
int copy_into_other(struct owner *o, struct blob *other, FILE *f, const unsigned char *src) {
  if (fread(&o->raw.len, sizeof o->raw.len, 1, f) != 1)
    return -1;
  o->raw.p = calloc(1, o->raw.len);
  // CHECK-NOTES: :[[@LINE-1]]:24: warning: size passed to 'calloc' is derived from input data and has no upper limit; check it against a maximum before allocating
  // CHECK-NOTES: :[[@LINE-4]]:7: note: value received by 'fread' here
  memcpy(other->p, src, o->raw.len);
  // CHECK-NOTES: :[[@LINE-1]]:25: warning: size passed to 'memcpy' is derived from input data and has no upper limit; check it against the destination size before the call
  // CHECK-NOTES: :[[@LINE-7]]:7: note: value received by 'fread' here
  return 0;
}

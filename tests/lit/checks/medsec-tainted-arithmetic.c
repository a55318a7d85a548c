// RUN: %check_medsec %s medsec-tainted-arithmetic %t -- -std=c11

typedef __SIZE_TYPE__ size_t;
typedef long ssize_t;
typedef unsigned char uint8_t;
typedef unsigned short uint16_t;
typedef unsigned int uint32_t;
typedef long long int64_t;
typedef struct FILE FILE;
extern FILE *stdin;
ssize_t read(int fd, void *buf, size_t n);
int fscanf(FILE *f, const char *fmt, ...);
int rand(void);
int abs(int v);
extern void use(long v);
// An unsigned wrap is reported where its result is used as a size, an index,
// a pointer offset, a divisor, a loop bound or in a comparison: at() indexes.
static char slots[64];
static void at(unsigned long i) { slots[i] = 1; }
#define INT_MAX 2147483647
#define INT_MIN (-INT_MAX - 1)
#define CHAR_MAX 127

void add(void) {
  int data = 0;
  fscanf(stdin, "%d", &data);
  int r = data + 1;
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: the addition on a value derived from input data can overflow 'int'; check the operand's range before the operation
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'fscanf' here
  use(r);
  if (data < INT_MAX)
    use(data + 1); // no-warning
}

void sub(void) {
  int data = 0;
  fscanf(stdin, "%d", &data);
  use(data - 1);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: the subtraction on a value derived from input data can underflow 'int'; check the operand's range before the operation
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'fscanf' here
  if (data > INT_MIN)
    use(data - 1); // no-warning
}

void mul(void) {
  int data = rand();
  if (data > 0)
    use(data * 2);
    // CHECK-NOTES: :[[@LINE-1]]:14: warning: the multiplication on a value derived from a pseudo-random value can overflow 'int'; check the operand's range before the operation
    // CHECK-NOTES: :[[@LINE-4]]:14: note: value produced by 'rand' here
  if (data > 0 && data < INT_MAX / 2)
    use(data * 2); // no-warning
  if (abs(data) < 46340)
    use(data * data); // no-warning
}

void narrow(void) {
  char data = ' ';
  fscanf(stdin, "%c", &data);
  char r = data + 1;
  // CHECK-NOTES: :[[@LINE-1]]:17: warning: the addition on a value derived from input data can overflow 'char'; check the operand's range before the operation
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'fscanf' here
  use(r);
  if (data < CHAR_MAX) {
    char s = data + 1; // no-warning
    use(s);
  }
  data++;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: the addition on a value derived from input data can overflow 'char'; check the operand's range before the operation
  // CHECK-NOTES: :[[@LINE-11]]:3: note: value received by 'fscanf' here
}

void unsigned_wrap(int fd) {
  uint32_t len;
  read(fd, &len, sizeof len);
  uint32_t total = len + 4;
  // CHECK-NOTES: :[[@LINE-1]]:24: warning: the addition on a value derived from input data can wrap around 'uint32_t'; check the operand's range before the operation
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'read' here
  at(total);
  if (len > 1024)
    return;
  use(len + 4); // no-warning
  uint32_t body = len - 4;
  // CHECK-NOTES: :[[@LINE-1]]:23: warning: the subtraction on a value derived from input data can wrap around 'uint32_t'; check the operand's range before the operation
  // CHECK-NOTES: :[[@LINE-10]]:3: note: value received by 'read' here
  at(body);
}

void small_values(int fd) {
  uint8_t b[4];
  read(fd, b, sizeof b);
  int v = b[0] + b[1] * 256; // no-warning, fits an int
  use(v);
  uint32_t sum = 0;
  for (int i = 0; i < 4; i++)
    sum += b[i]; // no-warning, a checksum accumulator
  use(sum);
}

static int64_t scale(int64_t x) {
  return x * 1000;
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: the multiplication on a value derived from input data can overflow 'int64_t'; check the operand's range before the operation
  // CHECK-NOTES: :[[@LINE+5]]:3: note: value received by 'read' here
  // CHECK-NOTES: :[[@LINE+5]]:13: note: passed to 'scale' as 'x' here
}
void through_call(int fd) {
  int64_t v;
  read(fd, &v, sizeof v);
  use(scale(v));
}

// A macro that mixes several rand() results into one wide random number
// wraps on purpose while it builds the value; using the value is judged.
#define WIDE_RANDOM() (((unsigned)rand() << 30) ^ ((unsigned)rand() << 15) ^ rand())
#define SIGNED_RANDOM() ((int)(rand() & 1 ? WIDE_RANDOM() : -WIDE_RANDOM() - 1)) // no-warning
void random_macro(void) {
  unsigned int data = (unsigned int)SIGNED_RANDOM();
  unsigned int next = data + 1;
  // CHECK-NOTES: :[[@LINE-1]]:28: warning: the addition on a value derived from a pseudo-random value can wrap around 'unsigned int'; check the operand's range before the operation
  // CHECK-NOTES: :[[@LINE-3]]:37: note: value produced by 'rand' here
  at(next);
  if (data < 4000000000u)
    use(data + 1); // no-warning
}
#define RECEIVED_LEN(fd, v) (read(fd, &v, sizeof v), v - 4)
void macro_use(int fd) {
  uint32_t len;
  uint32_t body = RECEIVED_LEN(fd, len);
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: the subtraction on a value derived from input data can wrap around 'uint32_t'; check the operand's range before the operation
  // CHECK-NOTES: :[[@LINE-2]]:19: note: value received by 'read' here
  at(body);
}

// A variable set to its type's maximum (or signed minimum) overflows at the
// next step up (or down) on every path that does not check it first.
#define UINT_MAX 4294967295u
void limit_values(void) {
  int data = INT_MAX;
  int next = data + 1;
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: the addition on a value derived from the maximum value of its type can overflow 'int'; check the operand's range before the operation
  // CHECK-NOTES: :[[@LINE-3]]:14: note: value set to the maximum value of its type here
  use(next);
  int checked = INT_MAX;
  if (checked < INT_MAX)
    use(checked + 1); // no-warning
  int low;
  low = INT_MIN;
  use(low - 1);
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: the subtraction on a value derived from the minimum value of its type can underflow 'int'; check the operand's range before the operation
  // CHECK-NOTES: :[[@LINE-3]]:9: note: value set to the minimum value of its type here
  unsigned int count = UINT_MAX;
  count++;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: the addition on a value derived from the maximum value of its type can wrap around 'unsigned int'; check the operand's range before the operation
  // CHECK-NOTES: :[[@LINE-3]]:24: note: value set to the maximum value of its type here
  at(count);
  unsigned int zero = 0;
  use(zero + 1); // no-warning, zero is not a limit of interest
  int half = INT_MAX / 2;
  use(half + 1); // no-warning
}
void limit_sentinel(const int *v, int n) {
  int best = INT_MAX; // no-warning, only compared
  for (int i = 0; i < n; i++)
    if (v[i] < best)
      best = v[i];
  use(best);
}
static int add_one(int x) { return x + 1; }
// CHECK-NOTES: :[[@LINE-1]]:38: warning: the addition on a value derived from the maximum value of its type can overflow 'int'; check the operand's range before the operation
// CHECK-NOTES: :[[@LINE+3]]:14: note: value set to the maximum value of its type here
// CHECK-NOTES: :[[@LINE+3]]:15: note: passed to 'add_one' as 'x' here
void limit_through_call(void) {
  int data = INT_MAX;
  use(add_one(data));
  use(add_one(3)); // no-warning
}
typedef unsigned long ulong_t;
void limit_on_one_path(const int *v, int n) {
  ulong_t last = (ulong_t)-1; // "none yet"
  for (int i = 0; i < n; i++)
    if (v[i] == 0)
      last = (ulong_t)i;
  use((long)(last + 1)); // no-warning, the limit holds on one path only
}
void limit_checked_product(void) {
  int data = INT_MAX;
  if (data > 0) {
    if (data < INT_MAX / 2)
      use(data * 2); // no-warning, the check excludes the limit
    use(data * 2);
    // CHECK-NOTES: :[[@LINE-1]]:14: warning: the multiplication on a value derived from the maximum value of its type can overflow 'int'; check the operand's range before the operation
    // CHECK-NOTES: :[[@LINE-6]]:14: note: value set to the maximum value of its type here
  }
}
// A sentinel ("none yet") set through a pointer parameter is the callee's own
// convention (FatFs sets its window sector to ~0 and checks for it): the caller
// did not set a limit. Bytes copied from a limit are not that variable either.
void *memcpy(void *d, const void *s, size_t n);
static void reset_window(uint32_t *sector) { *sector = UINT_MAX; }
void limit_through_out_param(void) {
  uint32_t sector;
  reset_window(&sector);
  use(sector + 1); // no-warning, a sentinel handed back
  uint32_t copy, lim = UINT_MAX;
  memcpy(&copy, &lim, sizeof copy);
  use(copy + 1); // no-warning, a copy of the sentinel
  at(lim + 1);
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: the addition on a value derived from the maximum value of its type can wrap around 'uint32_t'; check the operand's range before the operation
  // CHECK-NOTES: :[[@LINE-5]]:24: note: value set to the maximum value of its type here
}

// Unsigned wrap-around is defined: a result that only feeds more arithmetic,
// a store or a call whose body is elsewhere (hash and cipher rounds, counters)
// is not reported; a result used as a size, an index, a pointer offset, a
// divisor, a loop bound or in a comparison is, wherever that use is.
struct hash_ctx { uint32_t state[4]; };
void hash_round(int fd, struct hash_ctx *ctx) {
  uint32_t w;
  read(fd, &w, sizeof w);
  uint32_t a = ctx->state[0] + w * 2654435761u; // no-warning: the wrap is the algorithm
  a = (a << 7 | a >> 25) + ctx->state[1];       // no-warning
  ctx->state[0] += a;                           // no-warning
  use(a ^ w);
}
void *memcpy(void *d, const void *s, size_t n);
static uint8_t ring[64];
void wrapped_uses(int fd, uint8_t *dst, const uint8_t *src, size_t cap, uint32_t head) {
  uint32_t off, len;
  read(fd, &off, sizeof off);
  read(fd, &len, sizeof len);
  ring[(head + len) % 64] = 0; // no-warning: the remainder brings it back into range
  ring[(head + len) & 63] = 0; // no-warning: so does the mask
  if (off + len <= cap)
    // CHECK-NOTES: :[[@LINE-1]]:11: warning: the addition on a value derived from input data can wrap around 'uint32_t'; check the operand's range before the operation
    // CHECK-NOTES: :[[@LINE-6]]:3: note: value received by 'read' here
    memcpy(dst, src, cap);
  uint32_t period = 1000u / (len - 1);
  // CHECK-NOTES: :[[@LINE-1]]:34: warning: the subtraction on a value derived from input data can wrap around 'uint32_t'; check the operand's range before the operation
  // CHECK-NOTES: :[[@LINE-9]]:3: note: value received by 'read' here
  use(period);
  uint32_t words = len * 4;
  // CHECK-NOTES: :[[@LINE-1]]:24: warning: the multiplication on a value derived from input data can wrap around 'uint32_t'; check the operand's range before the operation
  // CHECK-NOTES: :[[@LINE-13]]:3: note: value received by 'read' here
  uint32_t bytes = words + 8; // both wraps the size is made of are reported
  // CHECK-NOTES: :[[@LINE-1]]:26: warning: the addition on a value derived from input data can wrap around 'uint32_t'; check the operand's range before the operation
  // CHECK-NOTES: :[[@LINE-16]]:3: note: value received by 'read' here
  memcpy(dst, src, bytes);
  uint32_t shown = len + 1; // no-warning: printed, stored, never a size
  use(shown);
}
// Comparing a result with its own operand is the test for the wrap, not a use:
// a 64-bit byte counter kept as two words, and the overflow test of a sum.
struct counter { uint32_t total[2]; };
void count_bytes(int fd, struct counter *c) {
  uint32_t n, have = 16;
  read(fd, &n, sizeof n);
  c->total[0] += n; // no-warning: the carry below detects the wrap
  if (c->total[0] < n)
    c->total[1]++;
  if (have + n < have) // no-warning: the wrap check itself
    return;
  if (have + n > 4096u)
    // CHECK-NOTES: :[[@LINE-1]]:12: warning: the addition on a value derived from input data can wrap around 'uint32_t'; check the operand's range before the operation
    // CHECK-NOTES: :[[@LINE-8]]:3: note: value received by 'read' here
    return;
}
// A wrapped difference is near the type's maximum, so comparing it with a
// bound rejects it: `c -= 2; if (c >= n - 2) return 0;` (FatFs' cluster
// conversion) is the range check. In a loop condition it is the loop bound,
// and a later size or index use of the difference is reported as before.
static uint32_t sectors[8];
uint32_t cluster_to_sector(int fd) {
  uint32_t c;
  read(fd, &c, sizeof c);
  c -= 2; // no-warning: the comparison below rejects the wrapped value
  if (c >= 6u)
    return 0;
  return sectors[c + 2];
}
void difference_uses(int fd) {
  uint32_t n, m, off;
  read(fd, &n, sizeof n);
  read(fd, &m, sizeof m);
  read(fd, &off, sizeof off);
  if (n - 4 > 64u) // no-warning: a wrapped n - 4 is above 64 and rejected
    return;
  for (uint32_t i = 0; i < m - 1; i++)
    // CHECK-NOTES: :[[@LINE-1]]:30: warning: the subtraction on a value derived from input data can wrap around 'uint32_t'; check the operand's range before the operation
    // CHECK-NOTES: :[[@LINE-6]]:3: note: value received by 'read' here
    at(i);
  at(off - 8);
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: the subtraction on a value derived from input data can wrap around 'uint32_t'; check the operand's range before the operation
  // CHECK-NOTES: :[[@LINE-9]]:3: note: value received by 'read' here
}
// An unsigned count checked against zero before `n - 1` cannot wrap there.
static uint32_t words_buf[16];
static void last_word(uint32_t *w, uint32_t n) {
  if (n == 0)
    return;
  uint32_t *end = w + (n - 1); // no-warning: n >= 1 here
  *end = 0;
}
static void last_word_unchecked(uint32_t *w, uint32_t n) {
  uint32_t *end = w + (n - 1);
  // CHECK-NOTES: :[[@LINE-1]]:26: warning: the subtraction on a value derived from input data can wrap around 'uint32_t'; check the operand's range before the operation
  // CHECK-NOTES: :[[@LINE+6]]:3: note: value received by 'read' here
  // CHECK-NOTES: :[[@LINE+7]]:34: note: passed to 'last_word_unchecked' as 'n' here
  *end = 0;
}
void word_counts(int fd) {
  uint32_t n;
  read(fd, &n, sizeof n);
  last_word(words_buf, n);
  last_word_unchecked(words_buf, n);
}

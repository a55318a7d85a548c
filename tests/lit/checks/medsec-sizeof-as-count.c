// RUN: %check_medsec %s medsec-sizeof-as-count %t -- -std=c11

typedef __SIZE_TYPE__ size_t;
typedef unsigned char uint8_t;
typedef unsigned short uint16_t;
typedef unsigned int uint32_t;
void *memcpy(void *d, const void *s, size_t n);
void use(uint32_t v);
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static uint32_t table[32];
static size_t sizes[32];
struct adc { uint16_t samples[8]; };

// --- element counts written as byte counts ---------------------------------

void clear_table(void) {
  for (unsigned i = 0; i < sizeof(table); i++)
    table[i] = 0;
  // CHECK-MESSAGES: :[[@LINE-2]]:28: warning: 'sizeof' of 'table' is its size in bytes (128), not its number of elements (32), but 'i' indexes it; use 'sizeof(table) / sizeof(table[0])' [medsec-sizeof-as-count]
  // CHECK-FIXES: for (unsigned i = 0; i < (sizeof(table) / sizeof(table[0])); i++)
}

// The ventilator pattern: a bound check in bytes, and `>` where `>=` is meant.
size_t lookup(size_t p) {
  if (p > sizeof(sizes))
    return 0;
  // CHECK-MESSAGES: :[[@LINE-2]]:11: warning: 'sizeof' of 'sizes' is its size in bytes (256), not its number of elements (32), but 'p' indexes it; use 'sizeof(sizes) / sizeof(sizes[0])' [medsec-sizeof-as-count]
  return sizes[p];
}

unsigned average(const struct adc *a) {
  unsigned sum = 0;
  for (int n = 0; sizeof a->samples > n; ++n)
    sum += a->samples[n];
  // CHECK-MESSAGES: :[[@LINE-2]]:19: warning: 'sizeof' of 'samples' is its size in bytes (16), not its number of elements (8), but 'n' indexes it; use 'sizeof(samples) / sizeof(samples[0])' [medsec-sizeof-as-count]
  return sum;
}

void last_entry(void) {
  table[sizeof table - 1] = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'sizeof' of 'table' is its size in bytes (128), not its number of elements (32), but it is used in the array's own index; use 'sizeof(table) / sizeof(table[0])' [medsec-sizeof-as-count]
}

// --- compliant look-alikes ---------------------------------------------------

void byte_buffer(const uint8_t *src) {
  char buf[16];
  for (unsigned i = 0; i < sizeof buf; i++) // no-warning: bytes are elements
    buf[i] = (char)src[i];
  uint8_t raw[64];
  raw[sizeof raw - 1] = 0; // no-warning
  (void)buf;
}

void counted(void) {
  for (unsigned i = 0; i < sizeof(table) / sizeof(table[0]); i++) // no-warning
    table[i] = 1;
  for (unsigned i = 0; i < ARRAY_SIZE(table); i++) // no-warning
    table[i] = 2;
  table[sizeof(table) / sizeof(table[0]) - 1] = 3; // no-warning
}

// A length in bytes compared with a size in bytes: right.
int copy_in(const void *src, size_t len) {
  if (len > sizeof(table)) // no-warning: len is never an index of table
    return -1;
  memcpy(table, src, len);
  return 0;
}

// The byte view of the table is indexed, not the table.
uint8_t checksum(void) {
  uint8_t c = 0;
  for (size_t i = 0; i < sizeof table; i++) // no-warning
    c ^= ((const uint8_t *)table)[i];
  return c;
}

void type_operand(unsigned i) {
  if (i < sizeof(uint32_t)) // no-warning: not an array
    use(table[i]);
}

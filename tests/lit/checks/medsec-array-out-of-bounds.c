// RUN: %check_medsec %s medsec-array-out-of-bounds %t -- -std=c11

typedef __SIZE_TYPE__ size_t;
typedef unsigned char uint8_t;
typedef unsigned short uint16_t;
typedef unsigned int uint32_t;
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
char *strncpy(char *d, const char *s, size_t n);
uint8_t nand_read_id_byte(void);
int more(void);
void use(int v);

#define ID_LEN 4
#define SAMPLES 8

enum channel { CH_FLOW, CH_PRESSURE, CH_OXYGEN, CH_COUNT };

static int samples[SAMPLES];
static const uint8_t crc_table[16] = {0x00, 0x07, 0x0e, 0x09};
static uint16_t limits[CH_COUNT];
static int grid[4][8];

struct frame {
  uint16_t len;
  uint8_t payload[1]; // allocated longer: a pre-C99 flexible array member
};
struct reading {
  uint8_t id[ID_LEN];
  uint32_t crc;
};

// --- loops one past the end --------------------------------------------------

// The NAND ID pattern: the loop writes one byte past the stack array.
void read_nand_id(uint8_t *out) {
  uint8_t id[ID_LEN];
  for (int i = 0; i <= ID_LEN; i++)
    id[i] = nand_read_id_byte();
    // CHECK-NOTES: :[[@LINE-1]]:8: warning: index 'i' ranges over [0, 4] on this path and reaches past the end of 'id', which has 4 elements; keep it below 4
    // CHECK-NOTES: :[[@LINE-3]]:19: note: 'i' reaches 4 through this condition
    // CHECK-NOTES: :[[@LINE-5]]:11: note: 'id' is declared here as 'uint8_t[4]'
  memcpy(out, id, ID_LEN);
}

void read_nand_id_ok(uint8_t *out) {
  uint8_t id[ID_LEN];
  for (int i = 0; i < ID_LEN; i++) // no-warning: i < N
    id[i] = nand_read_id_byte();
  memcpy(out, id, ID_LEN);
}

void clear_samples(void) {
  for (unsigned n = 0; n <= sizeof(samples) / sizeof(samples[0]); ++n)
    samples[n] = 0;
    // CHECK-NOTES: :[[@LINE-1]]:13: warning: index 'n' ranges over [0, 8] on this path and reaches past the end of 'samples', which has 8 elements; keep it below 8
    // CHECK-NOTES: :[[@LINE-3]]:24: note: 'n' reaches 8 through this condition
    // CHECK-NOTES: :[[@LINE-39]]:12: note: 'samples' is declared here as 'int[8]'
}

void clear_samples_ok(void) {
  for (unsigned n = 0; n < sizeof(samples) / sizeof(samples[0]); ++n) // no-warning: the count
    samples[n] = 0;
}

// A char buffer measured with its sizeof: bytes are elements.
void clear_text(void) {
  char text[16];
  for (size_t i = 0; i < sizeof(text); i++) // no-warning: char[16] has 16 elements
    text[i] = 0;
  for (size_t i = 0; i <= sizeof text; i++)
    text[i] = ' ';
    // CHECK-NOTES: :[[@LINE-1]]:10: warning: index 'i' ranges over [0, 16] on this path and reaches past the end of 'text', which has 16 elements; keep it below 16
    // CHECK-NOTES: :[[@LINE-3]]:22: note: 'i' reaches 16 through this condition
    // CHECK-NOTES: :[[@LINE-7]]:8: note: 'text' is declared here as 'char[16]'
  use(text[0]);
}

// A loop written with an enumeration's count.
void reset_limits(void) {
  for (enum channel c = CH_FLOW; c <= CH_COUNT; c++)
    limits[c] = 0;
    // CHECK-NOTES: :[[@LINE-1]]:12: warning: index 'c' ranges over [0, 3] on this path and reaches past the end of 'limits', which has 3 elements; keep it below 3
    // CHECK-NOTES: :[[@LINE-3]]:34: note: 'c' reaches 3 through this condition
    // CHECK-NOTES: :[[@LINE-64]]:17: note: 'limits' is declared here as 'uint16_t[3]'
  for (enum channel c = CH_FLOW; c < CH_COUNT; c++) // no-warning: below the count
    limits[c] = 1;
}

// --- computed offsets and negative indexes -----------------------------------

void shift_window(void) {
  for (int i = 0; i < 4; i++)
    samples[5 + i] = samples[i];
    // CHECK-NOTES: :[[@LINE-1]]:13: warning: index '5 + i' ranges over [5, 8] on this path and reaches past the end of 'samples', which has 8 elements; keep it below 8
    // CHECK-NOTES: :[[@LINE-3]]:19: note: 'i' reaches 3 through this condition
    // CHECK-NOTES: :[[@LINE-78]]:12: note: 'samples' is declared here as 'int[8]'
  for (int i = 0; i < 4; i++)
    samples[4 + i] = samples[i]; // no-warning: 4 + 3 is the last element
}

int smooth(void) {
  int sum = 0;
  for (int i = 0; i < SAMPLES; i++)
    sum += samples[i] - samples[i - 1];
    // CHECK-NOTES: :[[@LINE-1]]:33: warning: index 'i - 1' ranges over [-1, 6] on this path and reaches before the start of 'samples'; keep it at 0 or above
    // CHECK-NOTES: :[[@LINE-3]]:8: note: 'i' is set to 0 here
    // CHECK-NOTES: :[[@LINE-89]]:12: note: 'samples' is declared here as 'int[8]'
  for (int i = 1; i < SAMPLES; i++)
    sum += samples[i] - samples[i - 1]; // no-warning: starts at 1
  return sum;
}

int last_sample(void) {
  int last = SAMPLES;
  return samples[last];
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: index 'last' is 8 on this path and reaches past the end of 'samples', which has 8 elements; keep it below 8
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'last' is set to 8 here
  // CHECK-NOTES: :[[@LINE-100]]:12: note: 'samples' is declared here as 'int[8]'
}

int last_sample_ok(void) {
  int last = SAMPLES - 1;
  return samples[last]; // no-warning
}

// A mask of 15 on an index of 100 values reaches 15.
uint8_t crc_wide(void) {
  uint8_t c = 0;
  for (unsigned i = 0; i < 100; i++)
    c ^= crc_table[i & 31];
    // CHECK-NOTES: :[[@LINE-1]]:20: warning: index 'i & 31' ranges over [0, 31] on this path and reaches past the end of 'crc_table', which has 16 elements; keep it below 16
    // CHECK-NOTES: :[[@LINE-3]]:24: note: 'i' reaches 99 through this condition
    // CHECK-NOTES: :[[@LINE-114]]:22: note: 'crc_table' is declared here as 'const uint8_t[16]'
  return c;
}

uint8_t crc_ok(unsigned seed) {
  uint8_t c = 0;
  for (unsigned i = 0; i < 100; i++) {
    c ^= crc_table[i % 16];  // no-warning: a modulo index
    c ^= crc_table[i & 15];  // no-warning: a masked index
    c ^= crc_table[seed & 15]; // no-warning: an unknown value, masked
  }
  return c;
}

// --- prior checks ------------------------------------------------------------

int checked_offset(int i) {
  if (i >= SAMPLES || i < 0)
    return 0;
  return samples[i]; // no-warning: checked before
}

void checked_in_loop(void) {
  for (int i = 0; i <= SAMPLES; i++) {
    if (i >= SAMPLES)
      return;
    samples[i] = 0; // no-warning: the early return stops at 8
  }
  for (int i = 0; i <= SAMPLES; i++)
    if (i < SAMPLES)
      samples[i] = 1; // no-warning: guarded
  for (int i = 0; i <= SAMPLES && i != SAMPLES; i++)
    samples[i] = 2; // no-warning: i != 8
}

// An unknown bound proves nothing: the caller may pass at most 8.
void fill(int n) {
  for (int i = 0; i < n; i++)
    samples[i] = 0; // no-warning: n is not known here
}

// A counter stepping by 2 is bounded, but its last value is not proven.
void every_other(void) {
  for (int i = 0; i < 9; i += 2)
    samples[i] = 0; // no-warning: not reported (see the page's limitations)
}

// --- objects that are not what their declared size says ----------------------

void fill_frame(struct frame *f) {
  for (int i = 0; i < 6; i++)
    f->payload[i] = 0; // no-warning: a trailing [1] member
}

void fill_middle(void) {
  int *mid = &samples[4];
  for (int i = 0; i < 4; i++)
    mid[i] = 0; // no-warning: a pointer into the middle of the array
  for (int i = 0; i <= SAMPLES; i++) {
    int *end = samples + i; // no-warning: the end pointer may be formed
    (void)end;
  }
  for (int i = 0; i <= SAMPLES; i++)
    *(samples + i) = 0;
    // CHECK-NOTES: :[[@LINE-1]]:17: warning: pointer offset 'i' ranges over [0, 8] on this path and reaches past the end of 'samples', which has 8 elements; keep it below 8
    // CHECK-NOTES: :[[@LINE-3]]:19: note: 'i' reaches 8 through this condition
    // CHECK-NOTES: :[[@LINE-181]]:12: note: 'samples' is declared here as 'int[8]'
}

void clear_grid(void) {
  for (int r = 0; r < 4; r++)
    for (int c = 0; c < 8; c++)
      grid[r][c] = 0; // no-warning: both dimensions bounded
  for (int r = 0; r < 4; r++)
    for (int c = 0; c <= 8; c++)
      grid[r][c] = 1;
      // CHECK-NOTES: :[[@LINE-1]]:15: warning: index 'c' ranges over [0, 8] on this path and reaches past the end of 'grid[r]', which has 8 elements; keep it below 8
      // CHECK-NOTES: :[[@LINE-3]]:21: note: 'c' reaches 8 through this condition
      // CHECK-NOTES: :[[@LINE-190]]:12: note: 'grid' is declared here as 'int[4][8]'
}

// --- copies ------------------------------------------------------------------

void copy_table(uint8_t *out) {
  uint8_t local[64];
  memcpy(local, crc_table, 32);
  // CHECK-NOTES: :[[@LINE-1]]:28: warning: 'memcpy' length is 32 on this path and reaches past the end of the source 'crc_table', which has 16 bytes; keep it at most 16
  // CHECK-NOTES: :[[@LINE-201]]:22: note: 'crc_table' is declared here as 'const uint8_t[16]'
  memcpy(local, crc_table, sizeof(crc_table)); // no-warning
  memcpy(out, local, sizeof(local));           // no-warning: out is a pointer
}

void clear_steps(void) {
  uint8_t buf[64];
  for (int n = 1; n <= 80; n += 1)
    memset(buf, 0, n);
    // CHECK-NOTES: :[[@LINE-1]]:20: warning: 'memset' length 'n' ranges over [1, 80] on this path and reaches past the end of the destination 'buf', which has 64 bytes; keep it at most 64
    // CHECK-NOTES: :[[@LINE-3]]:19: note: 'n' reaches 80 through this condition
    // CHECK-NOTES: :[[@LINE-5]]:11: note: 'buf' is declared here as 'uint8_t[64]'
  for (int n = 1; n <= 64; n++)
    memset(buf, 0, n); // no-warning: at most the size
}

void store_reading(struct reading *r, const uint8_t *src) {
  memcpy(r->id, src, 8);
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: 'memcpy' length is 8 on this path and reaches past the end of the destination 'r->id', which has 4 bytes; keep it at most 4
  // CHECK-NOTES: :[[@LINE-211]]:11: note: 'id' is declared here as 'uint8_t[4]'
  memcpy(r->id, src, sizeof(r->id)); // no-warning
  memcpy(&r->id[2], src, 2);         // no-warning: two bytes remain
  memmove(&r->id[2], src, 3);
  // CHECK-NOTES: :[[@LINE-1]]:27: warning: 'memmove' length is 3 on this path and reaches past the end of the destination '&r->id[2]', which has 2 bytes; keep it at most 2
  // CHECK-NOTES: :[[@LINE-216]]:11: note: 'id' is declared here as 'uint8_t[4]'
}

// --- the size of a pointer where an array is meant ---------------------------

void wipe_key(const uint8_t *src) {
  uint8_t key[32];
  uint8_t *k = key;
  memcpy(key, src, sizeof(key)); // no-warning
  use(k[0]);
  memset(key, 0, sizeof(k));
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: 'memset' length 'sizeof(k)' is the size of a pointer (8 bytes), but the destination 'key' is an array of 32 bytes; use 'sizeof(key)'
  // CHECK-NOTES: :[[@LINE-6]]:11: note: 'key' is declared here as 'uint8_t[32]'
  uint8_t raw[16];
  memcpy(raw, &k, sizeof(k)); // no-warning: the pointer's own bytes
  use(raw[0]);
}

// A scan up to a terminator: how far it goes is the data's, so the value
// left at 0 by an empty name is no proof (the caller may never pass one).
void bump_suffix(char *name) {
  char copy[13];
  unsigned char end = 0;
  while (name[end] != '\0' && end < 12) {
    copy[end] = name[end];
    end++;
  }
  copy[end] = '\0';
  if (copy[end - 1] == '9') // no-warning: end is 0 only for an empty name
    copy[end - 1] = '0';
}

// --- receives: the peer decides how many bytes arrive ------------------------

typedef struct FILE FILE;
typedef long ssize_t;
char *fgets(char *s, int n, FILE *f);
ssize_t read(int fd, void *buf, size_t n);
void bzero(void *d, size_t n);
typedef struct UART_HandleTypeDef UART_HandleTypeDef;
int HAL_UART_Receive(UART_HandleTypeDef *h, uint8_t *buf, uint16_t size, uint32_t timeout);
extern UART_HandleTypeDef huart2;

void read_command(FILE *console, int fd) {
  char line[32];
  uint8_t frame[16];
  fgets(line, 64, console);
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: 'fgets' length is 64 on this path and reaches past the end of the destination 'line', which has 32 bytes; keep it at most 32
  // CHECK-NOTES: :[[@LINE-4]]:8: note: 'line' is declared here as 'char[32]'
  read(fd, frame, sizeof(line));
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: 'read' length is 32 on this path and reaches past the end of the destination 'frame', which has 16 bytes; keep it at most 16
  // CHECK-NOTES: :[[@LINE-6]]:11: note: 'frame' is declared here as 'uint8_t[16]'
  HAL_UART_Receive(&huart2, frame, 20, 100);
  // CHECK-NOTES: :[[@LINE-1]]:36: warning: 'HAL_UART_Receive' length is 20 on this path and reaches past the end of the destination 'frame', which has 16 bytes; keep it at most 16
  // CHECK-NOTES: :[[@LINE-9]]:11: note: 'frame' is declared here as 'uint8_t[16]'
  bzero(frame, 24);
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: 'bzero' length is 24 on this path and reaches past the end of the destination 'frame', which has 16 bytes; keep it at most 16
  // CHECK-NOTES: :[[@LINE-12]]:11: note: 'frame' is declared here as 'uint8_t[16]'
  fgets(line, sizeof line, console);        // no-warning
  read(fd, frame, sizeof frame);            // no-warning
  HAL_UART_Receive(&huart2, frame, 16, 100); // no-warning
}

// A length chosen between constants: the note names the assignment.
void send_finished(uint8_t *out, int legacy) {
  uint8_t verify[12];
  int len = legacy ? 36 : 12;
  memcpy(verify, out, len);
  // CHECK-NOTES: :[[@LINE-1]]:23: warning: 'memcpy' length 'len' ranges over [12, 36] on this path and reaches past the end of the destination 'verify', which has 12 bytes; keep it at most 12
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'len' is set to 36 here
  // CHECK-NOTES: :[[@LINE-5]]:11: note: 'verify' is declared here as 'uint8_t[12]'
  use(verify[0]);
}

// The index written with the step: id[k++] is k before the step.
void read_id_packed(void) {
  uint8_t id[ID_LEN];
  unsigned k = 0;
  while (k <= ID_LEN)
    id[k++] = nand_read_id_byte();
    // CHECK-NOTES: :[[@LINE-1]]:8: warning: index 'k++' ranges over [0, 4] on this path and reaches past the end of 'id', which has 4 elements; keep it below 4
    // CHECK-NOTES: :[[@LINE-3]]:10: note: 'k' reaches 4 through this condition
    // CHECK-NOTES: :[[@LINE-6]]:11: note: 'id' is declared here as 'uint8_t[4]'
  unsigned m = 0;
  while (m < ID_LEN)
    id[m++] = nand_read_id_byte(); // no-warning
  use(id[0]);
}

// --- a pointer set once to an array indexes that array -----------------------

void through_pointer(void) {
  int *p = samples;
  for (int i = 0; i <= SAMPLES; i++)
    p[i] = 0;
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: index 'i' ranges over [0, 8] on this path and reaches past the end of 'p', which has 8 elements; keep it below 8
    // CHECK-NOTES: :[[@LINE-3]]:19: note: 'i' reaches 8 through this condition
    // CHECK-NOTES: :[[@LINE-5]]:8: note: 'p' points to 'samples' here
    // CHECK-NOTES: :[[@LINE-324]]:12: note: 'samples' is declared here as 'int[8]'
  int *mid = &samples[4];
  for (int i = 0; i <= 4; i++)
    mid[i] = 1;
    // CHECK-NOTES: :[[@LINE-1]]:9: warning: index 'i' ranges over [0, 4] on this path and reaches past the end of 'mid', which has 4 elements; keep it below 4
    // CHECK-NOTES: :[[@LINE-3]]:19: note: 'i' reaches 4 through this condition
    // CHECK-NOTES: :[[@LINE-5]]:8: note: 'mid' points to element 4 of 'samples' here
    // CHECK-NOTES: :[[@LINE-331]]:12: note: 'samples' is declared here as 'int[8]'
  *(mid + 4) = 2;
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: pointer offset is 4 on this path and reaches past the end of 'mid', which has 4 elements; keep it below 4
  // CHECK-NOTES: :[[@LINE-9]]:8: note: 'mid' points to element 4 of 'samples' here
  // CHECK-NOTES: :[[@LINE-335]]:12: note: 'samples' is declared here as 'int[8]'
  for (int i = 0; i < 4; i++)
    mid[i] = 3; // no-warning: four elements remain
  int *q;
  q = samples + 2;
  q[5] = 4; // no-warning: element 7
  int *moved = samples;
  moved++;
  moved[7] = 5; // no-warning: the pointer moves, it is not followed
  uint8_t *bytes = (uint8_t *)samples;
  bytes[20] = 0; // no-warning: another element type
}

void copy_through_pointer(const uint8_t *src) {
  uint8_t frame[16];
  uint8_t *body = &frame[4];
  memcpy(body, src, 16);
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: 'memcpy' length is 16 on this path and reaches past the end of the destination 'body', which has 12 bytes; keep it at most 12
  // CHECK-NOTES: :[[@LINE-3]]:12: note: 'body' points to element 4 of 'frame' here
  // CHECK-NOTES: :[[@LINE-5]]:11: note: 'frame' is declared here as 'uint8_t[16]'
  memcpy(body, src, 12); // no-warning: twelve bytes remain
}

void before_pointer(void) {
  int *second = &samples[1];
  *(second - 1) = 0; // no-warning: element 0
  for (int i = 0; i < 2; i++)
    *(second - i) = 0;
  for (int i = 0; i <= 2; i++)
    second[-i] = 0;
    // CHECK-NOTES: :[[@LINE-1]]:12: warning: index '-i' ranges over [-2, 0] on this path and reaches before the start of 'samples'; keep it at -1 or above
    // CHECK-NOTES: :[[@LINE-3]]:19: note: 'i' reaches 2 through this condition
    // CHECK-NOTES: :[[@LINE-8]]:8: note: 'second' points to element 1 of 'samples' here
    // CHECK-NOTES: :[[@LINE-368]]:12: note: 'samples' is declared here as 'int[8]'
}

// --- a pointer set once to an allocation of constant size -------------------

void *malloc(size_t n);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t n);
void free(void *p);

void heap_block(const uint8_t *src) {
  uint16_t *table = (uint16_t *)calloc(5, sizeof(uint16_t));
  if (table == 0)
    return;
  for (int i = 0; i <= 5; i++)
    table[i] = 0;
    // CHECK-NOTES: :[[@LINE-1]]:11: warning: index 'i' ranges over [0, 5] on this path and reaches past the end of 'table', which has 5 elements; keep it below 5
    // CHECK-NOTES: :[[@LINE-3]]:19: note: 'i' reaches 5 through this condition
    // CHECK-NOTES: :[[@LINE-7]]:33: note: 'table' points to 10 bytes allocated here
  for (int i = 0; i < 5; i++)
    table[i] = 1; // no-warning
  uint8_t *copy = malloc(8);
  if (copy) {
    memcpy(copy, src, 16);
    // CHECK-NOTES: :[[@LINE-1]]:23: warning: 'memcpy' length is 16 on this path and reaches past the end of the destination 'copy', which has 8 bytes; keep it at most 8
    // CHECK-NOTES: :[[@LINE-4]]:19: note: 'copy' points to 8 bytes allocated here
    memcpy(copy, src, 8); // no-warning
    free(copy);
  }
  uint8_t *grown = malloc(4);
  grown = realloc(grown, 64);
  if (grown)
    grown[10] = 0; // no-warning: set twice, not followed
  free(table);
  free(grown);
}

// The outer counter of a nested loop keeps its bound inside the inner loop.
void clear_rows(void) {
  for (int r = 0; r <= 4; r++)
    for (int c = 0; c < 8; c++)
      grid[r][c] = 0;
      // CHECK-NOTES: :[[@LINE-1]]:12: warning: index 'r' ranges over [0, 4] on this path and reaches past the end of 'grid', which has 4 elements; keep it below 4
      // CHECK-NOTES: :[[@LINE-4]]:19: note: 'r' reaches 4 through this condition
      // CHECK-NOTES: :[[@LINE-409]]:12: note: 'grid' is declared here as 'int[4][8]'
  for (int r = 0; r < 4; r++)
    for (int c = 0; c < 8; c++)
      for (int k = 0; k < 2; k++)
        grid[r][c] += k; // no-warning: three bounded levels
}

// A counter bounded by another counter (i <= j): j - i stays at 0 or above,
// which intervals alone cannot see, so nothing is claimed.
static const int binom[8] = {1, 1, 2, 6, 24, 120, 720, 5040};
int triangle(void) {
  int sum = 0;
  for (int j = 0; j < 8; j++)
    for (int i = 0; i <= j; i++)
      sum += binom[i] / binom[j - i]; // no-warning
  return sum;
}

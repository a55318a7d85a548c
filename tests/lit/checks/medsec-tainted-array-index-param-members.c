// A function summarised for its callers reads some members of the record its
// parameter points to: a caller whose record holds external data in another
// member (a hash context's block buffer) passes nothing to the sinks those
// members reach (the counters). A member that is external still is.
// RUN: %check_medsec %s medsec-tainted-array-index %t -- -std=c11

typedef __SIZE_TYPE__ size_t;
typedef long ssize_t;
typedef unsigned char uint8_t;
typedef unsigned int uint32_t;
ssize_t read(int fd, void *buf, size_t n);
static int table[16];

struct ctx { uint32_t used; uint32_t count; uint8_t block[64]; };
static void absorb(struct ctx *c, int fd) { read(fd, c->block, sizeof c->block); }
static void mark(struct ctx *c) { table[c->used] = 1; }
static void mark_block(struct ctx *c) { table[c->block[0]] = 1; }
// CHECK-NOTES: :[[@LINE-1]]:47: warning: index derived from input data is not checked against the array bound (16); reject values outside [0, 16) before the access
// CHECK-NOTES: :[[@LINE-4]]:45: note: value received by 'read' here
// CHECK-NOTES: :[[@LINE+9]]:3: note: value received through 'absorb' here
// CHECK-NOTES: :[[@LINE+11]]:14: note: passed to 'mark_block' as 'c' here
static void spin(struct ctx *c, uint32_t n) {
  table[(c->count + n) & 0xFF] = 0; // no-warning: count is the caller's own
  (void)0;
}
static uint32_t used_of(const struct ctx *c) { return c->used; }
void hash_step(int fd) {
  struct ctx c = {0};
  absorb(&c, fd);
  table[used_of(&c)] = 1; // no-warning: returned from the member not received
  mark(&c);       // no-warning: 'used' was not received
  mark_block(&c); // the block was
  spin(&c, 4);    // no-warning
}
// The same through a pointer the caller was given, two levels down.
static void mark_deep(struct ctx *c) { table[c->count] = 1; }
static void mark_twice(struct ctx *c) { mark_deep(c); }
void hash_shared(int fd, struct ctx *shared) {
  absorb(shared, fd);
  mark_twice(shared); // no-warning
}
// The member that was received, behind a pointer the caller got from elsewhere.
struct ctx *current_ctx(void);
static void mark_block_of(struct ctx *c) { table[c->block[1]] = 1; }
// CHECK-NOTES: :[[@LINE-1]]:50: warning: index derived from input data is not checked against the array bound (16); reject values outside [0, 16) before the access
void hash_current(int fd) {
  struct ctx *c = current_ctx();
  absorb(c, fd);
  // CHECK-NOTES: :[[@LINE-34]]:45: note: value received by 'read' here
  // CHECK-NOTES: :[[@LINE-2]]:3: note: value received through 'absorb' here
  mark_block_of(c);
  // CHECK-NOTES: :[[@LINE-1]]:17: note: passed to 'mark_block_of' as 'c' here
}

// Look-alike: the member itself received, one call down: reported.
static void mark_used(struct ctx *c) { table[c->used & 31] = 1; }
// CHECK-NOTES: :[[@LINE-1]]:46: warning: index derived from input data can reach 31 but the array holds 16 elements; reject values outside [0, 16) before the access
// CHECK-NOTES: :[[@LINE+2]]:48: note: value received by 'read' here
// CHECK-NOTES: :[[@LINE+4]]:3: note: value received through 'take_used' here
static void take_used(struct ctx *c, int fd) { read(fd, &c->used, sizeof c->used); }
void hash_used(int fd) {
  struct ctx c = {0};
  take_used(&c, fd);
  mark_used(&c);
  // CHECK-NOTES: :[[@LINE-1]]:13: note: passed to 'mark_used' as 'c' here
}
// Look-alike: the whole record received: every member is external.
static void spin_all(struct ctx *c) {
  table[c->count] = 0;
  (void)0;
}
// CHECK-NOTES: :[[@LINE-3]]:9: warning: index derived from input data is not checked against the array bound (16); reject values outside [0, 16) before the access
void hash_all(int fd) {
  struct ctx c;
  read(fd, &c, sizeof c);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: value received by 'read' here
  spin_all(&c);
  // CHECK-NOTES: :[[@LINE-1]]:12: note: passed to 'spin_all' as 'c' here
}
// Look-alike: a record of another type behind a void pointer is followed whole.
static void mark_cast(struct ctx *c) { table[c->used] = 1; }
// CHECK-NOTES: :[[@LINE-1]]:46: warning: index derived from input data is not checked against the array bound (16); reject values outside [0, 16) before the access
static void mark_any(void *p) { mark_cast((struct ctx *)p); }
void raw_frame(int fd) {
  unsigned char raw[72];
  read(fd, raw, sizeof raw);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: value received by 'read' here
  mark_any(raw);
  // CHECK-NOTES: :[[@LINE-1]]:12: note: passed to 'mark_any' as 'p' here
  // CHECK-NOTES: :[[@LINE-7]]:43: note: passed to 'mark_cast' as 'c' here
}

// The caller's check of the member counts where the callee reads the member
// unchanged, as for a scalar argument.
static void mark_checked(struct ctx *c) { table[c->used] = 1; }
void hash_checked(int fd) {
  struct ctx c = {0};
  take_used(&c, fd);
  if (c.used > 15)
    return;
  mark_checked(&c); // no-warning
}
// Look-alike: checked against the wrong bound.
static void mark_loose(struct ctx *c) { table[c->used] = 1; }
// CHECK-NOTES: :[[@LINE-1]]:47: warning: index derived from input data can reach 16 but the array holds 16 elements; reject values outside [0, 16) before the access
void hash_loose(int fd) {
  struct ctx c = {0};
  take_used(&c, fd);
  // CHECK-NOTES: :[[@LINE-49]]:48: note: value received by 'read' here
  // CHECK-NOTES: :[[@LINE-2]]:3: note: value received through 'take_used' here
  if (c.used > 16)
    return;
  mark_loose(&c);
  // CHECK-NOTES: :[[@LINE-1]]:14: note: passed to 'mark_loose' as 'c' here
}

// A function that writes received bytes into some members of the record its
// argument points to makes those members external for its callers, not the
// whole record: a hash context's block buffer, not its counters.
// RUN: %check_medsec %s medsec-tainted-array-index %t --config "{CheckOptions: {medsec.ProjectRules: '%inputs/taint-out-members.yaml'}}" -- -std=c11

typedef __SIZE_TYPE__ size_t;
typedef long ssize_t;
typedef unsigned char uint8_t;
typedef unsigned int uint32_t;
ssize_t read(int fd, void *buf, size_t n);
void *memcpy(void *d, const void *s, size_t n);
static int table[16];

struct hash_ctx { uint32_t total; uint32_t state[4]; uint8_t buffer[64]; };
static void hash_absorb(struct hash_ctx *c, int fd) {
  uint32_t left = c->total & 0x3F;
  read(fd, c->buffer + left, 64 - left);
  c->total += 64 - left;
}
void hash_frame(int fd, struct hash_ctx *shared) {
  struct hash_ctx c = {0};
  hash_absorb(&c, fd);
  table[c.state[0]] = 1; // no-warning: the counters and state were not received
  table[c.total] = 1;    // no-warning
  table[c.buffer[3]] = 1;
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: index derived from input data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-10]]:3: note: value received by 'read' here
  // CHECK-NOTES: :[[@LINE-6]]:3: note: value received through 'hash_absorb' here
  hash_absorb(shared, fd);
  table[shared->total] = 1; // no-warning
  table[shared->buffer[0]] = 1;
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: index derived from input data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-16]]:3: note: value received by 'read' here
  // CHECK-NOTES: :[[@LINE-5]]:3: note: value received through 'hash_absorb' here
}

// Look-alike: a function that receives a scalar member (a command code)
// still makes that member external; the member it does not write stays clean.
struct pkt { uint8_t cmd; uint8_t seq; uint8_t data[8]; };
static void take_cmd(struct pkt *p, int fd) { read(fd, &p->cmd, 1); }
void dispatch(int fd) {
  struct pkt k = {0};
  take_cmd(&k, fd);
  table[k.seq] = 1; // no-warning: never received
  table[k.cmd] = 1;
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: index derived from input data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-7]]:47: note: value received by 'read' here
  // CHECK-NOTES: :[[@LINE-5]]:3: note: value received through 'take_cmd' here
}
// A function that receives into the whole record makes all of it external.
static void take_all(struct pkt *p, int fd) { read(fd, p, sizeof *p); }
void dispatch_all(int fd) {
  struct pkt k;
  take_all(&k, fd);
  table[k.seq] = 1;
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: index derived from input data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-6]]:47: note: value received by 'read' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: value received through 'take_all' here
}

// A declared source with `fields`: only the payload of the frame is received.
struct frame { uint8_t kind; uint8_t len; uint8_t payload[16]; };
int radio_take_frame(struct frame *f);
void on_radio(void) {
  struct frame f = {0};
  radio_take_frame(&f);
  table[f.kind] = 1; // no-warning: the driver sets the kind itself
  table[f.payload[0]] = 1;
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-4]]:3: note: value received by 'radio_take_frame' here
  unsigned char raw[18];
  radio_take_frame((struct frame *)raw);
  table[((struct frame *)raw)->kind] = 1; // no-warning
  table[((struct frame *)raw)->payload[1]] = 1;
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-4]]:3: note: value received by 'radio_take_frame' here
}

// RUN: %check_medsec %s medsec-tainted-loop-bound %t -- -std=c11

typedef __SIZE_TYPE__ size_t;
typedef long ssize_t;
typedef unsigned char uint8_t;
typedef unsigned short uint16_t;
typedef unsigned int uint32_t;
typedef struct FILE FILE;
extern FILE *stdin;
ssize_t read(int fd, void *buf, size_t n);
char *fgets(char *s, int n, FILE *f);
int sscanf(const char *s, const char *fmt, ...);
int xQueueReceive(void *queue, void *item, uint32_t ticks);
extern void step(int i);

#define MAX_LOOP 10000

void count_from_text(void) {
  char line[32];
  int n;
  if (fgets(line, sizeof line, stdin) == 0)
    return;
  if (sscanf(line, "%d", &n) != 1)
    return;
  for (int i = 0; i < n; i++)
  // CHECK-NOTES: :[[@LINE-1]]:23: warning: loop bound derived from input data has no upper limit; check it against a maximum before the loop
  // CHECK-NOTES: :[[@LINE-6]]:7: note: value received by 'fgets' here
  // CHECK-NOTES: :[[@LINE-5]]:7: note: value passed through 'sscanf' here
    step(i);
  if (n < MAX_LOOP)
    for (int i = 0; i < n; i++) // no-warning
      step(i);
}

void count_down(int fd) {
  uint32_t n;
  read(fd, &n, sizeof n);
  while (n--)
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: loop bound derived from input data has no upper limit; check it against a maximum before the loop
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'read' here
    step(0);
  uint32_t m;
  read(fd, &m, sizeof m);
  if (m > 64)
    m = 64;
  while (m--) // no-warning, clamped
    step(0);
}

void count_in_struct(void *q) {
  struct { uint32_t records; } job;
  xQueueReceive(q, &job, 0);
  uint32_t done = 0;
  do {
    step(done);
    done++;
  } while (done < job.records);
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: loop bound derived from received data has no upper limit; check it against a maximum before the loop
  // CHECK-NOTES: :[[@LINE-7]]:3: note: value received by 'xQueueReceive' here
  for (uint32_t i = 0; i < job.records && i < 32; i++) // no-warning, a fixed cap as well
    step(i);
}

// An 8-bit count is still a count nobody checked.
void small_types(int fd) {
  uint8_t n;
  read(fd, &n, 1);
  for (int i = 0; i < n; i++)
  // CHECK-NOTES: :[[@LINE-1]]:23: warning: loop bound derived from input data has no upper limit; check it against a maximum before the loop
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'read' here
    step(i);
  if (n <= 32)
    for (int i = 0; i < n; i++) // no-warning, checked
      step(i);
}

void sentinel_search(int fd) {
  char buf[16];
  read(fd, buf, sizeof buf - 1);
  buf[15] = 0;
  for (int i = 0; buf[i] != 0; i++) // no-warning, searches the data, bounded by the terminator written above
    step(i);
}

static void repeat(uint32_t times) {
  for (uint32_t i = 0; i < times; i++)
  // CHECK-NOTES: :[[@LINE-1]]:28: warning: loop bound derived from input data has no upper limit; check it against a maximum before the loop
  // CHECK-NOTES: :[[@LINE+6]]:3: note: value received by 'read' here
  // CHECK-NOTES: :[[@LINE+6]]:10: note: passed to 'repeat' as 'times' here
    step(i);
}
void through_call(int fd) {
  uint32_t t;
  read(fd, &t, sizeof t);
  repeat(t);
  if (t <= 8)
    repeat(t); // no-warning, bounded by the caller
}

// A retry or read loop tests what the call just returned against a constant:
// the peer decides when it stops, but no external count bounds it.
int getchar(void);
void poll_loops(void) {
  int c, n;
  while ((c = getchar()) > 0) // no-warning: each round reads afresh
    step(c);
  while ((n = getchar()) <= 0) // no-warning: a retry
    step(n);
  for (int i = 0; i < (n = getchar()); i++)
  // CHECK-NOTES: :[[@LINE-1]]:23: warning: loop bound derived from input data has no upper limit; check it against a maximum before the loop
  // CHECK-NOTES: :[[@LINE-2]]:28: note: value received by 'getchar' here
    step(i);
  n = getchar();
  while (n > 0) {
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: loop bound derived from input data has no upper limit; check it against a maximum before the loop
  // CHECK-NOTES: :[[@LINE-3]]:7: note: value received by 'getchar' here
    step(n);
    n--;
  }
}

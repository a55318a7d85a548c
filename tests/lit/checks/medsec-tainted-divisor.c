// RUN: %check_medsec %s medsec-tainted-divisor %t -- -std=c11

// A received divisor that may be zero. Look-alikes: checked divisors, constant
// divisors, a setter that rejects 0.
typedef __SIZE_TYPE__ size_t;
typedef unsigned char uint8_t;
typedef unsigned int uint32_t;
long recv(int fd, void *buf, size_t n, int flags);
float strtof(const char *s, char **end);

static uint32_t period_us;
static float interval_s;

void set_rate(int fd) {
  uint8_t f[4];
  recv(fd, f, sizeof f, 0);
  uint32_t rate = f[0];
  period_us = 1000000u / rate;
  // CHECK-NOTES: :[[@LINE-1]]:26: warning: divisor derived from received data is not checked against 0; reject 0 before the division
  // CHECK-NOTES: :[[@LINE-4]]:3: note: value received by 'recv' here
  uint32_t slot = f[1] % f[2];
  // CHECK-NOTES: :[[@LINE-1]]:26: warning: divisor derived from received data is not checked against 0; reject 0 before the division
  // CHECK-NOTES: :[[@LINE-7]]:3: note: value received by 'recv' here
  (void)slot;
  if (rate != 0)
    period_us = 1000000u / rate; // no-warning, checked
  if (f[3] > 0)
    period_us = 1000000u / f[3]; // no-warning, checked
  period_us = f[1] / 4; // no-warning, a constant divisor
}

void set_interval(int fd) {
  char text[16];
  recv(fd, text, sizeof text, 0);
  float hz = strtof(text, 0);
  interval_s = 1.0f / hz;
  // CHECK-NOTES: :[[@LINE-1]]:23: warning: divisor derived from received data is not checked against 0; reject 0 (and values near it) before the division
  // CHECK-NOTES: :[[@LINE-4]]:3: note: value received by 'recv' here
  // CHECK-NOTES: :[[@LINE-4]]:14: note: value passed through 'strtof' here
  if (hz > 0.5f)
    interval_s = 1.0f / hz; // no-warning, bounded below
}

static uint32_t divide(uint32_t total, uint32_t parts) {
  return total / parts;
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: divisor derived from received data is not checked against 0; reject 0 before the division
  // CHECK-NOTES: :[[@LINE+6]]:3: note: value received by 'recv' here
  // CHECK-NOTES: :[[@LINE+9]]:21: note: passed to 'divide' as 'parts' here
}

void split(int fd) {
  uint8_t f[2];
  recv(fd, f, sizeof f, 0);
  uint32_t a = divide(100, f[0]);
  uint32_t b = 0;
  if (f[1])
    b = divide(100, f[1]); // no-warning, checked by the caller
  (void)a;
  (void)b;
}

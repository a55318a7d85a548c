// RUN: %check_medsec %s medsec-tainted-array-index %t -- -std=c++17
// A setter stores its argument into a global or a member: what a caller
// passes it with received data is what every reader of that global or
// member sees. Look-alikes: a setter that checks before it stores, a caller
// that checks before it calls, a setter called only with constants.
typedef unsigned char uint8_t;
typedef __SIZE_TYPE__ size_t;
typedef long ssize_t;
ssize_t recv(int, void *, size_t, int);
extern void use(int v);
static int table[16];

static int g_mode;
static int g_rate;
static int g_gain;
static int g_level;

static void set_mode(int v) { g_mode = v; }
static void set_rate(int v) {
  if (v >= 0 && v < 16)
    g_rate = v; // checked before it is stored
}
static void set_gain(int v) { g_gain = v; }
static void set_level(int v) { g_level = v; }
static void apply_level(int v) { set_level(v); } // a setter through a setter

void on_frame(int sock) {
  uint8_t rx[4];
  recv(sock, rx, sizeof rx, 0);
  set_mode(rx[0]);
  set_rate(rx[1]);
  if (rx[2] < 16)
    set_gain(rx[2]); // checked by the caller
  apply_level(rx[3]);
}

void defaults(void) {
  set_gain(3);
}

void control(void) {
  use(table[g_mode]);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: index derived from received data is checked neither against 0 nor against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-15]]:3: note: value received by 'recv' here
  // CHECK-NOTES: :[[@LINE-15]]:12: note: passed to 'set_mode' here
  // CHECK-NOTES: :[[@LINE-33]]:12: note: stored in global 'g_mode' declared here
  use(table[g_rate]); // no-warning, the setter checks
  use(table[g_gain]); // no-warning, checked before the call, else a constant
  use(table[g_level]);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: index derived from received data is checked neither against 0 nor against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-22]]:3: note: value received by 'recv' here
  // CHECK-NOTES: :[[@LINE-18]]:15: note: passed to 'apply_level' here
  // CHECK-NOTES: :[[@LINE-37]]:12: note: stored in global 'g_level' declared here
}

// A member setter.
class Pump {
public:
  void set_step(uint8_t s) { step_ = s; }
  void set_limit(uint8_t l) { limit_ = l & 15; }
  void run() {
    use(table[step_]);
    // CHECK-NOTES: :[[@LINE-1]]:15: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
    // CHECK-NOTES: :[[@LINE+13]]:3: note: value received by 'recv' here
    // CHECK-NOTES: :[[@LINE+13]]:17: note: passed to 'set_step' here
    // CHECK-NOTES: :[[@LINE+5]]:11: note: stored in member 'Pump::step_' declared here
    use(table[limit_]); // no-warning, masked before it is stored
  }

private:
  uint8_t step_ = 0;
  uint8_t limit_ = 0;
};

void configure(int sock, Pump &pump) {
  uint8_t rx[2];
  recv(sock, rx, sizeof rx, 0);
  pump.set_step(rx[0]);
  pump.set_limit(rx[1]);
}

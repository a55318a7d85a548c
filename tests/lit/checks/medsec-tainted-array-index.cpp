// RUN: %check_medsec %s medsec-tainted-array-index %t -- -std=c++17

typedef __SIZE_TYPE__ size_t;
typedef unsigned char uint8_t;
typedef unsigned int uint32_t;
extern "C" {
long read(int fd, void *buf, size_t n);
int atoi(const char *s);
}
namespace std {
template <class T> const T &min(const T &a, const T &b) { return b < a ? b : a; }
using ::atoi;
}

static int table[16];

struct Frame {
  uint8_t cmd;
  uint8_t len;
};

class Dispatcher {
public:
  void handle(const Frame &f) {
    handlers[f.cmd] = 1;
    // CHECK-NOTES: :[[@LINE-1]]:14: warning: index derived from input data is not checked against the array bound (16); reject values outside [0, 16) before the access
    // CHECK-NOTES: :[[@LINE+10]]:3: note: value received by 'read' here
    // CHECK-NOTES: :[[@LINE+10]]:12: note: passed to 'handle' as 'f' here
    if (f.cmd < 16)
      handlers[f.cmd] = 2; // no-warning
  }
  int handlers[16];
};

void by_reference(int fd, Dispatcher &d) {
  Frame f;
  read(fd, &f, sizeof f);
  d.handle(f);
  int &r = table[0];
  int v;
  read(fd, &v, sizeof v);
  int &alias = v;
  table[alias] = r;
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: index derived from input data is checked neither against 0 nor against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-4]]:3: note: value received by 'read' here
}

void std_functions(int fd) {
  char text[8];
  read(fd, text, sizeof text);
  int i = std::atoi(text);
  table[i] = 0;
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: index derived from input data is checked neither against 0 nor against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-4]]:3: note: value received by 'read' here
  // CHECK-NOTES: :[[@LINE-4]]:11: note: value passed through 'atoi' here
  unsigned u = static_cast<unsigned>(i);
  table[std::min(u, 15u)] = 0; // no-warning, clamped by std::min
}

template <class T> void store(T idx) {
  table[idx] = 1;
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: index derived from input data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE+5]]:3: note: value received by 'read' here
  // CHECK-NOTES: :[[@LINE+5]]:9: note: passed to 'store' as 'idx' here
}
void from_template(int fd) {
  unsigned short s;
  read(fd, &s, sizeof s);
  store(s);
}

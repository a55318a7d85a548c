// RUN: %check_medsec %s medsec-tainted-format-string %t -- -std=c++17

typedef __SIZE_TYPE__ size_t;
extern "C" {
long recv(int s, void *buf, size_t n, int flags);
int printf(const char *fmt, ...);
}
namespace std { using ::printf; }

class Logger {
public:
  void log(const char *fmt, ...) __attribute__((format(printf, 2, 3)));
};

void report(int s, Logger &l) {
  char msg[32];
  recv(s, msg, sizeof msg, 0);
  std::printf(msg);
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: format string of 'printf' is derived from received data; use a constant format such as "%s" and pass the data as an argument
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'recv' here
  std::printf("%s", msg); // no-warning
  l.log(msg);
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: format string of '' is derived from received data; use a constant format such as "%s" and pass the data as an argument
  // CHECK-NOTES: :[[@LINE-7]]:3: note: value received by 'recv' here
}

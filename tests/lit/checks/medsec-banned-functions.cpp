// RUN: %check_medsec %s medsec-banned-functions %t -- -std=c++17

// Mocked <cstring>/<cstdio>: C declarations made visible in std.
typedef __SIZE_TYPE__ size_t;
extern "C" {
char *strcpy(char *dst, const char *src);
int sprintf(char *dst, const char *fmt, ...);
int snprintf(char *dst, size_t n, const char *fmt, ...);
int system(const char *cmd);
}
namespace std {
using ::strcpy;
using ::sprintf;
using ::snprintf;
}

extern const char *input;

void qualified(char *out) {
  char buf[16];
  std::strcpy(buf, input);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'strcpy' does not bound the copy
  // CHECK-FIXES: {{^}}  std::strcpy(buf, input);{{$}}
  ::strcpy(out, input);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'strcpy' does not bound the copy
  std::sprintf(buf, "%d", 1); // no-warning: at most 12 bytes into 16
  auto fn = &std::sprintf;
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'sprintf' does not bound the output to the destination size (its address is taken, so calls through it cannot be checked)
  (void)fn;
}

template <typename T> void generic(T *dst, const T *src) {
  strcpy(dst, src);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'strcpy' does not bound the copy
}
template void generic<char>(char *, const char *);

// Look-alikes: project functions and methods that share a libc name.
namespace fw {
int system(const char *command);
struct Logger {
  int sprintf(const char *fmt, ...);
};
} // namespace fw
char *strcpy(char *dst, const char *src, size_t n); // a C++ overload, not libc's

void lookalikes(fw::Logger &log, char *d) {
  fw::system("status");    // no-warning: fw::system is not libc's
  log.sprintf("%s", input); // no-warning: a method
  strcpy(d, input, 8);      // no-warning: C++ overload with C++ linkage
}

// RUN: %check_medsec %s medsec-banned-functions %t -- -std=c11 -isystem %inputs/sys

// Declarations are mocked here so the test does not depend on the host libc.
typedef __SIZE_TYPE__ size_t;
typedef __builtin_va_list va_list;
typedef struct FILE FILE;
char *strcpy(char *dst, const char *src);
char *strcat(char *dst, const char *src);
char *strncpy(char *dst, const char *src, size_t n);
int sprintf(char *dst, const char *fmt, ...);
int snprintf(char *dst, size_t n, const char *fmt, ...);
int vsprintf(char *dst, const char *fmt, va_list ap);
int vsnprintf(char *dst, size_t n, const char *fmt, va_list ap);
int sscanf(const char *src, const char *fmt, ...);
int fscanf(FILE *f, const char *fmt, ...);
char *gets(char *s);
char *fgets(char *s, int n, FILE *f);
int system(const char *cmd);
FILE *popen(const char *cmd, const char *mode);
char *tmpnam(char *s);
char *mktemp(char *tmpl);
int access(const char *path, int mode);
#include <alloca.h> // a system header's macro: reported where it is used

extern const char *input;
extern FILE *uart;

void copies(char *out) {
  char name[16];
  strcpy(name, input);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'strcpy' does not bound the copy to the destination size; use strlcpy or snprintf with the destination size [medsec-banned-functions]
  // CHECK-FIXES: {{^}}  snprintf(name, sizeof(name), "%s", input);{{$}}
  strcpy(out, input);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'strcpy' does not bound
  // CHECK-FIXES: {{^}}  strcpy(out, input);{{$}}
  char *end = strcat(name, "x");
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'strcat' does not bound the concatenation
  (void)end;
  strncpy(name, input, sizeof name - 1); // no-warning: bounded
  snprintf(name, sizeof name, "%s", input); // no-warning
}

// A reference is as dangerous as a call: the pointer is called later.
typedef char *(*copy_fn)(char *, const char *);
copy_fn pick(void) {
  return strcat;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'strcat' does not bound
}

// A macro that hides the call is reported at each use, where the call is
// written (medsec-banned-functions-macros.c checks the note at the #define).
#define COPY_NAME(d, s) strcpy(d, s)
//
#define PASS(x) x
void macros(char *a, char *b) {
  COPY_NAME(a, input);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'strcpy' does not bound
  COPY_NAME(b, input);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'strcpy' does not bound
  PASS(strcpy(a, b));
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'strcpy' does not bound
}

void formatting(char *out, const char *fmt, unsigned v, unsigned char c) {
  char small[8];
  char line[32];
  sprintf(line, "v%u.%u", v, v);          // no-warning: at most 23 bytes
  sprintf(small, "%hhu", c);              // no-warning: at most 4 bytes
  sprintf(line, "%.8s-%04x", input, v);   // no-warning: precision bounds %s
  sprintf(small, "%u", v);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sprintf' does not bound the output to the destination size (the output can be 11 bytes, the destination holds 8); use snprintf with the destination size
  // CHECK-FIXES: {{^}}  snprintf(small, sizeof(small), "%u", v);{{$}}
  sprintf(line, "id=%s", input);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sprintf' does not bound the output to the destination size (conversion '%s' has no bounded length)
  // CHECK-FIXES: {{^}}  snprintf(line, sizeof(line), "id=%s", input);{{$}}
  sprintf(out, "%u", v);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sprintf' does not bound the output to the destination size (the output can be 11 bytes and the destination size is unknown)
  sprintf(line, fmt, v);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sprintf' does not bound the output to the destination size (the format is not a string literal)
  sprintf(line, "%*u", (int)v, v);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sprintf' does not bound the output to the destination size (conversion '%*u' has no bounded length)
  sprintf(line, "%f", 1.0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sprintf' does not bound the output to the destination size (conversion '%f' has no bounded length)
  snprintf(small, sizeof small, "%s", input); // no-warning
}

void vformat(va_list ap) {
  char line[64];
  vsprintf(line, "%d", ap);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'vsprintf' does not bound the output
  // CHECK-FIXES: {{^}}  vsnprintf(line, sizeof(line), "%d", ap);{{$}}
  vsnprintf(line, sizeof line, "%d", ap); // no-warning
}

void scanning(const char *fmt) {
  char word[16];
  int n;
  char *heap;
  sscanf(input, "%s", word);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sscanf' can write past the destination when a %s or %[ conversion has no field width (conversion '%s' has no field width)
  sscanf(input, "cmd=%[^,]", word);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sscanf' can write past the destination when a %s or %[ conversion has no field width (conversion '%[' has no field width)
  fscanf(uart, "%d %s", &n, word);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fscanf' can write past
  sscanf(input, fmt, word);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sscanf' can write past the destination when a %s or %[ conversion has no field width (the format is not a string literal, so its conversions cannot be checked)
  sscanf(input, "%15s", word);      // no-warning: width
  sscanf(input, "%d", &n);          // no-warning: no string conversion
  sscanf(input, "%*s %15[^,]", word); // no-warning: '*' assigns nothing
  sscanf(input, "%ms", &heap);      // no-warning: allocates
}

void shell_and_files(char *buf, int fd) {
  system("reboot");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'system' passes its argument to a command shell
  popen(buf, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'popen' passes
  gets(buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'gets' cannot limit the input to the size of the buffer; use fgets with the buffer size
  fgets(buf, 16, uart); // no-warning
  tmpnam(buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'tmpnam'
  mktemp(buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mktemp'
  if (access(buf, 0) == 0) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'access'
  void *p = alloca(32);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'alloca' allocates on the stack
  (void)p;
  (void)fd;
}

// Look-alikes: a member called 'system', a local variable named like a
// libc function and a project function that only shares a prefix.
struct ops {
  int (*system)(const char *);
};
static int strcpy_count;
static void copy_bounded(char *d, const char *s, size_t n) { strncpy(d, s, n); }
void lookalikes(struct ops *o, char *d) {
  o->system("status");       // no-warning: a member, not libc's system
  strcpy_count++;            // no-warning
  copy_bounded(d, input, 8); // no-warning
}

// RUN: %check_medsec %s medsec-banned-functions %t -- -std=c11

// Calls through macro aliases are reported where the call is written, with a
// note at the macro definition; a macro that is never expanded is no finding.
typedef __SIZE_TYPE__ size_t;
char *mktemp(char *tmpl);
char *strcpy(char *d, const char *s);
int mkstemp(char *tmpl);

#define MKTEMP mktemp
#define SAFE_TEMP mkstemp
#define UNUSED_COPY strcpy
#define COPY_TO(d, s) strcpy(d, s)

void aliases(char *tmpl, char *dst, const char *src) {
  char *f = MKTEMP(tmpl);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: 'mktemp' returns a file name that another process can create first
  // CHECK-NOTES: :[[@LINE-8]]:16: note: 'mktemp' is written in the macro 'MKTEMP' defined here
  f = MKTEMP(tmpl);
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'mktemp' returns a file name that another process can create first
  // CHECK-NOTES: :[[@LINE-11]]:16: note: 'mktemp' is written in the macro 'MKTEMP' defined here
  COPY_TO(dst, src);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'strcpy' does not bound the copy
  // CHECK-NOTES: :[[@LINE-11]]:23: note: 'strcpy' is written in the macro 'COPY_TO' defined here
  (void)SAFE_TEMP(tmpl); // no-warning: mkstemp is the safe replacement
  (void)f;
}

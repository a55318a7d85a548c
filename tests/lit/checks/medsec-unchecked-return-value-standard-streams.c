// RUN: %check_medsec %s medsec-unchecked-return-value %t -- -std=c11

// One rule for every write to the console streams: a discarded result of
// puts, putchar, printf, vprintf, or of fputs/fputc/putc/fflush on stdout or
// stderr is not reported; the same calls on a file are.
typedef struct FILE FILE;
typedef __builtin_va_list va_list;
extern FILE *stdout;
extern FILE *stderr;
#define stdout stdout
int puts(const char *s);
int putchar(int c);
int printf(const char *fmt, ...);
int vprintf(const char *fmt, va_list ap);
int fputs(const char *s, FILE *f);
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int fflush(FILE *f);

void console(const char *msg, va_list ap) {
  puts(msg);                 // no-warning
  putchar('\n');             // no-warning
  printf("%s\n", msg);       // no-warning
  vprintf(msg, ap);          // no-warning
  fputs(msg, stderr);        // no-warning
  fputc('x', stdout);        // no-warning: through the stdout macro
  putc('y', stderr);         // no-warning
  fflush(stdout);            // no-warning
}

void files(FILE *log, const char *msg) {
  fputs(msg, log);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'fputs' is discarded
  putc('z', log);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'putc' is discarded
  fflush(log);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'fflush' is discarded
  if (puts(msg) == 0)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the result of 'puts' is tested the wrong way
    return;
}

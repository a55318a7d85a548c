// RUN: %check_medsec %s medsec-tainted-format-string %t -- -std=c11

typedef __SIZE_TYPE__ size_t;
typedef long ssize_t;
typedef __builtin_va_list va_list;
typedef struct FILE FILE;
extern FILE *stdin;
extern FILE *stdout;
ssize_t recv(int s, void *buf, size_t n, int flags);
char *fgets(char *s, int n, FILE *f);
char *getenv(const char *name);
char *strncat(char *d, const char *s, size_t n);
size_t strlen(const char *s);
int printf(const char *fmt, ...);
int fprintf(FILE *f, const char *fmt, ...);
int snprintf(char *d, size_t n, const char *fmt, ...);
int vfprintf(FILE *f, const char *fmt, va_list ap);
void syslog(int pri, const char *fmt, ...);
// A project logger: recognised by its format attribute.
void app_log(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int is_safe_text(const char *s);

void console(void) {
  char data[100] = "";
  fgets(data, sizeof data, stdin);
  printf(data);
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: format string of 'printf' is derived from input data; use a constant format such as "%s" and pass the data as an argument
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'fgets' here
  printf("%s\n", data); // no-warning
  fprintf(stdout, data);
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: format string of 'fprintf' is derived from input data; use a constant format such as "%s" and pass the data as an argument
  // CHECK-NOTES: :[[@LINE-7]]:3: note: value received by 'fgets' here
  char out[100];
  snprintf(out, sizeof out, data);
  // CHECK-NOTES: :[[@LINE-1]]:29: warning: format string of 'snprintf' is derived from input data; use a constant format such as "%s" and pass the data as an argument
  // CHECK-NOTES: :[[@LINE-11]]:3: note: value received by 'fgets' here
  app_log(1, data);
  // CHECK-NOTES: :[[@LINE-1]]:14: warning: format string of 'app_log' is derived from input data; use a constant format such as "%s" and pass the data as an argument
  // CHECK-NOTES: :[[@LINE-14]]:3: note: value received by 'fgets' here
  app_log(1, "%s", data); // no-warning
}

void environment(void) {
  char data[100] = "fixed ";
  size_t len = strlen(data);
  const char *env = getenv("ADD");
  if (env)
    strncat(data + len, env, 100 - len - 1);
  syslog(3, data);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: format string of 'syslog' is derived from the environment; use a constant format such as "%s" and pass the data as an argument
  // CHECK-NOTES: :[[@LINE-5]]:21: note: value read from the environment by 'getenv' here
  // CHECK-NOTES: :[[@LINE-4]]:5: note: value passed through 'strncat' here
}

void fixed(void) {
  char data[100] = "fixedstringtest";
  printf(data); // no-warning, not external
}

static void log_va(const char *fmt, ...) {
  va_list ap;
  __builtin_va_start(ap, fmt);
  vfprintf(stdout, fmt, ap);
  // CHECK-NOTES: :[[@LINE-1]]:20: warning: format string of 'vfprintf' is derived from received data; use a constant format such as "%s" and pass the data as an argument
  // CHECK-NOTES: :[[@LINE+7]]:15: note: value received by 'recv' here
  // CHECK-NOTES: :[[@LINE+10]]:10: note: passed to 'log_va' as 'fmt' here
  __builtin_va_end(ap);
}

void network(int s) {
  char data[64];
  ssize_t n = recv(s, data, sizeof data - 1, 0);
  if (n <= 0)
    return;
  data[n] = 0;
  log_va(data);
  log_va("%s", data); // no-warning
}

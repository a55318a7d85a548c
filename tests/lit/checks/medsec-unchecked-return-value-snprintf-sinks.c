// A discarded snprintf result matters where the truncated text is a path, a
// command or a key: it names another file, runs another command, or is
// another secret (catalogue list truncation-sinks).
// RUN: %check_medsec %s medsec-unchecked-return-value %t -- -std=c11

typedef __SIZE_TYPE__ size_t;
typedef struct FILE FILE;
#define NULL ((void *)0)
int snprintf(char *d, size_t n, const char *fmt, ...);
FILE *fopen(const char *path, const char *mode);
int system(const char *cmd);
int rename(const char *from, const char *to);
void log_text(const char *s);

int save_signature(const char *path, const unsigned char *sig) {
  char name[32];
  snprintf(name, sizeof name, "%s.sig", path);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'snprintf' is discarded, but its output is used as a path by 'fopen' on line [[@LINE+2]]: a truncated path names another file; compare the result with the size and fail [medsec-unchecked-return-value]
  log_text(name);
  if (fopen(name, "wb") == NULL)
    return -1;
  char label[16];
  snprintf(label, sizeof label, "sig %s", path);  // no-warning: a label, truncation shortens it
  log_text(label);
  char checked[32];
  int n = snprintf(checked, sizeof checked, "%s.bak", path);
  if (n < 0 || (size_t)n >= sizeof checked)       // no-warning: the result is compared
    return -1;
  if (rename(name, checked) != 0)
    return -1;
  char cmd[64];
  (void)snprintf(cmd, sizeof cmd, "sync %s", path);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: the result of 'snprintf' is cast to void, but its output is used as a command by 'system' on line [[@LINE+1]]: a truncated command runs another command
  return system(cmd);
}

int before_use(const char *path) {
  char name[32];
  if (fopen(path, "r") == NULL)                    // the sink comes before the snprintf
    return -1;
  snprintf(name, sizeof name, "%s.old", path);    // no-warning
  log_text(name);
  return 0;
}

// RUN: %check_medsec %s medsec-tainted-command %t -- -std=c11

typedef __SIZE_TYPE__ size_t;
typedef long ssize_t;
typedef struct FILE FILE;
extern FILE *stdin;
ssize_t read(int fd, void *buf, size_t n);
char *fgets(char *s, int n, FILE *f);
char *getenv(const char *name);
char *strcat(char *d, const char *s);
char *strncat(char *d, const char *s, size_t n);
int system(const char *cmd);
FILE *popen(const char *cmd, const char *mode);
int execl(const char *path, const char *arg, ...);
int execv(const char *path, char *const argv[]);
int is_allowed_command(const char *cmd);

void shell(void) {
  char cmd[64] = "ls ";
  fgets(cmd + 3, sizeof cmd - 3, stdin);
  system(cmd);
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: command passed to 'system' is derived from input data; check it against an allow-list of fixed commands or avoid the shell
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'fgets' here
  popen(cmd, "r");
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: command passed to 'popen' is derived from input data; check it against an allow-list of fixed commands or avoid the shell
  // CHECK-NOTES: :[[@LINE-6]]:3: note: value received by 'fgets' here
  if (is_allowed_command(cmd))
    system(cmd);
    // CHECK-NOTES: :[[@LINE-1]]:12: warning: command passed to 'system' is derived from input data; check it against an allow-list of fixed commands or avoid the shell
    // CHECK-NOTES: :[[@LINE-10]]:3: note: value received by 'fgets' here
}

void exec_args(void) {
  const char *dir = getenv("DIR");
  execl("/bin/ls", "ls", dir, (char *)0);
  // CHECK-NOTES: :[[@LINE-1]]:26: warning: command passed to 'execl' is derived from the environment; check it against an allow-list of fixed commands or avoid the shell
  // CHECK-NOTES: :[[@LINE-3]]:21: note: value read from the environment by 'getenv' here
  execl("/bin/ls", "ls", "-l", (char *)0); // no-warning
}

void fixed(void) {
  char cmd[64] = "ls ";
  strcat(cmd, "*.log");
  system(cmd); // no-warning
}

static void run(const char *c) {
  system(c);
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: command passed to 'system' is derived from input data; check it against an allow-list of fixed commands or avoid the shell
  // CHECK-NOTES: :[[@LINE+5]]:3: note: value received by 'read' here
  // CHECK-NOTES: :[[@LINE+5]]:7: note: passed to 'run' as 'c' here
}
void remote(int fd) {
  char c[32];
  read(fd, c, sizeof c);
  run(c);
  run("reboot"); // no-warning
}

int main(int argc, char **argv) {
  char *args[] = {argv[1], 0};
  execv(argv[1], args);
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: command passed to 'execv' is derived from command-line arguments; check it against an allow-list of fixed commands or avoid the shell
  // CHECK-NOTES: :[[@LINE-4]]:27: note: value received as parameter 'argv' of 'main' here
  return 0;
}

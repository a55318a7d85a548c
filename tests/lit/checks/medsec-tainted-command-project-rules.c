// A project's shell helper is a sink and its allow-list check a validator.
// RUN: %check_medsec %s medsec-tainted-command %t --config "{CheckOptions: {medsec.ProjectRules: '%inputs/taint-project-rules.yaml'}}" -- -std=c11

typedef __SIZE_TYPE__ size_t;
long read(int fd, void *buf, size_t n);
int system(const char *cmd);
int shell_exec(const char *cmd);
int is_allowed_command(const char *cmd);

void remote(int fd) {
  char cmd[32];
  read(fd, cmd, sizeof cmd);
  shell_exec(cmd);
  // CHECK-NOTES: :[[@LINE-1]]:14: warning: command passed to 'shell_exec' is derived from input data; check it against an allow-list of fixed commands or avoid the shell
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'read' here
  if (is_allowed_command(cmd))
    system(cmd); // no-warning, validated by the project's allow-list
}

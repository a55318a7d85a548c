// A project's .medsec.yaml adds its own banned wrapper and switches an entry off.
// RUN: %check_medsec %s medsec-banned-functions %t --config "{CheckOptions: {medsec.ProjectRules: '%inputs/project-rules.yaml'}}" -- -std=c11

char *legacy_copy(char *dst, const char *src);
int system(const char *cmd);
char *tmpnam(char *s);

void run(char *d, const char *s) {
  legacy_copy(d, s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'legacy_copy' copies until NUL without a destination size; use bsp_copy_bounded [medsec-banned-functions]
  tmpnam(d); // no-warning: switched off by the project (deviation DEV-0042)
  system("reset");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'system' passes its argument to a command shell
}

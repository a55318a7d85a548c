// RUN: %check_medsec %s medsec-tainted-command %t -- -std=c++17

typedef __SIZE_TYPE__ size_t;
extern "C" {
char *getenv(const char *name);
int system(const char *cmd);
}
namespace std { using ::getenv; using ::system; }

struct Job {
  const char *command;
};

void run_job() {
  Job j{std::getenv("JOB")};
  std::system(j.command);
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: command passed to 'system' is derived from the environment; check it against an allow-list of fixed commands or avoid the shell
  // CHECK-NOTES: :[[@LINE-3]]:9: note: value read from the environment by 'getenv' here
  Job k{"sync"};
  std::system(k.command); // no-warning
}

#include "config.h"

static const char *admin_pw = "hunter2";

void setup(char *path, const char *suffix) {
  apply(admin_pw);
  strcat(path, suffix);
}

// RUN: %check_medsec --config "{HeaderFilterRegex: '.*'}" %s medsec-debug-backdoor %t -- -std=c11 -I %inputs/debug

// A debug switch defined in a project header is reported at its #define.
#include "build_config.h"
// CHECK-MESSAGES: build_config.h:3:9: warning: 'ENABLE_SWD' (keeps the SWD port enabled) is defined in this configuration; set it to 0 or remove it for release builds [medsec-debug-backdoor]

#if ENABLE_TEST_HOOKS // no-warning: defined as 0 and only tested with #if
void test_hook(void);
#endif

int product_id(void) { return sizeof PRODUCT_NAME; }

// RUN: %check_medsec %s medsec-hardcoded-credentials %t -- -std=c11

// Credentials in aggregate initialisers: positional, designated, arrays of
// structs; beside fields that only talk about the credential.
struct login { const char *user; const char *password; };
static const struct login factory = {"service", "pump2019"};
// CHECK-MESSAGES: :[[@LINE-1]]:49: warning: 'password' holds a hard-coded password

struct account { const char *name; const char *pin; int retries; };
static const struct account accounts[] = {
    {"nurse", "4711", 3},
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'pin' holds a hard-coded PIN
    {.name = "tech", .pin = "0815", .retries = 5},
    // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'pin' holds a hard-coded PIN
    {"guest", "", 0}, // no-warning: empty, set at first use
};

struct service { const char *user; const char *passwd; const char *secret; };
struct service svc = {.user = "admin", .passwd = "Adm1n!pw", .secret = 0};
// CHECK-MESSAGES: :[[@LINE-1]]:50: warning: 'passwd' holds a hard-coded password

struct api { const char *token; const char *key; };
struct api cloud = {"Zq81vXk2LpR7mWc4Tn0s", "short"};
// CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'token' holds a hard-coded token
struct api lookalike_api = {"abc", "short"}; // no-warning: neither value looks like a token or key

struct prompts { const char *password_prompt; const char *pin_hint; int password_len; };
static const struct prompts ui = {"Enter password:", "4 digits", 8}; // no-warning: about the password

struct gpio { int pin; int port; };
static const struct gpio led = {13, 2}; // no-warning: a hardware pin

struct login runtime_login(const char *typed) {
  struct login l = {"service", typed}; // no-warning: entered at run time
  return l;
}

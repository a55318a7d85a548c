// RUN: %check_medsec %s medsec-tainted-array-index %t -- -std=c11
// A callee that checks the length it hands back before it returns "success"
// (mbedtls_asn1_get_len's pattern): a caller that tests the result keeps the
// bound; one that ignores the result, tests it for one error only, or calls a
// callee that also succeeds unchecked, does not.
typedef __SIZE_TYPE__ size_t;
typedef long ssize_t;
ssize_t recv(int, void *, size_t, int);
static unsigned char table[64];

static int read_len(int s, size_t *len) {
  unsigned char hdr[2];
  if (recv(s, hdr, sizeof hdr, 0) != 2)
    return -1;
  *len = (size_t)hdr[0] << 8 | hdr[1];
  if (*len >= sizeof table)
    return -2;
  return 0;
}

// Returns the inner call's status: its cases pass through.
static int read_tagged(int s, size_t *len) { return read_len(s, len); }

int status_tested(int s) {
  size_t len;
  int ret;
  if ((ret = read_tagged(s, &len)) != 0)
    return ret;
  return table[len]; // no-warning
}

int status_tested_later(int s) {
  size_t len;
  int ret = read_len(s, &len);
  if (ret)
    return ret;
  return table[len]; // no-warning
}

int status_negative(int s) {
  size_t len;
  if (read_len(s, &len) < 0)
    return -1;
  return table[len]; // no-warning
}

int status_ignored(int s) {
  size_t len = 0;
  read_len(s, &len);
  return table[len];
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: index derived from received data is not checked against the array bound (64); reject values outside [0, 64) before the access
  // CHECK-NOTES: :[[@LINE-39]]:7: note: value received by 'recv' here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: value received through 'read_len' here
}

// The one error whose path did not check the length.
int status_wrong_error(int s) {
  size_t len;
  if (read_len(s, &len) == -2)
    return table[len];
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: index derived from received data is not checked against the array bound (64); reject values outside [0, 64) before the access
  // CHECK-NOTES: :[[@LINE-49]]:7: note: value received by 'recv' here
  // CHECK-NOTES: :[[@LINE-4]]:7: note: value received through 'read_len' here
  return 0;
}

// Overwritten after the call: the test says nothing of the new value.
int status_overwritten(int s) {
  size_t len;
  unsigned char b;
  int ret = read_len(s, &len);
  recv(s, &b, 1, 0);
  len = b;
  if (ret != 0)
    return ret;
  return table[len * 2];
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: index derived from received data is not checked against the array bound (64); reject values outside [0, 64) before the access
  // CHECK-NOTES: :[[@LINE-6]]:3: note: value received by 'recv' here
}

// Succeeds on one path without the check: testing the result is not enough.
static int read_len_one_path(int s, size_t *len, int trusted) {
  unsigned char hdr[2];
  if (recv(s, hdr, sizeof hdr, 0) != 2)
    return -1;
  *len = hdr[0];
  if (trusted)
    return 0;
  if (*len >= sizeof table)
    return -2;
  return 0;
}

int callee_checks_one_path(int s) {
  size_t len;
  if (read_len_one_path(s, &len, s & 1) != 0)
    return -1;
  return table[len];
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: index derived from received data is not checked against the array bound (64); reject values outside [0, 64) before the access
  // CHECK-NOTES: :[[@LINE-16]]:7: note: value received by 'recv' here
  // CHECK-NOTES: :[[@LINE-5]]:7: note: value received through 'read_len_one_path' here
}

// A status kept on one path only: after the join the test is of another value.
int status_on_one_path(int s, int fast) {
  size_t len;
  int ret = 0;
  if (fast)
    ret = read_len(s, &len);
  else
    len = table[0] + 100u;
  if (ret != 0)
    return ret;
  return table[len];
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: index derived from received data is not checked against the array bound (64); reject values outside [0, 64) before the access
  // CHECK-NOTES: :[[@LINE-103]]:7: note: value received by 'recv' here
  // CHECK-NOTES: :[[@LINE-8]]:11: note: value received through 'read_len' here
}

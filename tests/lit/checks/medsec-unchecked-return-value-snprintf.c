// snprintf returns the length the output would have had: reported only where
// truncation matters, when that length is used as a length or offset before a
// check against the buffer size (CWE-787). A discarded result is silent.
// RUN: %check_medsec %s medsec-unchecked-return-value %t -- -std=c11

typedef __SIZE_TYPE__ size_t;
typedef __builtin_va_list va_list;
int snprintf(char *d, size_t n, const char *fmt, ...);
int vsnprintf(char *d, size_t n, const char *fmt, va_list ap);
size_t strlcpy(char *d, const char *s, size_t n);
size_t strlcat(char *d, const char *s, size_t n);
void uart_write(const char *p, size_t n);
void *memcpy(void *d, const void *s, size_t n);

void log_line(char *buf, size_t size, int value, const char *name) {
  snprintf(buf, size, "value=%d", value);        // no-warning: truncation only shortens the text
  (void)snprintf(buf, size, "%s", name);          // no-warning
  char line[64];
  snprintf(line, sizeof line, "%s=%d", name, value); // no-warning
}

void offsets(char *buf, size_t size, const char **names, int n) {
  char *p = buf, *end = buf + size;
  for (int i = 0; i < n; i++)
    p += snprintf(p, end - p, "%s,", names[i]);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: the result of 'snprintf' is used as a length or offset before any check against the buffer size: on truncation it is the length the output would have had, past the end of the buffer; compare it with the size first [medsec-unchecked-return-value]
  size_t used = 0;
  used += snprintf(buf + used, size - used, "a");
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: the result of 'snprintf' is used as a length or offset before any check
  used += strlcpy(buf + used, names[0], size - used);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: the result of 'strlcpy' is used as a length or offset before any check
  uart_write(buf, snprintf(buf, size, "%d", n));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: the result of 'snprintf' is used as a length or offset before any check
}

int stored(char *buf, size_t size, char *out, const char *name) {
  int len = snprintf(buf, size, "name=%s", name);
  if (len < 0)                                    // an encoding error, not the size
    return -1;
  memcpy(out, buf, len);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: the result of 'snprintf' stored in 'len' is used as a length or offset before any check
  int n = snprintf(buf, size, "%s", name);
  if (n < 0 || (size_t)n >= size)                 // no-warning: checked against the size
    return -1;
  uart_write(buf, (size_t)n);
  size_t k = strlcat(buf, name, size);
  if (k >= size)                                  // no-warning
    return -1;
  int m = snprintf(buf, size, "%s", name);
  return m;                                       // no-warning: the caller gets the length
}

// mbedTLS's idiom: the macro tests the length against the room left, then advances.
#define SAFE_SNPRINTF                                                                              \
  do {                                                                                             \
    if (ret < 0 || (size_t)ret >= n)                                                               \
      return -1;                                                                                   \
    n -= (size_t)ret;                                                                              \
    p += (size_t)ret;                                                                              \
  } while (0)
#define ADVANCE                                                                                    \
  do {                                                                                             \
    n -= (size_t)ret;                                                                              \
    p += (size_t)ret;                                                                              \
  } while (0)

int info(char *buf, size_t size, const char *prefix) {
  char *p = buf;
  size_t n = size;
  int ret = snprintf(p, n, "%scert. version     : %d\n", prefix, 3);
  SAFE_SNPRINTF;                                  // no-warning
  ret = snprintf(p, n, "%sserial number     : ", prefix);
  ADVANCE;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'snprintf' stored in 'ret' is used as a length or offset before any check
  return (int)(size - n);
}

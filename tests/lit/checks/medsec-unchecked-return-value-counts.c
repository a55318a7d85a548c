// Counts compared with 0: fread/fwrite return the number of items done, and a
// short count (end of file or an error part-way) is not 0 (CWE-253).
// RUN: %check_medsec %s medsec-unchecked-return-value %t -- -std=c11

typedef __SIZE_TYPE__ size_t;
typedef long ssize_t;
typedef struct FILE FILE;
size_t fread(void *p, size_t size, size_t n, FILE *f);
size_t fwrite(const void *p, size_t size, size_t n, FILE *f);
ssize_t read(int fd, void *buf, size_t n);
void parse(const unsigned char *p, size_t n);
struct record { unsigned id; unsigned char payload[28]; };

int load_image(FILE *f, unsigned char *buf, size_t len) {
  if (fread(buf, 1, len, f) == 0)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the result of 'fread' is tested the wrong way: the failure value a short count takes the same branch as the success value the count requested; its convention: compare the count with the number of items requested [medsec-unchecked-return-value]
    return -1;
  if (!fread(buf, 1, 64, f))
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: the result of 'fread' is tested the wrong way: the failure value 63 (a short count) takes the same branch as the success value 64 (the count requested)
    return -1;
  if (fread(buf, 1, len, f) != len)                 // no-warning: compared with the request
    return -1;
  if (fread(buf, 1, 64, f) < 64)                    // no-warning
    return -1;
  struct record r;
  if (fread(&r, sizeof r, 1, f) == 0)               // no-warning: one item, 0 or 1
    return -1;
  if (!fread(&r, sizeof r, 1, f))                   // no-warning
    return -1;
  if (fwrite(buf, 1, len, f) == 0)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the result of 'fwrite' is tested the wrong way: the failure value a short count takes the same branch
    return -1;
  if (fwrite(buf, 1, len, f) != len)                // no-warning
    return -1;
  return 0;
}

int stored_counts(FILE *f, FILE *out, unsigned char *buf, size_t len) {
  size_t n = fread(buf, 1, len, f);
  if (n == 0)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the result of 'fread' stored in 'n' is tested the wrong way: the failure value a short count takes the same branch
    return -1;
  parse(buf, len);                                  // the whole buffer, whatever was read
  size_t got = fread(buf, 1, len, f);
  if (got == 0)                                     // no-warning: the count is used below
    return -1;
  parse(buf, got);
  size_t chunk;
  while ((chunk = fread(buf, 1, sizeof(struct record), f)) > 0) // no-warning: the count is used
    if (fwrite(buf, 1, chunk, out) != chunk)
      return -1;
  while (fread(buf, 1, 16, f) > 0)
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: the result of 'fread' is tested the wrong way: the failure value 15 (a short count) takes the same branch as the success value 16 (the count requested)
    parse(buf, 16);
  return 0;
}

// read(2): 0 is the end of the file and a short count is data to use, not a
// failure (pipes, sockets, terminals): comparing with 0 is the loop's test.
int drain(int fd, unsigned char *buf, size_t len) {
  ssize_t n;
  while ((n = read(fd, buf, len)) > 0)              // no-warning
    parse(buf, (size_t)n);
  if (read(fd, buf, len) <= 0)                      // no-warning: end of file or an error
    return 0;
  return n < 0 ? -1 : 0;
}

// RUN: %check_medsec %s medsec-tainted-array-index %t -- -std=c11
// A string's length is at most its buffer's size minus one, and a pointer may
// point one past the end; an unchecked number may not.
typedef __SIZE_TYPE__ size_t;
typedef struct FILE FILE;
char *fgets(char *s, int n, FILE *f);
size_t strlen(const char *s);
int atoi(const char *s);

int last_char(FILE *f) {
  char s[64];
  if (fgets(s, sizeof s, f) == 0)
    return -1;
  size_t n = strlen(s);
  char *end = s + n;   // no-warning: at most one past the end
  char t = s[n];       // no-warning: the terminator
  int k = atoi(s);
  char *p = s + k;
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: index derived from input data is checked neither against 0 nor against the array bound (64); reject values outside [0, 64) before the access
  // CHECK-NOTES: :[[@LINE-8]]:7: note: value received by 'fgets' here
  // CHECK-NOTES: :[[@LINE-4]]:11: note: value passed through 'atoi' here
  return *end + t + *p;
}

// RUN: %check_medsec %s medsec-tainted-loop-bound %t -- -std=c11
// Loops that end with the input (EOF, a token walk) are not counting loops; one
// that counts an external value down to zero is.
typedef struct FILE FILE;
extern FILE *stdin;
int fgetc(FILE *f);
char *getenv(const char *name);
char *strchr(const char *s, int c);
int atoi(const char *s);
extern void step(int i);
#define EOF (-1)
#define NULL ((void *)0)

unsigned count_letters(FILE *f) {
  unsigned letters = 0;
  int c = 0;
  while (c != EOF) { // no-warning: ends with the input, not a count
    c = fgetc(f);
    if (c >= 'a' && c <= 'z')
      letters++;
  }
  return letters;
}
int walk_tokens(void) {
  char *q = getenv("USAGE");
  int n = 0;
  while (q != NULL) { // no-warning: a token walk over the string
    char *r = strchr(q, ',');
    if (r != NULL)
      *r++ = '\0';
    n++;
    q = r;
  }
  return n;
}
void count_down(void) {
  int n = atoi(getenv("REPEAT"));
  while (n != 0) {
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: loop bound derived from the environment has no upper limit; check it against a maximum before the loop
  // CHECK-NOTES: :[[@LINE-3]]:16: note: value read from the environment by 'getenv' here
  // CHECK-NOTES: :[[@LINE-4]]:11: note: value passed through 'atoi' here
    step(n);
    n--;
  }
  int m = atoi(getenv("REPEAT"));
  if (m < 0 || m > 100)
    return;
  while (m != 0) { // no-warning: bounded
    step(m);
    m--;
  }
}

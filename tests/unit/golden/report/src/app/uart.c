#include <string.h>
#include <stdio.h>
void handle(char *dst, const char *frame) {
  char name[16];
  strcpy(name, frame);
  (void)dst;
}
void fmt(char *out, int v) {
  sprintf(out, "%d", v);
}
void read_line(char *b) {
  gets(b);
}

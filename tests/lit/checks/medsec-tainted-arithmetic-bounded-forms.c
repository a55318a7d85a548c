// RUN: %check_medsec %s medsec-tainted-arithmetic %t -- -std=c11
// Forms whose result cannot wrap: a quotient plus a remainder flag, a shift of a
// checked value; their look-alikes without the check wrap.
typedef __SIZE_TYPE__ size_t;
typedef struct FILE FILE;
char *fgets(char *s, int n, FILE *f);
size_t strlen(const char *s);
unsigned long strtoul(const char *s, char **end, int base);
extern void use(size_t v);
static char slots[64];
static void at(size_t i) { slots[i] = 1; } // a wrapped value used as an index is reported
#define DIV_ROUND_UP(x, k) ((x) / (k) + ((x) % (k) != 0))

void limbs(FILE *f) {
  char line[128];
  if (fgets(line, sizeof line, f) == 0)
    return;
  size_t bits = strtoul(line, 0, 10);
  size_t a = DIV_ROUND_UP(bits, 64); // no-warning: bits / 64 + 1 fits
  size_t b = bits + 63;
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: the addition on a value derived from input data can wrap around 'size_t'; check the operand's range before the operation
  // CHECK-NOTES: :[[@LINE-6]]:7: note: value received by 'fgets' here
  // CHECK-NOTES: :[[@LINE-5]]:17: note: value passed through 'strtoul' here
  if (bits > ((size_t)-1 >> 2))
    return;
  size_t c = (bits << 2) + 1; // no-warning: bits <= SIZE_MAX / 4
  use(a);
  at(b);
  at(c);
}
// The unsigned wrap check right after the addition (r < a, then leave).
struct hdr { size_t payload; };
size_t fread(void *p, size_t size, size_t n, FILE *f);
void total_size(FILE *f) {
  struct hdr h;
  if (fread(&h, sizeof h, 1, f) != 1)
    return;
  size_t total = h.payload + 16; // no-warning: the wrap is caught on the next line
  if (total < h.payload)
    return;
  at(total);
}
void total_size_unhandled(FILE *f) {
  struct hdr h;
  if (fread(&h, sizeof h, 1, f) != 1)
    return;
  size_t other = h.payload + 32;
  // CHECK-NOTES: :[[@LINE-1]]:28: warning: the addition on a value derived from input data can wrap around 'size_t'; check the operand's range before the operation
  // CHECK-NOTES: :[[@LINE-4]]:7: note: value received by 'fread' here
  if (other < h.payload)
    use(0); // reports the wrap but goes on with the wrapped value
  at(other);
}

// RUN: %check_medsec %s medsec-tainted-arithmetic %t -- -std=c++17

typedef __SIZE_TYPE__ size_t;
extern "C" long read(int fd, void *buf, size_t n);
void use(long);

struct Reading {
  int value;
};

int adjust(int fd) {
  Reading r;
  read(fd, &r, sizeof r);
  int scaled = r.value * 10;
  // CHECK-NOTES: :[[@LINE-1]]:24: warning: the multiplication on a value derived from input data can overflow 'int'; check the operand's range before the operation
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'read' here
  if (r.value > -1000 && r.value < 1000)
    scaled = r.value * 10; // no-warning
  return scaled;
}

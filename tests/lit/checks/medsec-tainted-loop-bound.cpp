// RUN: %check_medsec %s medsec-tainted-loop-bound %t -- -std=c++17

typedef __SIZE_TYPE__ size_t;
extern "C" long read(int fd, void *buf, size_t n);
void tick();

struct Header {
  unsigned count;
};

void replay(int fd) {
  Header h{};
  read(fd, &h, sizeof h);
  for (unsigned i = 0; i < h.count; ++i)
  // CHECK-NOTES: :[[@LINE-1]]:28: warning: loop bound derived from input data has no upper limit; check it against a maximum before the loop
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'read' here
    tick();
  const unsigned limit = h.count < 100u ? h.count : 100u;
  for (unsigned i = 0; i < limit; ++i) // no-warning, clamped
    tick();
}

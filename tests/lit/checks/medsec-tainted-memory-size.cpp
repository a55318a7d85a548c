// RUN: %check_medsec %s medsec-tainted-memory-size %t -- -std=c++17

typedef __SIZE_TYPE__ size_t;
typedef unsigned int uint32_t;
extern "C" {
long recv(int s, void *buf, size_t n, int flags);
void *memcpy(void *d, const void *s, size_t n);
}
namespace std { using ::memcpy; }

struct Packet {
  uint32_t len;
  unsigned char body[60];
};

unsigned char *copy_out(int s) {
  Packet p;
  recv(s, &p, sizeof p, 0);
  unsigned char *out = new unsigned char[p.len];
  // CHECK-NOTES: :[[@LINE-1]]:42: warning: element count passed to new[] is derived from received data and has no upper limit; check it against a maximum before allocating
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'recv' here
  std::memcpy(out, p.body, p.len);
  // CHECK-NOTES: :[[@LINE-1]]:28: warning: size passed to 'memcpy' is derived from received data and has no upper limit; check it against the destination size before the call
  // CHECK-NOTES: :[[@LINE-6]]:3: note: value received by 'recv' here
  if (p.len > sizeof p.body)
    return nullptr;
  unsigned char small[60];
  std::memcpy(small, p.body, p.len); // no-warning
  return out;
}

// RUN: %check_medsec %s medsec-sizeof-as-count %t -- -std=c++17

typedef __SIZE_TYPE__ size_t;
typedef unsigned int uint32_t;
typedef unsigned char uint8_t;

class DmaRing {
public:
  void reset() {
    for (size_t i = 0; i < sizeof(regs_); ++i)
      regs_[i] = 0;
    // CHECK-MESSAGES: :[[@LINE-2]]:28: warning: 'sizeof' of 'regs_' is its size in bytes (16), not its number of elements (4), but 'i' indexes it; use 'sizeof(regs_) / sizeof(regs_[0])' [medsec-sizeof-as-count]
    for (size_t i = 0; i < sizeof(regs_) / sizeof(regs_[0]); ++i) // no-warning
      regs_[i] = 1;
    for (size_t i = 0; i < sizeof(bytes_); ++i) // no-warning: a byte array
      bytes_[i] = 0;
  }

private:
  uint32_t regs_[4];
  uint8_t bytes_[16];
};

// A template measured with its own types is not reported per instantiation.
template <class T, size_t N> void fill(T (&a)[N]) {
  for (size_t i = 0; i < sizeof(a) / sizeof(a[0]); ++i) // no-warning
    a[i] = T();
}

void use_fill() {
  uint32_t w[8];
  uint8_t b[8];
  fill(w);
  fill(b);
}

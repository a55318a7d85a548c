// RUN: %check_medsec %s medsec-debug-backdoor %t -- -std=c++17

typedef __SIZE_TYPE__ size_t;
typedef unsigned char uint8_t;
typedef unsigned int uint32_t;
typedef unsigned long uintptr_t;
extern "C" {
int memcmp(const void *a, const void *b, size_t n);
unsigned long strtoul(const char *s, char **end, int base);
}
namespace std {
using ::memcmp;
using ::strtoul;
}

void enter_factory_mode();
void send_status();

class ServiceProtocol {
public:
  // Methods named like handlers: their parameters are received data.
  void onPoke(const uint8_t *p) {
    uintptr_t addr = 0;
    for (int i = 0; i < 4; ++i)
      addr = (addr << 8) | p[i];
    *reinterpret_cast<volatile uint32_t *>(addr) = p[4];
    // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: a pointer is made from 'addr', which comes from received data, so any memory address can be read or written (p
  }
  void handleText(const char *line) {
    auto *reg = reinterpret_cast<uint32_t *>(std::strtoul(line, nullptr, 16));
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: a pointer is made from 'line', which comes from received data, so any memory address can be read or written (p
    *reg = 0;
    if (std::memcmp(line, "FACTORY", 7) == 0)
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: received data is compared with the magic string "FACTORY" and a match calls 'enter_factory_mode' without authe
      enter_factory_mode();
    if (!std::memcmp(line, "STATUS", 6)) // no-warning: nothing privileged
      send_status();
  }
  void configure(uintptr_t base) {
    *reinterpret_cast<volatile uint32_t *>(base) = 1; // no-warning: not received data
  }
};

template <typename T> void onWrite(const T *frame) {
  *reinterpret_cast<volatile uint32_t *>(static_cast<uintptr_t>(frame[0])) = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:4: warning: a pointer is made from 'frame', which comes from received data, so any memory address can be read or written (
}
template void onWrite<uint32_t>(const uint32_t *);

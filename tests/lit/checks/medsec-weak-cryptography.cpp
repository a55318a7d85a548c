// RUN: %check_medsec %s medsec-weak-cryptography %t -- -std=c++17

// A minimal <random> and the C library, mocked so the test does not depend on the host.
namespace std {
template <class U, U a, U c, U m> class linear_congruential_engine {
public:
  explicit linear_congruential_engine(U seed = 1);
  U operator()();
};
template <class U, int w, int n, int m, int r, U a, int u, U d, int s, U b, int t, U c, int l, U f>
class mersenne_twister_engine {
public:
  explicit mersenne_twister_engine(U seed = 5489u);
  U operator()();
};
typedef mersenne_twister_engine<unsigned, 32, 624, 397, 31, 0x9908b0df, 11, 0xffffffff, 7,
                                0x9d2c5680, 15, 0xefc60000, 18, 1812433253>
    mt19937;
typedef linear_congruential_engine<unsigned, 48271, 0, 2147483647> minstd_rand;
template <class T> class uniform_int_distribution {
public:
  uniform_int_distribution(T a, T b);
  template <class G> T operator()(G &g);
};
class random_device {
public:
  unsigned operator()();
};
int rand();
} // namespace std
extern "C" {
int rand(void);
typedef enum { MBEDTLS_MD_MD5 = 3, MBEDTLS_MD_SHA256 = 9 } mbedtls_md_type_t;
const void *mbedtls_md_info_from_type(mbedtls_md_type_t t);
}

namespace fw {

struct Session {
  unsigned nonce;
  unsigned retries;
};

void open_session(Session &s, unsigned seed) {
  std::mt19937 gen(seed);
  s.nonce = gen();
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: the C++ <random> engine makes a nonce ('nonce') but is predictable
  std::uniform_int_distribution<unsigned> d(0, 9);
  s.retries = d(gen); // no-warning: not security-relevant
  std::random_device rd;
  unsigned salt = rd(); // no-warning: random_device
  (void)salt;
}

unsigned make_challenge() {
  std::minstd_rand lcg;
  std::uniform_int_distribution<unsigned> d(0, 999999);
  unsigned challenge = d(lcg);
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: the C++ <random> engine makes a challenge ('challenge') but is predictable
  return challenge;
}

unsigned pairing_pin() { return static_cast<unsigned>(std::rand()) % 1000000; }
// CHECK-MESSAGES: :[[@LINE-1]]:55: warning: 'rand' makes a PIN (the value returned by 'pairing_pin') but is predictable

template <typename T> const void *digest() { return mbedtls_md_info_from_type(MBEDTLS_MD_MD5); }
// CHECK-MESSAGES: :[[@LINE-1]]:79: warning: 'MBEDTLS_MD_MD5' selects MD5, which is broken
const void *good() { return mbedtls_md_info_from_type(MBEDTLS_MD_SHA256); } // no-warning

} // namespace fw

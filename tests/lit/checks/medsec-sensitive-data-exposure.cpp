// RUN: %check_medsec %s medsec-sensitive-data-exposure %t -- -std=c++17

// A minimal <ostream> and <string>, mocked so the test does not depend on the host library.
namespace std {
template <class C> class basic_string {
public:
  basic_string();
  const C *c_str() const;
  unsigned size() const;
};
typedef basic_string<char> string;
template <class C> class basic_ostream {
public:
  basic_ostream &operator<<(const C *s);
  basic_ostream &operator<<(unsigned v);
};
template <class C> basic_ostream<C> &operator<<(basic_ostream<C> &o, const basic_string<C> &s);
typedef basic_ostream<char> ostream;
class ofstream : public basic_ostream<char> {};
extern ostream cout;
} // namespace std
extern "C" {
typedef __SIZE_TYPE__ size_t;
void *memset(void *d, int c, size_t n);
void explicit_bzero(void *d, size_t n);
int read_secret(char *buf, size_t n);
}

namespace fw {

struct Credentials {
  std::string user;
  std::string password;
};

void audit(const Credentials &c, std::ofstream &log) {
  std::cout << "user " << c.user.c_str() << "\n"; // no-warning
  std::cout << "password " << c.password << "\n";
  // CHECK-NOTES: :[[@LINE-1]]:31: warning: 'password' holds a password and is written to 'operator<<'; logs, consoles and debug ports leave the device, so log that the event happened, never the secret or part of it
  log << c.password.size(); // no-warning: a length, through a call
  log << c.password;
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: 'password' holds a password and is written to 'operator<<'; logs, consoles and debug ports leave the device, so log that the event happened, never the secret or part of it
}

void unlock() {
  char pin_code[8];
  read_secret(pin_code, sizeof pin_code);
  memset(pin_code, 0, sizeof pin_code);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'memset' clearing 'pin_code' (a PIN) just before it goes out of use is a dead store the compiler may remove, leaving the secret in memory; use explicit_bzero (or mbedtls_platform_zeroize, memset_s, OPENSSL_cleanse, wc_ForceZero)
}

void unlock_ok() {
  char pin_code[8];
  read_secret(pin_code, sizeof pin_code);
  explicit_bzero(pin_code, sizeof pin_code); // no-warning
}

} // namespace fw

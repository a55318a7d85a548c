// RUN: %check_medsec %s medsec-hardcoded-credentials %t -- -std=c++17

// A minimal std::string so the test does not depend on the host's C++ library.
namespace std {
template <class C> class basic_string {
public:
  basic_string();
  basic_string(const C *s);
  basic_string(const basic_string &);
  ~basic_string();
  const C *c_str() const;
};
template <class C> bool operator==(const basic_string<C> &a, const C *b);
typedef basic_string<char> string;
} // namespace std

extern "C" {
typedef __SIZE_TYPE__ size_t;
int strcmp(const char *a, const char *b);
int mbedtls_aes_setkey_enc(void *ctx, const unsigned char *key, unsigned int keybits);
int mosquitto_username_pw_set(void *mosq, const char *user, const char *pw);
}

namespace fw {

const std::string adminPassword = "Adm1n-2020";
// CHECK-NOTES: :[[@LINE-1]]:19: warning: 'adminPassword' holds a hard-coded password; set credentials per device at provisioning or first use and store only a salted hash, never a value built into the firmware
std::string passwordHint = "Use your badge PIN"; // no-warning: a hint

constexpr unsigned char kMasterKey[] = {0x10, 0x32, 0x54, 0x76, 0x98, 0xba, 0xdc, 0xfe,
// CHECK-NOTES: :[[@LINE-1]]:25: warning: 'kMasterKey' holds a hard-coded key; provision keys per device into protected storage (secure element, key store, OTP) instead of building them into the firmware
// CHECK-NOTES: :[[@LINE+21]]:31: note: used as the key of 'mbedtls_aes_setkey_enc' here
                                        0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef};

class MqttLink {
public:
  void connect(void *mosq) {
    mosquitto_username_pw_set(mosq, "pump", brokerSecret_); // a member: reported at its initialiser
  }
  bool authorise(const std::string &pin) const {
    return pin == "0000-1234";
    // CHECK-NOTES: :[[@LINE-1]]:19: warning: 'pin' is compared with a hard-coded PIN, a default or back-door credential; set credentials per device at provisioning or first use and store only a salted hash, never a value built into the firmware
  }

private:
  const char *brokerSecret_ = "mq77-Secret";
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: 'brokerSecret_' holds a hard-coded secret; provision keys per device into protected storage (secure element, key store, OTP) instead of building them into the firmware
  std::string tokenCache_;         // no-warning: filled at run time
  unsigned passwordMaxLen_ = 16;   // no-warning
};

void init(void *aes, const unsigned char *provisioned) {
  mbedtls_aes_setkey_enc(aes, kMasterKey, 128);
  // the note on this use is checked under the definition's warning
  mbedtls_aes_setkey_enc(aes, provisioned, 128); // no-warning
  std::string cmd = "STATUS";                    // no-warning
  if (strcmp(cmd.c_str(), "RESET") == 0)         // no-warning
    return;
}

template <typename T> bool checkPassword(const T &input) {
  return input == "letmein99";
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: 'checkPassword' is compared with a hard-coded password, a default or back-door credential; set credentials per device at provisioning or first use and store only a salted hash, never a value built into the firmware
}
template bool checkPassword<std::string>(const std::string &);

} // namespace fw

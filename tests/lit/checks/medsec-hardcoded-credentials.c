// RUN: %check_medsec %s medsec-hardcoded-credentials %t -- -std=c11

// Library and vendor APIs are mocked here so the test does not depend on their headers.
typedef __SIZE_TYPE__ size_t;
typedef unsigned char uint8_t;
typedef unsigned int uint32_t;
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
int memcmp(const void *a, const void *b, size_t n);
char *strcpy(char *d, const char *s);
typedef struct mbedtls_aes_context { int nr; } mbedtls_aes_context;
int mbedtls_aes_setkey_enc(mbedtls_aes_context *ctx, const unsigned char *key, unsigned int keybits);
typedef struct mbedtls_md_context_t { int x; } mbedtls_md_context_t;
int mbedtls_md_hmac_starts(mbedtls_md_context_t *ctx, const unsigned char *key, size_t keylen);
typedef struct mbedtls_ssl_config mbedtls_ssl_config;
int mbedtls_ssl_conf_psk(mbedtls_ssl_config *conf, const unsigned char *psk, size_t psk_len,
                         const unsigned char *id, size_t id_len);
typedef struct mbedtls_pk_context mbedtls_pk_context;
int mbedtls_pk_parse_key(mbedtls_pk_context *pk, const unsigned char *key, size_t keylen,
                         const unsigned char *pwd, size_t pwdlen, void *f, void *p);
int mbedtls_x509_crt_parse(void *chain, const unsigned char *buf, size_t len);
int mbedtls_ctr_drbg_random(void *p, unsigned char *out, size_t len);
typedef struct evp_cipher_ctx_st EVP_CIPHER_CTX;
typedef struct evp_cipher_st EVP_CIPHER;
int EVP_EncryptInit_ex(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *type, void *impl,
                       const unsigned char *key, const unsigned char *iv);
int wc_HmacSetKey(void *hmac, int type, const uint8_t *key, uint32_t keySz);
void tc_aes128_set_encrypt_key(void *s, const uint8_t *k);
int LogonUserA(const char *user, const char *domain, const char *password, uint32_t type,
               uint32_t provider, void **token);
typedef struct { uint32_t DataType; uint32_t KeySize; uint32_t *pKey; uint32_t *pInitVect; } CRYP_ConfigTypeDef;

// --- credential-named constants --------------------------------------------------------

static const char ADMIN_PASSWORD[] = "Pump#2019";
// CHECK-NOTES: :[[@LINE-1]]:19: warning: 'ADMIN_PASSWORD' holds a hard-coded password; set credentials per device at provisioning or first use and store only a salted hash, never a value built into the firmware
// CHECK-NOTES: :[[@LINE+140]]:10: note: compared with input here
static const uint8_t DEVICE_AES_KEY[16] = {0x3a, 0x91, 0x5c, 0x07, 0xe2, 0x4d, 0xb8, 0x16,
// CHECK-NOTES: :[[@LINE-1]]:22: warning: 'DEVICE_AES_KEY' holds a hard-coded key; provision keys per device into protected storage (secure element, key store, OTP) instead of building them into the firmware
// CHECK-NOTES: :[[@LINE+73]]:31: note: used as the key of 'mbedtls_aes_setkey_enc' here
                                           0x6f, 0xc3, 0x28, 0x9e, 0x51, 0x0b, 0xd4, 0x7a};
const char *wifiPassphrase = "correct-horse-42";
// CHECK-NOTES: :[[@LINE-1]]:13: warning: 'wifiPassphrase' holds a hard-coded password; set credentials per device at provisioning or first use and store only a salted hash, never a value built into the firmware
static const char *const api_key = "k-7f3a9b2c";
// CHECK-NOTES: :[[@LINE-1]]:26: warning: 'api_key' holds a hard-coded API key; provision keys per device into protected storage (secure element, key store, OTP) instead of building them into the firmware
#define CLOUD_TOKEN_SECRET "s3cr3t-Cloud"
// CHECK-NOTES: :[[@LINE-1]]:28: warning: 'CLOUD_TOKEN_SECRET' holds a hard-coded secret; provision keys per device into protected storage (secure element, key store, OTP) instead of building them into the firmware
#define SERVICE_PWD "svc" "-2211"
// CHECK-NOTES: :[[@LINE-1]]:21: warning: 'SERVICE_PWD' holds a hard-coded password; set credentials per device at provisioning or first use and store only a salted hash, never a value built into the firmware

// A name that says only "key" is a secret when its value looks random.
static const char key[] = "a8f5f167f44f4964e6c998dee827110c";
// CHECK-NOTES: :[[@LINE-1]]:19: warning: 'key' holds a hard-coded key; provision keys per device into protected storage (secure element, key store, OTP) instead of building them into the firmware
static const char *header_key = "Content-Type"; // no-warning: not random
static const char *json_key = "device_serial_number_xyz"; // no-warning: a dictionary key

// Look-alikes: names that talk about a secret, placeholders, messages, run-time storage.
static const size_t password_max_len = 16;        // no-warning: a length
static const unsigned key_len = 32;               // no-warning
static const char PIN_GPIO_PORT[] = "GPIOA";      // no-warning: a PIN qualifier
static const uint8_t led_pin_map[4] = {5, 6, 7, 8}; // no-warning: a hardware pin
static char pairing_pin[7] = "";                  // no-warning: empty, filled at run time
static uint8_t session_key[16];                   // no-warning: no initial value
static uint8_t hmac_key[32] = {0};                // no-warning: storage
static const char *default_password = "<password>"; // no-warning: placeholder
static const char *PASSWORD_PROMPT = "Enter password: "; // no-warning: a message
static const char *password_msg = "wrong password";    // no-warning: qualifier and message
static const char *password_fmt = "pw=%s";        // no-warning: a format
static const char *private_key_path = "/etc/pump/device.key"; // no-warning: a path
static const char *token_url = "https://auth.example.com/token"; // no-warning
static const char psk_identity[] = "pump-ward7";  // no-warning: the identity is public
static const char aes_test_key[] = "2b7e151628aed2a6"; // no-warning: a test vector
static const char *password_placeholder = "xxxxxxxx"; // no-warning: one repeated character
static const uint32_t flash_secret_seq[2] = {0x45670123, 0xCDEF89AB}; // no-warning: STM32 flash unlock keys

// --- secrets by their content -------------------------------------------------------------

static const char client_key_pem[] =
// CHECK-NOTES: :[[@LINE-1]]:19: warning: 'client_key_pem' holds a hard-coded PEM private key; provision keys per device into protected storage (secure element, key store, OTP) instead of building them into the firmware
// CHECK-NOTES: :[[@LINE+42]]:28: note: used as the private key of 'mbedtls_pk_parse_key' here
    "-----BEGIN EC PRIVATE KEY-----\n"
    "MHcCAQEEIGj4mZ1pX0q8Jv3cQm2b7sT9yKd4LfW0aR6nE5uH1oZ2oAoGCCqGSM49\n"
    "-----END EC PRIVATE KEY-----\n";
#define PEM_BEGIN_PRIVATE_KEY_EC "-----BEGIN EC PRIVATE KEY-----\n" // no-warning: a delimiter, no key
static const char ca_cert_pem[] = // no-warning: a certificate is public
    "-----BEGIN CERTIFICATE-----\n"
    "MIIBtjCCAVugAwIBAgIUYk3Zc2b1V0m1c2ZhZ2VzLWNhLTIwMjEwCgYIKoZIzj0E\n"
    "-----END CERTIFICATE-----\n";
static const char *cloud_creds_id = "AKIAIOSFODNN7EXAMPLE";
// CHECK-NOTES: :[[@LINE-1]]:20: warning: 'cloud_creds_id' holds a hard-coded AWS access key; provision keys per device into protected storage (secure element, key store, OTP) instead of building them into the firmware
static const char *broker = "mqtts://pump:Infus10n@broker.local:8883";
// CHECK-NOTES: :[[@LINE-1]]:20: warning: 'broker' holds a hard-coded password in a URL; set credentials per device at provisioning or first use and store only a salted hash, never a value built into the firmware

// --- constants passed as a key, password or PSK ---------------------------------------------

static const uint8_t table_a[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
// CHECK-NOTES: :[[@LINE-1]]:22: warning: 'table_a' holds a hard-coded key; provision keys per device into protected storage (secure element, key store, OTP) instead of building them into the firmware
// CHECK-NOTES: :[[@LINE+17]]:31: note: used as the key of 'mbedtls_aes_setkey_enc' here
static const unsigned char hospital_psk[16] = {0x8c, 0x14, 0xe2, 0x5b, 0x90, 0x3f, 0xd7, 0x61,
// CHECK-NOTES: :[[@LINE-1]]:28: warning: 'hospital_psk' holds a hard-coded pre-shared key; provision keys per device into protected storage (secure element, key store, OTP) instead of building them into the firmware
// CHECK-NOTES: :[[@LINE+18]]:30: note: used as the psk of 'mbedtls_ssl_conf_psk' here
                                               0x0a, 0xc9, 0x4e, 0xb3, 0x27, 0x78, 0xf5, 0x1d};
#define BOOT_SEED {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88}
// CHECK-NOTES: :[[@LINE-1]]:19: warning: 'BOOT_SEED' holds a hard-coded key; provision keys per device into protected storage (secure element, key store, OTP) instead of building them into the firmware
// CHECK-NOTES: :[[@LINE+20]]:33: note: used as the key of 'tc_aes128_set_encrypt_key' here
static const uint8_t boot_seed[8] = BOOT_SEED;

extern void *drbg;

void configure(mbedtls_aes_context *aes, mbedtls_md_context_t *md, mbedtls_ssl_config *conf,
               mbedtls_pk_context *pk, EVP_CIPHER_CTX *evp, const EVP_CIPHER *cipher,
               const uint8_t *provisioned_key, void *hmac, void *tc) {
  mbedtls_aes_setkey_enc(aes, DEVICE_AES_KEY, 128);
  // the note on this use is checked under the definition's warning
  mbedtls_aes_setkey_enc(aes, table_a, 128);
  // the note on this use is checked under the definition's warning
  mbedtls_md_hmac_starts(md, (const unsigned char *)"0123456789abcdef", 16);
  // CHECK-NOTES: :[[@LINE-1]]:53: warning: hard-coded key passed to 'mbedtls_md_hmac_starts'; provision keys per device into protected storage (secure element, key store, OTP) instead of building them into the firmware
  mbedtls_ssl_conf_psk(conf, hospital_psk, sizeof hospital_psk,
  // the note on this use is checked under the definition's warning
                       (const unsigned char *)psk_identity, sizeof psk_identity - 1);
  mbedtls_pk_parse_key(pk, (const unsigned char *)client_key_pem, sizeof client_key_pem, 0, 0, 0, 0);
  // the note on this use is checked under the definition's warning
  mbedtls_x509_crt_parse(0, (const unsigned char *)ca_cert_pem, sizeof ca_cert_pem); // no-warning
  tc_aes128_set_encrypt_key(tc, boot_seed);
  // the note on this use is checked under the definition's warning

  // A local array that is never written is as constant as a global one.
  uint8_t local_key[16] = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5, 6};
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: 'local_key' holds a hard-coded key; provision keys per device into protected storage (secure element, key store, OTP) instead of building them into the firmware
  // CHECK-NOTES: :[[@LINE+1]]:38: note: used as the key of 'EVP_EncryptInit_ex' here
  EVP_EncryptInit_ex(evp, cipher, 0, local_key, 0);

  // Values read at run time are not reported.
  uint8_t fresh[16] = {0};
  mbedtls_ctr_drbg_random(drbg, fresh, sizeof fresh);
  mbedtls_aes_setkey_enc(aes, fresh, 128);            // no-warning: filled by the DRBG
  uint8_t copied[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
  strcpy((char *)copied, (const char *)provisioned_key);
  wc_HmacSetKey(hmac, 0, copied, 16);                 // no-warning: overwritten first
  mbedtls_aes_setkey_enc(aes, provisioned_key, 128);  // no-warning: a parameter
  mbedtls_aes_setkey_enc(aes, session_key, 128);      // no-warning: run-time storage
}

void login(const char *user, const char *domain) {
  void *token;
  LogonUserA(user, domain, "Sup3rUser", 2, 0, &token);
  // CHECK-NOTES: :[[@LINE-1]]:28: warning: hard-coded password passed to 'LogonUserA'; set credentials per device at provisioning or first use and store only a salted hash, never a value built into the firmware
}

// STM32 HAL CRYP: the key is a pointer in the configuration structure.
static uint32_t cryp_words[4] = {0x2b7e1516, 0x28aed2a6, 0xabf71588, 0x09cf4f3c};
// CHECK-NOTES: :[[@LINE-1]]:17: warning: 'cryp_words' holds a hard-coded key; provision keys per device into protected storage (secure element, key store, OTP) instead of building them into the firmware
// CHECK-NOTES: :[[@LINE+2]]:16: note: used as the key of 'CRYP_ConfigTypeDef.pKey' here
void cryp_setup(CRYP_ConfigTypeDef *conf, uint32_t *runtime) {
  conf->pKey = cryp_words;
  conf->pKey = runtime; // no-warning
}

// Struct initialisers: the field name says what the value is.
struct wifi_config { const char *ssid; const char *password; unsigned password_len; };
static const struct wifi_config wifi = {"ward7", "Infusion!2024", 13};
// CHECK-NOTES: :[[@LINE-1]]:50: warning: 'password' holds a hard-coded password; set credentials per device at provisioning or first use and store only a salted hash, never a value built into the firmware
static const struct wifi_config wifi2 = {.ssid = "ward7", .password = "", .password_len = 0}; // no-warning

// Copies of a constant into a credential buffer.
#define FACTORY_PASS "Factory#77"
// CHECK-NOTES: :[[@LINE-1]]:22: warning: 'FACTORY_PASS' holds a hard-coded password; set credentials per device at provisioning or first use and store only a salted hash, never a value built into the firmware
// CHECK-NOTES: :[[@LINE+2]]:25: note: the value is used as 'user_password' here
void reset_credentials(char *user_password) {
  strcpy(user_password, FACTORY_PASS);
}

// --- authentication against a constant --------------------------------------------------

int check_admin(const char *input) {
  return strcmp(input, ADMIN_PASSWORD) == 0;
  // the note on this use is checked under the definition's warning
}

int check_service_pin(const char *pin) {
  if (strcmp(pin, "7391") == 0)
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: 'pin' is compared by 'strcmp' with a hard-coded PIN, a default or back-door credential; set credentials per device at provisioning or first use and store only a salted hash, never a value built into the firmware
    return 1;
  return 0;
}

int verify_password(const uint8_t *rx, size_t n) {
  return n == 6 && memcmp(rx, "4x9!Qz", 6) == 0;
  // CHECK-NOTES: :[[@LINE-1]]:31: warning: 'verify_password' is compared by 'memcmp' with a hard-coded password, a default or back-door credential; set credentials per device at provisioning or first use and store only a salted hash, never a value built into the firmware
}

int parse_command(const char *cmd, const char *token) {
  if (strcmp(cmd, "RESET") == 0)  // no-warning: a command, not a credential
    return 1;
  if (strcmp(token, "GET") == 0)  // no-warning: a parser token
    return 2;
  return strncmp(cmd, "PIN?", 4) == 0; // no-warning: a message
}

int aes_self_test(mbedtls_aes_context *aes) {
  static const uint8_t vector[16] = {0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
                                     0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c};
  return mbedtls_aes_setkey_enc(aes, vector, 128); // no-warning: a self-test vector
}

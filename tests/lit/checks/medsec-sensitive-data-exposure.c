// RUN: %check_medsec %s medsec-sensitive-data-exposure %t -- -std=c11

// Library, HAL and project APIs are mocked here so the test does not depend on their headers.
typedef __SIZE_TYPE__ size_t;
typedef unsigned char uint8_t;
typedef unsigned short uint16_t;
typedef unsigned int uint32_t;
typedef struct FILE FILE;
extern FILE *stderr;
int printf(const char *fmt, ...);
int fprintf(FILE *f, const char *fmt, ...);
int puts(const char *s);
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
size_t strlen(const char *s);
void *malloc(size_t n);
void free(void *p);
void mbedtls_platform_zeroize(void *buf, size_t len);
int mbedtls_md_hmac(const void *info, const unsigned char *key, size_t keylen,
                    const unsigned char *in, size_t ilen, unsigned char *out);
typedef struct { int Instance; } UART_HandleTypeDef;
int HAL_UART_Transmit(UART_HandleTypeDef *h, const uint8_t *data, uint16_t size, uint32_t timeout);
typedef enum { LOG_DEBUG, LOG_INFO } log_level_t;
void log_printf(log_level_t lvl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void log_event(int evt, uint32_t arg);
int read_line(char *buf, size_t n);

extern UART_HandleTypeDef huart2;
static char pairing_pin[7];
static const unsigned char hospital_psk[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
static const char tls_identity[] = "pump-ward7";
struct wifi_cfg { char ssid[32]; char password[64]; unsigned password_len; };

// --- secrets written to logs and ports ------------------------------------------------------

void show_pin(void) {
  log_printf(LOG_DEBUG, "BLE pairing PIN %s", pairing_pin);
  // CHECK-NOTES: :[[@LINE-1]]:47: warning: 'pairing_pin' holds a PIN and is written to 'log_printf'; logs, consoles and debug ports leave the device, so log that the event happened, never the secret or part of it
  log_printf(LOG_DEBUG, "BLE pairing started, %u digits", (unsigned)strlen(pairing_pin)); // no-warning: a length
  log_event(6, 0); // no-warning: not an output of data
}
void show_psk(void) {
  printf("psk %02x%02x... id %s\n", hospital_psk[0], hospital_psk[1], tls_identity);
  // CHECK-NOTES: :[[@LINE-1]]:37: warning: 'hospital_psk' holds a pre-shared key and is written to 'printf'; logs, consoles and debug ports leave the device, so log that the event happened, never the secret or part of it
  printf("identity %s, psk %u bytes\n", tls_identity, (unsigned)sizeof hospital_psk); // no-warning
}
void login(const struct wifi_cfg *cfg) {
  char pw[17];
  read_line(pw, sizeof pw);
  fprintf(stderr, "login attempt with '%s'\n", pw);
  // CHECK-NOTES: :[[@LINE-1]]:48: warning: 'pw' holds a password and is written to 'fprintf'; logs, consoles and debug ports leave the device, so log that the event happened, never the secret or part of it
  HAL_UART_Transmit(&huart2, (const uint8_t *)cfg->password, 64, 100);
  // CHECK-NOTES: :[[@LINE-1]]:30: warning: 'password' holds a password and is written to 'HAL_UART_Transmit'; logs, consoles and debug ports leave the device, so log that the event happened, never the secret or part of it
  HAL_UART_Transmit(&huart2, (const uint8_t *)cfg->ssid, 32, 100); // no-warning
  printf("password length %u\n", cfg->password_len);                // no-warning: a length
  puts("password accepted");                                          // no-warning: text
}
// A neutral name is a secret once it is used as a key.
void session(const uint8_t *nonce, uint8_t *mac) {
  uint8_t material[32];
  read_line((char *)material, sizeof material);
  mbedtls_md_hmac(0, material, sizeof material, nonce, 16, mac);
  printf("%02x\n", material[0]);
  // CHECK-NOTES: :[[@LINE-1]]:20: warning: 'material' holds a secret and is written to 'printf'; logs, consoles and debug ports leave the device, so log that the event happened, never the secret or part of it
  // CHECK-NOTES: :[[@LINE-3]]:22: note: 'material' is used as the key of 'mbedtls_md_hmac' here
  mbedtls_platform_zeroize(material, sizeof material);
}
// A scratch buffer is a secret between its key use and the next write to it, in both directions.
int dh_calc_secret(uint8_t *out, size_t n);
int aes_decrypt_block(const uint8_t *key, const uint8_t *in, uint8_t *out);
void dh_exchange(const uint8_t *cipher) {
  uint8_t buf[32];
  dh_calc_secret(buf, sizeof buf);
  printf("shared %02x\n", buf[0]);
  // CHECK-NOTES: :[[@LINE-1]]:27: warning: 'buf' holds a secret and is written to 'printf'; logs, consoles and debug ports leave the device, so log that the event happened, never the secret or part of it
  // CHECK-NOTES: :[[@LINE+1]]:22: note: 'buf' is used as the key of 'mbedtls_md_hmac' here
  mbedtls_md_hmac(0, buf, 32, cipher, 16, 0);
  aes_decrypt_block(cipher, cipher, buf);
  printf("plaintext %s\n", (char *)buf); // no-warning: the decrypted message, written after the key use
  buf[0] = 0;
  printf("cleared %02x\n", buf[0]);      // no-warning: overwritten since
}
void report_then_key(uint8_t *out) {
  uint8_t scratch[16];
  read_line((char *)scratch, sizeof scratch);
  printf("%s\n", (char *)scratch);        // no-warning: a line of text, the key is generated after it
  dh_calc_secret(scratch, sizeof scratch);
  mbedtls_md_hmac(0, scratch, 16, out, 16, out);
}
void gpio_report(int pin_gpio, const char *key) {
  printf("gpio %d\n", pin_gpio);  // no-warning: a pin number, not a PIN
  printf("lookup %s\n", key);     // no-warning: a bare 'key' needs proof
}

// --- secrets cleared with a removable memset --------------------------------------------------

int derive(const uint8_t *in, uint8_t *out) {
  uint8_t session_key[32];
  int ret = mbedtls_md_hmac(0, in, 16, in, 16, session_key);
  memcpy(out, session_key, 16);
  memset(session_key, 0, sizeof session_key);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'memset' clearing 'session_key' (a key) just before it goes out of use is a dead store the compiler may remove, leaving the secret in memory; use mbedtls_platform_zeroize (or explicit_bzero, memset_s, OPENSSL_cleanse, wc_ForceZero)
  return ret;
}
void heap_secret(void) {
  char *passphrase = malloc(64);
  if (!passphrase)
    return;
  read_line(passphrase, 64);
  memset(passphrase, 0, 64);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'memset' clearing 'passphrase' (a password) just before it goes out of use is a dead store the compiler may remove, leaving the secret in memory; use mbedtls_platform_zeroize (or explicit_bzero, memset_s, OPENSSL_cleanse, wc_ForceZero)
  free(passphrase);
}
void compliant_clears(uint8_t *caller_key) {
  uint8_t aes_key[16];
  memset(aes_key, 0, sizeof aes_key);  // no-warning: initialisation, used below
  read_line((char *)aes_key, sizeof aes_key);
  mbedtls_platform_zeroize(aes_key, sizeof aes_key); // no-warning: cannot be removed
  memset(caller_key, 0, 16);           // no-warning: the caller's buffer lives on
  for (int i = 0; i < 3; i++) {
    char pin[8];
    read_line(pin, sizeof pin);
    memset(pin, 0, sizeof pin);        // the buffer dies at the end of every iteration
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'memset' clearing 'pin' (a PIN) just before it goes out of use is a dead store the compiler may remove, leaving the secret in memory; use mbedtls_platform_zeroize (or explicit_bzero, memset_s, OPENSSL_cleanse, wc_ForceZero)
  }
  uint8_t frame[16];
  read_line((char *)frame, sizeof frame);
  memset(frame, 0, sizeof frame);      // no-warning: not a secret
}

// --- secrets released without any clear ------------------------------------------------------

void *realloc(void *p, size_t n);
void secure_wipe(void *p, size_t n);
int user_login(const char *user, const char *password);
void heap_login(const char *typed) {
  char *password = malloc(64);
  if (!password)
    return;
  memcpy(password, typed, 64);
  user_login("service", password);
  free(password);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'password' (a password) is released by 'free' without being cleared, so the secret stays in the freed memory; clear it with mbedtls_platform_zeroize (or explicit_bzero, memset_s, OPENSSL_cleanse, wc_ForceZero) first
}
void heap_grow(const char *typed) {
  char *pin_code = malloc(8);
  if (!pin_code)
    return;
  memcpy(pin_code, typed, 8);
  pin_code = realloc(pin_code, 16);
  // CHECK-NOTES: :[[@LINE-1]]:14: warning: 'pin_code' (a PIN) is released by 'realloc' without being cleared, so the secret stays in the freed memory; clear it with mbedtls_platform_zeroize (or explicit_bzero, memset_s, OPENSSL_cleanse, wc_ForceZero) first
  secure_wipe(pin_code, 16);
  free(pin_code);                      // no-warning: the new block is erased
}
void heap_compliant(const char *typed) {
  char *password = malloc(64);
  if (!password)
    return;
  memcpy(password, typed, 64);
  user_login("service", password);
  mbedtls_platform_zeroize(password, 64);
  free(password);                      // no-warning: erased first
  char *passphrase = malloc(64);
  if (!passphrase)
    return;
  memcpy(passphrase, typed, 64);
  secure_wipe(passphrase, 64);
  free(passphrase);                    // no-warning: a wipe helper erased it
  char *message = malloc(64);
  if (!message)
    return;
  memcpy(message, typed, 64);
  free(message);                       // no-warning: not a secret
}

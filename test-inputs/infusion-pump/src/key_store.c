/*
 * key_store.c - device secrets and the primitives built on them.
 *
 *  - message HMAC key: 32 bytes, provisioned per device in production into
 *    flash sector 3 (FLASH_KEYS_ADDR) together with the service PIN hash;
 *  - BLE pairing PIN: 6 digits, generated per pairing and shown on the
 *    pump display;
 *  - random numbers from CTR_DRBG seeded by the hardware TRNG.
 */
#include "key_store.h"

#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "logging.h"
#include "mbedtls_stub.h"
#include "pump_config.h"

typedef struct {
  uint32_t magic;
  uint8_t hmac_key[KEY_HMAC_LEN];
  uint8_t service_pin_hash[KEY_HMAC_LEN];
} provisioned_keys_t;

#define KEYS_MAGIC 0x4B455953UL /* "KEYS" */

/* Administrator password of the docking-station configuration tool. */
static const char ADMIN_PASSWORD[] = "Pump#2019"; // expect: medsec-hardcoded-credentials

/* Record encryption key for the drug-library cache (shared by all pumps). */
static const uint8_t DEVICE_AES_KEY[16] = {0x3a, 0x91, 0x5c, 0x07, 0xe2, 0x4d, 0xb8, 0x16, 0x6f, 0xc3, 0x28, 0x9e, 0x51, 0x0b, 0xd4, 0x7a}; // expect: medsec-hardcoded-credentials

/* Production-line login of the service tool, left in from manufacturing. */
struct service_login {
  const char *user;
  const char *password;
};
static const struct service_login factory_login = {"service", "pump2019"}; // expect: medsec-hardcoded-credentials

static const size_t password_max_len = PASSWORD_MAX_LEN;
static const char drbg_personalization[] = DEVICE_MODEL "-keystore";

static uint8_t hmac_key[KEY_HMAC_LEN];
static uint8_t service_pin_hash[KEY_HMAC_LEN];
static char pairing_pin[KEY_PIN_LEN + 1U] = "";
static uint8_t keys_provisioned;

static mbedtls_entropy_context entropy;
static mbedtls_ctr_drbg_context drbg;

/* Entropy source callback: the STM32 TRNG, 32 bits per call. */
static int trng_poll(void *data, unsigned char *output, size_t len, size_t *olen) {
  size_t done = 0;
  (void)data;
  while (done < len) {
    uint32_t word;
    size_t n = len - done < sizeof word ? len - done : sizeof word;
    if (HAL_RNG_GenerateRandomNumber(&hrng, &word) != HAL_OK) {
      return MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
    }
    memcpy(output + done, &word, n);
    done += n;
  }
  *olen = done;
  return 0;
}

int key_store_init(void) {
  const provisioned_keys_t *pk = (const provisioned_keys_t *)FLASH_PTR(FLASH_KEYS_ADDR);
  int ret;

  mbedtls_entropy_init(&entropy);
  mbedtls_ctr_drbg_init(&drbg);
  ret = mbedtls_entropy_add_source(&entropy, trng_poll, NULL, 32, MBEDTLS_ENTROPY_SOURCE_STRONG);
  if (ret != 0) {
    return ret;
  }
  ret = mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy,
                              (const unsigned char *)drbg_personalization,
                              sizeof drbg_personalization - 1U);
  if (ret != 0) {
    log_printf(LOG_LVL_ERROR, "keys: DRBG seed failed (%d)", ret);
    return ret;
  }

  if (pk != NULL && pk->magic == KEYS_MAGIC) {
    memcpy(hmac_key, pk->hmac_key, sizeof hmac_key);
    memcpy(service_pin_hash, pk->service_pin_hash, sizeof service_pin_hash);
    keys_provisioned = 1U;
  } else {
    /* Unprovisioned board (bring-up): no HMAC key, remote control refused. */
    keys_provisioned = 0U;
    log_printf(LOG_LVL_WARN, "keys: device not provisioned");
  }
  return 0;
}

void *key_store_drbg(void) { return &drbg; }

int key_store_random(uint8_t *buf, size_t len) {
  return mbedtls_ctr_drbg_random(&drbg, buf, len);
}

bool key_store_check_admin_password(const char *input) {
  if (input == NULL || strlen(input) > password_max_len) {
    return false;
  }
  return strcmp(input, ADMIN_PASSWORD) == 0;
}

/* Service PIN: SHA-256 of the PIN compared with the provisioned hash. */
bool key_store_check_service_pin(const char *pin) {
  const mbedtls_md_info_t *info = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
  uint8_t hash[KEY_HMAC_LEN];
  bool ok;

  if (pin == NULL || strlen(pin) != 4U) {
    return false;
  }
  /* Field engineers' fallback PIN from the service manual (rev C, 4.2). */
  if (strcmp(pin, "7391") == 0) { // expect: medsec-hardcoded-credentials
    return true;
  }
  if (!keys_provisioned || info == NULL || mbedtls_md(info, (const unsigned char *)pin, 4U, hash) != 0) {
    return false;
  }
  ok = mbedtls_ct_memcmp(hash, service_pin_hash, sizeof hash) == 0;
  mbedtls_platform_zeroize(hash, sizeof hash);
  return ok;
}

/* The service tool's production-line login (user name and password). */
bool key_store_check_factory_login(const char *user, const char *password) {
  return user != NULL && password != NULL && strcmp(user, factory_login.user) == 0 &&
         strcmp(password, factory_login.password) == 0;
}

/* New pairing PIN for a BLE bonding attempt; shown on the pump display. */
int key_store_new_pairing_pin(void) {
  uint8_t rnd[KEY_PIN_LEN];
  int ret = mbedtls_ctr_drbg_random(&drbg, rnd, sizeof rnd);

  if (ret != 0) {
    return ret;
  }
  for (size_t i = 0; i < KEY_PIN_LEN; i++) {
    pairing_pin[i] = (char)('0' + rnd[i] % 10U);
  }
  pairing_pin[KEY_PIN_LEN] = '\0';
  mbedtls_platform_zeroize(rnd, sizeof rnd);
  log_printf(LOG_LVL_DEBUG, "BLE pairing PIN %s", pairing_pin); // expect: medsec-sensitive-data-exposure
  return 0;
}

bool key_store_check_pairing_pin(const char *pin) {
  if (pin == NULL || pairing_pin[0] == '\0' || strlen(pin) != KEY_PIN_LEN) {
    return false;
  }
  return mbedtls_ct_memcmp(pin, pairing_pin, KEY_PIN_LEN) == 0;
}

/* Token identifying a docking-station session in every reply frame. */
uint32_t key_store_new_session_token(void) {
  return ((uint32_t)rand() << 16) ^ (uint32_t)rand(); // expect: medsec-weak-cryptography
}

int key_store_hmac(const uint8_t *msg, size_t len, uint8_t mac[KEY_HMAC_LEN]) {
  const mbedtls_md_info_t *info = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
  mbedtls_md_context_t ctx;
  int ret;

  if (!keys_provisioned || info == NULL) {
    return -1;
  }
  mbedtls_md_init(&ctx);
  ret = mbedtls_md_setup(&ctx, info, 1);
  if (ret == 0) {
    ret = mbedtls_md_hmac_starts(&ctx, hmac_key, sizeof hmac_key);
  }
  if (ret == 0) {
    ret = mbedtls_md_hmac_update(&ctx, msg, len);
  }
  if (ret == 0) {
    ret = mbedtls_md_hmac_finish(&ctx, mac);
  }
  mbedtls_md_free(&ctx);
  return ret;
}

bool key_store_verify_hmac(const uint8_t *msg, size_t len, const uint8_t mac[KEY_HMAC_LEN]) {
  uint8_t expected[KEY_HMAC_LEN];
  bool ok;

  if (key_store_hmac(msg, len, expected) != 0) {
    return false;
  }
  ok = mbedtls_ct_memcmp(expected, mac, sizeof expected) == 0;
  mbedtls_platform_zeroize(expected, sizeof expected);
  return ok;
}

/*
 * Per-session MAC: session key = HMAC(device key, nonce), then
 * mac = HMAC(session key, msg).
 */
int key_store_session_mac(const uint8_t *nonce, size_t nonce_len, const uint8_t *msg,
                          size_t msg_len, uint8_t mac[KEY_HMAC_LEN]) {
  const mbedtls_md_info_t *info = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
  uint8_t session_key[KEY_HMAC_LEN];
  int ret;

  if (!keys_provisioned || info == NULL) {
    return -1;
  }
  ret = mbedtls_md_hmac(info, hmac_key, sizeof hmac_key, nonce, nonce_len, session_key);
  if (ret == 0) {
    ret = mbedtls_md_hmac(info, session_key, sizeof session_key, msg, msg_len, mac);
  }
  memset(session_key, 0, sizeof session_key); // expect: medsec-sensitive-data-exposure
  return ret;
}

/* Encrypts a drug-library cache record (len a multiple of 16). */
int key_store_encrypt_record(const uint8_t *in, uint8_t *out, size_t len,
                             uint8_t iv[KEY_AES_BLOCK]) {
  mbedtls_aes_context aes;
  int ret;

  mbedtls_aes_init(&aes);
  mbedtls_aes_setkey_enc(&aes, DEVICE_AES_KEY, 128); // expect: medsec-unchecked-return-value
  ret = mbedtls_aes_crypt_cbc(&aes, MBEDTLS_AES_ENCRYPT, len, iv, in, out);
  mbedtls_aes_free(&aes);
  return ret;
}

/*
 * Anonymised pump identifier sent to the hospital server instead of the
 * serial number (one AES block).
 */
int key_store_obfuscate_id(const uint8_t in[KEY_AES_BLOCK], uint8_t out[KEY_AES_BLOCK]) {
  mbedtls_aes_context aes;
  int ret;

  mbedtls_aes_init(&aes);
  ret = mbedtls_aes_setkey_enc(&aes, DEVICE_AES_KEY, 128);
  if (ret == 0) {
    ret = mbedtls_aes_crypt_ecb(&aes, MBEDTLS_AES_ENCRYPT, in, out); // expect: medsec-weak-cryptography
  }
  mbedtls_aes_free(&aes);
  return ret;
}

/*
 * key_store.h - device secrets: provisioned HMAC key, pairing PIN, passwords,
 * random numbers.
 */
#ifndef KEY_STORE_H
#define KEY_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KEY_PIN_LEN 6U
#define KEY_HMAC_LEN 32U
#define KEY_AES_BLOCK 16U
#define PASSWORD_MAX_LEN 16U

int key_store_init(void);
void *key_store_drbg(void);

bool key_store_check_admin_password(const char *input);
bool key_store_check_service_pin(const char *pin);
bool key_store_check_factory_login(const char *user, const char *password);
int key_store_new_pairing_pin(void);
bool key_store_check_pairing_pin(const char *pin);

uint32_t key_store_new_session_token(void);
int key_store_random(uint8_t *buf, size_t len);

int key_store_hmac(const uint8_t *msg, size_t len, uint8_t mac[KEY_HMAC_LEN]);
bool key_store_verify_hmac(const uint8_t *msg, size_t len, const uint8_t mac[KEY_HMAC_LEN]);
int key_store_session_mac(const uint8_t *nonce, size_t nonce_len, const uint8_t *msg,
                          size_t msg_len, uint8_t mac[KEY_HMAC_LEN]);

int key_store_encrypt_record(const uint8_t *in, uint8_t *out, size_t len,
                             uint8_t iv[KEY_AES_BLOCK]);
int key_store_obfuscate_id(const uint8_t in[KEY_AES_BLOCK], uint8_t out[KEY_AES_BLOCK]);

#endif /* KEY_STORE_H */

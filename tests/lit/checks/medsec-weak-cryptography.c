// RUN: %check_medsec %s medsec-weak-cryptography %t -- -std=c11

// Library APIs are mocked here so the test does not depend on their headers.
typedef __SIZE_TYPE__ size_t;
typedef unsigned char uint8_t;
typedef unsigned int uint32_t;
typedef long time_t;
int rand(void);
long random(void);
void srand(unsigned seed);
time_t time(time_t *t);
void *memset(void *d, int c, size_t n);
typedef enum { MBEDTLS_MD_NONE = 0, MBEDTLS_MD_MD5 = 3, MBEDTLS_MD_SHA1 = 5, MBEDTLS_MD_SHA256 = 9 } mbedtls_md_type_t;
typedef enum { MBEDTLS_CIPHER_AES_128_ECB = 2, MBEDTLS_CIPHER_AES_128_CBC = 5, MBEDTLS_CIPHER_AES_128_GCM = 14,
               MBEDTLS_CIPHER_DES_EDE3_CBC = 37 } mbedtls_cipher_type_t;
typedef enum { MBEDTLS_ECP_DP_NONE = 0, MBEDTLS_ECP_DP_SECP192R1 = 1, MBEDTLS_ECP_DP_SECP256R1 = 3 } mbedtls_ecp_group_id;
typedef struct mbedtls_md_info_t mbedtls_md_info_t;
const mbedtls_md_info_t *mbedtls_md_info_from_type(mbedtls_md_type_t t);
const void *mbedtls_cipher_info_from_type(mbedtls_cipher_type_t t);
typedef struct mbedtls_aes_context { int nr; } mbedtls_aes_context;
int mbedtls_aes_crypt_ecb(mbedtls_aes_context *ctx, int mode, const unsigned char in[16], unsigned char out[16]);
int mbedtls_aes_crypt_cbc(mbedtls_aes_context *ctx, int mode, size_t len, unsigned char iv[16],
                          const unsigned char *in, unsigned char *out);
int mbedtls_gcm_crypt_and_tag(void *ctx, int mode, size_t len, const unsigned char *iv, size_t iv_len,
                              const unsigned char *add, size_t add_len, const unsigned char *in,
                              unsigned char *out, size_t tag_len, unsigned char *tag);
int mbedtls_rsa_gen_key(void *ctx, void *f_rng, void *p_rng, unsigned int nbits, int exponent);
int mbedtls_ecp_group_load(void *grp, mbedtls_ecp_group_id id);
int mbedtls_ctr_drbg_random(void *p, unsigned char *out, size_t len);
int mbedtls_aes_setkey_enc(mbedtls_aes_context *ctx, const unsigned char *key, unsigned int keybits);
typedef struct evp_md_st EVP_MD;
const EVP_MD *EVP_md5(void);
const EVP_MD *EVP_sha256(void);
typedef struct evp_cipher_st EVP_CIPHER;
const EVP_CIPHER *EVP_des_ede3_cbc(void);
const EVP_CIPHER *EVP_aes_128_ecb(void);
const EVP_CIPHER *EVP_aes_256_gcm(void);
typedef struct rsa_st RSA;
int RSA_generate_key_ex(RSA *rsa, int bits, void *e, void *cb);
int RSA_public_encrypt(int flen, const unsigned char *from, unsigned char *to, RSA *rsa, int padding);
#define RSA_PKCS1_PADDING 1
#define RSA_PKCS1_OAEP_PADDING 4
typedef unsigned int ALG_ID;
#define ALG_CLASS_HASH (4 << 13)
#define CALG_MD5 (ALG_CLASS_HASH | 3)
#define CALG_SHA_256 (ALG_CLASS_HASH | 12)
int CryptCreateHash(void *prov, ALG_ID alg, void *key, uint32_t flags, void **hash);
int wc_InitSha(void *sha);
typedef struct { uint32_t DataType; uint32_t KeySize; uint32_t *pKey; uint32_t *pInitVect; } CRYP_ConfigTypeDef;

extern void *drbg;
extern RSA *rsa;

// --- weak hashes, through functions and library constants --------------------------------

const mbedtls_md_info_t *firmware_digest(void) {
  return mbedtls_md_info_from_type(MBEDTLS_MD_MD5);
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'MBEDTLS_MD_MD5' selects MD5, which is broken (collisions are practical); use SHA-256 or SHA-3 (HMAC-SHA-256 for message authentication) [medsec-weak-cryptography]
}
const mbedtls_md_info_t *config_digest(void) {
  mbedtls_md_type_t t = MBEDTLS_MD_SHA1;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'MBEDTLS_MD_SHA1' selects SHA-1, which is deprecated for signatures and integrity
  return mbedtls_md_info_from_type(t);
}
const mbedtls_md_info_t *good_digest(void) {
  return mbedtls_md_info_from_type(MBEDTLS_MD_SHA256); // no-warning
}
// Dispatch code that recognises an algorithm does not select it.
int digest_size(mbedtls_md_type_t t) {
  if (t == MBEDTLS_MD_MD5) // no-warning
    return 16;
  switch (t) {
  case MBEDTLS_MD_SHA1: // no-warning
    return 20;
  default:
    return 32;
  }
}
const EVP_MD *pick_md(int legacy) {
  return legacy ? EVP_md5() : EVP_sha256();
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'EVP_md5' uses MD5, which is broken
}
const EVP_MD *(*md_factory)(void) = EVP_md5;
// CHECK-MESSAGES: :[[@LINE-1]]:37: warning: 'EVP_md5' uses MD5, which is broken
int win_hash(void *prov, void **h) {
  CryptCreateHash(prov, CALG_SHA_256, 0, 0, h); // no-warning
  return CryptCreateHash(prov, CALG_MD5, 0, 0, h);
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'CALG_MD5' selects MD5, which is broken
}
int wolf_sha(void *sha) {
  return wc_InitSha(sha);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'wc_InitSha' uses SHA-1, which is deprecated
}

// --- weak ciphers and modes ------------------------------------------------------------------

const EVP_CIPHER *pick_cipher(void) {
  return EVP_des_ede3_cbc();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'EVP_des_ede3_cbc' uses 3DES, which is disallowed by NIST SP 800-131A (64-bit blocks, Sweet32); use AES-128 or stronger in GCM or CCM mode
}
const EVP_CIPHER *pick_ecb(void) {
  return EVP_aes_128_ecb();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'EVP_aes_128_ecb' uses ECB mode, which encrypts equal blocks to equal ciphertext
}
const EVP_CIPHER *pick_gcm(void) { return EVP_aes_256_gcm(); } // no-warning
static const mbedtls_cipher_type_t record_cipher = MBEDTLS_CIPHER_AES_128_ECB;
// CHECK-MESSAGES: :[[@LINE-1]]:52: warning: 'MBEDTLS_CIPHER_AES_128_ECB' selects ECB mode
static const mbedtls_cipher_type_t good_cipher = MBEDTLS_CIPHER_AES_128_GCM; // no-warning
const void *table[] = {0, 0};
int obfuscate(mbedtls_aes_context *aes, const uint8_t in[16], uint8_t out[16]) {
  return mbedtls_aes_crypt_ecb(aes, 1, in, out);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'mbedtls_aes_crypt_ecb' uses ECB mode
}
int rsa_encrypt(const unsigned char *m, unsigned char *c) {
  RSA_public_encrypt(16, m, c, rsa, RSA_PKCS1_OAEP_PADDING); // no-warning
  return RSA_public_encrypt(16, m, c, rsa, RSA_PKCS1_PADDING);
  // CHECK-MESSAGES: :[[@LINE-1]]:44: warning: 'RSA_PKCS1_PADDING' selects RSA PKCS#1 v1.5 encryption padding
}
int curve(void *grp) {
  mbedtls_ecp_group_load(grp, MBEDTLS_ECP_DP_SECP256R1); // no-warning
  return mbedtls_ecp_group_load(grp, MBEDTLS_ECP_DP_SECP192R1);
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: 'MBEDTLS_ECP_DP_SECP192R1' selects an elliptic curve smaller than 224 bits
}

// --- key sizes -------------------------------------------------------------------------------

#define LEGACY_RSA_BITS 1024
static const int rsa_bits = 3072;
int keygen(void *ctx) {
  mbedtls_rsa_gen_key(ctx, 0, 0, LEGACY_RSA_BITS, 65537);
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: 'mbedtls_rsa_gen_key' is given a 1024-bit RSA key size, which is below the minimum of NIST SP 800-131A
  mbedtls_rsa_gen_key(ctx, 0, 0, 2048, 65537);       // no-warning
  RSA_generate_key_ex(rsa, rsa_bits, 0, 0);          // no-warning
  return RSA_generate_key_ex(rsa, 512, 0, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 'RSA_generate_key_ex' is given a 512-bit RSA key size
}

// --- constant IVs and nonces -----------------------------------------------------------------

static const uint8_t fixed_nonce[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
int encrypt(mbedtls_aes_context *aes, void *gcm, const uint8_t *in, uint8_t *out, uint8_t *tag,
            uint8_t *caller_iv) {
  uint8_t iv[16] = {0};
  mbedtls_aes_crypt_cbc(aes, 1, 32, iv, in, out);
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: the iv passed to 'mbedtls_aes_crypt_cbc' is all zero: it is the same for every message
  // CHECK-MESSAGES: :[[@LINE-3]]:11: note: the iv is defined here
  mbedtls_gcm_crypt_and_tag(gcm, 1, 32, fixed_nonce, 12, 0, 0, in, out, 16, tag);
  // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: the iv passed to 'mbedtls_gcm_crypt_and_tag' is a constant: it is the same for every message
  // CHECK-MESSAGES: :{{[0-9]+}}:22: note: the iv is defined here
  uint8_t fresh[16] = {0};
  mbedtls_ctr_drbg_random(drbg, fresh, sizeof fresh);
  mbedtls_aes_crypt_cbc(aes, 1, 32, fresh, in, out);     // no-warning: random
  return mbedtls_aes_crypt_cbc(aes, 1, 32, caller_iv, in, out); // no-warning: a parameter
}
static uint32_t cryp_iv[4] = {0x00010203, 0x04050607, 0x08090a0b, 0x0c0d0e0f};
void cryp(CRYP_ConfigTypeDef *conf, uint32_t *random_iv) {
  conf->pInitVect = cryp_iv;
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: the iv passed to 'CRYP_ConfigTypeDef.pInitVect' is a constant
  // CHECK-MESSAGES: :[[@LINE-4]]:17: note: the iv is defined here
  conf->pInitVect = random_iv; // no-warning
}

// --- non-cryptographic random numbers -----------------------------------------------------

void boot(void) {
  srand((unsigned)time(0)); // shown as a note of the first finding below
}
uint32_t new_session_token(void) {
  return ((uint32_t)rand() << 16) ^ (uint32_t)rand();
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'rand' makes a token (the value returned by 'new_session_token') but is predictable
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: the generator is seeded here from a clock, so its whole sequence can be guessed
}
void make_key(uint8_t key[16], mbedtls_aes_context *aes) {
  for (int i = 0; i < 16; i++)
    key[i] = (uint8_t)rand();
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'rand' makes a key ('key') but is predictable
  uint8_t salt[8];
  salt[0] = (uint8_t)random();
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'random' makes a salt ('salt') but is predictable
  mbedtls_aes_setkey_enc(aes, key, 128);
  uint32_t challenge = rand() % 1000000;
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'rand' makes a challenge ('challenge') but is predictable
  (void)challenge;
}
// Non-security randomness is fine.
unsigned backoff_ms(void) { return 100 + rand() % 50; }            // no-warning
void jitter(unsigned *delay) { *delay = rand() % 10; }              // no-warning
int pick_led(void) { int led_index = rand() % 4; return led_index; } // no-warning
unsigned key_index(void) { return rand() % 8; }                     // no-warning: an index

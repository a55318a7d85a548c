// RUN: %check_medsec %s medsec-weak-cryptography %t -- -std=c11

// Windows CryptoAPI and CNG, and algorithms selected by name (CNG identifiers,
// OpenSSL names). Declarations are mocked as the SDK headers spell them.
typedef unsigned int ALG_ID;
typedef unsigned short wchar_t16;
typedef void *BCRYPT_ALG_HANDLE;
typedef void *HCRYPTPROV;
typedef void *HCRYPTHASH;
typedef void *HCRYPTKEY;
#define ALG_CLASS_HASH (4 << 13)
#define ALG_CLASS_DATA_ENCRYPT (3 << 13)
#define CALG_MD2 (ALG_CLASS_HASH | 1)
#define CALG_SHA_256 (ALG_CLASS_HASH | 12)
#define CALG_RC5 (ALG_CLASS_DATA_ENCRYPT | 13)
#define CALG_AES_256 (ALG_CLASS_DATA_ENCRYPT | 16)
#define BCRYPT_SHA1_ALGORITHM L"SHA1"
#define BCRYPT_SHA256_ALGORITHM L"SHA256"
int CryptCreateHash(HCRYPTPROV prov, ALG_ID alg, HCRYPTKEY key, unsigned flags, HCRYPTHASH *hash);
int CryptDeriveKey(HCRYPTPROV prov, ALG_ID alg, HCRYPTHASH base, unsigned flags, HCRYPTKEY *key);
int CryptGenKey(HCRYPTPROV prov, ALG_ID alg, unsigned flags, HCRYPTKEY *key);
long BCryptOpenAlgorithmProvider(BCRYPT_ALG_HANDLE *alg, const __WCHAR_TYPE__ *id,
                                 const __WCHAR_TYPE__ *impl, unsigned long flags);
typedef struct evp_md_st EVP_MD;
typedef struct evp_cipher_st EVP_CIPHER;
const EVP_MD *EVP_get_digestbyname(const char *name);
const EVP_CIPHER *EVP_get_cipherbyname(const char *name);
EVP_MD *EVP_MD_fetch(void *libctx, const char *algorithm, const char *properties);

void cryptoapi(HCRYPTPROV prov, HCRYPTHASH *h, HCRYPTKEY *k) {
  CryptCreateHash(prov, CALG_MD2, 0, 0, h);
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'CALG_MD2' selects MD2, which is broken
  CryptCreateHash(prov, CALG_SHA_256, 0, 0, h); // no-warning
  CryptGenKey(prov, CALG_RC5, 0, k);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'CALG_RC5' selects RC5, which has 64-bit blocks
  CryptDeriveKey(prov, CALG_AES_256, *h, 0, k); // no-warning
}

void cng(BCRYPT_ALG_HANDLE *alg) {
  BCryptOpenAlgorithmProvider(alg, BCRYPT_SHA1_ALGORITHM, 0, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'BCRYPT_SHA1_ALGORITHM' selects SHA-1, which is deprecated
  BCryptOpenAlgorithmProvider(alg, L"RC4", 0, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: the algorithm name "RC4" passed to 'BCryptOpenAlgorithmProvider' selects RC4, which has biased keystreams
  BCryptOpenAlgorithmProvider(alg, L"des", 0, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: the algorithm name "des" passed to 'BCryptOpenAlgorithmProvider' selects DES, which has a 56-bit key
  BCryptOpenAlgorithmProvider(alg, BCRYPT_SHA256_ALGORITHM, 0, 0); // no-warning
  BCryptOpenAlgorithmProvider(alg, L"AES", 0, 0);                  // no-warning
  BCryptOpenAlgorithmProvider(alg, L"DESX-like", 0, 0);            // no-warning: not a whole name
}

static const char digest_name[] = "md5";
const EVP_MD *openssl_names(const char *configured) {
  EVP_get_cipherbyname("des-ede3-cbc");
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: the algorithm name "des-ede3-cbc" passed to 'EVP_get_cipherbyname' selects 3DES, which is disallowed
  EVP_get_cipherbyname("aes-128-ecb");
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: the algorithm name "aes-128-ecb" passed to 'EVP_get_cipherbyname' selects ECB mode, which encrypts
  EVP_get_cipherbyname("aes-256-gcm"); // no-warning
  EVP_MD_fetch(0, "SHA2-256", 0);      // no-warning
  EVP_get_digestbyname(configured);    // no-warning: chosen at run time
  return EVP_get_digestbyname(digest_name);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: the algorithm name "md5" passed to 'EVP_get_digestbyname' selects MD5, which is broken
}

int compares(const char *name) {
  return name == (const char *)"md5"; // no-warning: not passed to a selecting API
}

// A weak function reached through a macro alias is reported at each call.
unsigned char *MD5(const unsigned char *d, __SIZE_TYPE__ n, unsigned char *md);
#define LEGACY_DIGEST MD5
#define NEVER_USED_DIGEST MD5
void alias(const unsigned char *d, unsigned char *md) {
  LEGACY_DIGEST(d, 4, md);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'MD5' uses MD5, which is broken
  LEGACY_DIGEST(d, 8, md);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'MD5' uses MD5, which is broken
}

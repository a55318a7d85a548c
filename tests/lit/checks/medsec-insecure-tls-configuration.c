// RUN: %check_medsec %s medsec-insecure-tls-configuration %t -- -std=c11

// Library APIs are mocked here so the test does not depend on their headers.
typedef unsigned int uint32_t;
typedef struct ssl_ctx_st SSL_CTX;
typedef struct ssl_st SSL;
typedef struct ssl_method_st SSL_METHOD;
typedef struct x509_store_ctx_st X509_STORE_CTX;
typedef int (*verify_cb)(int ok, X509_STORE_CTX *ctx);
#define SSL_VERIFY_NONE 0x00
#define SSL_VERIFY_PEER 0x01
#define TLS1_VERSION 0x0301
#define TLS1_2_VERSION 0x0303
void SSL_CTX_set_verify(SSL_CTX *ctx, int mode, verify_cb cb);
void SSL_set_verify(SSL *s, int mode, verify_cb cb);
int SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version);
int SSL_CTX_set_cipher_list(SSL_CTX *ctx, const char *list);
const SSL_METHOD *TLSv1_method(void);
const SSL_METHOD *SSLv3_client_method(void);
const SSL_METHOD *TLS_client_method(void);
int X509_STORE_CTX_get_error(X509_STORE_CTX *ctx);

typedef struct mbedtls_ssl_config mbedtls_ssl_config;
typedef struct mbedtls_x509_crt mbedtls_x509_crt;
#define MBEDTLS_SSL_VERIFY_NONE 0
#define MBEDTLS_SSL_VERIFY_OPTIONAL 1
#define MBEDTLS_SSL_VERIFY_REQUIRED 2
#define MBEDTLS_SSL_MAJOR_VERSION_3 3
#define MBEDTLS_SSL_MINOR_VERSION_1 1
#define MBEDTLS_SSL_MINOR_VERSION_3 3
#define MBEDTLS_TLS_RSA_WITH_RC4_128_SHA 0x05
#define MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 0xC02B
void mbedtls_ssl_conf_authmode(mbedtls_ssl_config *conf, int authmode);
void mbedtls_ssl_conf_min_version(mbedtls_ssl_config *conf, int major, int minor);
void mbedtls_ssl_conf_ciphersuites(mbedtls_ssl_config *conf, const int *ciphersuites);
void mbedtls_ssl_conf_verify(mbedtls_ssl_config *conf,
                             int (*f)(void *, mbedtls_x509_crt *, int, uint32_t *), void *p);

typedef void CURL;
typedef enum { CURLOPT_SSL_VERIFYPEER = 64, CURLOPT_SSL_VERIFYHOST = 81, CURLOPT_TIMEOUT = 13,
               CURLOPT_SSL_CIPHER_LIST = 10083 } CURLoption;
int curl_easy_setopt(CURL *curl, CURLoption option, ...);

// --- certificate verification ------------------------------------------------------------

extern int allow_unverified;
void openssl_setup(SSL_CTX *ctx, SSL *ssl) {
  SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'SSL_VERIFY_NONE' passed to 'SSL_CTX_set_verify' turns off verification of the peer's certificate, so anyone on the network can impersonate the server; use SSL_VERIFY_PEER (with SSL_VERIFY_FAIL_IF_NO_PEER_CERT on servers) and a trusted CA store [medsec-insecure-tls-configuration]
  SSL_set_verify(ssl, 0, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 0 passed to 'SSL_set_verify' turns off verification
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, 0);                       // no-warning
  SSL_set_verify(ssl, allow_unverified ? SSL_VERIFY_PEER : SSL_VERIFY_PEER, 0); // no-warning
}
void mbedtls_setup(mbedtls_ssl_config *conf) {
  mbedtls_ssl_conf_authmode(conf, MBEDTLS_SSL_VERIFY_REQUIRED);      // no-warning
  if (allow_unverified)
    mbedtls_ssl_conf_authmode(conf, MBEDTLS_SSL_VERIFY_NONE);
    // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: 'MBEDTLS_SSL_VERIFY_NONE' passed to 'mbedtls_ssl_conf_authmode' does not make certificate verification mandatory
  mbedtls_ssl_conf_authmode(conf, MBEDTLS_SSL_VERIFY_OPTIONAL);
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 'MBEDTLS_SSL_VERIFY_OPTIONAL' passed to 'mbedtls_ssl_conf_authmode' does not make
}
void curl_setup(CURL *curl) {
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
  // CHECK-MESSAGES: :[[@LINE-1]]:50: warning: 0 passed to 'curl_easy_setopt' for CURLOPT_SSL_VERIFYPEER turns off verification
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 1L);
  // CHECK-MESSAGES: :[[@LINE-1]]:50: warning: 1 passed to 'curl_easy_setopt' for CURLOPT_SSL_VERIFYHOST turns off the check that the certificate names the host
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L); // no-warning
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L); // no-warning
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 0L);        // no-warning: another option
}

// --- verification callbacks -------------------------------------------------------------

static int accept_all(int ok, X509_STORE_CTX *ctx) {
  (void)ok;
  (void)ctx;
  return 1;
}
static int log_and_keep(int ok, X509_STORE_CTX *ctx) {
  if (!ok)
    (void)X509_STORE_CTX_get_error(ctx);
  return ok; // the library's verdict
}
static int skip_errors(void *p, mbedtls_x509_crt *crt, int depth, uint32_t *flags) {
  (void)p; (void)crt; (void)depth;
  *flags = 0;
  return 0;
}
static int just_log(void *p, mbedtls_x509_crt *crt, int depth, uint32_t *flags) {
  (void)p; (void)crt; (void)depth; (void)flags;
  return 0; // flags untouched: the library still rejects a bad certificate
}
void callbacks(SSL_CTX *ctx, mbedtls_ssl_config *conf) {
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, accept_all);
  // CHECK-MESSAGES: :[[@LINE-1]]:44: warning: verification callback 'accept_all' accepts every certificate (it always returns 1), so verification is effectively off
  // CHECK-MESSAGES: :{{[0-9]+}}:3: note: accepts here
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, log_and_keep); // no-warning
  mbedtls_ssl_conf_verify(conf, skip_errors, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: verification callback 'skip_errors' accepts every certificate (it clears the error flags and returns 0)
  // CHECK-MESSAGES: :{{[0-9]+}}:3: note: accepts here
  mbedtls_ssl_conf_verify(conf, just_log, 0);             // no-warning
}

// --- protocol versions ----------------------------------------------------------------------

const SSL_METHOD *pick_method(int legacy) {
  if (legacy)
    return TLSv1_method();
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'TLSv1_method' negotiates only TLS 1.0, which is obsolete and open to known attacks
  const SSL_METHOD *(*old)(void) = SSLv3_client_method;
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'SSLv3_client_method' negotiates only SSL 3.0
  (void)old;
  return TLS_client_method(); // no-warning
}
void versions(SSL_CTX *ctx, mbedtls_ssl_config *conf) {
  SSL_CTX_set_min_proto_version(ctx, TLS1_VERSION);
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: 'TLS1_VERSION' passed to 'SSL_CTX_set_min_proto_version' allows a protocol version below TLS 1.2
  SSL_CTX_set_min_proto_version(ctx, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: 0 passed to 'SSL_CTX_set_min_proto_version' allows every protocol version the library supports, below TLS 1.2 too (0 means the lowest)
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION); // no-warning
  mbedtls_ssl_conf_min_version(conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_1);
  // CHECK-MESSAGES: :[[@LINE-1]]:67: warning: 'MBEDTLS_SSL_MINOR_VERSION_1' passed to 'mbedtls_ssl_conf_min_version' allows a protocol version below TLS 1.2
  mbedtls_ssl_conf_min_version(conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3); // no-warning
}

// --- cipher lists ----------------------------------------------------------------------------

static const char legacy_ciphers[] = "ECDHE-RSA-AES128-GCM-SHA256:DES-CBC3-SHA";
static const int suites[] = {MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                             MBEDTLS_TLS_RSA_WITH_RC4_128_SHA, 0};
static const int good_suites[] = {MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, 0};
void ciphers(SSL_CTX *ctx, mbedtls_ssl_config *conf, CURL *curl, const char *from_config) {
  SSL_CTX_set_cipher_list(ctx, "HIGH:!aNULL:!eNULL:!EXPORT:!RC4:!DES:!3DES:!MD5"); // no-warning
  SSL_CTX_set_cipher_list(ctx, "ALL:eNULL");
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: cipher list passed to 'SSL_CTX_set_cipher_list' enables 'eNULL' (NULL encryption), which gives no or broken protection
  SSL_CTX_set_cipher_list(ctx, legacy_ciphers);
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: cipher list passed to 'SSL_CTX_set_cipher_list' enables 'DES-CBC3-SHA' (DES or 3DES)
  // CHECK-MESSAGES: :{{[0-9]+}}:19: note: the cipher list is defined here
  SSL_CTX_set_cipher_list(ctx, "ECDHE-ECDSA-AES128-GCM-SHA256:ADH-AES128-SHA");
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: cipher list passed to 'SSL_CTX_set_cipher_list' enables 'ADH-AES128-SHA' (anonymous key exchange)
  SSL_CTX_set_cipher_list(ctx, from_config);                 // no-warning: run-time value
  mbedtls_ssl_conf_ciphersuites(conf, suites);
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: cipher list passed to 'mbedtls_ssl_conf_ciphersuites' enables 'MBEDTLS_TLS_RSA_WITH_RC4_128_SHA' (RC4)
  // CHECK-MESSAGES: :{{[0-9]+}}:18: note: the cipher list is defined here
  mbedtls_ssl_conf_ciphersuites(conf, good_suites);          // no-warning
  curl_easy_setopt(curl, CURLOPT_SSL_CIPHER_LIST, "RC4-SHA");
  // CHECK-MESSAGES: :[[@LINE-1]]:51: warning: cipher list passed to 'curl_easy_setopt' enables 'RC4-SHA' (RC4)
}

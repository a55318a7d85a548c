// RUN: %check_medsec %s medsec-insecure-tls-configuration %t -- -std=c++17

extern "C" {
typedef struct ssl_ctx_st SSL_CTX;
typedef struct x509_store_ctx_st X509_STORE_CTX;
typedef struct x509_store_st X509_STORE;
typedef int (*verify_cb)(int ok, X509_STORE_CTX *ctx);
#define SSL_VERIFY_NONE 0x00
#define SSL_VERIFY_PEER 0x01
void SSL_CTX_set_verify(SSL_CTX *ctx, int mode, verify_cb cb);
void X509_STORE_set_verify_cb(X509_STORE *store, verify_cb cb);
int wolfSSL_CTX_SetMinVersion(void *ctx, int version);
enum { WOLFSSL_SSLV3 = 0, WOLFSSL_TLSV1 = 1, WOLFSSL_TLSV1_1 = 2, WOLFSSL_TLSV1_2 = 3 };
}

namespace net {

class TlsClient {
public:
  explicit TlsClient(SSL_CTX *ctx, bool lab) : ctx_(ctx) {
    const int mode = lab ? SSL_VERIFY_NONE : SSL_VERIFY_PEER;
    SSL_CTX_set_verify(ctx_, mode, nullptr); // no-warning: chosen at run time
    constexpr int kLabMode = SSL_VERIFY_NONE;
    SSL_CTX_set_verify(ctx_, kLabMode, nullptr);
    // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 0 passed to 'SSL_CTX_set_verify' turns off verification
  }
  void trustAll(X509_STORE *store) {
    X509_STORE_set_verify_cb(store, [](int, X509_STORE_CTX *) { return 1; });
    // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: verification callback 'operator()' accepts every certificate (it always returns 1)
    // CHECK-MESSAGES: :[[@LINE-2]]:65: note: accepts here
    X509_STORE_set_verify_cb(store, [](int ok, X509_STORE_CTX *) { return ok; }); // no-warning
  }
  void versions(void *wctx) {
    wolfSSL_CTX_SetMinVersion(wctx, WOLFSSL_TLSV1_1);
    // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: 'WOLFSSL_TLSV1_1' passed to 'wolfSSL_CTX_SetMinVersion' allows a protocol version below TLS 1.2
    wolfSSL_CTX_SetMinVersion(wctx, WOLFSSL_TLSV1_2); // no-warning
  }

private:
  SSL_CTX *ctx_;
};

} // namespace net

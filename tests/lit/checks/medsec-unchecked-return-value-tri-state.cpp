// Tri-state results (1 valid, 0 invalid, negative error) read as a boolean:
// an error then counts as a valid signature (CWE-253).
// RUN: %check_medsec %s medsec-unchecked-return-value %t -- -std=c++17

extern "C" {
typedef struct evp_md_ctx_st EVP_MD_CTX;
typedef struct evp_pkey_ctx_st EVP_PKEY_CTX;
typedef struct evp_pkey_st EVP_PKEY;
typedef struct x509_st X509;
typedef struct x509_store_ctx_st X509_STORE_CTX;
typedef struct ec_key_st EC_KEY;
typedef struct rsa_st RSA;
// OpenSSL: 1 valid, 0 invalid, negative (-1, -2 unsupported) an error.
int EVP_DigestVerifyFinal(EVP_MD_CTX *ctx, const unsigned char *sig, unsigned long siglen);
int EVP_PKEY_verify(EVP_PKEY_CTX *ctx, const unsigned char *sig, unsigned long siglen,
                    const unsigned char *tbs, unsigned long tbslen);
int X509_verify(X509 *x, EVP_PKEY *pkey);
int X509_verify_cert(X509_STORE_CTX *ctx);
int ECDSA_verify(int type, const unsigned char *dgst, int dgstlen, const unsigned char *sig,
                 int siglen, EC_KEY *eckey);
// RSA_verify: 1 valid, 0 otherwise (never negative).
int RSA_verify(int type, const unsigned char *m, unsigned int m_len, const unsigned char *sigbuf,
               unsigned int siglen, RSA *rsa);
}
void accept_image(bool valid);

bool verify_image(EVP_MD_CTX *md, const unsigned char *sig, unsigned long n) {
  return EVP_DigestVerifyFinal(md, sig, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: the result of 'EVP_DigestVerifyFinal' is converted to bool, so the failure value -1 becomes true like the success value 1; compare it instead (its convention: 1 is success, 0 and negative values are failures)
}

bool verify_image_ok(EVP_MD_CTX *md, const unsigned char *sig, unsigned long n) {
  return EVP_DigestVerifyFinal(md, sig, n) == 1; // no-warning
}

bool verify_cert(X509_STORE_CTX *store, X509 *cert, EVP_PKEY *key, EVP_PKEY_CTX *pctx,
                 const unsigned char *sig, const unsigned char *dgst) {
  const bool chain_ok = X509_verify_cert(store);
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: the result of 'X509_verify_cert' is converted to bool, so the failure value -1 becomes true like the success value 1
  const bool chain_ok2 = X509_verify_cert(store) > 0; // no-warning
  accept_image(X509_verify(cert, key));
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: the result of 'X509_verify' is converted to bool
  accept_image(X509_verify(cert, key) == 1); // no-warning
  if (!EVP_PKEY_verify(pctx, sig, 64, dgst, 32))
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: the result of 'EVP_PKEY_verify' is tested the wrong way: the failure value -1 takes the same branch as the success value 1
    return false;
  if (EVP_PKEY_verify(pctx, sig, 64, dgst, 32) <= 0) // no-warning
    return false;
  int rc = ECDSA_verify(0, dgst, 32, sig, 72, nullptr);
  if (rc)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the result of 'ECDSA_verify' stored in 'rc' is tested the wrong way: the failure value -1 takes the same branch as the success value 1
    accept_image(true);
  rc = ECDSA_verify(0, dgst, 32, sig, 72, nullptr);
  if (rc != 1) // no-warning
    return false;
  int status = X509_verify(cert, key);
  if (status == 0)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the result of 'X509_verify' stored in 'status' is tested the wrong way: the failure value -1 takes the same branch as the success value 1
    return false;
  if (RSA_verify(0, dgst, 32, sig, 256, nullptr)) // no-warning: 1 or 0, never negative
    accept_image(true);
  const bool rsa_ok = RSA_verify(0, dgst, 32, sig, 256, nullptr); // no-warning
  return chain_ok && chain_ok2 && rsa_ok;
}

// A status kept in an int and handed back as the bool result.
bool verify_stored(X509 *cert, EVP_PKEY *key) {
  int r = X509_verify(cert, key);
  return r;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: the result of 'X509_verify' stored in 'r' is tested the wrong way: the failure value -1 takes the same branch as the success value 1
}

bool verify_stored_ok(X509 *cert, EVP_PKEY *key) {
  int r = X509_verify(cert, key);
  return r == 1; // no-warning
}

int verify_status(X509 *cert, EVP_PKEY *key) {
  return X509_verify(cert, key); // no-warning: the caller gets the three states
}

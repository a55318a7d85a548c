/*
 * mbedtls_stub.h - declarations of the Mbed TLS 3.x API subset used by the
 * IP-400 firmware, with the real names, constants and signatures.
 *
 * The target links the real library. The host build links placeholder
 * implementations (hal/mbedtls_stubs.c) that are NOT cryptography; they only
 * let the application code run end to end on a PC.
 */
#ifndef MBEDTLS_STUB_H
#define MBEDTLS_STUB_H

#include <stddef.h>
#include <stdint.h>

#include "mbedtls/build_info.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------ platform_util */

void mbedtls_platform_zeroize(void *buf, size_t len);
int mbedtls_ct_memcmp(const void *a, const void *b, size_t n);

/* ---------------------------------------------------------------------- aes */

#define MBEDTLS_AES_ENCRYPT 1
#define MBEDTLS_AES_DECRYPT 0
#define MBEDTLS_ERR_AES_INVALID_KEY_LENGTH -0x0020
#define MBEDTLS_ERR_AES_INVALID_INPUT_LENGTH -0x0022

typedef struct mbedtls_aes_context {
  int nr;
  size_t rk_offset;
  uint32_t buf[68];
} mbedtls_aes_context;

void mbedtls_aes_init(mbedtls_aes_context *ctx);
void mbedtls_aes_free(mbedtls_aes_context *ctx);
int mbedtls_aes_setkey_enc(mbedtls_aes_context *ctx, const unsigned char *key,
                           unsigned int keybits);
int mbedtls_aes_setkey_dec(mbedtls_aes_context *ctx, const unsigned char *key,
                           unsigned int keybits);
int mbedtls_aes_crypt_ecb(mbedtls_aes_context *ctx, int mode, const unsigned char input[16],
                          unsigned char output[16]);
int mbedtls_aes_crypt_cbc(mbedtls_aes_context *ctx, int mode, size_t length,
                          unsigned char iv[16], const unsigned char *input,
                          unsigned char *output);

/* ----------------------------------------------------------------------- md */

typedef enum {
  MBEDTLS_MD_NONE = 0x0,
  MBEDTLS_MD_MD5 = 0x03,
  MBEDTLS_MD_RIPEMD160 = 0x04,
  MBEDTLS_MD_SHA1 = 0x05,
  MBEDTLS_MD_SHA224 = 0x08,
  MBEDTLS_MD_SHA256 = 0x09,
  MBEDTLS_MD_SHA384 = 0x0a,
  MBEDTLS_MD_SHA512 = 0x0b
} mbedtls_md_type_t;

#define MBEDTLS_MD_MAX_SIZE 64
#define MBEDTLS_ERR_MD_BAD_INPUT_DATA -0x5100

typedef struct mbedtls_md_info_t mbedtls_md_info_t;

typedef struct mbedtls_md_context_t {
  const mbedtls_md_info_t *md_info;
  void *md_ctx;
  void *hmac_ctx;
} mbedtls_md_context_t;

const mbedtls_md_info_t *mbedtls_md_info_from_type(mbedtls_md_type_t md_type);
unsigned char mbedtls_md_get_size(const mbedtls_md_info_t *md_info);
void mbedtls_md_init(mbedtls_md_context_t *ctx);
void mbedtls_md_free(mbedtls_md_context_t *ctx);
int mbedtls_md_setup(mbedtls_md_context_t *ctx, const mbedtls_md_info_t *md_info, int hmac);
int mbedtls_md_starts(mbedtls_md_context_t *ctx);
int mbedtls_md_update(mbedtls_md_context_t *ctx, const unsigned char *input, size_t ilen);
int mbedtls_md_finish(mbedtls_md_context_t *ctx, unsigned char *output);
int mbedtls_md(const mbedtls_md_info_t *md_info, const unsigned char *input, size_t ilen,
               unsigned char *output);
int mbedtls_md_hmac_starts(mbedtls_md_context_t *ctx, const unsigned char *key, size_t keylen);
int mbedtls_md_hmac_update(mbedtls_md_context_t *ctx, const unsigned char *input, size_t ilen);
int mbedtls_md_hmac_finish(mbedtls_md_context_t *ctx, unsigned char *output);
int mbedtls_md_hmac(const mbedtls_md_info_t *md_info, const unsigned char *key, size_t keylen,
                    const unsigned char *input, size_t ilen, unsigned char *output);

/* --------------------------------------------------------- entropy / drbg */

#define MBEDTLS_ENTROPY_SOURCE_STRONG 1
#define MBEDTLS_ERR_ENTROPY_SOURCE_FAILED -0x003C

typedef int (*mbedtls_entropy_f_source_ptr)(void *data, unsigned char *output, size_t len,
                                            size_t *olen);

typedef struct mbedtls_entropy_context {
  int accumulator_started;
  int source_count;
  mbedtls_entropy_f_source_ptr f_source;
  void *p_source;
} mbedtls_entropy_context;

typedef struct mbedtls_ctr_drbg_context {
  unsigned char counter[16];
  int reseed_counter;
  int prediction_resistance;
  size_t entropy_len;
  int reseed_interval;
} mbedtls_ctr_drbg_context;

void mbedtls_entropy_init(mbedtls_entropy_context *ctx);
void mbedtls_entropy_free(mbedtls_entropy_context *ctx);
int mbedtls_entropy_add_source(mbedtls_entropy_context *ctx, mbedtls_entropy_f_source_ptr f_source,
                               void *p_source, size_t threshold, int strong);
int mbedtls_entropy_func(void *data, unsigned char *output, size_t len);

void mbedtls_ctr_drbg_init(mbedtls_ctr_drbg_context *ctx);
void mbedtls_ctr_drbg_free(mbedtls_ctr_drbg_context *ctx);
int mbedtls_ctr_drbg_seed(mbedtls_ctr_drbg_context *ctx,
                          int (*f_entropy)(void *, unsigned char *, size_t), void *p_entropy,
                          const unsigned char *custom, size_t len);
int mbedtls_ctr_drbg_random(void *p_rng, unsigned char *output, size_t output_len);

/* --------------------------------------------------------------- x509 / pk */

typedef struct mbedtls_x509_crt {
  int version;
  struct mbedtls_x509_crt *next;
} mbedtls_x509_crt;

typedef struct mbedtls_x509_crl mbedtls_x509_crl;

typedef struct mbedtls_pk_context {
  const void *pk_info;
  void *pk_ctx;
} mbedtls_pk_context;

void mbedtls_x509_crt_init(mbedtls_x509_crt *crt);
void mbedtls_x509_crt_free(mbedtls_x509_crt *crt);
int mbedtls_x509_crt_parse(mbedtls_x509_crt *chain, const unsigned char *buf, size_t buflen);
void mbedtls_pk_init(mbedtls_pk_context *ctx);
void mbedtls_pk_free(mbedtls_pk_context *ctx);
int mbedtls_pk_parse_key(mbedtls_pk_context *ctx, const unsigned char *key, size_t keylen,
                         const unsigned char *pwd, size_t pwdlen,
                         int (*f_rng)(void *, unsigned char *, size_t), void *p_rng);

/* --------------------------------------------------------------------- net */

#define MBEDTLS_NET_PROTO_TCP 0
#define MBEDTLS_ERR_NET_CONNECT_FAILED -0x0052

typedef struct mbedtls_net_context {
  int fd;
} mbedtls_net_context;

void mbedtls_net_init(mbedtls_net_context *ctx);
void mbedtls_net_free(mbedtls_net_context *ctx);
int mbedtls_net_connect(mbedtls_net_context *ctx, const char *host, const char *port, int proto);
int mbedtls_net_send(void *ctx, const unsigned char *buf, size_t len);
int mbedtls_net_recv(void *ctx, unsigned char *buf, size_t len);

/* --------------------------------------------------------------------- ssl */

#define MBEDTLS_SSL_IS_CLIENT 0
#define MBEDTLS_SSL_IS_SERVER 1
#define MBEDTLS_SSL_TRANSPORT_STREAM 0
#define MBEDTLS_SSL_PRESET_DEFAULT 0

#define MBEDTLS_SSL_VERIFY_NONE 0
#define MBEDTLS_SSL_VERIFY_OPTIONAL 1
#define MBEDTLS_SSL_VERIFY_REQUIRED 2

#define MBEDTLS_ERR_SSL_WANT_READ -0x6900
#define MBEDTLS_ERR_SSL_WANT_WRITE -0x6880
#define MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY -0x7880

typedef int mbedtls_ssl_send_t(void *ctx, const unsigned char *buf, size_t len);
typedef int mbedtls_ssl_recv_t(void *ctx, unsigned char *buf, size_t len);
typedef int mbedtls_ssl_recv_timeout_t(void *ctx, unsigned char *buf, size_t len,
                                       uint32_t timeout);

typedef struct mbedtls_ssl_config {
  int endpoint;
  int authmode;
  const mbedtls_x509_crt *ca_chain;
  int (*f_rng)(void *, unsigned char *, size_t);
  void *p_rng;
  const unsigned char *psk;
  size_t psk_len;
} mbedtls_ssl_config;

typedef struct mbedtls_ssl_context {
  const mbedtls_ssl_config *conf;
  int state;
  void *p_bio;
  mbedtls_ssl_send_t *f_send;
  mbedtls_ssl_recv_t *f_recv;
} mbedtls_ssl_context;

void mbedtls_ssl_init(mbedtls_ssl_context *ssl);
void mbedtls_ssl_free(mbedtls_ssl_context *ssl);
void mbedtls_ssl_config_init(mbedtls_ssl_config *conf);
void mbedtls_ssl_config_free(mbedtls_ssl_config *conf);
int mbedtls_ssl_config_defaults(mbedtls_ssl_config *conf, int endpoint, int transport, int preset);
void mbedtls_ssl_conf_authmode(mbedtls_ssl_config *conf, int authmode);
void mbedtls_ssl_conf_ca_chain(mbedtls_ssl_config *conf, mbedtls_x509_crt *ca_chain,
                               mbedtls_x509_crl *ca_crl);
void mbedtls_ssl_conf_rng(mbedtls_ssl_config *conf,
                          int (*f_rng)(void *, unsigned char *, size_t), void *p_rng);
int mbedtls_ssl_conf_own_cert(mbedtls_ssl_config *conf, mbedtls_x509_crt *own_cert,
                              mbedtls_pk_context *pk_key);
int mbedtls_ssl_conf_psk(mbedtls_ssl_config *conf, const unsigned char *psk, size_t psk_len,
                         const unsigned char *psk_identity, size_t psk_identity_len);
int mbedtls_ssl_setup(mbedtls_ssl_context *ssl, const mbedtls_ssl_config *conf);
int mbedtls_ssl_set_hostname(mbedtls_ssl_context *ssl, const char *hostname);
void mbedtls_ssl_set_bio(mbedtls_ssl_context *ssl, void *p_bio, mbedtls_ssl_send_t *f_send,
                         mbedtls_ssl_recv_t *f_recv, mbedtls_ssl_recv_timeout_t *f_recv_timeout);
int mbedtls_ssl_handshake(mbedtls_ssl_context *ssl);
uint32_t mbedtls_ssl_get_verify_result(const mbedtls_ssl_context *ssl);
int mbedtls_ssl_write(mbedtls_ssl_context *ssl, const unsigned char *buf, size_t len);
int mbedtls_ssl_read(mbedtls_ssl_context *ssl, unsigned char *buf, size_t len);
int mbedtls_ssl_close_notify(mbedtls_ssl_context *ssl);

#ifdef __cplusplus
}
#endif

#endif /* MBEDTLS_STUB_H */

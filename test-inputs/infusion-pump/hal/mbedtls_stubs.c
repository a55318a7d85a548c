/*
 * mbedtls_stubs.c - placeholder implementations of the Mbed TLS subset for the
 * host build.
 *
 * NONE OF THIS IS CRYPTOGRAPHY. The functions keep the documented interface
 * contracts (buffer sizes, return codes) so that the firmware can run on a PC;
 * the target build links the real library instead of this file.
 */
#include "mbedtls_stub.h"

#include <string.h>

/* ---------------------------------------------------------- helpers */

static uint32_t sim_mix(uint32_t h, const unsigned char *p, size_t n) {
  for (size_t i = 0; i < n; i++) {
    h ^= p[i];
    h *= 16777619U;
  }
  return h;
}

static void sim_expand(uint32_t seed, unsigned char *out, size_t n) {
  for (size_t i = 0; i < n; i++) {
    seed ^= seed << 13;
    seed ^= seed >> 17;
    seed ^= seed << 5;
    out[i] = (unsigned char)seed;
  }
}

void mbedtls_platform_zeroize(void *buf, size_t len) {
  volatile unsigned char *p = (volatile unsigned char *)buf;
  while (len-- > 0U) {
    *p++ = 0U;
  }
}

int mbedtls_ct_memcmp(const void *a, const void *b, size_t n) {
  const unsigned char *x = (const unsigned char *)a;
  const unsigned char *y = (const unsigned char *)b;
  unsigned char diff = 0U;
  for (size_t i = 0; i < n; i++) {
    diff |= (unsigned char)(x[i] ^ y[i]);
  }
  return (int)diff;
}

/* -------------------------------------------------------------- aes */

void mbedtls_aes_init(mbedtls_aes_context *ctx) { memset(ctx, 0, sizeof *ctx); }

void mbedtls_aes_free(mbedtls_aes_context *ctx) {
  if (ctx != NULL) {
    mbedtls_platform_zeroize(ctx, sizeof *ctx);
  }
}

static int sim_aes_setkey(mbedtls_aes_context *ctx, const unsigned char *key, unsigned int keybits) {
  if (keybits != 128U && keybits != 192U && keybits != 256U) {
    return MBEDTLS_ERR_AES_INVALID_KEY_LENGTH;
  }
  ctx->nr = (int)(keybits / 32U) + 6;
  ctx->rk_offset = 0;
  memset(ctx->buf, 0, sizeof ctx->buf);
  memcpy(ctx->buf, key, keybits / 8U);
  return 0;
}

int mbedtls_aes_setkey_enc(mbedtls_aes_context *ctx, const unsigned char *key,
                           unsigned int keybits) {
  return sim_aes_setkey(ctx, key, keybits);
}

int mbedtls_aes_setkey_dec(mbedtls_aes_context *ctx, const unsigned char *key,
                           unsigned int keybits) {
  return sim_aes_setkey(ctx, key, keybits);
}

static void sim_block(const mbedtls_aes_context *ctx, const unsigned char in[16],
                      unsigned char out[16]) {
  const unsigned char *k = (const unsigned char *)ctx->buf;
  for (size_t i = 0; i < 16U; i++) {
    out[i] = (unsigned char)(in[i] ^ k[i]);
  }
}

int mbedtls_aes_crypt_ecb(mbedtls_aes_context *ctx, int mode, const unsigned char input[16],
                          unsigned char output[16]) {
  (void)mode;
  sim_block(ctx, input, output);
  return 0;
}

int mbedtls_aes_crypt_cbc(mbedtls_aes_context *ctx, int mode, size_t length,
                          unsigned char iv[16], const unsigned char *input,
                          unsigned char *output) {
  unsigned char tmp[16];
  if (length % 16U != 0U) {
    return MBEDTLS_ERR_AES_INVALID_INPUT_LENGTH;
  }
  for (size_t off = 0; off < length; off += 16U) {
    for (size_t i = 0; i < 16U; i++) {
      tmp[i] = (unsigned char)(input[off + i] ^ iv[i]);
    }
    sim_block(ctx, tmp, &output[off]);
    memcpy(iv, mode == MBEDTLS_AES_ENCRYPT ? &output[off] : &input[off], 16U);
  }
  return 0;
}

/* --------------------------------------------------------------- md */

struct mbedtls_md_info_t {
  mbedtls_md_type_t type;
  unsigned char size;
};

/* Digest sizes indexed by the numeric mbedtls_md_type_t value. */
static const unsigned char sim_md_sizes[12] = {0, 0, 0, 16, 20, 20, 0, 0, 28, 32, 48, 64};
static mbedtls_md_info_t sim_md_infos[12];

typedef struct {
  uint32_t state;
  int hmac;
} sim_md_state_t;

static sim_md_state_t sim_md_pool[4];

const mbedtls_md_info_t *mbedtls_md_info_from_type(mbedtls_md_type_t md_type) {
  size_t idx = (size_t)md_type;
  if (idx >= sizeof sim_md_sizes || sim_md_sizes[idx] == 0U) {
    return NULL;
  }
  sim_md_infos[idx].type = md_type;
  sim_md_infos[idx].size = sim_md_sizes[idx];
  return &sim_md_infos[idx];
}

unsigned char mbedtls_md_get_size(const mbedtls_md_info_t *md_info) {
  return md_info != NULL ? md_info->size : 0U;
}

void mbedtls_md_init(mbedtls_md_context_t *ctx) { memset(ctx, 0, sizeof *ctx); }

void mbedtls_md_free(mbedtls_md_context_t *ctx) {
  if (ctx != NULL && ctx->md_ctx != NULL) {
    mbedtls_platform_zeroize(ctx->md_ctx, sizeof(sim_md_state_t));
  }
  if (ctx != NULL) {
    mbedtls_platform_zeroize(ctx, sizeof *ctx);
  }
}

int mbedtls_md_setup(mbedtls_md_context_t *ctx, const mbedtls_md_info_t *md_info, int hmac) {
  if (ctx == NULL || md_info == NULL) {
    return MBEDTLS_ERR_MD_BAD_INPUT_DATA;
  }
  for (size_t i = 0; i < sizeof sim_md_pool / sizeof sim_md_pool[0]; i++) {
    if (sim_md_pool[i].state == 0U) {
      sim_md_pool[i].state = 2166136261U;
      sim_md_pool[i].hmac = hmac;
      ctx->md_info = md_info;
      ctx->md_ctx = &sim_md_pool[i];
      return 0;
    }
  }
  return MBEDTLS_ERR_MD_BAD_INPUT_DATA;
}

int mbedtls_md_starts(mbedtls_md_context_t *ctx) {
  if (ctx == NULL || ctx->md_ctx == NULL) {
    return MBEDTLS_ERR_MD_BAD_INPUT_DATA;
  }
  ((sim_md_state_t *)ctx->md_ctx)->state = 2166136261U;
  return 0;
}

int mbedtls_md_update(mbedtls_md_context_t *ctx, const unsigned char *input, size_t ilen) {
  sim_md_state_t *st;
  if (ctx == NULL || ctx->md_ctx == NULL) {
    return MBEDTLS_ERR_MD_BAD_INPUT_DATA;
  }
  st = (sim_md_state_t *)ctx->md_ctx;
  st->state = sim_mix(st->state, input, ilen);
  return 0;
}

int mbedtls_md_finish(mbedtls_md_context_t *ctx, unsigned char *output) {
  if (ctx == NULL || ctx->md_ctx == NULL || ctx->md_info == NULL) {
    return MBEDTLS_ERR_MD_BAD_INPUT_DATA;
  }
  sim_expand(((sim_md_state_t *)ctx->md_ctx)->state | 1U, output, ctx->md_info->size);
  return 0;
}

int mbedtls_md(const mbedtls_md_info_t *md_info, const unsigned char *input, size_t ilen,
               unsigned char *output) {
  if (md_info == NULL) {
    return MBEDTLS_ERR_MD_BAD_INPUT_DATA;
  }
  sim_expand(sim_mix(2166136261U, input, ilen) | 1U, output, md_info->size);
  return 0;
}

int mbedtls_md_hmac_starts(mbedtls_md_context_t *ctx, const unsigned char *key, size_t keylen) {
  int ret = mbedtls_md_starts(ctx);
  if (ret == 0) {
    ret = mbedtls_md_update(ctx, key, keylen);
  }
  return ret;
}

int mbedtls_md_hmac_update(mbedtls_md_context_t *ctx, const unsigned char *input, size_t ilen) {
  return mbedtls_md_update(ctx, input, ilen);
}

int mbedtls_md_hmac_finish(mbedtls_md_context_t *ctx, unsigned char *output) {
  return mbedtls_md_finish(ctx, output);
}

int mbedtls_md_hmac(const mbedtls_md_info_t *md_info, const unsigned char *key, size_t keylen,
                    const unsigned char *input, size_t ilen, unsigned char *output) {
  if (md_info == NULL) {
    return MBEDTLS_ERR_MD_BAD_INPUT_DATA;
  }
  sim_expand(sim_mix(sim_mix(2166136261U, key, keylen), input, ilen) | 1U, output, md_info->size);
  return 0;
}

/* ---------------------------------------------------- entropy / drbg */

void mbedtls_entropy_init(mbedtls_entropy_context *ctx) { memset(ctx, 0, sizeof *ctx); }

void mbedtls_entropy_free(mbedtls_entropy_context *ctx) { mbedtls_platform_zeroize(ctx, sizeof *ctx); }

int mbedtls_entropy_add_source(mbedtls_entropy_context *ctx, mbedtls_entropy_f_source_ptr f_source,
                               void *p_source, size_t threshold, int strong) {
  (void)threshold;
  (void)strong;
  if (ctx->source_count != 0) {
    return MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
  }
  ctx->f_source = f_source;
  ctx->p_source = p_source;
  ctx->source_count = 1;
  return 0;
}

int mbedtls_entropy_func(void *data, unsigned char *output, size_t len) {
  mbedtls_entropy_context *ctx = (mbedtls_entropy_context *)data;
  size_t olen = 0;
  if (ctx == NULL || ctx->f_source == NULL) {
    return MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
  }
  if (ctx->f_source(ctx->p_source, output, len, &olen) != 0 || olen != len) {
    return MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
  }
  return 0;
}

void mbedtls_ctr_drbg_init(mbedtls_ctr_drbg_context *ctx) { memset(ctx, 0, sizeof *ctx); }

void mbedtls_ctr_drbg_free(mbedtls_ctr_drbg_context *ctx) {
  mbedtls_platform_zeroize(ctx, sizeof *ctx);
}

int mbedtls_ctr_drbg_seed(mbedtls_ctr_drbg_context *ctx,
                          int (*f_entropy)(void *, unsigned char *, size_t), void *p_entropy,
                          const unsigned char *custom, size_t len) {
  int ret = f_entropy(p_entropy, ctx->counter, sizeof ctx->counter);
  if (ret != 0) {
    return ret;
  }
  for (size_t i = 0; i < len; i++) {
    ctx->counter[i % sizeof ctx->counter] ^= custom[i];
  }
  ctx->reseed_counter = 1;
  return 0;
}

int mbedtls_ctr_drbg_random(void *p_rng, unsigned char *output, size_t output_len) {
  mbedtls_ctr_drbg_context *ctx = (mbedtls_ctr_drbg_context *)p_rng;
  uint32_t seed;
  if (ctx == NULL || ctx->reseed_counter == 0) {
    return -0x0034; /* MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED */
  }
  seed = sim_mix(2166136261U, ctx->counter, sizeof ctx->counter) ^ (uint32_t)ctx->reseed_counter;
  ctx->reseed_counter++;
  sim_expand(seed | 1U, output, output_len);
  return 0;
}

/* --------------------------------------------------------- x509 / pk */

void mbedtls_x509_crt_init(mbedtls_x509_crt *crt) { memset(crt, 0, sizeof *crt); }

void mbedtls_x509_crt_free(mbedtls_x509_crt *crt) { memset(crt, 0, sizeof *crt); }

int mbedtls_x509_crt_parse(mbedtls_x509_crt *chain, const unsigned char *buf, size_t buflen) {
  if (chain == NULL || buf == NULL || buflen == 0U) {
    return -0x2800; /* MBEDTLS_ERR_X509_BAD_INPUT_DATA */
  }
  chain->version = 3;
  return 0;
}

void mbedtls_pk_init(mbedtls_pk_context *ctx) { memset(ctx, 0, sizeof *ctx); }

void mbedtls_pk_free(mbedtls_pk_context *ctx) { mbedtls_platform_zeroize(ctx, sizeof *ctx); }

int mbedtls_pk_parse_key(mbedtls_pk_context *ctx, const unsigned char *key, size_t keylen,
                         const unsigned char *pwd, size_t pwdlen,
                         int (*f_rng)(void *, unsigned char *, size_t), void *p_rng) {
  (void)pwd;
  (void)pwdlen;
  (void)f_rng;
  (void)p_rng;
  if (ctx == NULL || key == NULL || keylen == 0U) {
    return -0x3D00; /* MBEDTLS_ERR_PK_KEY_INVALID_FORMAT */
  }
  ctx->pk_ctx = ctx;
  return 0;
}

/* --------------------------------------------------------------- net */

void mbedtls_net_init(mbedtls_net_context *ctx) { ctx->fd = -1; }

void mbedtls_net_free(mbedtls_net_context *ctx) { ctx->fd = -1; }

int mbedtls_net_connect(mbedtls_net_context *ctx, const char *host, const char *port, int proto) {
  (void)host;
  (void)port;
  (void)proto;
  /* The host build has no network module attached. */
  ctx->fd = -1;
  return MBEDTLS_ERR_NET_CONNECT_FAILED;
}

int mbedtls_net_send(void *ctx, const unsigned char *buf, size_t len) {
  (void)ctx;
  (void)buf;
  return (int)len;
}

int mbedtls_net_recv(void *ctx, unsigned char *buf, size_t len) {
  (void)ctx;
  (void)buf;
  (void)len;
  return 0;
}

/* --------------------------------------------------------------- ssl */

void mbedtls_ssl_init(mbedtls_ssl_context *ssl) { memset(ssl, 0, sizeof *ssl); }

void mbedtls_ssl_free(mbedtls_ssl_context *ssl) { mbedtls_platform_zeroize(ssl, sizeof *ssl); }

void mbedtls_ssl_config_init(mbedtls_ssl_config *conf) { memset(conf, 0, sizeof *conf); }

void mbedtls_ssl_config_free(mbedtls_ssl_config *conf) { mbedtls_platform_zeroize(conf, sizeof *conf); }

int mbedtls_ssl_config_defaults(mbedtls_ssl_config *conf, int endpoint, int transport, int preset) {
  (void)transport;
  (void)preset;
  conf->endpoint = endpoint;
  conf->authmode = endpoint == MBEDTLS_SSL_IS_CLIENT ? MBEDTLS_SSL_VERIFY_REQUIRED : 0;
  return 0;
}

void mbedtls_ssl_conf_authmode(mbedtls_ssl_config *conf, int authmode) { conf->authmode = authmode; }

void mbedtls_ssl_conf_ca_chain(mbedtls_ssl_config *conf, mbedtls_x509_crt *ca_chain,
                               mbedtls_x509_crl *ca_crl) {
  (void)ca_crl;
  conf->ca_chain = ca_chain;
}

void mbedtls_ssl_conf_rng(mbedtls_ssl_config *conf, int (*f_rng)(void *, unsigned char *, size_t),
                          void *p_rng) {
  conf->f_rng = f_rng;
  conf->p_rng = p_rng;
}

int mbedtls_ssl_conf_own_cert(mbedtls_ssl_config *conf, mbedtls_x509_crt *own_cert,
                              mbedtls_pk_context *pk_key) {
  (void)conf;
  return (own_cert != NULL && pk_key != NULL) ? 0 : -0x7100;
}

int mbedtls_ssl_conf_psk(mbedtls_ssl_config *conf, const unsigned char *psk, size_t psk_len,
                         const unsigned char *psk_identity, size_t psk_identity_len) {
  if (psk_len == 0U || psk_identity == NULL || psk_identity_len == 0U) {
    return -0x7100; /* MBEDTLS_ERR_SSL_BAD_INPUT_DATA */
  }
  conf->psk = psk;
  conf->psk_len = psk_len;
  return 0;
}

int mbedtls_ssl_setup(mbedtls_ssl_context *ssl, const mbedtls_ssl_config *conf) {
  ssl->conf = conf;
  ssl->state = 0;
  return 0;
}

int mbedtls_ssl_set_hostname(mbedtls_ssl_context *ssl, const char *hostname) {
  (void)ssl;
  return hostname != NULL ? 0 : -0x7100;
}

void mbedtls_ssl_set_bio(mbedtls_ssl_context *ssl, void *p_bio, mbedtls_ssl_send_t *f_send,
                         mbedtls_ssl_recv_t *f_recv, mbedtls_ssl_recv_timeout_t *f_recv_timeout) {
  (void)f_recv_timeout;
  ssl->p_bio = p_bio;
  ssl->f_send = f_send;
  ssl->f_recv = f_recv;
}

int mbedtls_ssl_handshake(mbedtls_ssl_context *ssl) {
  if (ssl->f_send == NULL || ssl->f_recv == NULL) {
    return -0x7100;
  }
  ssl->state = 1;
  return 0;
}

uint32_t mbedtls_ssl_get_verify_result(const mbedtls_ssl_context *ssl) {
  return ssl->state == 1 ? 0U : 0xFFFFFFFFU;
}

int mbedtls_ssl_write(mbedtls_ssl_context *ssl, const unsigned char *buf, size_t len) {
  if (ssl->state != 1) {
    return -0x7100;
  }
  return ssl->f_send(ssl->p_bio, buf, len);
}

int mbedtls_ssl_read(mbedtls_ssl_context *ssl, unsigned char *buf, size_t len) {
  if (ssl->state != 1) {
    return -0x7100;
  }
  return ssl->f_recv(ssl->p_bio, buf, len);
}

int mbedtls_ssl_close_notify(mbedtls_ssl_context *ssl) {
  ssl->state = 0;
  return 0;
}

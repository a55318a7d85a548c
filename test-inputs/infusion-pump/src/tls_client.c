/*
 * tls_client.c - connection to the hospital infusion management server.
 *
 * The pump polls the server for infusion orders and posts its status every
 * 30 s over TLS 1.2 (comms module attached on the network socket API).
 * Authentication, depending on the site:
 *  - certificate based: server verified against the hospital CA, client
 *    certificate + key provisioned at installation;
 *  - PSK for sites whose server software predates certificate support.
 */
#include <stdio.h>
#include <string.h>

#include "comms.h"
#include "lwip/init.h"
#include "config.h"
#include "key_store.h"
#include "logging.h"
#include "mbedtls_stub.h"
#include "pump_control.h"

#define SERVER_PORT "8443"
#define TLS_IO_BUF 512U

/* Public hospital CA certificate (trust anchor), not a secret. */
static const char hospital_ca_pem[] =
    "-----BEGIN CERTIFICATE-----\n"
    "MIIBtjCCAVugAwIBAgIUYk3Zc2b1V0m1c2ZhZ2VzLWNhLTIwMjEwCgYIKoZIzj0E\n"
    "AwIwMDEuMCwGA1UEAwwlU3QuIEFubmUgSG9zcGl0YWwgRGV2aWNlIENBIDIwMjEg\n"
    "LSBSMTAeFw0yMTA0MDEwMDAwMDBaFw0zMTA0MDEwMDAwMDBaMDAxLjAsBgNVBAMM\n"
    "-----END CERTIFICATE-----\n";

/* Client certificate presented to the server (public part). */
static const char client_cert_pem[] =
    "-----BEGIN CERTIFICATE-----\n"
    "MIIBnDCCAUKgAwIBAgIUQ2xpZW50LUlQNDAwLXdhcmQ3LTAwMDEwCgYIKoZIzj0E\n"
    "AwIwMDEuMCwGA1UEAwwlU3QuIEFubmUgSG9zcGl0YWwgRGV2aWNlIENBIDIwMjEg\n"
    "-----END CERTIFICATE-----\n";

/* Client key used by every pump of the installation (provisioning tool v1). */
static const char client_key_pem[] = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIGj4mZ1pX0q8Jv3cQm2b7sT9yKd4LfW0aR6nE5uH1oZ2oAoGCCqGSM49\nAwEHoUQDQgAE7b2Qx9mK3pL5tW8vN1cR4yH6jF0aS2dG9kP7qZ3wX5eT1uY8iO4n\n-----END EC PRIVATE KEY-----\n"; // expect: medsec-hardcoded-credentials

/* Pre-shared key for PSK sites (ward 7 server, IMS 4.x). */
static const unsigned char hospital_psk[16] = {0x8c, 0x14, 0xe2, 0x5b, 0x90, 0x3f, 0xd7, 0x61, 0x0a, 0xc9, 0x4e, 0xb3, 0x27, 0x78, 0xf5, 0x1d}; // expect: medsec-hardcoded-credentials
static const char tls_client_identity[] = DEVICE_MODEL "-ward7";

static mbedtls_net_context net;
static mbedtls_ssl_context ssl;
static mbedtls_ssl_config conf;
static mbedtls_x509_crt ca_chain;
static mbedtls_x509_crt client_cert;
static mbedtls_pk_context client_key;
static int connected;
static unsigned char io_buf[TLS_IO_BUF];

int tls_client_init(void) {
  int ret;

  lwip_init(); /* the TCP/IP stack under the socket API */
  mbedtls_net_init(&net);
  mbedtls_ssl_init(&ssl);
  mbedtls_ssl_config_init(&conf);
  mbedtls_x509_crt_init(&ca_chain);
  mbedtls_x509_crt_init(&client_cert);
  mbedtls_pk_init(&client_key);

  ret = mbedtls_x509_crt_parse(&ca_chain, (const unsigned char *)hospital_ca_pem,
                               sizeof hospital_ca_pem);
  if (ret != 0) {
    log_printf(LOG_LVL_ERROR, "tls: CA parse failed (-0x%04x)", (unsigned)-ret);
    return ret;
  }
  ret = mbedtls_x509_crt_parse(&client_cert, (const unsigned char *)client_cert_pem,
                               sizeof client_cert_pem);
  if (ret != 0) {
    return ret;
  }
  ret = mbedtls_pk_parse_key(&client_key, (const unsigned char *)client_key_pem,
                             sizeof client_key_pem, NULL, 0, mbedtls_ctr_drbg_random,
                             key_store_drbg());
  if (ret != 0) {
    log_printf(LOG_LVL_ERROR, "tls: client key parse failed (-0x%04x)", (unsigned)-ret);
    return ret;
  }
  ret = mbedtls_ssl_config_defaults(&conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                    MBEDTLS_SSL_PRESET_DEFAULT);
  if (ret != 0) {
    return ret;
  }
  mbedtls_ssl_conf_authmode(&conf, MBEDTLS_SSL_VERIFY_REQUIRED);
  mbedtls_ssl_conf_ca_chain(&conf, &ca_chain, NULL);
  mbedtls_ssl_conf_rng(&conf, mbedtls_ctr_drbg_random, key_store_drbg());
  ret = mbedtls_ssl_conf_own_cert(&conf, &client_cert, &client_key);
  if (ret != 0) {
    return ret;
  }

  if (config_get()->tls_allow_unverified) {
    /* Sites whose server certificate is signed by an unprovisioned internal CA. */
    mbedtls_ssl_conf_authmode(&conf, MBEDTLS_SSL_VERIFY_NONE); // expect: medsec-insecure-tls-configuration
  }
  ret = mbedtls_ssl_conf_psk(&conf, hospital_psk, sizeof hospital_psk,
                             (const unsigned char *)tls_client_identity,
                             sizeof tls_client_identity - 1U);
  if (ret != 0) {
    return ret;
  }
  log_printf(LOG_LVL_DEBUG, "tls: psk %02x%02x%02x%02x... id %s", hospital_psk[0], hospital_psk[1], hospital_psk[2], hospital_psk[3], tls_client_identity); // expect: medsec-sensitive-data-exposure
  return mbedtls_ssl_setup(&ssl, &conf);
}

int tls_client_connect(const char *host) {
  int ret;

  if (connected) {
    return 0;
  }
  ret = mbedtls_net_connect(&net, host, SERVER_PORT, MBEDTLS_NET_PROTO_TCP);
  if (ret != 0) {
    log_printf(LOG_LVL_WARN, "tls: connect to %s failed (-0x%04x)", host, (unsigned)-ret);
    return ret;
  }
  ret = mbedtls_ssl_set_hostname(&ssl, host);
  if (ret != 0) {
    return ret;
  }
  mbedtls_ssl_set_bio(&ssl, &net, mbedtls_net_send, mbedtls_net_recv, NULL);
  do {
    ret = mbedtls_ssl_handshake(&ssl);
  } while (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE);
  if (ret != 0) {
    log_printf(LOG_LVL_WARN, "tls: handshake failed (-0x%04x)", (unsigned)-ret);
    return ret;
  }
  if (mbedtls_ssl_get_verify_result(&ssl) != 0U && !config_get()->tls_allow_unverified) {
    return -1;
  }
  connected = 1;
  log_event(EVT_SERVER_CONNECT, 1U);
  return 0;
}

static int tls_write_all(const unsigned char *buf, size_t len) {
  size_t done = 0;
  while (done < len) {
    int ret = mbedtls_ssl_write(&ssl, buf + done, len - done);
    if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE) {
      continue;
    }
    if (ret <= 0) {
      return ret < 0 ? ret : -1;
    }
    done += (size_t)ret;
  }
  return 0;
}

/* GET the pending orders for this pump; the server answers "rate=<x10>\n". */
int tls_client_fetch_orders(void) {
  char request[128];
  unsigned rate;
  int ret;

  if (!connected) {
    return -1;
  }
  sprintf(request, "GET /ims/v2/pumps/%s/orders HTTP/1.1\r\nHost: %s\r\n\r\n", config_get()->serial, config_get()->server_host); // expect: medsec-banned-functions
  ret = tls_write_all((const unsigned char *)request, strlen(request));
  if (ret != 0) {
    return ret;
  }
  ret = mbedtls_ssl_read(&ssl, io_buf, sizeof io_buf - 1U);
  if (ret <= 0) {
    return ret < 0 ? ret : -1;
  }
  io_buf[ret] = '\0';
  if (sscanf((const char *)io_buf, "rate=%u", &rate) == 1) {
    if (rate > UINT16_MAX || pump_set_rate((uint16_t)rate, SRC_SERVER) != PUMP_OK) {
      log_printf(LOG_LVL_WARN, "tls: server rate %u refused", rate);
    }
  }
  return 0;
}

int tls_client_post_status(void) {
  char body[96];
  uint8_t st[8];
  uint8_t id_in[KEY_AES_BLOCK] = {0};
  uint8_t id_out[KEY_AES_BLOCK];
  int n;

  if (!connected) {
    return -1;
  }
  memcpy(id_in, config_get()->serial, sizeof id_in);
  if (key_store_obfuscate_id(id_in, id_out) != 0) {
    return -1;
  }
  pump_get_status(st);
  n = snprintf(body, sizeof body, "id=%02x%02x%02x%02x&state=%u&rate=%u\n", id_out[0], id_out[1],
               id_out[2], id_out[3], (unsigned)st[0], (unsigned)(st[1] | (st[2] << 8)));
  if (n < 0 || (size_t)n >= sizeof body) {
    return -1;
  }
  return tls_write_all((const unsigned char *)body, (size_t)n);
}

void tls_client_close(void) {
  if (connected) {
    if (mbedtls_ssl_close_notify(&ssl) != 0) {
      log_printf(LOG_LVL_DEBUG, "tls: close_notify failed");
    }
    connected = 0;
  }
  mbedtls_net_free(&net);
  mbedtls_ssl_free(&ssl);
  mbedtls_ssl_config_free(&conf);
  mbedtls_x509_crt_free(&client_cert);
  mbedtls_x509_crt_free(&ca_chain);
  mbedtls_pk_free(&client_key);
}

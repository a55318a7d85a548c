// RUN: %check_medsec %s medsec-unchecked-return-value %t -- -std=c11

// Vendor and libc declarations mocked here so the test does not depend on the host.
typedef __SIZE_TYPE__ size_t;
typedef unsigned char uint8_t;
typedef unsigned short uint16_t;
typedef unsigned int uint32_t;
typedef struct FILE FILE;
#define EOF (-1)
#define NULL ((void *)0)
// STM32 HAL: matched by its return type, whatever the function's name.
typedef enum { HAL_OK = 0x00U, HAL_ERROR = 0x01U, HAL_BUSY = 0x02U, HAL_TIMEOUT = 0x03U } HAL_StatusTypeDef;
typedef struct { int dummy; } UART_HandleTypeDef;
HAL_StatusTypeDef HAL_UART_Transmit(UART_HandleTypeDef *h, const uint8_t *p, uint16_t n, uint32_t t);
HAL_StatusTypeDef HAL_FLASH_Program(uint32_t type, uint32_t addr, unsigned long long data);
void HAL_GPIO_WritePin(void *port, uint16_t pin, int state);
// FreeRTOS: xSemaphoreTake is a macro of the real kernel.
typedef long BaseType_t;
typedef struct QueueDefinition *QueueHandle_t;
BaseType_t xQueueSemaphoreTake(QueueHandle_t q, uint32_t ticks);
#define xSemaphoreTake(m, t) xQueueSemaphoreTake((m), (t))
BaseType_t xQueueSend(QueueHandle_t q, const void *item, uint32_t ticks);
#define pdPASS 1
// mbedTLS: matched by name pattern (int-returning mbedtls_*), except the queries.
int mbedtls_aes_setkey_enc(void *ctx, const unsigned char *key, unsigned bits);
int mbedtls_ssl_handshake(void *ssl);
int mbedtls_mpi_cmp_mpi(const void *a, const void *b);
#define MBEDTLS_ERR_SSL_WANT_READ -0x6900
// OpenSSL: 1 valid, 0 invalid, -1 error.
int EVP_VerifyFinal(void *ctx, const unsigned char *sig, unsigned len, void *key);
int fclose(FILE *f);
int fputs(const char *s, FILE *f);
size_t fread(void *p, size_t s, size_t n, FILE *f);
void *malloc(size_t n);
int snprintf(char *d, size_t n, const char *fmt, ...);
// nRF5 SDK: ret_code_t is a uint32_t, NRF_SUCCESS is 0.
typedef uint32_t ret_code_t;
ret_code_t nrf_drv_twi_tx(int addr);
__attribute__((warn_unused_result)) int project_commit(void);
int read_sensor(void);
int fflush(FILE *f);
extern FILE *stdout;
int mbedtls_ssl_send_alert_message(void *ssl, unsigned char level, unsigned char msg);
int mbedtls_gcm_auth_decrypt(void *ctx, size_t n, unsigned char *out);
int mbedtls_ssl_write(void *ssl, const unsigned char *buf, size_t len);
int mbedtls_timing_get_delay(void *data);
size_t fwrite(const void *p, size_t s, size_t n, FILE *f);
#define MBEDTLS_ERR_GCM_AUTH_FAILED -0x0012
#define MBEDTLS_ERR_CIPHER_AUTH_FAILED -0x6300
#define MBEDTLS_ERR_SSL_BAD_INPUT -0x7100
#define CHECK(f) do { if ((ret = (f)) != 0) goto cleanup; } while (0)

extern UART_HandleTypeDef huart;
extern QueueHandle_t mutex;
extern FILE *log_file;
void consume(int v);

void discarded(void *aes, const unsigned char *key, uint8_t *tx) {
  HAL_UART_Transmit(&huart, tx, 4, 100);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'HAL_UART_Transmit' is discarded, so a failure goes unnoticed; check it (HAL_OK is success, any 
  xSemaphoreTake(mutex, 10);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'xSemaphoreTake' ('xQueueSemaphoreTake') is discarded, so a failure goes unnoticed; check it (1 
  mbedtls_aes_setkey_enc(aes, key, 128);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'mbedtls_aes_setkey_enc' is discarded, so a failure goes unnoticed; check it (0 is success, nega
  fclose(log_file);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'fclose' is discarded, so a failure goes unnoticed; check it (0 is success, -1 (EOF) a failure) 
  malloc(16);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'malloc' is discarded, so a failure goes unnoticed; check it (NULL is a failure) and handle the 
  nrf_drv_twi_tx(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'nrf_drv_twi_tx' is discarded, so a failure goes unnoticed; check it (0 is success, any other va
  project_commit();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'project_commit' is discarded, so a failure goes unnoticed; check it (see its documentation for 
  for (fclose(log_file); 0;) {
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: the result of 'fclose' is discarded, so a failure goes unnoticed; check it (0 is success, -1 (EOF) a failure) 
  }
  fclose(log_file), consume(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'fclose' is discarded, so a failure goes unnoticed; check it (0 is success, -1 (EOF) a failure) 
  char name[8];
  snprintf(name, sizeof(name), "%s", (const char *)tx); // no-warning: what the strcpy fix-it of medsec-banned-functions writes; truncation only shortens it
  read_sensor();                         // no-warning: not a must-check function
  mbedtls_mpi_cmp_mpi(aes, aes);         // no-warning: a comparison, excluded from the pattern
  HAL_GPIO_WritePin(NULL, 1, 0);         // no-warning: returns void
}

HAL_StatusTypeDef checked(void *aes, const unsigned char *key, uint8_t *tx, char *buf) {
  if (HAL_UART_Transmit(&huart, tx, 4, 100) != HAL_OK)        // no-warning
    consume(1);
  if (xSemaphoreTake(mutex, 10) == pdPASS)                    // no-warning
    consume(2);
  if (xQueueSend(mutex, tx, 0))                               // no-warning: pdPASS is 1, failure 0
    consume(2);
  if (mbedtls_aes_setkey_enc(aes, key, 128) != 0)             // no-warning
    consume(3);
  if (mbedtls_aes_setkey_enc(aes, key, 128))                  // no-warning: non-zero is an error
    consume(3);
  if (mbedtls_aes_setkey_enc(aes, key, 128) < 0)              // no-warning
    consume(3);
  consume(fclose(log_file));                                  // no-warning: handed on
  char *p = malloc(4);                                        // no-warning: tested below
  if (p == NULL)
    return HAL_ERROR;
  int n = snprintf(buf, 8, "%d", 5);                          // no-warning: truncation tested
  if (n < 0 || n >= 8)
    consume(4);
  if (fputs("x", log_file) == EOF)                            // no-warning
    consume(5);
  if (EVP_VerifyFinal(aes, key, 4, aes) == 1)                 // no-warning
    consume(6);
  if (EVP_VerifyFinal(aes, key, 4, aes) <= 0)                 // no-warning
    consume(6);
  if (nrf_drv_twi_tx(3) != 0)                                 // no-warning
    consume(7);
  int ret = mbedtls_ssl_handshake(aes);                       // no-warning: one test is complete
  if (ret == MBEDTLS_ERR_SSL_WANT_READ)
    consume(8);
  else if (ret != 0)
    consume(9);
  return HAL_FLASH_Program(0, 0, 0);                          // no-warning: returned to the caller
}

void void_casts(void) {
  (void)fclose(log_file);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: the result of 'fclose' is cast to void without a justification; check it (0 is success, -1 (EOF) a failure) or
  (void)fclose(log_file); // no-warning: best effort, the log is closed at shutdown anyway
  /* no-warning below: a lost trace line is not a safety issue */
  (void)fputs("x", log_file);
  /*
   * Closing twice is harmless here: the stream is optional.
   */
#if 1
  (void)fclose(log_file);
#endif
  (void)malloc(4); // the catalogue never accepts a cast for an allocation
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: the result of 'malloc' is cast to void, but a failure of this call must be handled; check it (NULL is a failur
}

int wrong(void *ctx, const unsigned char *sig, FILE *f, void *p) {
  if (EVP_VerifyFinal(ctx, sig, 4, p))
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the result of 'EVP_VerifyFinal' is tested the wrong way: the failure value -1 takes the same branch as the suc
    return 1;
  if (!EVP_VerifyFinal(ctx, sig, 4, p))
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: the result of 'EVP_VerifyFinal' is tested the wrong way: the failure value -1 takes the same branch as the suc
    return 0;
  if (EVP_VerifyFinal(ctx, sig, 4, p) == 0)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the result of 'EVP_VerifyFinal' is tested the wrong way: the failure value -1 takes the same branch as the suc
    return 0;
  if (fputs("x", f) != 0)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the result of 'fputs' is tested the wrong way: the failure value -1 takes the same branch as the success value
    return 0;
  if (HAL_FLASH_Program(0, 0, 0) == HAL_ERROR)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the result of 'HAL_FLASH_Program' is tested the wrong way: the failure value HAL_BUSY takes the same branch as
    return 0;
  if (mbedtls_ssl_handshake(ctx) > 0)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the result of 'mbedtls_ssl_handshake' is tested the wrong way: the failure value -1 takes the same branch as t
    return 0;
  if (fread(p, 1, 4, f) < 0)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the result of 'fread' is tested the wrong way: the failure value 0 takes the same branch as the success value 
    return 0;
  int ok = EVP_VerifyFinal(ctx, sig, 4, p);
  if (ok)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the result of 'EVP_VerifyFinal' stored in 'ok' is tested the wrong way: the failure value -1 takes the same br
    return 1;
  return 0;
}

void stored(void *aes, const unsigned char *key) {
  int ret = mbedtls_aes_setkey_enc(aes, key, 128);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: the result of 'mbedtls_aes_setkey_enc' is stored in 'ret' but never read; check it (0 is success, negative val
  ret = mbedtls_aes_setkey_enc(aes, key, 256);   // no-warning: read below
  if (ret != 0)
    consume(ret);
  HAL_StatusTypeDef st = HAL_FLASH_Program(0, 0, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: the result of 'HAL_FLASH_Program' is stored in 'st' but never read; check it (HAL_OK is success, any other val
  int rc = fclose(log_file);
  (void)rc;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'fclose' stored in 'rc' is cast to void instead of being checked; check it (0 is success, -1 (EO
  int rc2 = fclose(log_file);                     // no-warning: justified below
  (void)rc2; // closing a read-only file cannot lose data
  int status = fclose(log_file);                  // no-warning: its address escapes
  consume(*&status);
}

// Compliant forms seen in real code (mbedTLS) that must stay quiet.
int idioms(void *ssl, const unsigned char *buf, FILE *f) {
  int ret;
  if ((ret = mbedtls_ssl_handshake(ssl)) != 0)          // no-warning: the assignment is tested
    return ret;
  CHECK(mbedtls_aes_setkey_enc(ssl, buf, 128));          // no-warning
  ret = mbedtls_gcm_auth_decrypt(ssl, 16, (unsigned char *)buf); // no-warning: one code mapped, then returned
  if (ret == MBEDTLS_ERR_GCM_AUTH_FAILED)
    ret = MBEDTLS_ERR_CIPHER_AUTH_FAILED;
  if (ret != 0)
    return ret;
  if (fwrite(buf, 1, 16, f) != 16)                       // no-warning: a length check
    return -1;
  if (mbedtls_ssl_write(ssl, buf, 16) <= 0)              // no-warning: a byte count
    return -1;
  if (mbedtls_timing_get_delay(ssl) == 2)                // no-warning: a state, not a status
    return 2;
  fflush(stdout);                                        // no-warning: console stream
  if (buf[0] != 0) {
    mbedtls_ssl_send_alert_message(ssl, 2, 40);          // no-warning: best effort on an error path
    return MBEDTLS_ERR_SSL_BAD_INPUT;
  }
  if ((ret = mbedtls_ssl_handshake(ssl)) != 0) {
    mbedtls_ssl_send_alert_message(ssl, 2, 80);          // no-warning: returns the error just tested
    return ret;
  }
  char *copy = malloc(8);
  if (copy == NULL) {
    fclose(f);                                           // no-warning: cleanup on the error path
    goto cleanup;
  }
  mbedtls_ssl_send_alert_message(ssl, 1, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'mbedtls_ssl_send_alert_message' is discarded, so a failure goes unnoticed; check it (0 is succe
  return 0;
cleanup:
  return ret;
}

// Parsed input: the count of converted fields is the only sign that they were written.
int sscanf(const char *s, const char *fmt, ...);
int fscanf(FILE *f, const char *fmt, ...);
int parse_settings(const char *line, FILE *f) {
  unsigned rate = 0, limit = 0;
  sscanf(line, "rate=%u", &rate);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'sscanf' is discarded, so a failure goes unnoticed
  if (sscanf(line, "limit=%u", &limit) != 1)                  // no-warning: field count tested
    return -1;
  if (fscanf(f, "%u", &rate) == EOF)                          // no-warning
    return -1;
  if (fscanf(f, "%u", &rate) == 0)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the result of 'fscanf' is tested the wrong way: the failure value -1 takes the same branch as the success value 1
    return -1;
  return (int)(rate + limit);
}

// A pointer result is NULL on failure: ordering it against 0 never sees the failure.
char *fgets(char *s, int n, FILE *f);
int read_line_checked(char *line, FILE *f) {
  if (fgets(line, 16, f) < 0)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the result of 'fgets' is tested the wrong way: the failure value NULL takes the same branch as the success value non-NULL
    return -1;
  if (fgets(line, 16, f) == 0)                                // no-warning
    return -1;
  if (!fgets(line, 16, f))                                    // no-warning
    return -1;
  return 0;
}

// Closing a stream opened for reading only has no buffered data to lose.
FILE *fopen(const char *path, const char *mode);
void close_streams(const char *path) {
  FILE *cfg = fopen(path, "rb");
  if (cfg == NULL)
    return;
  fclose(cfg);                                                // no-warning: read only
  FILE *log = fopen(path, "a");
  if (log == NULL)
    return;
  fclose(log);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'fclose' is discarded, so a failure goes unnoticed
  FILE *db = fopen(path, "r+");
  if (db == NULL)
    return;
  fclose(db);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'fclose' is discarded, so a failure goes unnoticed
}

// An allocation used as a valid pointer before any test dereferences NULL on failure.
char *strcpy(char *d, const char *s) __attribute__((nonnull(1, 2)));
void free(void *p);
void print_line(const char *s);
struct sample { int value; };
void allocations(void) {
  char *data = malloc(20);
  strcpy(data, "Initialize");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: the result of 'malloc' stored in 'data' is dereferenced without a check; check it (NULL is a failure) before the first use (CWE-690)
  free(data);
  int *counts = malloc(4 * sizeof(int));
  counts[0] = 5;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'malloc' stored in 'counts' is dereferenced without a check
  free(counts);
  struct sample *s = malloc(sizeof *s);
  s->value = 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'malloc' stored in 's' is dereferenced without a check
  free(s);
  char *name = malloc(20);
  if (name != NULL) {                                         // no-warning: tested first
    strcpy(name, "Initialize");
    print_line(name);
  }
  free(name);
  char *copy = malloc(20);
  print_line(copy);                                           // no-warning: handed on, not dereferenced here
  free(copy);
}

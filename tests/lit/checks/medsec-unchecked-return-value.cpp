// RUN: %check_medsec %s medsec-unchecked-return-value %t -- -std=c++17

typedef __SIZE_TYPE__ size_t;
typedef struct FILE FILE;
extern "C" {
int fclose(FILE *f);
void *malloc(size_t n);
int mbedtls_sha256_finish(void *ctx, unsigned char *out);
int RAND_bytes(unsigned char *buf, int num);
}
namespace std {
using ::fclose;
using ::malloc;
}
typedef enum { HAL_OK = 0, HAL_ERROR, HAL_BUSY, HAL_TIMEOUT } HAL_StatusTypeDef;
HAL_StatusTypeDef HAL_I2C_Master_Transmit(void *h, unsigned short addr, unsigned char *p, unsigned short n, unsigned t);

// Look-alikes: project code that shares a name with a listed function.
namespace fw {
int fclose(FILE *f);
}
struct Port {
  int fclose(FILE *f);
  HAL_StatusTypeDef send(unsigned char *p); // matched by its return type
};
[[nodiscard]] int commit_settings();

extern FILE *f;
extern unsigned char digest[32];

void qualified(void *ctx, Port &port) {
  std::fclose(f);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: the result of 'fclose' is discarded, so a failure goes unnoticed; check it (0 is success, -1 (EOF) a failure) 
  ::fclose(f);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the result of 'fclose' is discarded, so a failure goes unnoticed; check it (0 is success, -1 (EOF) a failure) 
  fw::fclose(f);        // no-warning: the project's own function
  port.fclose(f);       // no-warning: a member that shares the name
  port.send(digest);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: the result of 'send' is discarded, so a failure goes unnoticed; check it (HAL_OK is success, any other value a
  static_cast<void>(std::malloc(8));
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: the result of 'malloc' is cast to void, but a failure of this call must be handled; check it (NULL is a failur
  static_cast<void>(std::fclose(f)); // no-warning: shutdown path, nothing left to protect
  commit_settings();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'commit_settings' is discarded, so a failure goes unnoticed; check it (see its documentation for
}

template <typename Ctx> int finish(Ctx *ctx) {
  mbedtls_sha256_finish(ctx, digest);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'mbedtls_sha256_finish' is discarded, so a failure goes unnoticed; check it (0 is success, negat
  return 0;
}
template int finish<void>(void *);

bool random_ok(unsigned char *buf) {
  if (RAND_bytes(buf, 16))
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the result of 'RAND_bytes' is tested the wrong way: the failure value -1 takes the same branch as the success 
    return true;
  auto rc = RAND_bytes(buf, 16); // no-warning: tested correctly below
  return rc == 1;
}

bool lambdas(void *h, unsigned char *p) {
  auto send = [&]() { return HAL_I2C_Master_Transmit(h, 0x50, p, 2, 10) == HAL_OK; }; // no-warning
  auto lost = [&]() { HAL_I2C_Master_Transmit(h, 0x50, p, 2, 10); };
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: the result of 'HAL_I2C_Master_Transmit' is discarded, so a failure goes unnoticed; check it (HAL_OK is success
  lost();
  return send();
}

// A project declares its non-security uses of MD5 in .medsec.yaml.
// RUN: %check_medsec %s medsec-weak-cryptography %t --config "{CheckOptions: {medsec.ProjectRules: '%inputs/weak-crypto-rules.yaml'}}" -- -std=c11

typedef enum { MBEDTLS_MD_MD5 = 3 } mbedtls_md_type_t;
const void *mbedtls_md_info_from_type(mbedtls_md_type_t t);

// Content-addressed cache key of the drug library: collisions are harmless.
const void *cache_digest(void) { return mbedtls_md_info_from_type(MBEDTLS_MD_MD5); } // no-warning

const void *image_digest(void) {
  return mbedtls_md_info_from_type(MBEDTLS_MD_MD5);
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'MBEDTLS_MD_MD5' selects MD5, which is broken
}

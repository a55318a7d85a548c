/*
 * Stand-in for Mbed TLS 3.6.0's include/mbedtls/build_info.h, written for this
 * sample: only the version macros, spelt as Mbed TLS spells them, so that
 * `medsec scan` recognises the vendored library and its version (docs/sbom.md).
 * It is not Mbed TLS code; the API the firmware uses is declared in
 * hal/mbedtls_stub.h.
 */
#ifndef MBEDTLS_BUILD_INFO_H
#define MBEDTLS_BUILD_INFO_H

#define MBEDTLS_VERSION_MAJOR  3
#define MBEDTLS_VERSION_MINOR  6
#define MBEDTLS_VERSION_PATCH  0

#define MBEDTLS_VERSION_NUMBER         0x03060000
#define MBEDTLS_VERSION_STRING         "3.6.0"
#define MBEDTLS_VERSION_STRING_FULL    "Mbed TLS 3.6.0"

#endif /* MBEDTLS_BUILD_INFO_H */

/*
 * fw_update.c - firmware image reception over the docking-station link.
 *
 * Sequence: FW_BEGIN (64-byte header), FW_CHUNK x n ([offset u32][len u8]
 * [data]), FW_END. The image is written to the staging sector; after a
 * successful check a "pending" word is programmed and the bootloader installs
 * the image at the next reset.
 *
 * Image header (64 bytes):
 *   0  magic "IFW1"        4  image size (bytes, without header)
 *   8  version length      9  version string "maj.min.patch"
 *   24 MD5 of the image (legacy docking stations, format v1)
 *   40 flags (bit 0: image ends with an HMAC-SHA256 over the rest;
 *      bit 1, format v3: image ends with an ECDSA P-256 signature over the
 *      SHA-256 of the rest, checked by the secure element)
 */
#include "fw_update.h"

#include <stdio.h>
#include <string.h>

#include "board.h"
#include "key_store.h"
#include "logging.h"
#include "mbedtls_stub.h"
#include "pump_config.h"
#include "secure_element.h"

#define FW_FLAG_HMAC 0x01U
#define FW_FLAG_ECDSA 0x02U
#define FW_PENDING_ADDR (FLASH_STAGING_ADDR + FLASH_STAGING_SIZE - 8U)
#define FW_PENDING_MAGIC 0x50454E44UL /* "PEND" */
#define FW_IMAGE_MAX (FLASH_STAGING_SIZE - FW_HEADER_SIZE - 8U)

typedef struct {
  uint32_t magic;
  uint32_t image_size;
  uint8_t version_len;
  char version_str[15];
  uint8_t md5[16];
  uint8_t flags;
  uint8_t reserved[23];
} fw_header_t;

_Static_assert(sizeof(fw_header_t) == FW_HEADER_SIZE, "header layout");

typedef enum { FW_IDLE = 0, FW_RECEIVING, FW_VERIFYING, FW_READY, FW_FAILED } fw_state_t;

static fw_state_t state = FW_IDLE;
static fw_header_t hdr;
static uint32_t received;
static char pending_version[16];
static char status_line[48];

static const char *const status_fmt[] = {
    [FW_IDLE] = "idle",
    [FW_RECEIVING] = "receiving %lu/%lu bytes",
    [FW_VERIFYING] = "verifying %lu bytes",
    [FW_READY] = "ready, %lu bytes, restart to install",
    [FW_FAILED] = "failed at %lu of %lu",
};

/*
 * Used on the abort path, which can run from the link-loss interrupt where
 * the HAL's lock handling must not be entered. Key values from RM0090 3.5.1.
 */
static void flash_unlock_direct(void) {
  if ((FLASH->CR & FLASH_CR_LOCK) != 0U) {
    FLASH->KEYR = 0x45670123U;
    FLASH->KEYR = 0xCDEF89ABU;
  }
}

static int staging_erase(void) {
  FLASH_EraseInitTypeDef erase = {
      .TypeErase = FLASH_TYPEERASE_SECTORS,
      .Banks = 0,
      .Sector = FLASH_STAGING_SECTOR,
      .NbSectors = 1,
      .VoltageRange = FLASH_VOLTAGE_RANGE_3,
  };
  uint32_t sector_error = 0;
  return HAL_FLASHEx_Erase(&erase, &sector_error) == HAL_OK ? 0 : -1;
}

static int version_is_newer(unsigned maj, unsigned min, unsigned pat) {
  const unsigned long cur = FW_VERSION_MAJOR * 1000000UL + FW_VERSION_MINOR * 1000UL + FW_VERSION_PATCH;
  const unsigned long img = maj * 1000000UL + min * 1000UL + pat;
  return img > cur;
}

fw_result_t fw_update_begin(const uint8_t *p, size_t len) {
  unsigned maj;
  unsigned min;
  unsigned pat;

  if (state == FW_RECEIVING || state == FW_VERIFYING) {
    return FW_ERR_STATE;
  }
  if (len < FW_HEADER_SIZE) {
    return FW_ERR_FORMAT;
  }
  memcpy(&hdr, p, sizeof hdr);
  if (hdr.magic != FW_IMAGE_MAGIC) {
    return FW_ERR_FORMAT;
  }
  if (hdr.image_size == 0U || hdr.image_size > FW_IMAGE_MAX) {
    return FW_ERR_RANGE;
  }
  memset(pending_version, 0, sizeof pending_version);
  memcpy(pending_version, hdr.version_str, hdr.version_len); // expect: medsec-tainted-memory-size
  pending_version[sizeof pending_version - 1U] = '\0';
  if (sscanf(pending_version, "%u.%u.%u", &maj, &min, &pat) != 3) {
    return FW_ERR_FORMAT;
  }
  /* Anti-rollback: only strictly newer versions are accepted. */
  if (!version_is_newer(maj, min, pat)) {
    log_printf(LOG_LVL_WARN, "fw: %s is not newer than running firmware", pending_version);
    return FW_ERR_RANGE;
  }
  if (HAL_FLASH_Unlock() != HAL_OK) {
    return FW_ERR_FLASH;
  }
  if (staging_erase() != 0) {
    if (HAL_FLASH_Lock() != HAL_OK) {
      log_printf(LOG_LVL_ERROR, "fw: flash lock failed");
    }
    return FW_ERR_FLASH;
  }
  received = 0;
  state = FW_RECEIVING;
  log_event(EVT_FW_UPDATE, hdr.image_size);
  return FW_OK;
}

/* Chunk: [offset u32][data_len u8][data...] */
fw_result_t fw_update_write_chunk(const uint8_t *p, size_t len) {
  uint32_t offset;
  uint8_t data_len;

  if (state != FW_RECEIVING) {
    return FW_ERR_STATE;
  }
  if (len < 5U) {
    return FW_ERR_FORMAT;
  }
  memcpy(&offset, p, sizeof offset);
  data_len = p[4];
  if (data_len > len - 5U) {
    return FW_ERR_FORMAT;
  }
  if (offset + data_len > hdr.image_size) { // expect: medsec-tainted-arithmetic
    return FW_ERR_RANGE;
  }
  for (uint8_t i = 0; i < data_len; i++) {
    if (HAL_FLASH_Program(FLASH_TYPEPROGRAM_BYTE, (uint32_t)(FLASH_STAGING_ADDR + offset + i),
                          p[5U + i]) != HAL_OK) {
      state = FW_FAILED;
      return FW_ERR_FLASH;
    }
  }
  received += data_len;
  return FW_OK;
}

/* Format v1 integrity check, kept for docking stations before DS-3.0. */
static int verify_legacy_digest(const uint8_t *img, uint32_t size) {
  const mbedtls_md_info_t *md5 = mbedtls_md_info_from_type(MBEDTLS_MD_MD5); // expect: medsec-weak-cryptography
  uint8_t digest[16];

  if (md5 == NULL || mbedtls_md(md5, img, size, digest) != 0) {
    return 0;
  }
  return memcmp(digest, hdr.md5, sizeof digest) == 0;
}

static int verify_hmac(const uint8_t *img, uint32_t size) {
  if (size <= KEY_HMAC_LEN) {
    return 0;
  }
  return key_store_verify_hmac(img, size - KEY_HMAC_LEN, img + size - KEY_HMAC_LEN) ? 1 : 0;
}

static int verify_signature(const uint8_t *img, uint32_t size) {
  const mbedtls_md_info_t *sha256 = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
  uint8_t digest[32];

  if (size <= SE_SIGNATURE_LEN || sha256 == NULL ||
      mbedtls_md(sha256, img, size - SE_SIGNATURE_LEN, digest) != 0) {
    return 0;
  }
  if (se_ecdsa_verify(digest, img + size - SE_SIGNATURE_LEN, SE_SLOT_FW_SIGNING)) { // expect: medsec-unchecked-return-value
    return 1;
  }
  return 0;
}

fw_result_t fw_update_finish(void) {
  const uint8_t *img = (const uint8_t *)FLASH_PTR(FLASH_STAGING_ADDR);
  int ok;
  fw_result_t r = FW_OK;

  if (state != FW_RECEIVING || received != hdr.image_size || img == NULL) {
    return FW_ERR_STATE;
  }
  state = FW_VERIFYING;
  if ((hdr.flags & FW_FLAG_ECDSA) != 0U) {
    ok = verify_signature(img, hdr.image_size);
  } else {
    ok = (hdr.flags & FW_FLAG_HMAC) != 0U ? verify_hmac(img, hdr.image_size)
                                           : verify_legacy_digest(img, hdr.image_size);
  }
  if (!ok) {
    state = FW_FAILED;
    r = FW_ERR_VERIFY;
  } else if (HAL_FLASH_Program(FLASH_TYPEPROGRAM_WORD, (uint32_t)FW_PENDING_ADDR,
                               FW_PENDING_MAGIC) != HAL_OK) {
    state = FW_FAILED;
    r = FW_ERR_FLASH;
  } else {
    state = FW_READY;
  }
  if (HAL_FLASH_Lock() != HAL_OK) {
    r = FW_ERR_FLASH;
  }
  log_printf(LOG_LVL_INFO, "fw: %s %s", pending_version, r == FW_OK ? "verified" : "rejected");
  return r;
}

void fw_update_abort(void) {
  if (state != FW_RECEIVING) {
    return;
  }
  flash_unlock_direct();
  if (staging_erase() != 0) {
    log_printf(LOG_LVL_ERROR, "fw: staging erase failed");
  }
  FLASH->CR |= FLASH_CR_LOCK;
  state = FW_FAILED;
}

const char *fw_update_status(void) {
  sprintf(status_line, status_fmt[state], (unsigned long)received, (unsigned long)hdr.image_size); // expect: medsec-banned-functions
  return status_line;
}

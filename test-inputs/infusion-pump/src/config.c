/*
 * config.c - device settings stored in flash sector 2.
 *
 * The settings block is read once at boot into RAM. Writes erase the sector
 * and program the whole block again, word by word, with a digest over the
 * block so that a torn write is detected at the next boot and the defaults
 * are used instead.
 */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "board.h"
#include "logging.h"
#include "mbedtls_stub.h"
#include "pump_config.h"

static pump_config_t cfg;
static char banner[64];

static const pump_config_t config_defaults = {
    .magic = CONFIG_MAGIC,
    .layout_version = CONFIG_LAYOUT_VERSION,
    .length = (uint16_t)sizeof(pump_config_t),
    .serial = "",
    .ble_name = DEVICE_MODEL,
    .server_host = "pumps.hospital.local",
    .site_max_rate_x10 = MAX_RATE_ML_H_X10,
    .occlusion_limit_mmhg = OCCLUSION_LIMIT_MMHG_DEFAULT,
    .pressure_offset = {0, 0, 0, 0},
    .syringe_ul_per_rev = UL_PER_REV_60ML,
    .ble_enabled = 1U,
    .tls_allow_unverified = 0U,
};

/* Digest over everything but the digest field itself. */
static int config_digest(const pump_config_t *c, uint8_t out[CONFIG_DIGEST_LEN]) {
  const mbedtls_md_info_t *info = mbedtls_md_info_from_type(MBEDTLS_MD_SHA1); // expect: medsec-weak-cryptography
  if (info == NULL) {
    return -1;
  }
  return mbedtls_md(info, (const unsigned char *)c, offsetof(pump_config_t, digest), out);
}

int config_load(void) {
  const pump_config_t *stored = (const pump_config_t *)FLASH_PTR(FLASH_CONFIG_ADDR);
  uint8_t digest[CONFIG_DIGEST_LEN];

  if (stored == NULL || stored->magic != CONFIG_MAGIC ||
      stored->layout_version != CONFIG_LAYOUT_VERSION ||
      stored->length != sizeof(pump_config_t)) {
    cfg = config_defaults;
    log_printf(LOG_LVL_WARN, "config: no valid settings, using defaults");
    return 1;
  }
  if (config_digest(stored, digest) != 0 || memcmp(digest, stored->digest, sizeof digest) != 0) {
    cfg = config_defaults;
    log_printf(LOG_LVL_ERROR, "config: digest mismatch, using defaults");
    return 1;
  }
  cfg = *stored;
  /* Strings in flash were written by older tools; never trust termination. */
  cfg.serial[CONFIG_SERIAL_LEN - 1U] = '\0';
  cfg.ble_name[CONFIG_NAME_LEN - 1U] = '\0';
  cfg.server_host[CONFIG_HOST_LEN - 1U] = '\0';
  if (cfg.site_max_rate_x10 > MAX_RATE_ML_H_X10) {
    cfg.site_max_rate_x10 = MAX_RATE_ML_H_X10;
  }
  if (cfg.occlusion_limit_mmhg > OCCLUSION_LIMIT_MMHG_MAX) {
    cfg.occlusion_limit_mmhg = OCCLUSION_LIMIT_MMHG_MAX;
  }
  return 0;
}

const pump_config_t *config_get(void) { return &cfg; }

pump_config_t *config_edit(void) { return &cfg; }

static int config_erase_sector(void) {
  FLASH_EraseInitTypeDef erase = {
      .TypeErase = FLASH_TYPEERASE_SECTORS,
      .Banks = 0,
      .Sector = FLASH_CONFIG_SECTOR,
      .NbSectors = 1,
      .VoltageRange = FLASH_VOLTAGE_RANGE_3,
  };
  uint32_t sector_error = 0;
  if (HAL_FLASHEx_Erase(&erase, &sector_error) != HAL_OK) {
    log_printf(LOG_LVL_ERROR, "config: erase failed at sector %lu", (unsigned long)sector_error);
    return -1;
  }
  return 0;
}

int config_save(void) {
  uint32_t words[(sizeof(pump_config_t) + 3U) / 4U];
  int rc = 0;

  cfg.magic = CONFIG_MAGIC;
  cfg.layout_version = CONFIG_LAYOUT_VERSION;
  cfg.length = (uint16_t)sizeof(pump_config_t);
  if (config_digest(&cfg, cfg.digest) != 0) {
    return -1;
  }
  memset(words, 0xFF, sizeof words);
  memcpy(words, &cfg, sizeof cfg);

  if (HAL_FLASH_Unlock() != HAL_OK) {
    return -1;
  }
  if (config_erase_sector() != 0) {
    rc = -1;
  }
  /* The magic word goes last so that an interrupted write stays invalid. */
  for (size_t i = 1; rc == 0 && i < sizeof words / sizeof words[0]; i++) {
    if (HAL_FLASH_Program(FLASH_TYPEPROGRAM_WORD, (uint32_t)(FLASH_CONFIG_ADDR + 4U * i),
                          words[i]) != HAL_OK) {
      log_printf(LOG_LVL_ERROR, "config: program failed at word %u", (unsigned)i);
      rc = -1;
    }
  }
  if (rc == 0) {
    HAL_FLASH_Program(FLASH_TYPEPROGRAM_WORD, (uint32_t)FLASH_CONFIG_ADDR, words[0]); // expect: medsec-unchecked-return-value
  }
  if (HAL_FLASH_Lock() != HAL_OK) {
    rc = -1;
  }
  log_event(EVT_CONFIG_WRITE, (uint32_t)rc);
  return rc;
}

int config_factory_reset(void) {
  char serial[CONFIG_SERIAL_LEN];

  /* The serial number belongs to the device, not to the settings. */
  memcpy(serial, cfg.serial, sizeof serial);
  cfg = config_defaults;
  memcpy(cfg.serial, serial, sizeof serial);
  log_event(EVT_FACTORY_RESET, 0);
  return config_save();
}

/*
 * Set readout protection level 1 at first boot after production so that the
 * debug port can no longer read flash.
 */
int config_lock_readout(void) {
  uint32_t rdp = (FLASH->OPTCR & FLASH_OPTCR_RDP_Msk) >> FLASH_OPTCR_RDP_Pos;

  if (rdp != OB_RDP_LEVEL_0) {
    return 0; /* already protected */
  }
  if (HAL_FLASH_OB_Unlock() != HAL_OK) {
    return -1;
  }
  FLASH->OPTCR = (FLASH->OPTCR & ~FLASH_OPTCR_RDP_Msk) | ((uint32_t)OB_RDP_LEVEL_1 << FLASH_OPTCR_RDP_Pos);
  if (HAL_FLASH_OB_Launch() != HAL_OK) {
    return -1;
  }
  return HAL_FLASH_OB_Lock() == HAL_OK ? 0 : -1;
}

/* Serial number label as printed on the rating plate: "SN-<serial>". */
void config_format_serial(char *out) {
  sprintf(out, "SN-%s", cfg.serial); // expect: medsec-banned-functions
}

/* Site limit for the display, e.g. "1200.0 ml/h". */
void config_format_rate_limit(char *out) {
  sprintf(out, "%u.%u ml/h", (unsigned)(cfg.site_max_rate_x10 / 10U), (unsigned)(cfg.site_max_rate_x10 % 10U)); // expect: medsec-banned-functions
}

const char *config_version_string(void) {
  static char version[40];

  if (version[0] == '\0') {
    sprintf(version, "v%u.%u.%u", (unsigned)FW_VERSION_MAJOR, (unsigned)FW_VERSION_MINOR,
            (unsigned)FW_VERSION_PATCH);
  }
  return version;
}

/* Boot banner shown on the log UART and the service console. */
const char *config_banner(void) {
  memset(banner, 0, sizeof banner);
  strncpy(banner, DEVICE_MODEL " syringe pump ", sizeof banner - 1U);
  strcat(banner, config_version_string()); // expect: medsec-banned-functions
  return banner;
}

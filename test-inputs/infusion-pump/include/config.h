/*
 * config.h - persistent device settings (flash sector 2).
 */
#ifndef CONFIG_H
#define CONFIG_H

#include <stdint.h>

#define CONFIG_MAGIC 0x49503443UL /* "IP4C" */
#define CONFIG_LAYOUT_VERSION 3U
#define CONFIG_SERIAL_LEN 16U
#define CONFIG_NAME_LEN 24U
#define CONFIG_HOST_LEN 40U
#define CONFIG_DIGEST_LEN 20U
/* Buffer size callers must provide to config_format_serial(). */
#define CONFIG_SERIAL_LABEL_LEN (CONFIG_SERIAL_LEN + 4U)
#define CONFIG_PRESSURE_CHANNELS 4U

typedef struct {
  uint32_t magic;
  uint16_t layout_version;
  uint16_t length;
  char serial[CONFIG_SERIAL_LEN];    /* e.g. "4A22-071-0042", NUL padded */
  char ble_name[CONFIG_NAME_LEN];
  char server_host[CONFIG_HOST_LEN];
  uint16_t site_max_rate_x10;        /* hospital limit, <= MAX_RATE_ML_H_X10 */
  uint16_t occlusion_limit_mmhg;
  int16_t pressure_offset[CONFIG_PRESSURE_CHANNELS];
  uint16_t syringe_ul_per_rev;
  uint8_t ble_enabled;
  uint8_t tls_allow_unverified;      /* field workaround, see FSN-2021-04 */
  uint8_t digest[CONFIG_DIGEST_LEN]; /* over all fields above */
} pump_config_t;

int config_load(void);
const pump_config_t *config_get(void);
pump_config_t *config_edit(void);
int config_save(void);
int config_factory_reset(void);
int config_lock_readout(void);

void config_format_serial(char *out);
void config_format_rate_limit(char *out);
const char *config_version_string(void);
const char *config_banner(void);

#endif /* CONFIG_H */

/*
 * fw_update.h - reception and verification of firmware images. The image is
 * staged in flash sector 7; the bootloader copies it after reset.
 */
#ifndef FW_UPDATE_H
#define FW_UPDATE_H

#include <stddef.h>
#include <stdint.h>

#define FW_IMAGE_MAGIC 0x31574649UL /* "IFW1" */
#define FW_HEADER_SIZE 64U

typedef enum {
  FW_OK = 0,
  FW_ERR_STATE = -1,
  FW_ERR_FORMAT = -2,
  FW_ERR_RANGE = -3,
  FW_ERR_FLASH = -4,
  FW_ERR_VERIFY = -5
} fw_result_t;

fw_result_t fw_update_begin(const uint8_t *hdr, size_t len);
fw_result_t fw_update_write_chunk(const uint8_t *p, size_t len);
fw_result_t fw_update_finish(void);
void fw_update_abort(void);
const char *fw_update_status(void);

#endif /* FW_UPDATE_H */

/*
 * secure_element.h - ATECC608-class secure element on I2C1, holding the public
 * key the firmware images are signed with (slot SE_SLOT_FW_SIGNING).
 *
 * Like the vendor's driver, se_ecdsa_verify() answers 1 when the signature is
 * valid, 0 when it is not, and a negative SE_ERR_* code when the device could
 * not be asked (bus error, no wake-up, watchdog expired in the device).
 */
#ifndef SECURE_ELEMENT_H
#define SECURE_ELEMENT_H

#include <stdint.h>

#define SE_ERR_BUS (-1)
#define SE_ERR_WAKE (-2)
#define SE_ERR_WATCHDOG (-3)

#define SE_SLOT_FW_SIGNING 4U
#define SE_SIGNATURE_LEN 64U

int se_ecdsa_verify(const uint8_t digest[32], const uint8_t signature[SE_SIGNATURE_LEN],
                    uint8_t key_slot);

#endif /* SECURE_ELEMENT_H */

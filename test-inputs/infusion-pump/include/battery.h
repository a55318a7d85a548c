/*
 * battery.h - fuel gauge on I2C2: state of charge, voltage, low-battery alarm.
 */
#ifndef BATTERY_H
#define BATTERY_H

#include <stdint.h>

/* Reads a 16-bit fuel gauge register; 0 on success, -1 when the I2C read
 * fails (out is then left untouched). */
int battery_read_i2c(uint8_t reg, uint16_t *out);
int battery_self_test(void);
uint16_t battery_voltage_mv(void);
int battery_percent(uint8_t *pct);
void battery_alarm_step(void);

#endif /* BATTERY_H */

/*
 * battery.c - fuel gauge (BQ27441-class) on I2C2 and the low-battery alarm.
 *
 * Every reader of the gauge checks battery_read_i2c(): a failed transfer
 * leaves the output variable as it was, which for a local is uninitialised.
 */
#include "battery.h"

#include "board.h"
#include "logging.h"
#include "pump_control.h"

#define FUEL_GAUGE_ADDR (0x55U << 1)
#define BQ_REG_VOLTAGE 0x04U
#define BQ_REG_FLAGS 0x06U
#define BQ_REG_SOC 0x1CU
#define BQ_FLAG_FAULT 0x8000U
#define BATTERY_LOW_PERCENT 15U
#define I2C_TIMEOUT_MS 10U

I2C_HandleTypeDef hi2c_gauge = {.Instance = I2C2};

int battery_read_i2c(uint8_t reg, uint16_t *out) {
  uint8_t raw[2];

  if (HAL_I2C_Mem_Read(&hi2c_gauge, FUEL_GAUGE_ADDR, reg, I2C_MEMADD_SIZE_8BIT, raw, sizeof raw,
                       I2C_TIMEOUT_MS) != HAL_OK) {
    return -1;
  }
  *out = (uint16_t)(raw[0] | ((uint16_t)raw[1] << 8));
  return 0;
}

int battery_self_test(void) {
  uint16_t flags;

  if (battery_read_i2c(BQ_REG_FLAGS, &flags) != 0) {
    log_printf(LOG_LVL_ERROR, "fuel gauge not responding");
    return -1;
  }
  return (flags & BQ_FLAG_FAULT) != 0U ? -1 : 0;
}

uint16_t battery_voltage_mv(void) {
  uint16_t mv;

  if (battery_read_i2c(BQ_REG_VOLTAGE, &mv) != 0) {
    return 0U;
  }
  return mv;
}

int battery_percent(uint8_t *pct) {
  uint16_t soc;
  const int rc = battery_read_i2c(BQ_REG_SOC, &soc);

  if (rc != 0) {
    return rc;
  }
  *pct = soc > 100U ? 100U : (uint8_t)soc;
  return 0;
}

/* Low-battery alarm, once a second from the main loop. A failed read leaves
 * soc uninitialised, and whatever the stack held decides the alarm. */
void battery_alarm_step(void) {
  uint16_t soc;

  battery_read_i2c(BQ_REG_SOC, &soc); // expect: medsec-unchecked-return-value
  if (soc < BATTERY_LOW_PERCENT) {
    pump_raise_alarm(ALARM_LOW_BATTERY, soc);
  }
}

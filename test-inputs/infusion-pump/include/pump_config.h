/*
 * pump_config.h - build-time configuration of the IP-400 syringe pump.
 *
 * Clinical limits are given in tenths (0.1 mL/h, 0.1 mL) so that all rate and
 * volume arithmetic stays in integers. They are the hard limits of the
 * device; drug-library limits can only narrow them.
 */
#ifndef PUMP_CONFIG_H
#define PUMP_CONFIG_H

/* Firmware identification */
#define FW_VERSION_MAJOR 2U
#define FW_VERSION_MINOR 4U
#define FW_VERSION_PATCH 1U
#define FW_BUILD_NUMBER 1187U
#define DEVICE_MODEL "IP-400"

/* Hard clinical limits */
#define MIN_RATE_ML_H_X10 1U       /* 0.1 mL/h */
#define MAX_RATE_ML_H 1200U        /* 1200 mL/h, 60 mL syringe purge speed */
#define MAX_RATE_ML_H_X10 (MAX_RATE_ML_H * 10U)
#define MAX_VTBI_ML_X10 600U       /* one 60 mL syringe */
#define MAX_BOLUS_UL 10000U        /* 10 mL */
#define MAX_BOLUS_RATE_ML_H_X10 6000U
#define KVO_RATE_ML_H_X10 10U      /* keep-vein-open rate after VTBI reached */

/* Mechanics: 0.5 mm lead screw, 200 full steps x 16 microsteps */
#define STEPS_PER_REV 3200U
#define UL_PER_REV_60ML 140U       /* 60 mL BD Plastipak, 28.6 mm bore */
#define MOTOR_TICK_HZ 1000U

/* Occlusion detection (downstream pressure sensor, 12-bit ADC) */
#define OCCLUSION_LIMIT_MMHG_DEFAULT 600U
#define OCCLUSION_LIMIT_MMHG_MAX 900U
#define PRESSURE_ADC_COUNTS_PER_MMHG_X100 902U

/* Drug library */
#define DRUG_LIBRARY_SIZE 12U
#define PROFILE_MAX_STEPS 8U

/* Security related settings */
#define SESSION_TIMEOUT_S 300U
#define MAX_LOGIN_ATTEMPTS 5U

/* Engineering console on USART3. Must be 0 in released builds (see SOP-017). */
#define ENABLE_DEBUG_SHELL 1 // expect: medsec-debug-backdoor

#endif /* PUMP_CONFIG_H */

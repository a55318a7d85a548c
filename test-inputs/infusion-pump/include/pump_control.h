/*
 * pump_control.h - infusion state machine, limits, motor and alarms.
 */
#ifndef PUMP_CONTROL_H
#define PUMP_CONTROL_H

#include <stddef.h>
#include <stdint.h>

#include "freertos_stub.h"
#include "pump_config.h"

typedef enum { PUMP_OK = 0, PUMP_ERR_RANGE, PUMP_ERR_STATE, PUMP_ERR_BUSY } pump_status_t;

typedef enum { SRC_LOCAL_UI = 0, SRC_HOST, SRC_BLE, SRC_SERVER, SRC_SERVICE } cmd_source_t;

typedef enum { PUMP_IDLE = 0, PUMP_RUNNING, PUMP_PAUSED, PUMP_KVO, PUMP_ALARM } pump_state_t;

typedef enum {
  ALARM_NONE = 0,
  ALARM_OCCLUSION,
  ALARM_VTBI_DONE,
  ALARM_SYRINGE_EMPTY,
  ALARM_LOW_BATTERY,
  ALARM_MOTOR_STALL,
  ALARM_COMM_LOSS,
  ALARM_LIMIT_REJECTED,
  ALARM_COUNT
} alarm_id_t;

typedef struct {
  uint16_t rate_x10;
  uint16_t duration_min;
} profile_step_t;

/* Messages posted to the pump task by the communication tasks. */
typedef enum { PCMD_SET_RATE = 1, PCMD_STOP, PCMD_RAMP, PCMD_ACK_ALARM, PCMD_SET_VTBI } pump_cmd_op_t;

typedef struct {
  uint8_t op;     /* pump_cmd_op_t */
  uint8_t source; /* cmd_source_t */
  uint8_t count;  /* PCMD_RAMP: number of entries in ramp[] */
  uint8_t reserved;
  uint16_t arg;
  uint16_t ramp[PROFILE_MAX_STEPS];
} pump_cmd_msg_t;

typedef struct {
  uint8_t alarm_id;
  uint8_t priority;
  uint16_t detail;
} alarm_msg_t;

int pump_init(void);
pump_status_t pump_set_rate(uint16_t rate_x10, cmd_source_t src);
pump_status_t pump_set_vtbi(uint16_t vtbi_x10, cmd_source_t src);
pump_status_t pump_start(cmd_source_t src);
pump_status_t pump_stop(cmd_source_t src);
pump_status_t pump_bolus(uint32_t volume_ul, cmd_source_t src);
pump_status_t pump_apply_drug_limits(uint16_t max_rate_x10, uint32_t max_bolus_ul);
pump_status_t pump_load_profile(const profile_step_t *steps, uint8_t count);
void pump_set_label(const char *label);
void pump_raise_alarm(alarm_id_t id, uint16_t detail);
pump_state_t pump_state(void);
void pump_get_status(uint8_t out[8]);

QueueHandle_t pump_command_queue(void);
void pump_task_step(void);
void pump_motor_tick(void);
void pump_alarm_task_step(void);

/* Occlusion alarm threshold of a syringe size (index into the size table). */
uint32_t pump_occlusion_limit(size_t syringe);

#endif /* PUMP_CONTROL_H */

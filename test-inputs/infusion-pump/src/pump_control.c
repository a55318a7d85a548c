/*
 * pump_control.c - infusion state machine, limits, motor drive and alarms.
 *
 * All rate requests, whatever their source (keypad, docking station, BLE,
 * hospital server), end up in pump_set_rate(), which enforces the hard
 * limits of pump_config.h and the limits of the selected drug. The motor
 * tick runs at 1 kHz from a hardware timer and never blocks.
 */
#include "pump_control.h"

#include <stdio.h>
#include <string.h>

#include "board.h"
#include "config.h"
#include "logging.h"

#define CMD_QUEUE_LEN 8U
#define ALARM_QUEUE_LEN 8U
#define PRESSURE_SAMPLE_TICKS 100U
#define LCD_COLS 20U

typedef struct {
  uint16_t max_rate_x10;
  uint32_t max_bolus_ul;
} limits_t;

static pump_state_t state = PUMP_IDLE;
static uint16_t rate_x10;
static uint16_t vtbi_x10;
static uint32_t delivered_ul;
static uint64_t step_accum;
static uint32_t steps_per_ul_num = STEPS_PER_REV;
static uint32_t steps_per_ul_den = UL_PER_REV_60ML;
static uint32_t tick_count;
static uint16_t last_pressure_mmhg;
static limits_t limits = {MAX_RATE_ML_H_X10, MAX_BOLUS_UL};

static profile_step_t profile[PROFILE_MAX_STEPS];
static uint8_t profile_len;
static uint16_t ramp_rates[PROFILE_MAX_STEPS];
static uint8_t ramp_len;

static uint8_t alarm_active[ALARM_COUNT];
static uint32_t alarm_ack_count[ALARM_COUNT];
static char drug_label[24];
static char lcd[2][LCD_COLS + 1U];

static QueueHandle_t cmd_queue;
static QueueHandle_t alarm_queue;
static SemaphoreHandle_t pump_mutex;

static const uint16_t buzzer_pin_gpio = GPIO_PIN_8;

static void pump_unlock(void) {
  if (xSemaphoreGive(pump_mutex) != pdPASS) {
    /* Mutex misuse is a software fault: stop delivering. */
    state = PUMP_ALARM;
  }
}

static void motor_enable(int on) {
  /* Driver enable is active low. */
  HAL_GPIO_WritePin(MOTOR_EN_PORT, MOTOR_EN_PIN, on ? GPIO_PIN_RESET : GPIO_PIN_SET);
}

static void lcd_write(unsigned row, const char *text) {
  if (row < 2U) {
    strncpy(lcd[row], text, LCD_COLS);
    lcd[row][LCD_COLS] = '\0';
  }
}

int pump_init(void) {
  const pump_config_t *c = config_get();

  cmd_queue = xQueueCreate(CMD_QUEUE_LEN, sizeof(pump_cmd_msg_t));
  alarm_queue = xQueueCreate(ALARM_QUEUE_LEN, sizeof(alarm_msg_t));
  pump_mutex = xSemaphoreCreateMutex();
  if (cmd_queue == NULL || alarm_queue == NULL || pump_mutex == NULL) {
    return -1;
  }
  limits.max_rate_x10 = c->site_max_rate_x10 <= MAX_RATE_ML_H_X10 ? c->site_max_rate_x10
                                                                   : MAX_RATE_ML_H_X10;
  if (c->syringe_ul_per_rev != 0U) {
    steps_per_ul_den = c->syringe_ul_per_rev;
  }
  HAL_GPIO_WritePin(MOTOR_DIR_PORT, MOTOR_DIR_PIN, GPIO_PIN_SET); /* plunger forward */
  motor_enable(0);
  state = PUMP_IDLE;
  return 0;
}

QueueHandle_t pump_command_queue(void) { return cmd_queue; }

pump_state_t pump_state(void) { return state; }

void pump_raise_alarm(alarm_id_t id, uint16_t detail) {
  alarm_msg_t m = {.alarm_id = (uint8_t)id, .priority = 1U, .detail = detail};

  if (id == ALARM_OCCLUSION || id == ALARM_MOTOR_STALL) {
    m.priority = 2U;
    motor_enable(0);
    state = PUMP_ALARM;
  }
  if (xQueueSend(alarm_queue, &m, 0) != pdPASS) {
    /* Alarm task not keeping up: fail safe, stop and light the LED directly. */
    motor_enable(0);
    state = PUMP_ALARM;
    HAL_GPIO_WritePin(ALARM_LED_PORT, ALARM_LED_PIN, GPIO_PIN_SET);
  }
}

pump_status_t pump_set_rate(uint16_t new_rate_x10, cmd_source_t src) {
  if (new_rate_x10 < MIN_RATE_ML_H_X10 || new_rate_x10 > limits.max_rate_x10) {
    log_printf(LOG_LVL_WARN, "rate %u rejected (limit %u, source %d)", (unsigned)new_rate_x10,
               (unsigned)limits.max_rate_x10, (int)src);
    pump_raise_alarm(ALARM_LIMIT_REJECTED, new_rate_x10);
    return PUMP_ERR_RANGE;
  }
  if (xSemaphoreTake(pump_mutex, pdMS_TO_TICKS(10)) != pdPASS) {
    return PUMP_ERR_BUSY;
  }
  rate_x10 = new_rate_x10;
  pump_unlock();
  log_event(EVT_RATE_CHANGE, ((uint32_t)src << 16) | new_rate_x10);
  return PUMP_OK;
}

pump_status_t pump_set_vtbi(uint16_t new_vtbi_x10, cmd_source_t src) {
  if (new_vtbi_x10 == 0U || new_vtbi_x10 > MAX_VTBI_ML_X10) {
    return PUMP_ERR_RANGE;
  }
  if (state == PUMP_RUNNING && src != SRC_LOCAL_UI) {
    return PUMP_ERR_STATE; /* VTBI changes during infusion only at the pump */
  }
  vtbi_x10 = new_vtbi_x10;
  delivered_ul = 0;
  return PUMP_OK;
}

pump_status_t pump_start(cmd_source_t src) {
  if (state == PUMP_ALARM || rate_x10 == 0U || vtbi_x10 == 0U) {
    return PUMP_ERR_STATE;
  }
  state = PUMP_RUNNING;
  motor_enable(1);
  log_event(EVT_INFUSION_START, ((uint32_t)src << 16) | rate_x10);
  return PUMP_OK;
}

pump_status_t pump_stop(cmd_source_t src) {
  /* Stop must always succeed, so wait for the mutex as long as it takes. */
  xSemaphoreTake(pump_mutex, portMAX_DELAY); // expect: medsec-unchecked-return-value
  motor_enable(0);
  if (state != PUMP_ALARM) {
    state = PUMP_IDLE;
  }
  pump_unlock();
  log_event(EVT_INFUSION_STOP, (uint32_t)src);
  return PUMP_OK;
}

pump_status_t pump_bolus(uint32_t volume_ul, cmd_source_t src) {
  if (volume_ul == 0U || volume_ul > limits.max_bolus_ul) {
    return PUMP_ERR_RANGE;
  }
  if (state != PUMP_RUNNING) {
    return PUMP_ERR_STATE;
  }
  log_printf(LOG_LVL_INFO, "bolus %lu uL from source %d", (unsigned long)volume_ul, (int)src);
  return PUMP_OK;
}

pump_status_t pump_apply_drug_limits(uint16_t max_rate_x10, uint32_t max_bolus_ul) {
  if (max_rate_x10 == 0U) {
    return PUMP_ERR_RANGE;
  }
  /* Drug limits narrow the device limits, never widen them. */
  limits.max_rate_x10 = max_rate_x10 < config_get()->site_max_rate_x10
                            ? max_rate_x10
                            : config_get()->site_max_rate_x10;
  limits.max_bolus_ul = max_bolus_ul < MAX_BOLUS_UL ? max_bolus_ul : MAX_BOLUS_UL;
  if (rate_x10 > limits.max_rate_x10) {
    return pump_stop(SRC_LOCAL_UI) == PUMP_OK ? PUMP_ERR_RANGE : PUMP_ERR_STATE;
  }
  return PUMP_OK;
}

pump_status_t pump_load_profile(const profile_step_t *steps, uint8_t count) {
  if (steps == NULL || count == 0U || count > PROFILE_MAX_STEPS) {
    return PUMP_ERR_RANGE;
  }
  for (uint8_t i = 0; i < count; i++) {
    if (steps[i].rate_x10 > limits.max_rate_x10) {
      return PUMP_ERR_RANGE;
    }
    profile[i] = steps[i];
  }
  profile_len = count;
  return PUMP_OK;
}

void pump_set_label(const char *label) {
  strncpy(drug_label, label, sizeof drug_label - 1U);
  drug_label[sizeof drug_label - 1U] = '\0';
  lcd_write(0, drug_label);
}

void pump_get_status(uint8_t out[8]) {
  out[0] = (uint8_t)state;
  out[1] = (uint8_t)(rate_x10 & 0xFFU);
  out[2] = (uint8_t)(rate_x10 >> 8);
  out[3] = (uint8_t)(vtbi_x10 & 0xFFU);
  out[4] = (uint8_t)(vtbi_x10 >> 8);
  out[5] = (uint8_t)(delivered_ul / 100U & 0xFFU);
  out[6] = (uint8_t)((delivered_ul / 100U) >> 8);
  out[7] = (uint8_t)(last_pressure_mmhg / 4U > 255U ? 255U : last_pressure_mmhg / 4U);
}

/* Commands posted by the communication tasks. */
void pump_task_step(void) {
  pump_cmd_msg_t msg;

  while (xQueueReceive(cmd_queue, &msg, 0) == pdPASS) {
    switch (msg.op) {
    case PCMD_SET_RATE:
      if (pump_set_rate(msg.arg, (cmd_source_t)msg.source) != PUMP_OK) {
        log_event(EVT_ALARM, ALARM_LIMIT_REJECTED);
      }
      break;
    case PCMD_SET_VTBI:
      if (pump_set_vtbi(msg.arg, (cmd_source_t)msg.source) != PUMP_OK) {
        log_event(EVT_ALARM, ALARM_LIMIT_REJECTED);
      }
      break;
    case PCMD_STOP:
      if (pump_stop((cmd_source_t)msg.source) != PUMP_OK) {
        state = PUMP_ALARM;
      }
      break;
    case PCMD_RAMP:
      /* Titration ramp from the hospital server, applied step by step. */
      for (uint8_t i = 0; i < msg.count; i++) { // expect: medsec-tainted-loop-bound
        ramp_rates[i] = msg.ramp[i]; // expect: medsec-unvalidated-setting
      }
      ramp_len = msg.count;
      break;
    case PCMD_ACK_ALARM:
      alarm_ack_count[msg.arg]++; // expect: medsec-tainted-array-index
      break;
    default:
      break;
    }
  }
}

static void display_render(void) {
  char line1[20];
  char line2[16];

  sprintf(line1, "%.1f ml/h", rate_x10 / 10.0); // expect: medsec-banned-functions
  sprintf(line2, "VTBI %u ml", (unsigned)(vtbi_x10 / 10U)); // expect: medsec-banned-functions
  lcd_write(0, line1);
  lcd_write(1, line2);
}

static void check_pressure(void) {
  uint32_t raw;
  int32_t mmhg;

  if (HAL_ADC_Start(&hadc_pressure) != HAL_OK ||
      HAL_ADC_PollForConversion(&hadc_pressure, 2U) != HAL_OK) {
    pump_raise_alarm(ALARM_MOTOR_STALL, 0xADCU);
    return;
  }
  raw = HAL_ADC_GetValue(&hadc_pressure);
  mmhg = ((int32_t)raw - config_get()->pressure_offset[0]) * 100 /
         (int32_t)PRESSURE_ADC_COUNTS_PER_MMHG_X100;
  last_pressure_mmhg = mmhg < 0 ? 0U : (uint16_t)mmhg;
  if (last_pressure_mmhg > config_get()->occlusion_limit_mmhg) {
    pump_raise_alarm(ALARM_OCCLUSION, last_pressure_mmhg);
  }
}

/* 1 kHz motor tick: converts the rate into step pulses. */
void pump_motor_tick(void) {
  const uint64_t threshold = (uint64_t)steps_per_ul_den * 3600ULL * MOTOR_TICK_HZ;

  tick_count++;
  if (tick_count % PRESSURE_SAMPLE_TICKS == 0U) {
    check_pressure();
    display_render();
  }
  if (state != PUMP_RUNNING && state != PUMP_KVO) {
    return;
  }
  /* rate in uL/h times steps per uL, accumulated per tick. */
  step_accum += (uint64_t)(state == PUMP_KVO ? KVO_RATE_ML_H_X10 : rate_x10) * 100U * steps_per_ul_num;
  while (step_accum >= threshold) {
    step_accum -= threshold;
    HAL_GPIO_WritePin(MOTOR_STEP_PORT, MOTOR_STEP_PIN, GPIO_PIN_SET);
    HAL_GPIO_WritePin(MOTOR_STEP_PORT, MOTOR_STEP_PIN, GPIO_PIN_RESET);
    delivered_ul++;
  }
  if (state == PUMP_RUNNING && delivered_ul >= (uint32_t)vtbi_x10 * 100U) {
    alarm_msg_t m = {.alarm_id = ALARM_VTBI_DONE, .priority = 1U, .detail = vtbi_x10};
    state = PUMP_KVO;
    xQueueSend(alarm_queue, &m, 0); // expect: medsec-unchecked-return-value
  }
}

/* Alarm task: annunciation and the audit trail. */
void pump_alarm_task_step(void) {
  alarm_msg_t m;
  char code[16];

  if (xQueueReceive(alarm_queue, &m, 0) != pdPASS) {
    return;
  }
  if (m.alarm_id == ALARM_NONE || m.alarm_id >= ALARM_COUNT) {
    return;
  }
  alarm_active[m.alarm_id] = 1U;
  sprintf(code, "AL-%02X", (unsigned)m.alarm_id);
  lcd_write(1, code);
  log_raw("ALARM %s detail=%u", code, (unsigned)m.detail);
  log_event(EVT_ALARM, ((uint32_t)m.alarm_id << 16) | m.detail);
  HAL_GPIO_WritePin(ALARM_LED_PORT, ALARM_LED_PIN, GPIO_PIN_SET);
  if (m.priority >= 2U) {
    HAL_GPIO_WritePin(BUZZER_PORT, buzzer_pin_gpio, GPIO_PIN_SET);
  }
}

/* Occlusion pressure limit (mmHg) per syringe size, by the configuration's syringe index. */
static const uint32_t occlusion_limit_mmhg[8] = {300U, 350U, 400U, 450U, 500U, 550U, 600U, 650U};

uint32_t pump_occlusion_limit(size_t syringe) {
  if (syringe > sizeof(occlusion_limit_mmhg)) { // expect: medsec-sizeof-as-count
    return occlusion_limit_mmhg[0];
  }
  return occlusion_limit_mmhg[syringe];
}

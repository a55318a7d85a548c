/*
 * main.c - IP-400 syringe pump firmware entry point.
 *
 * On the target, main() initialises the peripherals, creates the FreeRTOS
 * tasks and starts the scheduler. The host build (this project's default)
 * replaces the scheduler by a fixed-step loop that calls each task's step
 * function, so the firmware can be smoke-tested on a PC.
 */
#include <stdio.h>
#include <string.h>

#include "battery.h"
#include "ble_stack.h"
#include "board.h"
#include "comms.h"
#include "config.h"
#include "fw_update.h"
#include "key_store.h"
#include "logging.h"
#include "pump_config.h"
#include "pump_control.h"
#include "service_mode.h"

#define SIM_TICKS 3000U
#define WATCHDOG_RELOAD 1250U /* 2 s at 40 kHz / 64 */

UART_HandleTypeDef huart_host = {
    .Instance = USART1,
    .Init = {UART_HOST_BAUD, UART_WORDLENGTH_8B, UART_STOPBITS_1, UART_PARITY_NONE, UART_MODE_TX_RX},
};
UART_HandleTypeDef huart_log = {
    .Instance = USART2,
    .Init = {UART_LOG_BAUD, UART_WORDLENGTH_8B, UART_STOPBITS_1, UART_PARITY_NONE, UART_MODE_TX_RX},
};
UART_HandleTypeDef huart_service = {
    .Instance = USART3,
    .Init = {UART_SERVICE_BAUD, UART_WORDLENGTH_8B, UART_STOPBITS_1, UART_PARITY_NONE,
             UART_MODE_TX_RX},
};
IWDG_HandleTypeDef hiwdg = {.Instance = IWDG, .Init = {IWDG_PRESCALER_64, WATCHDOG_RELOAD}};
ADC_HandleTypeDef hadc_pressure = {.Instance = NULL, .Channel = 5U};
RNG_HandleTypeDef hrng = {.Instance = NULL};

static uint32_t watchdog_failures;

static int board_init(void) {
  if (HAL_Init() != HAL_OK) {
    return -1;
  }
  if (HAL_UART_Init(&huart_host) != HAL_OK || HAL_UART_Init(&huart_log) != HAL_OK ||
      HAL_UART_Init(&huart_service) != HAL_OK) {
    return -1;
  }
  if (HAL_IWDG_Init(&hiwdg) != HAL_OK) {
    return -1;
  }
  HAL_GPIO_WritePin(ALARM_LED_PORT, ALARM_LED_PIN, GPIO_PIN_RESET);
  return 0;
}

/* Idle: stop the core until the next tick interrupt. */
static void enter_low_power(void) {
  /* Keep SWD alive in STOP/SLEEP so the bench debugger stays attached. */
  DBGMCU->CR |= DBGMCU_CR_DBG_STOP | DBGMCU_CR_DBG_SLEEP; // expect: medsec-debug-backdoor
  HAL_PWR_EnterSTOPMode(PWR_LOWPOWERREGULATOR_ON, PWR_STOPENTRY_WFI);
}

static void kick_watchdog(void) {
  if (HAL_IWDG_Refresh(&hiwdg) != HAL_OK) {
    watchdog_failures++;
  }
}

/* Host simulation: queue one protocol frame on the docking-station UART. */
static void sim_send_frame(uint8_t cmd, const uint8_t *payload, uint8_t len) {
  uint8_t frame[3U + UART_MAX_PAYLOAD + 2U];
  uint16_t crc;

  if (len > UART_MAX_PAYLOAD) {
    return;
  }
  frame[0] = 0xA5U;
  frame[1] = len;
  frame[2] = cmd;
  if (len > 0U) {
    memcpy(&frame[3], payload, len);
  }
  crc = crc16_ccitt(&frame[1], (size_t)len + 2U);
  frame[3U + len] = (uint8_t)(crc & 0xFFU);
  frame[4U + len] = (uint8_t)(crc >> 8);
  HAL_SimUartInject(huart_host.Instance, frame, (size_t)len + 5U);
}

static int firmware_init(void) {
  if (board_init() != 0) {
    return -1;
  }
  log_init();
  if (log_archive_probe() != 0) {
    log_printf(LOG_LVL_WARN, "event log archive unavailable");
  }
  if (config_load() != 0) {
    log_printf(LOG_LVL_INFO, "first boot or settings lost");
  }
  if (key_store_init() != 0 || pump_init() != 0 || uart_cmd_init() != 0) {
    return -1;
  }
  if (ble_service_init() != 0) {
    log_printf(LOG_LVL_ERROR, "BLE unavailable");
  }
  if (service_mode_init() != 0) {
    log_printf(LOG_LVL_ERROR, "service console unavailable");
  }
  if (tls_client_init() != 0) {
    log_printf(LOG_LVL_ERROR, "server link unavailable");
  }
  if (battery_self_test() != 0) {
    log_printf(LOG_LVL_ERROR, "fuel gauge fault");
  }
  log_event(EVT_BOOT, FW_BUILD_NUMBER);
  log_printf(LOG_LVL_INFO, "%s build %u", config_banner(), (unsigned)FW_BUILD_NUMBER);
  return 0;
}

int main(void) {
  static const uint8_t ble_rate[2] = {0x64, 0x00}; /* 10.0 mL/h */

  if (firmware_init() != 0) {
    printf("init failed\n");
    return 1;
  }

  /* Docking station says hello and asks for the status. */
  sim_send_frame(0x01U, NULL, 0);
  sim_send_frame(0x02U, NULL, 0);
  /* Tablet writes a rate before pairing: must be refused. */
  ble_sim_inject_write(0x0001U, ble_service_handle(BLE_CHAR_RATE), ble_rate, sizeof ble_rate);

  if (tls_client_connect(config_get()->server_host) != 0) {
    log_printf(LOG_LVL_WARN, "server not reachable, running standalone");
  }

  for (uint32_t tick = 0; tick < SIM_TICKS; tick++) {
    pump_motor_tick();
    if (tick % 10U == 0U) {
      uart_cmd_poll();
      pump_task_step();
      pump_alarm_task_step();
      service_console_poll();
    }
    if (tick % 1000U == 0U) {
      battery_alarm_step();
    }
    if (tick % 500U == 0U) {
      ble_service_notify_status();
      kick_watchdog();
    }
    if (pump_state() == PUMP_IDLE && tick % 1000U == 999U) {
      enter_low_power();
    }
  }

  tls_client_close();
  printf("simulation done: state=%d, %u log records, fw %s, watchdog failures %lu\n",
         (int)pump_state(), (unsigned)log_count(), fw_update_status(),
         (unsigned long)watchdog_failures);
  return 0;
}

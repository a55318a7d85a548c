/*
 * board.h - IP-400 main board (rev D) peripheral assignment.
 *
 *   USART1  docking station / PC configuration tool (binary protocol)
 *   USART2  event log output (115200 8N1, to the comms module)
 *   USART3  engineering console (service cable, ASCII)
 *   PA3/PA4 stepper STEP/DIR, PA5 stepper enable (active low)
 *   PB7     alarm LED, PB8 buzzer
 *   ADC1 ch5 downstream pressure sensor
 */
#ifndef BOARD_H
#define BOARD_H

#include "freertos_stub.h"
#include "stm32_hal_stub.h"

#define UART_HOST_BAUD 57600U
#define UART_LOG_BAUD 115200U
#define UART_SERVICE_BAUD 115200U

#define MOTOR_STEP_PORT GPIOA
#define MOTOR_STEP_PIN GPIO_PIN_3
#define MOTOR_DIR_PORT GPIOA
#define MOTOR_DIR_PIN GPIO_PIN_4
#define MOTOR_EN_PORT GPIOA
#define MOTOR_EN_PIN GPIO_PIN_5
#define ALARM_LED_PORT GPIOB
#define ALARM_LED_PIN GPIO_PIN_7
#define BUZZER_PORT GPIOB

/* Flash layout (STM32F4, 512 KiB) */
#define FLASH_BOOTLOADER_ADDR 0x08000000UL /* sectors 0-1 */
#define FLASH_CONFIG_ADDR 0x08008000UL     /* sector 2, settings */
#define FLASH_CONFIG_SECTOR 2U
#define FLASH_KEYS_ADDR 0x0800C000UL       /* sector 3, provisioned keys */
#define FLASH_APP_ADDR 0x08020000UL        /* sectors 5-6, application */
#define FLASH_STAGING_ADDR 0x08060000UL    /* sector 7, update staging */
#define FLASH_STAGING_SECTOR 7U
#define FLASH_STAGING_SIZE (128UL * 1024UL)

extern UART_HandleTypeDef huart_host;
extern UART_HandleTypeDef huart_log;
extern UART_HandleTypeDef huart_service;
extern IWDG_HandleTypeDef hiwdg;
extern ADC_HandleTypeDef hadc_pressure;
extern RNG_HandleTypeDef hrng;

#endif /* BOARD_H */

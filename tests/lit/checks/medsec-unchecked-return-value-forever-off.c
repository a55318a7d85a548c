// RUN: %check_medsec %s medsec-unchecked-return-value %t -- -std=c11 -isystem %inputs/freertos
// FreeRTOS with INCLUDE_vTaskSuspend 0: portMAX_DELAY is a timeout like any
// other (the largest), so a take, receive or send with it can fail.
#define INCLUDE_vTaskSuspend 0
#include <freertos_mini.h>

QueueHandle_t mutex, queue;
TimerHandle_t timer;

void forever(void) {
  int item;
  xSemaphoreTake(mutex, portMAX_DELAY);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'xSemaphoreTake' ('xQueueSemaphoreTake') is discarded
  xQueueReceive(queue, &item, portMAX_DELAY);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'xQueueReceive' is discarded
  xQueueSend(queue, &item, portMAX_DELAY);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'xQueueSend' ('xQueueGenericSend') is discarded
  if (xSemaphoreTake(mutex, portMAX_DELAY) == pdPASS) // no-warning: checked
    item = 1;
}

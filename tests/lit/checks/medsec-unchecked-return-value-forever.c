// RUN: %check_medsec %s medsec-unchecked-return-value %t -- -std=c11 -isystem %inputs/freertos
// FreeRTOS with INCLUDE_vTaskSuspend 1 (FreeRTOSConfig.h): a take, receive or
// send with portMAX_DELAY blocks until it succeeds, so it cannot fail and its
// result need not be checked. Look-alikes: a finite timeout, the forever value
// kept in a variable, a call without a timeout, a timer command, a plain send.
#define INCLUDE_vTaskSuspend ( 1 )
#include <freertos_mini.h>

QueueHandle_t mutex, queue;
TimerHandle_t timer;

void forever(void) {
  int item;
  xSemaphoreTake(mutex, portMAX_DELAY);          // no-warning: waits until it has the mutex
  xSemaphoreTakeRecursive(mutex, portMAX_DELAY); // no-warning
  xQueueReceive(queue, &item, portMAX_DELAY);    // no-warning: waits for an item
  xQueueSend(queue, &item, portMAX_DELAY);       // no-warning: waits for room
  (void)xSemaphoreTake(mutex, portMAX_DELAY);    // no-warning
  BaseType_t got = xSemaphoreTake(mutex, portMAX_DELAY); // no-warning: stored, never read
}

// Calls that cannot fail in a way the caller could handle, whatever the
// timeout: an overwrite always succeeds, a give fails only when the semaphore
// was not taken (a programming error).
void cannot_fail(void) {
  int item = 0;
  xSemaphoreGive(mutex);          // no-warning
  xQueueOverwrite(queue, &item);  // no-warning
  xQueueGenericSend(queue, &item, 0, 0); // the same function written directly: a send that can fail
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'xQueueGenericSend' is discarded
}

void finite(TickType_t wait) {
  int item;
  xSemaphoreTake(mutex, 10);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'xSemaphoreTake' ('xQueueSemaphoreTake') is discarded, so a failure goes unnoticed; check it (1 (true) is success, 0 a failure) and handle the failure [medsec-unchecked-return-value]
  xQueueReceive(queue, &item, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'xQueueReceive' is discarded
  xQueueReceive(queue, &item, wait);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'xQueueReceive' is discarded
  xQueueSend(queue, &item, portMAX_DELAY - 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'xQueueSend' ('xQueueGenericSend') is discarded
  xQueueSendFromISR(queue, &item, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'xQueueSendFromISR' ('xQueueGenericSendFromISR') is discarded
  xTimerStart(timer, portMAX_DELAY); // fails when the timer queue is full before the scheduler runs
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'xTimerStart' ('xTimerGenericCommand') is discarded
}

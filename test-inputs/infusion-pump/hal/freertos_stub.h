/*
 * freertos_stub.h - the subset of the FreeRTOS API used by the IP-400
 * firmware. On the target this is the real kernel; the host build uses the
 * single-threaded stand-ins from hal_stubs.c (queues are real FIFOs, the
 * semaphore is a flag, time advances on every call of xTaskGetTickCount()).
 */
#ifndef FREERTOS_STUB_H
#define FREERTOS_STUB_H

#include <stdint.h>

#include "task.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef long BaseType_t;
typedef unsigned long UBaseType_t;
typedef uint32_t TickType_t;

#define pdFALSE ((BaseType_t)0)
#define pdTRUE ((BaseType_t)1)
#define pdPASS (pdTRUE)
#define pdFAIL (pdFALSE)

#define portMAX_DELAY ((TickType_t)0xFFFFFFFFUL)
#define configTICK_RATE_HZ ((TickType_t)1000)
#define pdMS_TO_TICKS(ms) ((TickType_t)(((TickType_t)(ms) * configTICK_RATE_HZ) / (TickType_t)1000U))

typedef struct QueueDefinition *QueueHandle_t;
typedef QueueHandle_t SemaphoreHandle_t;
typedef void (*TaskFunction_t)(void *);
typedef void *TaskHandle_t;

QueueHandle_t xQueueCreate(UBaseType_t uxQueueLength, UBaseType_t uxItemSize);
BaseType_t xQueueSend(QueueHandle_t xQueue, const void *pvItemToQueue, TickType_t xTicksToWait);
BaseType_t xQueueReceive(QueueHandle_t xQueue, void *pvBuffer, TickType_t xTicksToWait);
UBaseType_t uxQueueMessagesWaiting(QueueHandle_t xQueue);

SemaphoreHandle_t xSemaphoreCreateMutex(void);
BaseType_t xSemaphoreTake(SemaphoreHandle_t xSemaphore, TickType_t xBlockTime);
BaseType_t xSemaphoreGive(SemaphoreHandle_t xSemaphore);

BaseType_t xTaskCreate(TaskFunction_t pxTaskCode, const char *pcName, uint16_t usStackDepth,
                       void *pvParameters, UBaseType_t uxPriority, TaskHandle_t *pxCreatedTask);
TickType_t xTaskGetTickCount(void);
void vTaskDelay(TickType_t xTicksToDelay);

#ifdef __cplusplus
}
#endif

#endif /* FREERTOS_STUB_H */

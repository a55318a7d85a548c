/* The FreeRTOS kernel API the unchecked-return-value tests use, as the real
 * headers declare it: the xSemaphore*, xQueueSend and xQueueOverwrite names are
 * macros of xQueueGenericSend and friends. The including test defines
 * INCLUDE_vTaskSuspend first, as FreeRTOSConfig.h does. */
#ifndef FREERTOS_MINI_H
#define FREERTOS_MINI_H
typedef unsigned int uint32_t;
typedef long BaseType_t;
typedef uint32_t TickType_t;
typedef struct QueueDefinition *QueueHandle_t;
typedef struct tmrTimerControl *TimerHandle_t;
#define portMAX_DELAY ( TickType_t ) 0xffffffffUL
#define pdPASS 1
BaseType_t xQueueSemaphoreTake(QueueHandle_t q, TickType_t ticks);
BaseType_t xQueueTakeMutexRecursive(QueueHandle_t q, TickType_t ticks);
BaseType_t xQueueReceive(QueueHandle_t q, void *item, TickType_t ticks);
BaseType_t xQueueGenericSend(QueueHandle_t q, const void *item, TickType_t ticks, BaseType_t pos);
BaseType_t xQueueGenericSendFromISR(QueueHandle_t q, const void *item, BaseType_t *woken,
                                    BaseType_t pos);
BaseType_t xTimerGenericCommand(TimerHandle_t t, BaseType_t cmd, TickType_t value,
                                BaseType_t *woken, TickType_t ticks);
#define xSemaphoreTake(m, t) xQueueSemaphoreTake((m), (t))
#define xSemaphoreTakeRecursive(m, t) xQueueTakeMutexRecursive((m), (t))
#define xQueueSend(q, i, t) xQueueGenericSend((q), (i), (t), 0)
#define xQueueSendFromISR(q, i, w) xQueueGenericSendFromISR((q), (i), (w), 0)
#define xSemaphoreGive(m) xQueueGenericSend((QueueHandle_t)(m), 0, 0, 0)
#define xQueueOverwrite(q, i) xQueueGenericSend((q), (i), 0, 2)
#define xTimerStart(t, ticks) xTimerGenericCommand((t), 1, 0, 0, (ticks))
#endif

/* Command dispatch from a UART frame (hand-written case). */
#include <stdint.h>
#include <stddef.h>
typedef struct UART_HandleTypeDef UART_HandleTypeDef;
extern UART_HandleTypeDef huart1;
int HAL_UART_Receive(UART_HandleTypeDef *h, uint8_t *buf, uint16_t n, uint32_t t);
typedef void (*handler_t)(const uint8_t *p, size_t n);
extern handler_t handlers[12];
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static int dispatch_bad_inner(const uint8_t *frame)
{
    handlers[frame[1]](frame + 2, frame[0]);
    return 0;
}
void dispatch_bad(void)
{
    uint8_t frame[32];
    HAL_UART_Receive(&huart1, frame, sizeof frame, 100);
    dispatch_bad_inner(frame);
}

static int dispatch_good_inner(const uint8_t *frame)
{
    uint8_t cmd = frame[1];
    if (cmd >= ARRAY_SIZE(handlers))
        return -1;
    handlers[cmd](frame + 2, frame[0]);
    return 0;
}
void dispatch_good(void)
{
    uint8_t frame[32];
    HAL_UART_Receive(&huart1, frame, sizeof frame, 100);
    dispatch_good_inner(frame);
}

/*
 * service_mode.h - engineering / service functions (USART3 console).
 */
#ifndef SERVICE_MODE_H
#define SERVICE_MODE_H

#include <stdbool.h>

typedef enum { SERVICE_ENTRY_CONSOLE = 0, SERVICE_ENTRY_UART, SERVICE_ENTRY_KEYPAD } service_entry_t;

int service_mode_init(void);
void service_mode_enter(service_entry_t how);
void service_mode_exit(void);
bool service_mode_active(void);
void service_console_poll(void);
void service_console_handle_line(char *line);

#endif /* SERVICE_MODE_H */

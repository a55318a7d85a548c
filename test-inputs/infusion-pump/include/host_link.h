#ifndef HOST_LINK_H
#define HOST_LINK_H

#include <stdint.h>

/* USART2 receive interrupt, installed in the vector table. */
void USART2_IRQHandler(void);
/* Drains the receive ring and runs one command. */
void host_link_poll(void);
uint32_t host_link_bolus_period(void);
/* Sends a 32-bit answer to the host (hal_stubs.c on the host build). */
void host_link_reply(uint32_t value);

#endif

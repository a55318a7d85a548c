// RUN: %check_medsec %s medsec-debug-backdoor %t -- -std=c11 -DDEBUG=1 -DNDEBUG
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'DEBUG' (enables debug code paths) is defined on the command line (-DDEBUG=1) of this configuration; remove it

// Vendor and libc declarations mocked here so the test does not depend on the host.
typedef __SIZE_TYPE__ size_t;
typedef unsigned char uint8_t;
typedef unsigned int uint32_t;
typedef unsigned long uintptr_t;
typedef long time_t;
#define NULL ((void *)0)
int sscanf(const char *s, const char *fmt, ...);
unsigned long strtoul(const char *s, char **end, int base);
void *memcpy(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
int strcmp(const char *a, const char *b);
long recv(int fd, void *buf, size_t n, int flags);
time_t time(time_t *t);
uint32_t HAL_GetTick(void);
void reply(const void *p, size_t n);
void con_printf(const char *fmt, ...);

// ---------------------------------------------------------------- debug macros
// -DDEBUG=1 on the command line is reported at the start of the main file.
#define TEST_MODE 1
// CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'TEST_MODE' (enables test-only behaviour) is defined in this configuration; set it to 0 or remove it for relea
#define ENABLE_DEBUG_SHELL
// CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'ENABLE_DEBUG_SHELL' (enables a debug, test or service feature) is defined in this configuration; set it to 0 
#define FACTORY_MODE 0          // no-warning: off, and only tested with #if below
#if FACTORY_MODE
#endif
#define ENGINEERING 0
// CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'ENGINEERING' (enables engineering functions) is defined as 0, but #ifdef or defined() treats it as switched o
#ifdef ENGINEERING
#endif
#ifndef SEMIHOSTING             // no-warning: the guard of a default-off definition
#define SEMIHOSTING 0
#endif
#if SEMIHOSTING
#endif
#if 0
#define ENABLE_JTAG 1           // no-warning: not compiled in this configuration
#endif
#define USE_SEMIHOSTING 1       // no-warning: withdrawn below
#undef USE_SEMIHOSTING
#define DEBUG_LEVEL 3           // no-warning: not a switch of the catalogue
#define MBEDTLS_DEBUG_C         // no-warning

// ---------------------------------------------------------------- peek / poke
void cmd_peek(char *args) {
  unsigned int addr;
  if (sscanf(args, "%x", &addr) != 1)
    return;
  uint32_t value = *(volatile uint32_t *)(uintptr_t)addr;
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: a pointer is made from 'addr', which comes from received data, so any memory address can be read or written (p
  // CHECK-MESSAGES: note: 'addr' is parsed or copied from 'args' by 'sscanf'
  // CHECK-MESSAGES: note: 'args' is a parameter of 'cmd_peek', whose name marks it as a command handler or receive callback
  con_printf("%08x", value);
}

void cmd_poke(char *args) {
  unsigned long addr = strtoul(args, NULL, 16);
  *(volatile uint32_t *)addr = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:4: warning: a pointer is made from 'addr', which comes from received data, so any memory address can be read or written (p
}

void handle_dump(const uint8_t *p, uint8_t len) {
  uint8_t out[64];
  uint32_t addr = (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
  memcpy(out, (const void *)(uintptr_t)addr, len);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: a pointer is made from 'addr', which comes from received data, so any memory address can be read or written (p
  reply(out, len);
}

void net_task(int fd) {
  char buf[32];
  uint32_t where;
  if (recv(fd, buf, sizeof buf, 0) <= 0)
    return;
  memcpy(&where, buf + 1, sizeof where);
  uint32_t *target = (uint32_t *)where;
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: a pointer is made from 'where', which comes from received data, so any memory address can be read or written (
  // CHECK-MESSAGES: note: 'where' is parsed or copied from 'buf' by 'memcpy'
  // CHECK-MESSAGES: note: 'buf' is filled by 'recv'
  *target = 1;
}

// Compliant look-alikes: fixed addresses and a validated table.
static const uintptr_t register_table[4] = {0x40000000u, 0x40000400u, 0x40000800u, 0x40000C00u};
void cmd_read_register(const uint8_t *p) {
  uint8_t id = p[0];
  if (id >= 4)
    return;
  uint32_t v = *(volatile uint32_t *)register_table[id]; // no-warning: a table lookup
  *(volatile uint32_t *)0x40021000u = 1u;                 // no-warning: a fixed address
  reply(&v, sizeof v);
}
void board_init(uint32_t base) {
  *(volatile uint32_t *)base = 1u; // no-warning: not received data
}
// An interrupt handler's parameter is the driver's handle, not received data;
// a scalar named like a request is a request line, not a received buffer.
typedef struct { uint32_t Request; uint32_t Base; } DMA_InitTypeDef;
typedef struct { DMA_InitTypeDef Init; uint32_t *Gen; } DMA_HandleTypeDef;
void HAL_DMA_IRQHandler(DMA_HandleTypeDef *hdma) {
  uint32_t *regs = (uint32_t *)hdma->Init.Base; // no-warning: a driver handle's field
  regs[0] = 0;
}
static void dma_mux_setup(DMA_HandleTypeDef *h) {
  uint32_t request = h->Init.Request & 0xFFu;
  h->Gen = (uint32_t *)(0x40020800u + (request - 1u) * 4u); // no-warning: not received
}
// ... while a handler's data parameter and a buffer named as received still are.
void uart_rx_handler(DMA_HandleTypeDef *h, const uint8_t *frame) {
  uint32_t *target = (uint32_t *)(uintptr_t)frame[1];
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: a pointer is made from 'frame', which comes from received data, so any memory address can be read or written (p
  *target = h->Init.Request;
}
extern uint8_t rx_buf[16];
void apply_frame(void) {
  uint32_t *target = (uint32_t *)(uintptr_t)rx_buf[1];
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: a pointer is made from 'rx_buf', which comes from received data, so any memory address can be read or written (
  *target = 0;
}

// ---------------------------------------------------------------- hidden commands
void service_mode_enter(int how);
void enter_debug_mode(void);
void unlock_device(void);
void send_pong(void);
int check_service_pin(const char *pin);
int verify_signature(const uint8_t *p, size_t n);
int authenticated;

void handle_service(const uint8_t *p, uint8_t len) {
  if (len >= 7 && memcmp(p, "FACTORY", 7) == 0) {
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: received data is compared with the magic string "FACTORY" and a match calls 'service_mode_enter' without authe
    service_mode_enter(1);
    return;
  }
  if (memcmp(p, "PING", 4) == 0) // no-warning: nothing privileged
    send_pong();
  if (memcmp(p, "SVC", 3) == 0 && check_service_pin((const char *)p + 3)) // no-warning: authenticated
    service_mode_enter(2);
  if (memcmp(p, "UPD", 3) == 0) { // no-warning: the mode is entered only after a signature check
    if (verify_signature(p, len))
      service_mode_enter(3);
  }
}

void process_command(const char *cmd, uint32_t word) {
  if (strcmp(cmd, "debug") != 0)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: received data is compared with the magic string "debug" and a match calls 'enter_debug_mode' without authentic
    return;
  enter_debug_mode();
  if (word == 0xDEADBEEFu)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: received data is compared with the magic number 0xDEADBEEF and a match sets 'authenticated' to 1 without authe
    authenticated = 1;
  switch (word) {
  case 0x01:
    send_pong();
    break;
  case 0xC0DE:
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: received data is compared with the magic number 0xC0DE and a match calls 'unlock_device' without authenticatio
    unlock_device();
    break;
  default:
    break;
  }
}

static const char *product_variant;
void apply_variant(void) {
  if (strcmp(product_variant, "FACTORY") == 0) // no-warning: not received data
    service_mode_enter(4);
}

// ---------------------------------------------------------------- trap doors
struct in_addr { uint32_t s_addr; };
struct sockaddr_in { struct in_addr sin_addr; };
int is_admin;
void set_admin_privileges(void);
void log_peer(void);
void on_connect(const char *peer_host, struct sockaddr_in peer) {
  if (strcmp(peer_host, "192.168.1.77") == 0)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: a comparison with the fixed peer identity "192.168.1.77" sets 'is_admin' to 1 (trap door, CWE-510); authentica
    is_admin = 1;
  if (peer.sin_addr.s_addr == 0x0A000001u)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: a comparison with the fixed peer address 0xA000001 calls 'set_admin_privileges' (trap door, CWE-510); authenti
    set_admin_privileges();
  if (strcmp(peer_host, "10.0.0.9") == 0) // no-warning: only logged
    log_peer();
}

// A fixed peer answered differently on its connection is host-based logic.
long send(int fd, const void *buf, size_t n, int flags);
char *inet_ntoa(struct in_addr in);
void on_accept(int fd, const char *hostname, struct sockaddr_in peer) {
  if (strcmp("maintenance.vendor.com", hostname) == 0)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: a comparison with the fixed peer identity "maintenance.vendor.com" calls 'send' (trap door, CWE-510); authenticate the peer cryptographically, not by its address
    send(fd, "welcome, engineer", 17, 0);
  else
    send(fd, "welcome", 7, 0);
  if (strcmp(inet_ntoa(peer.sin_addr), "192.168.30.123") == 0) {
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: a comparison with the fixed peer identity "192.168.30.123" calls 'send' (trap door, CWE-510)
    if (send(fd, "menu", 4, 0) < 0)
      return;
  }
  if (strcmp(hostname, "maintenance.vendor.com") == 0) // no-warning: only logged
    log_peer();
  if (strcmp(hostname, "status") == 0) // no-warning: not a host name or address
    send(fd, "ok", 2, 0);
}

// ---------------------------------------------------------------- logic bombs
void disable_occlusion_alarm(void);
void raise_alarm(void);
void request_service_reminder(void);
int occlusion_check_enabled;
void safety_task(uint32_t start, uint32_t timeout, uint32_t uptime_hours) {
  if (HAL_GetTick() > 2592000000u)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: a comparison of the result of 'HAL_GetTick' with the constant 0x9A7EC800 calls 'disable_occlusion_alarm' (logi
    disable_occlusion_alarm();
  time_t now = time(NULL);
  if (now >= 1767225600)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: a comparison of 'now' with the constant 0x6955B900 sets 'occlusion_check_enabled' to 0 (logic bomb, CWE-511); 
    occlusion_check_enabled = 0;
  if (HAL_GetTick() - start > timeout) // no-warning: a timeout, not a fixed date
    raise_alarm();
  if (uptime_hours > 10000) // no-warning: a maintenance reminder, not a safety function
    request_service_reminder();
}

// Deleting data on a date, a count or a random draw is a logic bomb too.
int unlink(const char *path);
int remove(const char *path);
int rand(void);
void log_task(unsigned log_bytes, unsigned log_limit) {
  time_t today = time(NULL);
  if (today > 1767225600)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: a comparison of 'today' with the constant 0x6955B900 calls 'unlink' (logic bomb, CWE-511); remove the time, counter or random trigger of that action
    unlink("therapy_log.csv");
  if (rand() == 20000)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: a comparison of the result of 'rand' with the constant 0x4E20 calls 'remove' (logic bomb, CWE-511)
    remove("pump_config.bin");
  int boot_counter = 0;
  while (boot_counter < 3) {
    if (boot_counter == 20000)
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: a comparison of 'boot_counter' with the constant 0x4E20 calls 'unlink' (logic bomb, CWE-511)
      unlink("calibration.dat");
    boot_counter++;
  }
  if (rand() == 20000) // no-warning: nothing destructive or safety-relevant
    con_printf("lucky draw");
  if (today > 1767225600) // no-warning: a reminder, not a deletion
    request_service_reminder();
  if (log_bytes > log_limit) // no-warning: log rotation on a size, not a trigger
    remove("therapy_log.old");
}

// ---------------------------------------------------------------- debug channels and access
typedef struct { volatile uint32_t IDCODE; volatile uint32_t CR; } DBGMCU_TypeDef;
#define DBGMCU ((DBGMCU_TypeDef *)0xE0042000UL)
#define DBGMCU_CR_DBG_SLEEP 0x1u
#define DBGMCU_CR_DBG_STOP 0x2u
typedef struct { uint32_t OptionType; uint32_t RDPLevel; } FLASH_OBProgramInitTypeDef;
#define OB_RDP_LEVEL_0 0xAAu
#define OB_RDP_LEVEL_1 0x55u
typedef struct { volatile uint32_t APPROTECT; } NRF_UICR_Type;
#define NRF_UICR ((NRF_UICR_Type *)0x10001000UL)
#define UICR_APPROTECT_PALL_HwDisabled 0x5Au
#define UICR_APPROTECT_PALL_Enabled 0x00u
typedef struct { volatile uint32_t TER; } ITM_Type;
#define ITM ((ITM_Type *)0xE0000000UL)
uint32_t ITM_SendChar(uint32_t ch);
unsigned SEGGER_RTT_WriteString(unsigned idx, const char *s);
void HAL_DBGMCU_EnableDBGStopMode(void);
void HAL_DBGMCU_DisableDBGStopMode(void);
void FLASH_OB_RDPConfig(uint8_t level);
#define OB_RDP_Level_0 ((uint8_t)0xA5)
#define OB_RDP_Level_1 ((uint8_t)0x00)
#define __HAL_AFIO_REMAP_SWJ_ENABLE() do { } while (0)
#define __HAL_AFIO_REMAP_SWJ_DISABLE() do { } while (0)

void low_power(void) {
  DBGMCU->CR |= DBGMCU_CR_DBG_STOP | DBGMCU_CR_DBG_SLEEP;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the write to 'DBGMCU->CR' with DBGMCU_CR_DBG_SLEEP keeps the debug port (and trace pins) alive in low-power mo
  DBGMCU->CR &= ~(DBGMCU_CR_DBG_STOP | DBGMCU_CR_DBG_SLEEP);       // no-warning: cleared
  DBGMCU->CR = DBGMCU->CR & ~DBGMCU_CR_DBG_STOP;                   // no-warning: cleared
  if (DBGMCU->CR & DBGMCU_CR_DBG_STOP)                             // no-warning: read only
    HAL_DBGMCU_DisableDBGStopMode();                               // no-warning
  HAL_DBGMCU_EnableDBGStopMode();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'HAL_DBGMCU_EnableDBGStopMode' keeps the debug port alive in Stop mode; debug features must be removed or lock
  __HAL_AFIO_REMAP_SWJ_ENABLE();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: '__HAL_AFIO_REMAP_SWJ_ENABLE' keeps JTAG and SWD on their pins; debug features must be removed or locked befor
  __HAL_AFIO_REMAP_SWJ_DISABLE();                                  // no-warning
}

void protection(FLASH_OBProgramInitTypeDef *ob) {
  ob->RDPLevel = OB_RDP_LEVEL_0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the write to 'ob->RDPLevel' with OB_RDP_LEVEL_0 programs read-out protection level 0 (flash readable through t
  ob->RDPLevel = OB_RDP_LEVEL_1;                                   // no-warning
  FLASH_OB_RDPConfig(OB_RDP_Level_0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'FLASH_OB_RDPConfig' with OB_RDP_Level_0 programs read-out protection level 0 (flash readable through the debu
  FLASH_OB_RDPConfig(OB_RDP_Level_1);                              // no-warning
  NRF_UICR->APPROTECT = UICR_APPROTECT_PALL_HwDisabled;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the write to 'NRF_UICR->APPROTECT' with UICR_APPROTECT_PALL_HwDisabled leaves the access port unprotected (fla
  NRF_UICR->APPROTECT = UICR_APPROTECT_PALL_Enabled;               // no-warning
}

void trace(const char *s) {
  ITM->TER |= 1u;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the write to 'ITM->TER' enables ITM stimulus ports (SWO trace output); debug access must be disabled and read-
  while (*s)
    ITM_SendChar((uint32_t)*s++);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'ITM_SendChar' writes to the ITM/SWO trace port; debug features must be removed or locked before release
  SEGGER_RTT_WriteString(0, "boot\n");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SEGGER_RTT_WriteString' writes to the SEGGER RTT debug channel; debug features must be removed or locked befo
  uint32_t (*out)(uint32_t) = ITM_SendChar;
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'ITM_SendChar' writes to the ITM/SWO trace port; debug features must be removed or locked before release
  (void)out;
}

void semihosting_exit(void) {
  __asm volatile("bkpt 0xAB");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: inline assembly performs an ARM semihosting call; debug features must be removed before release
  __asm volatile("nop"); // no-warning
}

/*
 * hal_stubs.c - host implementations of the HAL, BLE stack, TCP/IP stack and
 * RTOS stand-ins.
 *
 * Everything here is simulation glue for running the firmware on a PC. It is
 * deliberately simple: UART receive returns bytes queued with
 * HAL_SimUartInject(), flash is a RAM array, queues are fixed-size FIFOs and
 * there is exactly one thread of execution.
 */
#include "ble_stack.h"
#include "freertos_stub.h"
#include "lwip/init.h"
#include "secure_element.h"
#include "stm32_hal_stub.h"

#include <string.h>

/* ------------------------------------------------------------- registers */

USART_TypeDef hal_sim_usart1;
USART_TypeDef hal_sim_usart2;
USART_TypeDef hal_sim_usart3;
SPI_TypeDef hal_sim_spi2;
I2C_TypeDef hal_sim_i2c2;
GPIO_TypeDef hal_sim_gpioa;
GPIO_TypeDef hal_sim_gpiob;
FLASH_TypeDef hal_sim_flash_regs = {.CR = FLASH_CR_LOCK, .OPTCR = FLASH_OPTCR_OPTLOCK};
IWDG_TypeDef hal_sim_iwdg;
DBGMCU_TypeDef hal_sim_dbgmcu = {.IDCODE = 0x10076413U};

static uint32_t sim_tick;

HAL_StatusTypeDef HAL_Init(void) {
  sim_tick = 0;
  return HAL_OK;
}

uint32_t HAL_GetTick(void) { return sim_tick++; }

void HAL_Delay(uint32_t Delay) { sim_tick += Delay; }

void HAL_NVIC_SystemReset(void) {
  /* The host build has nothing to reset; restart the tick counter. */
  sim_tick = 0;
}

/* ------------------------------------------------------------------ UART */

#define SIM_UART_FIFO 512U

typedef struct {
  USART_TypeDef *instance;
  uint8_t data[SIM_UART_FIFO];
  size_t head;
  size_t count;
} sim_uart_fifo_t;

static sim_uart_fifo_t sim_uart[3] = {
    {.instance = &hal_sim_usart1}, {.instance = &hal_sim_usart2}, {.instance = &hal_sim_usart3}};

static sim_uart_fifo_t *sim_fifo_for(const USART_TypeDef *instance) {
  for (size_t i = 0; i < sizeof sim_uart / sizeof sim_uart[0]; i++) {
    if (sim_uart[i].instance == instance) {
      return &sim_uart[i];
    }
  }
  return NULL;
}

void HAL_SimUartInject(USART_TypeDef *instance, const uint8_t *data, size_t len) {
  sim_uart_fifo_t *f = sim_fifo_for(instance);
  if (f == NULL) {
    return;
  }
  for (size_t i = 0; i < len && f->count < SIM_UART_FIFO; i++) {
    f->data[(f->head + f->count) % SIM_UART_FIFO] = data[i];
    f->count++;
  }
}

HAL_StatusTypeDef HAL_UART_Init(UART_HandleTypeDef *huart) {
  if (huart == NULL || huart->Instance == NULL) {
    return HAL_ERROR;
  }
  huart->ErrorCode = 0;
  return HAL_OK;
}

/* The simulated SPI NAND answers READ ID with a dummy byte, then Winbond's W25N01GV ID. */
static const uint8_t sim_nand_id[] = {0x00U, 0xEFU, 0xAAU, 0x21U};
static size_t sim_nand_pos;

HAL_StatusTypeDef HAL_SPI_Transmit(SPI_HandleTypeDef *hspi, const uint8_t *pData, uint16_t Size,
                                   uint32_t Timeout) {
  (void)Timeout;
  if (hspi == NULL || pData == NULL || Size == 0U) {
    return HAL_ERROR;
  }
  sim_nand_pos = 0;
  return HAL_OK;
}

HAL_StatusTypeDef HAL_SPI_Receive(SPI_HandleTypeDef *hspi, uint8_t *pData, uint16_t Size,
                                  uint32_t Timeout) {
  (void)Timeout;
  if (hspi == NULL || pData == NULL) {
    return HAL_ERROR;
  }
  for (uint16_t k = 0; k < Size; k++) {
    pData[k] = sim_nand_pos < sizeof sim_nand_id ? sim_nand_id[sim_nand_pos] : 0xFFU;
    sim_nand_pos++;
  }
  return HAL_OK;
}

HAL_StatusTypeDef HAL_UART_Transmit(UART_HandleTypeDef *huart, const uint8_t *pData,
                                    uint16_t Size, uint32_t Timeout) {
  (void)Timeout;
  if (huart == NULL || (pData == NULL && Size != 0U)) {
    return HAL_ERROR;
  }
  /* The simulated line driver just counts what went out. */
  huart->Instance->DR = Size;
  return HAL_OK;
}

HAL_StatusTypeDef HAL_UART_Receive(UART_HandleTypeDef *huart, uint8_t *pData, uint16_t Size,
                                   uint32_t Timeout) {
  sim_uart_fifo_t *f;
  (void)Timeout;
  if (huart == NULL || pData == NULL) {
    return HAL_ERROR;
  }
  f = sim_fifo_for(huart->Instance);
  if (f == NULL) {
    return HAL_ERROR;
  }
  if (f->count < Size) {
    return HAL_TIMEOUT;
  }
  for (uint16_t i = 0; i < Size; i++) {
    pData[i] = f->data[f->head];
    f->head = (f->head + 1U) % SIM_UART_FIFO;
    f->count--;
  }
  return HAL_OK;
}

HAL_StatusTypeDef HAL_UART_Receive_IT(UART_HandleTypeDef *huart, uint8_t *pData, uint16_t Size) {
  if (huart == NULL || pData == NULL || Size == 0U) {
    return HAL_ERROR;
  }
  huart->pRxBuffPtr = pData;
  huart->RxXferSize = Size;
  return HAL_OK;
}

/* ------------------------------------------------------------------ GPIO */

void HAL_GPIO_WritePin(GPIO_TypeDef *GPIOx, uint16_t GPIO_Pin, GPIO_PinState PinState) {
  if (PinState == GPIO_PIN_SET) {
    GPIOx->ODR |= GPIO_Pin;
  } else {
    GPIOx->ODR &= ~(uint32_t)GPIO_Pin;
  }
}

GPIO_PinState HAL_GPIO_ReadPin(GPIO_TypeDef *GPIOx, uint16_t GPIO_Pin) {
  return (GPIOx->IDR & GPIO_Pin) != 0U ? GPIO_PIN_SET : GPIO_PIN_RESET;
}

void HAL_GPIO_TogglePin(GPIO_TypeDef *GPIOx, uint16_t GPIO_Pin) { GPIOx->ODR ^= GPIO_Pin; }

/* ------------------------------------------------------------------- ADC */

static uint32_t sim_adc_value = 812U; /* about 90 mmHg line pressure */

HAL_StatusTypeDef HAL_ADC_Start(ADC_HandleTypeDef *hadc) { return hadc != NULL ? HAL_OK : HAL_ERROR; }

HAL_StatusTypeDef HAL_ADC_PollForConversion(ADC_HandleTypeDef *hadc, uint32_t Timeout) {
  (void)Timeout;
  return hadc != NULL ? HAL_OK : HAL_ERROR;
}

uint32_t HAL_ADC_GetValue(const ADC_HandleTypeDef *hadc) {
  (void)hadc;
  return sim_adc_value;
}

/* ----------------------------------------------------------------- FLASH */

static uint8_t sim_flash[HAL_FLASH_SIZE];

HAL_StatusTypeDef HAL_FLASH_Unlock(void) {
  if ((FLASH->CR & FLASH_CR_LOCK) != 0U) {
    FLASH->KEYR = FLASH_KEY1;
    FLASH->KEYR = FLASH_KEY2;
    FLASH->CR &= ~FLASH_CR_LOCK;
  }
  return HAL_OK;
}

HAL_StatusTypeDef HAL_FLASH_Lock(void) {
  FLASH->CR |= FLASH_CR_LOCK;
  return HAL_OK;
}

HAL_StatusTypeDef HAL_FLASH_OB_Unlock(void) {
  if ((FLASH->OPTCR & FLASH_OPTCR_OPTLOCK) != 0U) {
    FLASH->OPTKEYR = FLASH_OPT_KEY1;
    FLASH->OPTKEYR = FLASH_OPT_KEY2;
    FLASH->OPTCR &= ~FLASH_OPTCR_OPTLOCK;
  }
  return HAL_OK;
}

HAL_StatusTypeDef HAL_FLASH_OB_Lock(void) {
  FLASH->OPTCR |= FLASH_OPTCR_OPTLOCK;
  return HAL_OK;
}

HAL_StatusTypeDef HAL_FLASH_OB_Launch(void) {
  return (FLASH->OPTCR & FLASH_OPTCR_OPTLOCK) == 0U ? HAL_OK : HAL_ERROR;
}

HAL_StatusTypeDef HAL_FLASH_Program(uint32_t TypeProgram, uint32_t Address, uint64_t Data) {
  static const uint32_t widths[] = {1U, 2U, 4U, 8U};
  uint32_t offset;
  if ((FLASH->CR & FLASH_CR_LOCK) != 0U || TypeProgram > FLASH_TYPEPROGRAM_DOUBLEWORD) {
    return HAL_ERROR;
  }
  if (Address < HAL_FLASH_BASE || Address - HAL_FLASH_BASE > HAL_FLASH_SIZE - widths[TypeProgram]) {
    return HAL_ERROR;
  }
  offset = Address - (uint32_t)HAL_FLASH_BASE;
  for (uint32_t i = 0; i < widths[TypeProgram]; i++) {
    /* NOR flash can only clear bits. */
    sim_flash[offset + i] &= (uint8_t)(Data >> (8U * i));
  }
  return HAL_OK;
}

HAL_StatusTypeDef HAL_FLASHEx_Erase(FLASH_EraseInitTypeDef *pEraseInit, uint32_t *SectorError) {
  uint32_t first = pEraseInit->Sector;
  uint32_t count = pEraseInit->NbSectors;
  *SectorError = 0xFFFFFFFFU;
  if ((FLASH->CR & FLASH_CR_LOCK) != 0U) {
    return HAL_ERROR;
  }
  if (first >= HAL_FLASH_SIZE / HAL_FLASH_SECTOR_SIZE ||
      count > HAL_FLASH_SIZE / HAL_FLASH_SECTOR_SIZE - first) {
    *SectorError = first;
    return HAL_ERROR;
  }
  memset(&sim_flash[first * HAL_FLASH_SECTOR_SIZE], 0xFF, count * HAL_FLASH_SECTOR_SIZE);
  return HAL_OK;
}

const void *HAL_FlashPtr(uint32_t Address) {
  if (Address < HAL_FLASH_BASE || Address - HAL_FLASH_BASE >= HAL_FLASH_SIZE) {
    return NULL;
  }
  return &sim_flash[Address - HAL_FLASH_BASE];
}

/* ------------------------------------------------------------------ IWDG */

HAL_StatusTypeDef HAL_IWDG_Init(IWDG_HandleTypeDef *hiwdg) {
  if (hiwdg == NULL || hiwdg->Instance == NULL) {
    return HAL_ERROR;
  }
  hiwdg->Instance->PR = hiwdg->Init.Prescaler;
  hiwdg->Instance->RLR = hiwdg->Init.Reload;
  return HAL_OK;
}

HAL_StatusTypeDef HAL_IWDG_Refresh(IWDG_HandleTypeDef *hiwdg) {
  hiwdg->Instance->KR = 0x0000AAAAU;
  return HAL_OK;
}

/* ------------------------------------------------------------------- RNG */

HAL_StatusTypeDef HAL_RNG_GenerateRandomNumber(RNG_HandleTypeDef *hrng, uint32_t *random32bit) {
  static uint32_t lfsr = 0xACE1ACE1U;
  (void)hrng;
  /* Simulation only: a 32-bit Galois LFSR stands in for the TRNG. */
  lfsr = (lfsr >> 1) ^ (-(lfsr & 1U) & 0xD0000001U);
  *random32bit = lfsr;
  return HAL_OK;
}

/* ----------------------------------------------------------------- power */

void HAL_PWR_EnterSTOPMode(uint32_t Regulator, uint8_t STOPEntry) {
  (void)Regulator;
  (void)STOPEntry;
}

/* ------------------------------------------------------------- BLE stack */

static ble_gatts_write_handler_t sim_write_handler;
static ble_gap_conn_handler_t sim_conn_handler;
static uint16_t sim_next_handle = 0x0010U;

ble_status_t ble_stack_init(void) {
  sim_write_handler = NULL;
  sim_conn_handler = NULL;
  return BLE_OK;
}

ble_status_t ble_gap_set_device_name(const char *name) {
  return (name != NULL && name[0] != '\0') ? BLE_OK : BLE_ERR_INVALID_PARAM;
}

ble_status_t ble_gap_adv_start(uint16_t interval_ms) {
  return interval_ms >= 20U ? BLE_OK : BLE_ERR_INVALID_PARAM;
}

ble_status_t ble_gap_disconnect(uint16_t conn_handle, uint8_t reason) {
  (void)reason;
  if (conn_handle == BLE_CONN_HANDLE_INVALID) {
    return BLE_ERR_NOT_CONNECTED;
  }
  if (sim_conn_handler != NULL) {
    sim_conn_handler(conn_handle, 0);
  }
  return BLE_OK;
}

ble_status_t ble_gap_register_conn_handler(ble_gap_conn_handler_t handler) {
  sim_conn_handler = handler;
  return BLE_OK;
}

ble_status_t ble_gatts_service_add(const uint8_t uuid128[16], uint16_t *service_handle) {
  if (uuid128 == NULL || service_handle == NULL) {
    return BLE_ERR_INVALID_PARAM;
  }
  *service_handle = sim_next_handle++;
  return BLE_OK;
}

ble_status_t ble_gatts_characteristic_add(uint16_t service_handle, uint16_t uuid16,
                                          uint8_t properties, uint16_t max_len,
                                          uint16_t *value_handle) {
  (void)service_handle;
  (void)uuid16;
  (void)properties;
  if (value_handle == NULL || max_len == 0U || max_len > BLE_ATT_MTU_MAX) {
    return BLE_ERR_INVALID_PARAM;
  }
  sim_next_handle++; /* declaration handle */
  *value_handle = sim_next_handle++;
  return BLE_OK;
}

ble_status_t ble_gatts_register_write_handler(ble_gatts_write_handler_t handler) {
  sim_write_handler = handler;
  return BLE_OK;
}

ble_status_t ble_gatts_value_set(uint16_t value_handle, const uint8_t *data, uint16_t len) {
  (void)value_handle;
  return (data != NULL || len == 0U) ? BLE_OK : BLE_ERR_INVALID_PARAM;
}

ble_status_t ble_gatts_notify(uint16_t conn_handle, uint16_t value_handle, const uint8_t *data,
                              uint16_t len) {
  (void)value_handle;
  if (conn_handle == BLE_CONN_HANDLE_INVALID) {
    return BLE_ERR_NOT_CONNECTED;
  }
  return (data != NULL || len == 0U) ? BLE_OK : BLE_ERR_INVALID_PARAM;
}

void ble_sim_inject_write(uint16_t conn_handle, uint16_t value_handle, const uint8_t *data,
                          uint16_t len) {
  ble_gatts_evt_write_t evt = {.conn_handle = conn_handle,
                               .handle = value_handle,
                               .op = 0x01U,
                               .offset = 0U,
                               .len = len,
                               .data = data};
  if (sim_conn_handler != NULL) {
    sim_conn_handler(conn_handle, 1);
  }
  if (sim_write_handler != NULL) {
    sim_write_handler(&evt);
  }
}

/* --------------------------------------------------------- TCP/IP stack */

/* The host build has no network interface: the stack has nothing to set up. */
void lwip_init(void) {}

/* ------------------------------------------------------------------ RTOS */

#define SIM_MAX_QUEUES 8U
#define SIM_QUEUE_DEPTH 16U
#define SIM_QUEUE_ITEM_MAX 96U

struct QueueDefinition {
  UBaseType_t length;
  UBaseType_t item_size;
  UBaseType_t head;
  UBaseType_t count;
  int is_mutex;
  int taken;
  uint8_t storage[SIM_QUEUE_DEPTH][SIM_QUEUE_ITEM_MAX];
};

static struct QueueDefinition sim_queues[SIM_MAX_QUEUES];
static size_t sim_queues_used;
static TickType_t sim_rtos_tick;

static QueueHandle_t sim_alloc_queue(void) {
  if (sim_queues_used >= SIM_MAX_QUEUES) {
    return NULL;
  }
  return &sim_queues[sim_queues_used++];
}

QueueHandle_t xQueueCreate(UBaseType_t uxQueueLength, UBaseType_t uxItemSize) {
  QueueHandle_t q;
  if (uxQueueLength == 0U || uxQueueLength > SIM_QUEUE_DEPTH || uxItemSize == 0U ||
      uxItemSize > SIM_QUEUE_ITEM_MAX) {
    return NULL;
  }
  q = sim_alloc_queue();
  if (q != NULL) {
    q->length = uxQueueLength;
    q->item_size = uxItemSize;
  }
  return q;
}

BaseType_t xQueueSend(QueueHandle_t xQueue, const void *pvItemToQueue, TickType_t xTicksToWait) {
  (void)xTicksToWait;
  if (xQueue == NULL || xQueue->count >= xQueue->length) {
    return pdFAIL;
  }
  memcpy(xQueue->storage[(xQueue->head + xQueue->count) % xQueue->length], pvItemToQueue,
         xQueue->item_size);
  xQueue->count++;
  return pdPASS;
}

BaseType_t xQueueReceive(QueueHandle_t xQueue, void *pvBuffer, TickType_t xTicksToWait) {
  (void)xTicksToWait;
  if (xQueue == NULL || xQueue->count == 0U) {
    return pdFAIL;
  }
  memcpy(pvBuffer, xQueue->storage[xQueue->head], xQueue->item_size);
  xQueue->head = (xQueue->head + 1U) % xQueue->length;
  xQueue->count--;
  return pdPASS;
}

UBaseType_t uxQueueMessagesWaiting(QueueHandle_t xQueue) {
  return xQueue != NULL ? xQueue->count : 0U;
}

SemaphoreHandle_t xSemaphoreCreateMutex(void) {
  QueueHandle_t q = sim_alloc_queue();
  if (q != NULL) {
    q->is_mutex = 1;
    q->taken = 0;
  }
  return q;
}

BaseType_t xSemaphoreTake(SemaphoreHandle_t xSemaphore, TickType_t xBlockTime) {
  (void)xBlockTime;
  if (xSemaphore == NULL || !xSemaphore->is_mutex || xSemaphore->taken) {
    return pdFAIL;
  }
  xSemaphore->taken = 1;
  return pdPASS;
}

BaseType_t xSemaphoreGive(SemaphoreHandle_t xSemaphore) {
  if (xSemaphore == NULL || !xSemaphore->is_mutex || !xSemaphore->taken) {
    return pdFAIL;
  }
  xSemaphore->taken = 0;
  return pdPASS;
}

BaseType_t xTaskCreate(TaskFunction_t pxTaskCode, const char *pcName, uint16_t usStackDepth,
                       void *pvParameters, UBaseType_t uxPriority, TaskHandle_t *pxCreatedTask) {
  (void)pcName;
  (void)usStackDepth;
  (void)pvParameters;
  (void)uxPriority;
  if (pxTaskCode == NULL) {
    return pdFAIL;
  }
  /* Tasks are driven explicitly by the simulation loop in main(). */
  if (pxCreatedTask != NULL) {
    *pxCreatedTask = NULL;
  }
  return pdPASS;
}

TickType_t xTaskGetTickCount(void) { return sim_rtos_tick++; }

void vTaskDelay(TickType_t xTicksToDelay) { sim_rtos_tick += xTicksToDelay; }

/* Host build: the host link answers on stdout. */
void host_link_reply(uint32_t value) { (void)value; }

/* ------------------------------------------------------- secure element */

/* Host build: no device on the bus. A signature of all 0xA5 stands for one
 * made with the development key; a key slot out of range is a bus error. */
int se_ecdsa_verify(const uint8_t digest[32], const uint8_t signature[SE_SIGNATURE_LEN],
                    uint8_t key_slot) {
  (void)digest;
  if (key_slot > 15U) {
    return SE_ERR_BUS;
  }
  for (uint32_t i = 0; i < SE_SIGNATURE_LEN; i++) {
    if (signature[i] != 0xA5U) {
      return 0;
    }
  }
  return 1;
}

/* The fuel gauge on I2C2: registers read as 16-bit little-endian words. */
HAL_StatusTypeDef HAL_I2C_Mem_Read(I2C_HandleTypeDef *hi2c, uint16_t DevAddress,
                                   uint16_t MemAddress, uint16_t MemAddSize, uint8_t *pData,
                                   uint16_t Size, uint32_t Timeout) {
  (void)DevAddress;
  (void)MemAddSize;
  (void)Timeout;
  if (hi2c == NULL || pData == NULL || Size != 2U) {
    return HAL_ERROR;
  }
  /* State of charge 80 %, 3.9 V, no fault flag. */
  const uint16_t value = MemAddress == 0x1CU ? 80U : MemAddress == 0x04U ? 3900U : 0U;
  pData[0] = (uint8_t)(value & 0xFFU);
  pData[1] = (uint8_t)(value >> 8);
  return HAL_OK;
}

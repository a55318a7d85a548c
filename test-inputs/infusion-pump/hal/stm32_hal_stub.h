/*
 * stm32_hal_stub.h - minimal STM32-HAL-like API for the host build.
 *
 * This is NOT the ST vendor HAL. It reproduces the names, types and
 * signatures the IP-400 firmware uses so that the application sources can be
 * compiled and exercised on a development PC. Peripheral register blocks are
 * backed by ordinary variables in hal_stubs.c.
 */
#ifndef STM32_HAL_STUB_H
#define STM32_HAL_STUB_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ status */

typedef enum {
  HAL_OK = 0x00U,
  HAL_ERROR = 0x01U,
  HAL_BUSY = 0x02U,
  HAL_TIMEOUT = 0x03U
} HAL_StatusTypeDef;

#define HAL_MAX_DELAY 0xFFFFFFFFU

HAL_StatusTypeDef HAL_Init(void);
uint32_t HAL_GetTick(void);
void HAL_Delay(uint32_t Delay);
void HAL_NVIC_SystemReset(void);

/* -------------------------------------------------------------------- UART */

typedef struct {
  volatile uint32_t SR;
  volatile uint32_t DR;
  volatile uint32_t BRR;
  volatile uint32_t CR1;
  volatile uint32_t CR2;
  volatile uint32_t CR3;
} USART_TypeDef;

typedef struct {
  uint32_t BaudRate;
  uint32_t WordLength;
  uint32_t StopBits;
  uint32_t Parity;
  uint32_t Mode;
} UART_InitTypeDef;

typedef struct __UART_HandleTypeDef {
  USART_TypeDef *Instance;
  UART_InitTypeDef Init;
  uint8_t *pRxBuffPtr;
  uint16_t RxXferSize;
  volatile uint32_t ErrorCode;
} UART_HandleTypeDef;

#define UART_WORDLENGTH_8B 0x00000000U
#define UART_STOPBITS_1 0x00000000U
#define UART_PARITY_NONE 0x00000000U
#define UART_MODE_TX_RX 0x0000000CU

extern USART_TypeDef hal_sim_usart1;
extern USART_TypeDef hal_sim_usart2;
extern USART_TypeDef hal_sim_usart3;
#define USART1 (&hal_sim_usart1)
#define USART2 (&hal_sim_usart2)
#define USART3 (&hal_sim_usart3)

HAL_StatusTypeDef HAL_UART_Init(UART_HandleTypeDef *huart);
HAL_StatusTypeDef HAL_UART_Transmit(UART_HandleTypeDef *huart, const uint8_t *pData,
                                    uint16_t Size, uint32_t Timeout);
HAL_StatusTypeDef HAL_UART_Receive(UART_HandleTypeDef *huart, uint8_t *pData,
                                   uint16_t Size, uint32_t Timeout);
HAL_StatusTypeDef HAL_UART_Receive_IT(UART_HandleTypeDef *huart, uint8_t *pData,
                                      uint16_t Size);
/* Weak in the vendor HAL; the application provides it. */
void HAL_UART_RxCpltCallback(UART_HandleTypeDef *huart);

/* Host simulation only: queue bytes that the next HAL_UART_Receive returns. */
void HAL_SimUartInject(USART_TypeDef *instance, const uint8_t *data, size_t len);

/* --------------------------------------------------------------------- SPI */

typedef struct {
  volatile uint32_t CR1;
  volatile uint32_t SR;
  volatile uint32_t DR;
} SPI_TypeDef;

typedef struct __SPI_HandleTypeDef {
  SPI_TypeDef *Instance;
  volatile uint32_t ErrorCode;
} SPI_HandleTypeDef;

extern SPI_TypeDef hal_sim_spi2;
#define SPI2 (&hal_sim_spi2)

HAL_StatusTypeDef HAL_SPI_Transmit(SPI_HandleTypeDef *hspi, const uint8_t *pData, uint16_t Size,
                                   uint32_t Timeout);
HAL_StatusTypeDef HAL_SPI_Receive(SPI_HandleTypeDef *hspi, uint8_t *pData, uint16_t Size,
                                  uint32_t Timeout);

/* --------------------------------------------------------------------- I2C */

typedef struct {
  volatile uint32_t CR1;
  volatile uint32_t SR1;
  volatile uint32_t DR;
} I2C_TypeDef;

typedef struct __I2C_HandleTypeDef {
  I2C_TypeDef *Instance;
  volatile uint32_t ErrorCode;
} I2C_HandleTypeDef;

extern I2C_TypeDef hal_sim_i2c2;
#define I2C2 (&hal_sim_i2c2)
#define I2C_MEMADD_SIZE_8BIT 0x00000001U

HAL_StatusTypeDef HAL_I2C_Mem_Read(I2C_HandleTypeDef *hi2c, uint16_t DevAddress,
                                   uint16_t MemAddress, uint16_t MemAddSize, uint8_t *pData,
                                   uint16_t Size, uint32_t Timeout);

/* -------------------------------------------------------------------- GPIO */

typedef struct {
  volatile uint32_t MODER;
  volatile uint32_t OTYPER;
  volatile uint32_t OSPEEDR;
  volatile uint32_t PUPDR;
  volatile uint32_t IDR;
  volatile uint32_t ODR;
  volatile uint32_t BSRR;
  volatile uint32_t LCKR;
  volatile uint32_t AFR[2];
} GPIO_TypeDef;

typedef enum { GPIO_PIN_RESET = 0U, GPIO_PIN_SET } GPIO_PinState;

#define GPIO_PIN_0 ((uint16_t)0x0001U)
#define GPIO_PIN_1 ((uint16_t)0x0002U)
#define GPIO_PIN_2 ((uint16_t)0x0004U)
#define GPIO_PIN_3 ((uint16_t)0x0008U)
#define GPIO_PIN_4 ((uint16_t)0x0010U)
#define GPIO_PIN_5 ((uint16_t)0x0020U)
#define GPIO_PIN_6 ((uint16_t)0x0040U)
#define GPIO_PIN_7 ((uint16_t)0x0080U)
#define GPIO_PIN_8 ((uint16_t)0x0100U)

extern GPIO_TypeDef hal_sim_gpioa;
extern GPIO_TypeDef hal_sim_gpiob;
#define GPIOA (&hal_sim_gpioa)
#define GPIOB (&hal_sim_gpiob)

void HAL_GPIO_WritePin(GPIO_TypeDef *GPIOx, uint16_t GPIO_Pin, GPIO_PinState PinState);
GPIO_PinState HAL_GPIO_ReadPin(GPIO_TypeDef *GPIOx, uint16_t GPIO_Pin);
void HAL_GPIO_TogglePin(GPIO_TypeDef *GPIOx, uint16_t GPIO_Pin);

/* --------------------------------------------------------------------- ADC */

typedef struct {
  void *Instance;
  uint32_t Channel;
} ADC_HandleTypeDef;

HAL_StatusTypeDef HAL_ADC_Start(ADC_HandleTypeDef *hadc);
HAL_StatusTypeDef HAL_ADC_PollForConversion(ADC_HandleTypeDef *hadc, uint32_t Timeout);
uint32_t HAL_ADC_GetValue(const ADC_HandleTypeDef *hadc);

/* ------------------------------------------------------------------- FLASH */

typedef struct {
  volatile uint32_t ACR;
  volatile uint32_t KEYR;
  volatile uint32_t OPTKEYR;
  volatile uint32_t SR;
  volatile uint32_t CR;
  volatile uint32_t OPTCR;
} FLASH_TypeDef;

/* Key sequence documented in the reference manual (RM0090 3.5.1). */
#define FLASH_KEY1 0x45670123U
#define FLASH_KEY2 0xCDEF89ABU
#define FLASH_OPT_KEY1 0x08192A3BU
#define FLASH_OPT_KEY2 0x4C5D6E7FU

#define FLASH_CR_LOCK (1UL << 31)
#define FLASH_OPTCR_OPTLOCK (1UL << 0)
#define FLASH_OPTCR_RDP_Pos 8U
#define FLASH_OPTCR_RDP_Msk (0xFFUL << FLASH_OPTCR_RDP_Pos)
#define OB_RDP_LEVEL_0 0xAAU
#define OB_RDP_LEVEL_1 0x55U

#define FLASH_TYPEPROGRAM_BYTE 0x00000000U
#define FLASH_TYPEPROGRAM_HALFWORD 0x00000001U
#define FLASH_TYPEPROGRAM_WORD 0x00000002U
#define FLASH_TYPEPROGRAM_DOUBLEWORD 0x00000003U

#define FLASH_TYPEERASE_SECTORS 0x00000000U
#define FLASH_VOLTAGE_RANGE_3 0x00000002U

typedef struct {
  uint32_t TypeErase;
  uint32_t Banks;
  uint32_t Sector;
  uint32_t NbSectors;
  uint32_t VoltageRange;
} FLASH_EraseInitTypeDef;

extern FLASH_TypeDef hal_sim_flash_regs;
#define FLASH (&hal_sim_flash_regs)

/* Simulated on-chip flash: 512 KiB at the usual STM32F4 address. */
#define HAL_FLASH_BASE 0x08000000UL
#define HAL_FLASH_SIZE (512UL * 1024UL)
#define HAL_FLASH_SECTOR_SIZE (16UL * 1024UL)

HAL_StatusTypeDef HAL_FLASH_Unlock(void);
HAL_StatusTypeDef HAL_FLASH_Lock(void);
HAL_StatusTypeDef HAL_FLASH_OB_Unlock(void);
HAL_StatusTypeDef HAL_FLASH_OB_Lock(void);
HAL_StatusTypeDef HAL_FLASH_OB_Launch(void);
HAL_StatusTypeDef HAL_FLASH_Program(uint32_t TypeProgram, uint32_t Address, uint64_t Data);
HAL_StatusTypeDef HAL_FLASHEx_Erase(FLASH_EraseInitTypeDef *pEraseInit, uint32_t *SectorError);

/*
 * On the target flash is memory mapped and read through a plain pointer.
 * The host build maps addresses into the simulated array instead.
 */
const void *HAL_FlashPtr(uint32_t Address);
#define FLASH_PTR(addr) HAL_FlashPtr((uint32_t)(addr))

/* -------------------------------------------------------------------- IWDG */

typedef struct {
  volatile uint32_t KR;
  volatile uint32_t PR;
  volatile uint32_t RLR;
  volatile uint32_t SR;
} IWDG_TypeDef;

typedef struct {
  uint32_t Prescaler;
  uint32_t Reload;
} IWDG_InitTypeDef;

typedef struct {
  IWDG_TypeDef *Instance;
  IWDG_InitTypeDef Init;
} IWDG_HandleTypeDef;

extern IWDG_TypeDef hal_sim_iwdg;
#define IWDG (&hal_sim_iwdg)
#define IWDG_PRESCALER_64 0x00000004U

HAL_StatusTypeDef HAL_IWDG_Init(IWDG_HandleTypeDef *hiwdg);
HAL_StatusTypeDef HAL_IWDG_Refresh(IWDG_HandleTypeDef *hiwdg);

/* --------------------------------------------------------------------- RNG */

typedef struct {
  void *Instance;
} RNG_HandleTypeDef;

HAL_StatusTypeDef HAL_RNG_GenerateRandomNumber(RNG_HandleTypeDef *hrng, uint32_t *random32bit);

/* ------------------------------------------------------------------ DBGMCU */

typedef struct {
  volatile uint32_t IDCODE;
  volatile uint32_t CR;
  volatile uint32_t APB1FZ;
  volatile uint32_t APB2FZ;
} DBGMCU_TypeDef;

#define DBGMCU_CR_DBG_SLEEP (1U << 0)
#define DBGMCU_CR_DBG_STOP (1U << 1)
#define DBGMCU_CR_DBG_STANDBY (1U << 2)
#define DBGMCU_APB1_FZ_DBG_IWDG_STOP (1U << 12)

extern DBGMCU_TypeDef hal_sim_dbgmcu;
#define DBGMCU (&hal_sim_dbgmcu)

/* ------------------------------------------------------------------- Power */

#define PWR_LOWPOWERREGULATOR_ON 0x00000001U
#define PWR_STOPENTRY_WFI ((uint8_t)0x01)

void HAL_PWR_EnterSTOPMode(uint32_t Regulator, uint8_t STOPEntry);

#ifdef __cplusplus
}
#endif

#endif /* STM32_HAL_STUB_H */

// RUN: %check_medsec %s medsec-unvalidated-setting %t -- -std=c11

// Received values stored into therapy settings of static storage. Look-alikes:
// a range-checked, a clamped and a table-looked-up setting, a name that only
// contains the letters, a setting written from a constant, a local variable,
// a status register in a condition, a measurement, a setting corrected at once,
// a pseudo-random value.
typedef __SIZE_TYPE__ size_t;
typedef unsigned char uint8_t;
typedef unsigned short uint16_t;
typedef short int16_t;
typedef unsigned int uint32_t;
long recv(int fd, void *buf, size_t n, int flags);
float strtof(const char *s, char **end);
void *memcpy(void *d, const void *s, size_t n);
int rand(void);

#define MAX_RATE 1200u
#define MIN(a, b) ((a) < (b) ? (a) : (b))

typedef struct {
  uint16_t peep_cmH2O;
  int16_t flowGain;
  float maxPressure;
  uint16_t separate_count;
  struct { uint16_t value; } trigger_threshold;
} vent_cfg_t;

static vent_cfg_t g_cfg;
static uint32_t basal_rate;
static uint32_t bolus_volume_ul;
static uint16_t tidal_volume_ml;
static uint32_t iterate_steps;
static uint16_t baud_rate;
static uint16_t measured_pressure;
static float target_temp_c;
static const uint16_t rate_table[4] = {10, 20, 50, 100};

typedef struct {
  volatile uint32_t SR;
  volatile uint32_t DR;
} usart_t;
#define USART1 ((usart_t *)0x40011000UL)

void on_frame(int fd) {
  uint8_t f[8];
  recv(fd, f, sizeof f, 0);
  basal_rate = f[0] | (f[1] << 8);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: setting 'basal_rate' is set from received data without an upper bound; check it against the setting's minimum and maximum (or clamp it) before it is applied
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'recv' here
  g_cfg.peep_cmH2O = f[2];
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: setting 'g_cfg.peep_cmH2O' is set from received data without an upper bound; check it against the setting's minimum and maximum (or clamp it) before it is applied
  // CHECK-NOTES: :[[@LINE-6]]:3: note: value received by 'recv' here
  g_cfg.flowGain = (int16_t)(f[3] << 8 | f[4]);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: setting 'g_cfg.flowGain' is set from received data without a range check; check it against the setting's minimum and maximum (or clamp it) before it is applied
  // CHECK-NOTES: :[[@LINE-9]]:3: note: value received by 'recv' here
  g_cfg.trigger_threshold.value = f[5];
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: setting 'g_cfg.trigger_threshold.value' is set from received data without an upper bound; check it against the setting's minimum and maximum (or clamp it) before it is applied
  // CHECK-NOTES: :[[@LINE-12]]:3: note: value received by 'recv' here

  if (f[6] <= MAX_RATE / 10u)
    tidal_volume_ml = f[6] * 10u; // no-warning, range-checked
  bolus_volume_ul = MIN(f[7], 100u); // no-warning, clamped
  basal_rate = rate_table[f[0] & 3u]; // no-warning, looked up in a table
  g_cfg.separate_count = f[1];        // no-warning, not a setting's name
  iterate_steps = f[2];               // no-warning, not a setting's name
  baud_rate = f[3];                   // no-warning, a communication rate
  measured_pressure = f[4];           // no-warning, a measurement
  g_cfg.peep_cmH2O = 5u;              // no-warning, a constant
  uint16_t rate = f[5];               // no-warning, a local variable
  (void)rate;
  if ((USART1->SR & 0x20u) != 0u)
    g_cfg.peep_cmH2O = 8u; // no-warning, a status register only decides
  tidal_volume_ml = f[6];
  if (tidal_volume_ml > 800u)
    tidal_volume_ml = 800u; // the store above is corrected at once: no-warning
  basal_rate = (uint32_t)rand(); // no-warning, pseudo-random, not received
}

void on_text(int fd) {
  char text[16];
  recv(fd, text, sizeof text, 0);
  float t = strtof(text, 0);
  target_temp_c = t;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: setting 'target_temp_c' is set from received data without a range check; check it against the setting's minimum and maximum (or clamp it) before it is applied
  // CHECK-NOTES: :[[@LINE-4]]:3: note: value received by 'recv' here
  // CHECK-NOTES: :[[@LINE-4]]:13: note: value passed through 'strtof' here
  if (t < 30.0f || t > 40.0f)
    return;
  g_cfg.maxPressure = t; // no-warning, both ends checked
}

void on_signed(int fd) {
  int16_t v;
  recv(fd, &v, sizeof v, 0);
  if (v > 50)
    return;
  g_cfg.flowGain = v;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: setting 'g_cfg.flowGain' is set from received data without a lower bound; check it against the setting's minimum and maximum (or clamp it) before it is applied
  // CHECK-NOTES: :[[@LINE-5]]:3: note: value received by 'recv' here
  if (v >= -50)
    g_cfg.flowGain = v; // no-warning, both ends checked
}

void on_copy(int fd) {
  uint8_t f[4];
  recv(fd, f, sizeof f, 0);
  memcpy(&bolus_volume_ul, f, sizeof bolus_volume_ul);
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: setting 'bolus_volume_ul' is set from received data without a range check; check it against the setting's minimum and maximum (or clamp it) before it is applied
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'recv' here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value passed through 'memcpy' here
}

// A setter of the unit: the store is judged with what its callers checked.
static void set_basal_rate(uint32_t r) {
  basal_rate = r;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: setting 'basal_rate' is set from received data without an upper bound; check it against the setting's minimum and maximum (or clamp it) before it is applied
  // CHECK-NOTES: :[[@LINE+6]]:3: note: value received by 'recv' here
  // CHECK-NOTES: :[[@LINE+6]]:18: note: passed to 'set_basal_rate' as 'r' here
}

void on_rate(int fd) {
  uint16_t r;
  recv(fd, &r, sizeof r, 0);
  set_basal_rate(r);
  if (r <= MAX_RATE)
    set_basal_rate(r); // no-warning, checked by the caller
}

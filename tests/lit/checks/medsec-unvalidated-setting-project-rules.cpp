// Settings and setters a project declares, and a name rule it replaces.
// RUN: %check_medsec %s medsec-unvalidated-setting %t --config "{CheckOptions: {medsec.ProjectRules: '%inputs/setting-project-rules.yaml'}}" -- -std=c++17

typedef __SIZE_TYPE__ size_t;
typedef unsigned char uint8_t;
typedef unsigned short uint16_t;
long recv(int fd, void *buf, size_t n, int flags);
void motor_set_speed(int motor, uint16_t rpm);

typedef struct {
  uint16_t speed;
  uint16_t accel;
} motor_cfg_t;

static uint8_t g_fio2_percent;
static uint16_t g_peep;
static uint16_t g_rate_limit; // the project turned the catalogue's words off
static motor_cfg_t g_motor;

typedef struct setpoint_s {
  struct {
    float roll, pitch;
  } attitude;
  uint16_t thrust;
} setpoint_t;

// A decoder writing through its pointer parameter: a declared type makes it a setting.
static void decode_setpoint(setpoint_t *sp, const uint8_t *d) {
  sp->attitude.roll = d[0];
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: setting 'sp->attitude.roll' is set from received data without an upper bound; check it against the setting's minimum and maximum (or clamp it) before it is applied
  // CHECK-NOTES: :[[@LINE+26]]:3: note: value received by 'recv' here
  // CHECK-NOTES: :[[@LINE+44]]:24: note: passed to 'decode_setpoint' as 'd' here
  sp->thrust = d[1] < 60000u ? d[1] : 60000u; // no-warning, clamped
}

class Blower {
public:
  void apply(const uint8_t *f) {
    duty_ = f[0];
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: setting 'duty_' is set from received data without an upper bound; check it against the setting's minimum and maximum (or clamp it) before it is applied
    // CHECK-NOTES: :[[@LINE+16]]:3: note: value received by 'recv' here
    // CHECK-NOTES: :[[@LINE+22]]:16: note: passed to 'apply' as 'f' here
    if (f[1] <= 100u)
      duty_ = f[1]; // no-warning, range-checked
    level_ = f[2];  // no-warning, not declared and not a static variable
  }

private:
  uint16_t duty_ = 0;
  uint16_t level_ = 0;
};

static Blower blower;

void on_frame(int fd) {
  uint8_t f[8];
  recv(fd, f, sizeof f, 0);
  g_fio2_percent = f[3];
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: setting 'g_fio2_percent' is set from received data without an upper bound; check it against the setting's minimum and maximum (or clamp it) before it is applied
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'recv' here
  g_peep = f[4];
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: setting 'g_peep' is set from received data without an upper bound; check it against the setting's minimum and maximum (or clamp it) before it is applied
  // CHECK-NOTES: :[[@LINE-6]]:3: note: value received by 'recv' here
  blower.apply(f);
  g_rate_limit = f[5]; // no-warning, the project turned the rule off
  motor_set_speed(f[6], f[7]);
  // CHECK-NOTES: :[[@LINE-1]]:25: warning: 'motor_set_speed' applies a setting taken from received data without an upper bound; check it against the setting's minimum and maximum (or clamp it) before it is applied
  // CHECK-NOTES: :[[@LINE-11]]:3: note: value received by 'recv' here
  if (f[7] < 3000u)
    motor_set_speed(f[6], f[7]); // no-warning, range-checked
  g_motor.speed = f[0];
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: setting 'g_motor.speed' is set from received data without an upper bound; check it against the setting's minimum and maximum (or clamp it) before it is applied
  // CHECK-NOTES: :[[@LINE-16]]:3: note: value received by 'recv' here
  g_motor.accel = f[1]; // no-warning, not declared
  static setpoint_t sp;
  decode_setpoint(&sp, f);
}

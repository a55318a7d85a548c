// Results a project always checks (CWE-252, inferred): a project function whose result is tested
// at 3 or more of the other call sites, and at 80 % of them or more, is reported where it is
// discarded or stored and never read, with a note at a call that checks it.
// RUN: %check_medsec %s medsec-unchecked-return-value %t -- -std=c11

typedef unsigned char uint8_t;
int battery_read_i2c(uint8_t reg, uint8_t *out); // checked at 4 of 5 sites: must-check
int motor_home(int axis);                         // checked at 4 of 5, once stored and never read
int sensor_read(uint8_t *out);                    // checked at 2 of 3: fewer than 3 checked sites
int led_set(int on);                              // checked nowhere: nothing to infer
int valve_home(unsigned v);                       // checked at 3 of 5: 3 of 4 others, below 80 %
int adc_sample(int ch);                           // once stored and read as data
int eeprom_write(unsigned addr, int v);           // once cast to void: a deliberate discard
int pump_stop(void);                              // once discarded on an error path
static int crc_ok(const uint8_t *p) { return p[0] == 0x5a; } // static, checked at 3 of 4

int battery_level(void) {
  uint8_t v;
  if (battery_read_i2c(0x0d, &v) != 0)              // checked: compared
    return -1;
  if (battery_read_i2c(0x0e, &v))                   // no-warning: a condition
    return -1;
  int rc = battery_read_i2c(0x0f, &v);              // no-warning: stored, then tested
  if (rc < 0)
    return -1;
  if (!battery_read_i2c(0x10, &v) && v > 3)         // no-warning
    return 1;
  battery_read_i2c(0x11, &v);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: the result of 'battery_read_i2c' is discarded, but the project checks it at 4 of 4 other call sites (inferred must-check); check it here too and handle the failure [medsec-unchecked-return-value]
  // CHECK-NOTES: :[[@LINE-11]]:7: note: the result of 'battery_read_i2c' is checked here (one of the 4 calls that do)
  return v;
}

int home_all(void) {
  for (int a = 0; a < 3; ++a)
    if (motor_home(a)) return -1;
  if (motor_home(3) < 0) return -1;
  while (motor_home(4) != 0) {}
  if (motor_home(5) || motor_home(6)) return -1;
  int rc = motor_home(7);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: the result of 'motor_home' is stored in 'rc' but never read, while the project checks it at 5 of 5 other call sites (inferred must-check); check it before it is overwritten or goes out of scope [medsec-unchecked-return-value]
  // CHECK-NOTES: :[[@LINE-6]]:9: note: the result of 'motor_home' is checked here (one of the 5 calls that do)
  rc = 0;
  return rc;
}

int sensors(void) {
  uint8_t v;
  if (sensor_read(&v))                              // no-warning: 2 of 3, fewer than 3 checked
    return -1;
  if (sensor_read(&v) < 0)
    return -1;
  sensor_read(&v);                                  // no-warning
  led_set(1);                                       // no-warning: checked nowhere
  led_set(0);
  led_set(1);
  return v;
}

int open_valves(void) {
  if (valve_home(0)) return -1;
  if (valve_home(1)) return -1;
  if (valve_home(2)) return -1;
  valve_home(3);                                    // no-warning: 3 of 4 others, below 80 %
  valve_home(4);
  return 0;
}

int sample(void) {
  int a = adc_sample(0);                            // no-warning: stored and read as data
  if (adc_sample(1) < 0) return -1;
  if (adc_sample(2) < 0) return -1;
  if (adc_sample(3) < 0) return -1;
  if (adc_sample(4) < 0) return -1;
  return a;
}

int calibrate(void) {
  switch (eeprom_write(0, 1)) {                     // no-warning: a switch is a test
  case 0: break;
  default: return -1;
  }
  if (eeprom_write(1, 2)) return -1;
  if (eeprom_write(2, 3)) return -1;
  if (eeprom_write(3, 4)) return -1;
  (void)eeprom_write(4, 5);                         // no-warning: a deliberate discard
  return 0;
}

int on_fault(int fault) {
  if (pump_stop()) return -2;
  if (pump_stop()) return -2;
  if (pump_stop()) return -2;
  if (pump_stop() != 0) return -2;
  if (fault) {
    pump_stop();                                    // no-warning: best effort before return <error>
    return -1;
  }
  return 0;
}

int frame(const uint8_t *p) {
  if (!crc_ok(p)) return -1;
  if (!crc_ok(p + 8)) return -1;
  if (crc_ok(p + 16) == 0) return -1;
  crc_ok(p + 24);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: the result of 'crc_ok' is discarded, but the project checks it at 3 of 3 other call sites (inferred must-check); check it here too and handle the failure [medsec-unchecked-return-value]
  // CHECK-NOTES: :[[@LINE-5]]:8: note: the result of 'crc_ok' is checked here (one of the 3 calls that do)
  return 0;
}

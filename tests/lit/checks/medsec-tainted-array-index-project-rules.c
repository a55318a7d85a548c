// A project's .medsec.yaml declares its receive function, callback and validators.
// RUN: %check_medsec %s medsec-tainted-array-index %t --config "{CheckOptions: {medsec.ProjectRules: '%inputs/taint-project-rules.yaml'}}" -- -std=c11

typedef unsigned char uint8_t;
typedef __SIZE_TYPE__ size_t;
int bsp_uart_read(int port, uint8_t *buf, size_t len);
int cmd_is_valid(int cmd);
int check_slot(int slot);
void require_slot(int slot);
int rand(void);
static int table[16];

void from_project_source(void) {
  uint8_t rx[4];
  bsp_uart_read(1, rx, sizeof rx);
  table[rx[0]] = 1;
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'bsp_uart_read' here
  int c = rx[1];
  if (cmd_is_valid(c))
    table[c] = 1; // no-warning, validator (non-zero means valid)
  int s = rx[2];
  if (check_slot(s) != 0)
    return;
  table[s] = 1; // no-warning, validator (zero means valid)
  int t = rx[3];
  require_slot(t);
  table[t] = 1; // no-warning, validator that does not return on failure
  if (!cmd_is_valid(c))
    table[rx[2]] = 2;
    // CHECK-NOTES: :[[@LINE-1]]:11: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
    // CHECK-NOTES: :[[@LINE-17]]:3: note: value received by 'bsp_uart_read' here
}

void app_on_frame(const uint8_t *frame, size_t len) {
  table[frame[0]] = (int)len;
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-3]]:34: note: value received as parameter 'frame' of 'app_on_frame' here
  table[len] = 0;
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-6]]:48: note: value received as parameter 'len' of 'app_on_frame' here
}

void rand_switched_off(void) {
  table[rand()] = 0; // no-warning, entry disabled by the project
}

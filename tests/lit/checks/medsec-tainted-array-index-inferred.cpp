// RUN: %check_medsec %s medsec-tainted-array-index %t -- -std=c++17

// Receive methods: catalogued framework methods (Arduino) and inferred HAL
// classes (a virtual Read of a class named for a port). Look-alikes beside.
typedef unsigned char uint8_t;
typedef __SIZE_TYPE__ size_t;

static int table[16];
void use(int v);

class UartPort {
public:
  virtual ~UartPort();
  virtual int Read(uint8_t *buf, int n) = 0;
};

void poll(UartPort &port) {
  uint8_t b[4];
  port.Read(b, 4);
  use(table[b[0]]);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'UartPort::Read' here (inferred: a receive method of 'UartPort')
  if (b[1] < 16)
    use(table[b[1]]); // no-warning, checked
}

class ConfigStore {
public:
  virtual int Read(uint8_t *buf, int n);
};

void settings(ConfigStore &store) {
  uint8_t b[4];
  store.Read(b, 4);
  use(table[b[0]]); // no-warning, not a communication port
}

// Arduino
class Stream {
public:
  virtual int read() = 0;
  size_t readBytes(char *buffer, size_t length);
};
class HardwareSerial : public Stream {
public:
  int read() override;
};
extern HardwareSerial Serial;

void arduino_loop() {
  int c = Serial.read();
  use(table[c]);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: index derived from received data is checked neither against 0 nor against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-3]]:11: note: value received by 'HardwareSerial::read' here
  if (c >= 0 && c < 16)
    use(table[c]); // no-warning, checked
  char line[8];
  Serial.readBytes(line, sizeof line);
  use(table[(uint8_t)line[0]]);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-3]]:3: note: value received by 'Stream::readBytes' here
}

// A port class that inherits its receive method from a generic base: read
// called on a Uart is a receive, the same method on a file is not. The count
// it returns is at most the size it was given.
class Threaded_Fd {
public:
  virtual ~Threaded_Fd();
  virtual unsigned read(uint8_t *buffer, unsigned max_size);
};
class Uart : public Threaded_Fd {};
class Log_File : public Threaded_Fd {};

void link_poll(Uart *uart, Log_File &file) {
  uint8_t rx[16];
  unsigned n = uart->read(rx, sizeof rx);
  use(table[rx[0]]);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-3]]:16: note: value received by 'Uart::read' here (inferred: a receive method of 'Uart')
  rx[n] = 0;
  // CHECK-NOTES: :[[@LINE-1]]:6: warning: index derived from received data can reach 16 but the array holds 16 elements; reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-6]]:16: note: value received by 'Uart::read' here (inferred: a receive method of 'Uart')
  for (unsigned i = 0; i < n; ++i)
    use(table[rx[i] & 15]); // no-warning, masked
  uint8_t small[8];
  unsigned k = uart->read(small, sizeof small);
  use(table[k]); // no-warning, a count of at most 8
  uint8_t cfg[4];
  unsigned m = file.read(cfg, sizeof cfg);
  use(table[cfg[0]]); // no-warning, not a communication port
  use(table[m]);      // no-warning, not received
}

// RUN: %check_medsec %s medsec-unterminated-received-string %t -- -std=c11
// A receive call allowed to fill a character array to its last byte, then a
// string function on the array: no NUL is left for it to stop at.
// Look-alikes: a receive of sizeof - 1, a terminator written after the
// receive, a bounded comparison, a function that terminates (fgets), a read
// into a part of the array, a length kept in a variable.
typedef __SIZE_TYPE__ size_t;
typedef unsigned char uint8_t;
typedef unsigned short uint16_t;
typedef unsigned int uint32_t;
typedef long ssize_t;
typedef struct FILE FILE;
typedef enum { HAL_OK = 0, HAL_ERROR = 1 } HAL_StatusTypeDef;
typedef struct { int dummy; } UART_HandleTypeDef;
HAL_StatusTypeDef HAL_UART_Receive(UART_HandleTypeDef *h, uint8_t *p, uint16_t n, uint32_t t);
ssize_t recv(int fd, void *buf, size_t n, int flags);
size_t fread(void *p, size_t size, size_t n, FILE *f);
char *fgets(char *s, int n, FILE *f);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
size_t strlen(const char *s);
char *strstr(const char *h, const char *n);
int atoi(const char *s);
void *memset(void *p, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
extern UART_HandleTypeDef huart1;

int receive_ack(const char *expected) {
  char buff[50];
  HAL_StatusTypeDef st = HAL_UART_Receive(&huart1, (uint8_t *)buff, sizeof(buff), 500);
  return st == HAL_OK && strcmp(buff, expected) == 0;
  // CHECK-NOTES: :[[@LINE-1]]:26: warning: 'buff' is passed to 'strcmp', which reads a NUL-terminated string, but 'HAL_UART_Receive' may fill all 50 bytes of it and no terminator is written after the receive, so 'strcmp' reads past its end; receive at most sizeof - 1 bytes and write the terminator after the bytes received [medsec-unterminated-received-string]
  // CHECK-NOTES: :[[@LINE-3]]:26: note: 'buff' filled here, up to its last byte
}

int net_number(int fd) {
  char line[16];
  if (recv(fd, line, 16, 0) <= 0)
    return -1;
  if (strstr(line, "ERR"))
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'line' is passed to 'strstr', which reads a NUL-terminated string, but 'recv' may fill all 16 bytes
  // CHECK-NOTES: :[[@LINE-4]]:7: note: 'line' filled here, up to its last byte
    return -1;
  return atoi(line);
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: 'line' is passed to 'atoi', which reads a NUL-terminated string, but 'recv' may fill all 16 bytes
  // CHECK-NOTES: :[[@LINE-8]]:7: note: 'line' filled here, up to its last byte
}

size_t config_length(FILE *f) {
  char text[64];
  fread(text, 1, sizeof text, f);
  return strlen(text);
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: 'text' is passed to 'strlen', which reads a NUL-terminated string, but 'fread' may fill all 64 bytes
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'text' filled here, up to its last byte
}

// ---------------------------------------------------------------- look-alikes
int ack_with_room(const char *expected) {
  char buff[50] = {0};
  HAL_UART_Receive(&huart1, (uint8_t *)buff, sizeof(buff) - 1, 500);
  return strcmp(buff, expected) == 0; // no-warning: one byte is left for the NUL
}

int ack_terminated(int fd, const char *expected) {
  char buff[50];
  ssize_t n = recv(fd, buff, sizeof buff, 0);
  if (n <= 0 || n == (ssize_t)sizeof buff)
    return 0;
  buff[n] = '\0';
  return strcmp(buff, expected) == 0; // no-warning: terminated after the receive
}

int ack_cleared_after(int fd) {
  char buff[8];
  recv(fd, buff, sizeof buff, 0);
  buff[sizeof buff - 1] = 0;
  return atoi(buff); // no-warning: the last byte is a NUL
}

int ack_bounded(const char *expected) {
  char buff[50];
  HAL_UART_Receive(&huart1, (uint8_t *)buff, sizeof(buff), 500);
  return strncmp(buff, expected, sizeof buff) == 0 &&  // no-warning: bounded
         memcmp(buff, "OK\r\n", 4) == 0;               // no-warning: not a string function
}

int line_number(FILE *f) {
  char line[32];
  if (!fgets(line, sizeof line, f)) // fgets always terminates
    return -1;
  return atoi(line); // no-warning
}

int tail_read(int fd) {
  char buff[16];
  buff[0] = '#';
  recv(fd, &buff[1], sizeof buff - 1, 0);
  return atoi(&buff[1]); // no-warning: the receive starts inside the array, its length is not the array's
}

int variable_length(int fd, size_t want) {
  char buff[16];
  recv(fd, buff, want, 0);
  return atoi(buff); // no-warning: the length is not known here
}

int refilled(int fd, FILE *f) {
  char buff[16];
  recv(fd, buff, sizeof buff, 0);
  fgets(buff, sizeof buff, f);
  return atoi(buff); // no-warning: filled again, by a function that terminates
}

int reused_as_bytes(int fd) {
  uint8_t frame[8];
  recv(fd, frame, sizeof frame, 0);
  return frame[0] + frame[7]; // no-warning: bytes, not a string
}

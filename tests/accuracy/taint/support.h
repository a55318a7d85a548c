/* Declarations the generated cases use (a stand-in for Juliet's std_testcase.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <limits.h>
#include <unistd.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <fcntl.h>
#define CHAR_ARRAY_SIZE (3 * sizeof(int) + 2)
#define MAX_LOOP 10000
#define HELLO_STRING "hello"
#define RAND32() ((int)((rand() << 30) ^ (rand() << 15) ^ rand()))
void printLine(const char *line);
void printIntLine(int v);
static const int staticTrue = 1;
static int staticReturnsTrue(void) { return 1; }
int globalReturnsTrue(void);

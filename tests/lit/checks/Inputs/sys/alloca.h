/* Mock of the C library's <alloca.h>: the macro lives in a system header. */
#define alloca(n) __builtin_alloca(n)

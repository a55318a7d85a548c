/* medsec compatibility header for IAR C/C++ compilers (iccarm and others).
 *
 * `medsec scan` force-includes it (-include) into every translation unit
 * compiled by an IAR compiler, so that clang can parse IAR's extended
 * keywords. The keywords only place or keep code and data; none changes what
 * a medsec check looks at, so they become GNU attributes or nothing.
 *
 * Not expressible with macros: the placement operator `@` (`__no_init
 * volatile uint8_t PORT @ 0x40001000;`, `int x @ "SECTION";`). A unit using it
 * does not parse; see docs/cli.md, "Compile databases".
 *
 * __ICCARM__ is deliberately not defined: vendor headers such as CMSIS then
 * take their GCC branch, which clang understands.
 */
#ifndef MEDSEC_COMPAT_IAR_H
#define MEDSEC_COMPAT_IAR_H

#define __no_init
#define __root __attribute__((used))
#define __ramfunc
#define __packed
#define __interrupt
#define __weak __attribute__((weak))
#define __task
#define __monitor
#define __nested
#define __irq
#define __fiq
#define __swi
/* clang predefines __arm on Arm targets; IAR uses it as a keyword. */
#undef __arm
#define __arm
#define __thumb
#define __stackless
#define __intrinsic
#define __noreturn __attribute__((noreturn))
#define __little_endian
#define __big_endian
#define __absolute
#define __raw
#define __near_func
#define __far_func
#define __data16
#define __data20
#define __regvar
#define __ro_placement

#endif

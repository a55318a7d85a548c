/* medsec compatibility header for SDCC, the Small Device C Compiler.
 *
 * `medsec scan` force-includes it (-include) into every translation unit
 * compiled by sdcc. Address spaces become nothing, special function
 * registers and bits become volatile objects of their width, and the
 * placement `__at(ADDRESS)` and the function qualifiers (`__interrupt(N)`,
 * `__using(N)`, `__critical`, `__reentrant`...) become nothing: none of them
 * changes what a medsec check looks at.
 *
 * Not expressible with macros (see docs/cli.md, "Compile databases"):
 * inline assembly blocks `__asm ... __endasm;` and the pre-3.0 keywords
 * without underscores (`xdata`, `at`, `interrupt`).
 *
 * SDCC and __SDCC are deliberately not defined, so that portable code takes
 * its portable branch.
 */
#ifndef MEDSEC_COMPAT_SDCC_H
#define MEDSEC_COMPAT_SDCC_H

#define __data
#define __idata
#define __xdata
#define __pdata
#define __code
#define __near
#define __far
#define __eeprom
#define __sfr volatile unsigned char
#define __sfr16 volatile unsigned short
#define __sfr32 volatile unsigned long
#define __sbit volatile _Bool
#define __bit _Bool
#define __at(address)
#define __interrupt(...)
#define __using(n)
#define __critical
#define __reentrant
#define __naked
#define __nonbanked
#define __banked
#define __wparam
#define __shadowregs
#define __trap
#define __preserves_regs(...)
#define __smallc
#define __z88dk_fastcall
#define __z88dk_callee
#define __sdcccall(n)

#endif

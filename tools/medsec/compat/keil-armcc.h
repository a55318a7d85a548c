/* medsec compatibility header for Keil MDK / Arm Compiler 5 (armcc).
 *
 * `medsec scan` force-includes it (-include) into every translation unit
 * compiled by armcc, so that clang can parse armcc's keywords. They only
 * affect code generation and layout, which no medsec check looks at.
 *
 * Not expressible with macros: embedded assembler functions
 * (`__asm void f(void) { ... }`) and named register variables
 * (`register unsigned int r0 __asm("r0");` is fine, `__asm { ... }` blocks
 * are not). See docs/cli.md, "Compile databases".
 *
 * __CC_ARM is deliberately not defined: vendor headers such as CMSIS then
 * take their GCC branch, which clang understands.
 */
#ifndef MEDSEC_COMPAT_KEIL_ARMCC_H
#define MEDSEC_COMPAT_KEIL_ARMCC_H

#define __irq
#define __fiq
#define __packed
#define __align(n) __attribute__((aligned(n)))
#define __weak __attribute__((weak))
#define __pure
#define __value_in_regs
#define __softfp
#define __svc(n)
#define __svc_indirect(n)
#define __swi(n)
#define __smc(n)
#define __global_reg(n)
#define __forceinline inline __attribute__((always_inline))
#define __declspec(x)
#define __ALIGNOF__(t) _Alignof(t)

#endif

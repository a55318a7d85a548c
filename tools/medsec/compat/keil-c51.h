/* medsec compatibility header for Keil C51 / C251 (8051 family).
 *
 * `medsec scan` force-includes it (-include) into every translation unit
 * compiled by C51. The 8051 special function registers become volatile
 * objects of their width; memory-type specifiers (data, idata, xdata,
 * pdata, bdata, code, small, compact, large) and `reentrant` become nothing.
 * In code built by C51 those words are keywords, so no identifier can be
 * shadowed by these macros.
 *
 * Not expressible with macros (see docs/cli.md, "Compile databases"):
 *  - `sbit NAME = SFR ^ BIT;` at file scope: C needs a constant initializer
 *    there; write `sbit NAME;` forms or keep such lines in a header excluded
 *    from the scan;
 *  - `_at_ ADDRESS` placement, and `interrupt N` / `using N` after a function
 *    declarator.
 */
#ifndef MEDSEC_COMPAT_KEIL_C51_H
#define MEDSEC_COMPAT_KEIL_C51_H

#define sfr volatile unsigned char
#define sfr16 volatile unsigned short
#define sfr32 volatile unsigned long
#define sbit volatile unsigned char
#define bit unsigned char
#define data
#define idata
#define xdata
#define pdata
#define bdata
#define code
#define far
#define near
#define small
#define compact
#define large
#define reentrant
#define __irq
#define __packed
#define __align(n) __attribute__((aligned(n)))

#endif

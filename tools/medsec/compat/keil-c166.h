/* medsec compatibility header for Keil C166 (Infineon C16x/XC16x, ST10).
 *
 * `medsec scan` force-includes it (-include) into every translation unit
 * compiled by C166, analysed as msp430: a 16-bit core with 16-bit `int`, as on
 * the real one, so that `(1000 * 60) / x` overflows here as it does there.
 * The special function registers (`sfr`, `esfr`, 16 bits wide) become
 * volatile 16-bit objects, `sbit`/`esbit`/`bit` 8-bit ones; the memory-type
 * specifiers (near, far, huge, xhuge, idata, sdata, bdata) become nothing.
 * In code built by C166 those words are keywords, so no identifier can be
 * shadowed by these macros.
 *
 * Not expressible with macros (see docs/cli.md, "Compile databases"):
 *  - `sbit NAME = SFR ^ BIT;` at file scope: C needs a constant initializer
 *    there; keep such lines in a header excluded from the scan;
 *  - `interrupt N` / `using NAME` after a function declarator, `_at_ ADDRESS`
 *    placement.
 */
#ifndef MEDSEC_COMPAT_KEIL_C166_H
#define MEDSEC_COMPAT_KEIL_C166_H

#define sfr volatile unsigned short
#define esfr volatile unsigned short
#define sbit volatile unsigned char
#define esbit volatile unsigned char
#define bit unsigned char
#define near
#define far
#define huge
#define xhuge
#define idata
#define sdata
#define bdata
#define _inline inline

#endif

/*
 * Stand-in for the FreeRTOS Kernel V11.1.0 include/task.h, written for this
 * sample: only the version macros, spelt as the kernel spells them, so that
 * `medsec scan` recognises the vendored kernel and its version (docs/sbom.md).
 * It is not FreeRTOS code; the API the firmware uses is declared in
 * hal/freertos_stub.h.
 */
#ifndef INC_TASK_H
#define INC_TASK_H

#define tskKERNEL_VERSION_NUMBER       "V11.1.0"
#define tskKERNEL_VERSION_MAJOR        11
#define tskKERNEL_VERSION_MINOR        1
#define tskKERNEL_VERSION_BUILD        0

#endif /* INC_TASK_H */

/*
 * Stand-in for lwIP 2.1.3's src/include/lwip/init.h, written for this sample:
 * the version macros as lwIP defines them (the version string is built by
 * stringification and its suffix chosen by #if, so only a preprocessor gets
 * it right) and the one function the firmware calls, implemented for the
 * host in hal/hal_stubs.c. It is not lwIP code.
 */
#ifndef LWIP_HDR_INIT_H
#define LWIP_HDR_INIT_H

#define LWIP_VERSION_MAJOR      2
#define LWIP_VERSION_MINOR      1
#define LWIP_VERSION_REVISION   3
/* 255 for a release, 0 for a development snapshot, 1..254 for a release candidate */
#define LWIP_VERSION_RC         LWIP_RC_RELEASE

#define LWIP_RC_RELEASE         255
#define LWIP_RC_DEVELOPMENT     0

#define LWIP_VERSION_IS_RELEASE     (LWIP_VERSION_RC == LWIP_RC_RELEASE)
#define LWIP_VERSION_IS_DEVELOPMENT (LWIP_VERSION_RC == LWIP_RC_DEVELOPMENT)
#define LWIP_VERSION_IS_RC          ((LWIP_VERSION_RC != LWIP_RC_RELEASE) && (LWIP_VERSION_RC != LWIP_RC_DEVELOPMENT))

#define LWIP_VERSTR2(x) #x
#define LWIP_VERSTR(x) LWIP_VERSTR2(x)
#if LWIP_VERSION_IS_RELEASE
#define LWIP_VERSION_STRING_SUFFIX ""
#elif LWIP_VERSION_IS_DEVELOPMENT
#define LWIP_VERSION_STRING_SUFFIX "d"
#else
#define LWIP_VERSION_STRING_SUFFIX "rc" LWIP_VERSTR(LWIP_VERSION_RC)
#endif

#define LWIP_VERSION   ((LWIP_VERSION_MAJOR) << 24   | (LWIP_VERSION_MINOR) << 16 | \
                        (LWIP_VERSION_REVISION) << 8 | (LWIP_VERSION_RC))
#define LWIP_VERSION_STRING     LWIP_VERSTR(LWIP_VERSION_MAJOR) "." LWIP_VERSTR(LWIP_VERSION_MINOR) "." LWIP_VERSTR(LWIP_VERSION_REVISION) LWIP_VERSION_STRING_SUFFIX

/* Initialises the TCP/IP stack (all its modules). */
void lwip_init(void);

#endif /* LWIP_HDR_INIT_H */

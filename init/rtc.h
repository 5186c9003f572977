/* init/rtc.h - the wall-clock time at boot from the CMOS clock (rtc.c) */
#ifndef INIT_RTC_H
#define INIT_RTC_H
#include <stdint.h>

/* Boot time in ns since 1970 (so that now = K_CLOCK ns + this), or 0 if
 * the clock cannot be read. */
int64_t rtc_epoch_ns(int ioports, int kernel);

#endif

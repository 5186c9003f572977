/*
 * init/rtc.c - the wall-clock time at boot, from the PC's CMOS clock.
 *
 * The kernel keeps only time since boot (K_CLOCK).  bootstrap holds every
 * I/O port, so it reads the RTC once and hands "boot time in ns since
 * 1970" to everything it starts (startup.h's epoch_ns); CLOCK_REALTIME is
 * then K_CLOCK plus that, in every process, without a time server.
 */
#include "rt.h"
#include "kcall.h"
#include "rtc.h"

#define CMOS_ADDR 0x70
#define CMOS_DATA 0x71

static uint8_t cmos(uint8_t reg)
{
	outb(CMOS_ADDR, reg);
	return inb(CMOS_DATA);
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar:
 * count from March so that the leap day ends a year. */
static int64_t days_since_epoch(int y, int m, int d)
{
	if (m <= 2)
		y--;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;                        /* 0..399 */
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static uint8_t bin(uint8_t v, int bcd)
{
	return bcd ? (uint8_t)((v >> 4) * 10 + (v & 15)) : v;
}

/* One consistent reading: wait out an update in progress, and read until
 * two readings agree (the clock may tick between registers). */
static void read_fields(uint8_t f[6])
{
	static const uint8_t reg[6] = { 0x00, 0x02, 0x04, 0x07, 0x08, 0x09 };
	uint8_t prev[6];
	for (int tries = 0; tries < 10; tries++) {
		for (int i = 0; i < 100000 && (cmos(0x0a) & 0x80); i++)
			;
		for (int i = 0; i < 6; i++)
			f[i] = cmos(reg[i]);
		if (tries && memcmp(f, prev, 6) == 0)
			return;
		memcpy(prev, f, 6);
	}
}

int64_t rtc_epoch_ns(int ioports, int kernel)
{
	int sub;
	struct argot_k_clock c;
	uint8_t f[6];

	if (k_ioport_sub(ioports, CMOS_ADDR, 2, &sub) < 0 ||
	    k_ioport_grant(sub, rt.self) < 0)
		return 0;
	read_fields(f);
	if (k_clock(kernel, &c) < 0)
		return 0;
	uint8_t b = cmos(0x0b);            /* bit 2: binary, bit 1: 24-hour */
	int bcd = !(b & 0x04);
	int sec = bin(f[0], bcd), min = bin(f[1], bcd), hour;
	if (b & 0x02)
		hour = bin(f[2], bcd);
	else                               /* 12-hour: bit 7 is PM */
		hour = bin(f[2] & 0x7f, bcd) % 12 + (f[2] & 0x80 ? 12 : 0);
	int day = bin(f[3], bcd), mon = bin(f[4], bcd);
	int year = 2000 + bin(f[5], bcd);   /* the CMOS year is two digits */
	if (mon < 1 || mon > 12 || day < 1 || day > 31 || hour > 23 ||
	    min > 59 || sec > 60)
		return 0;                   /* no clock, or garbage */
	int64_t s = days_since_epoch(year, mon, day) * 86400 +
	            hour * 3600 + min * 60 + sec;
	return s * 1000000000 - (int64_t)c.ns;
}

/*
 * libc/personality/time.c - clocks and sleeping.  Every clock reads the
 * kernel's monotonic nanoseconds since boot (K_CLOCK); CLOCK_REALTIME adds
 * argot_epoch_ns, the wall-clock time of boot that bootstrap read from
 * the RTC and every spawn and exec passes on (startup.h).  Sleeping is
 * a timed recv on a pipe nobody sends on (init.c).
 */
#include <time.h>
#include "px.h"

uint64_t px_now_ns(void)
{
	struct argot_k_clock c;

	if (k_clock(px.kernel, &c) < 0)
		return 0;
	return c.ns;
}

static long px_clock_ns(long clk, int64_t *ns)
{
	switch (clk) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		*ns = (int64_t)px_now_ns() + argot_epoch_ns;
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
	/* no per-process CPU accounting: time since boot is an upper bound */
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		*ns = (int64_t)px_now_ns();
		return 0;
	}
	return -EINVAL;
}

long px_sys_clock_gettime64(struct px_frame *f)
{
	struct { int64_t s; int32_t ns, pad; } *ts = (void *)f->a2;
	int64_t ns;
	long r = px_clock_ns(f->a1, &ns);

	if (r < 0)
		return r;
	ts->s = ns / 1000000000;
	ts->ns = ns % 1000000000;
	ts->pad = 0;
	return 0;
}

long px_sys_clock_gettime32(struct px_frame *f)
{
	struct { int32_t s, ns; } *ts = (void *)f->a2;
	int64_t ns;
	long r = px_clock_ns(f->a1, &ns);

	if (r < 0)
		return r;
	ts->s = ns / 1000000000;
	ts->ns = ns % 1000000000;
	return 0;
}

long px_sys_gettimeofday_time32(struct px_frame *f)
{
	struct { int32_t s, us; } *tv = (void *)f->a1;
	int64_t ns;

	px_clock_ns(CLOCK_REALTIME, &ns);
	if (tv) {
		tv->s = ns / 1000000000;
		tv->us = ns % 1000000000 / 1000;
	}
	return 0;
}

long px_sys_time(struct px_frame *f)
{
	int64_t ns;

	px_clock_ns(CLOCK_REALTIME, &ns);
	if (f->a1)
		*(int32_t *)f->a1 = ns / 1000000000;
	return ns / 1000000000;
}

static long px_getres(long clk, int64_t *ns)
{
	int64_t now;

	*ns = 1000;                  /* K_CLOCK is TSC-based: 1us is honest */
	return px_clock_ns(clk, &now);
}

long px_sys_clock_getres_time32(struct px_frame *f)
{
	struct { int32_t s, ns; } *ts = (void *)f->a2;
	int64_t ns;
	long r = px_getres(f->a1, &ns);

	if (r == 0 && ts)
		ts->s = 0, ts->ns = ns;
	return r;
}

long px_sys_clock_getres_time64(struct px_frame *f)
{
	struct { int64_t s; int32_t ns, pad; } *ts = (void *)f->a2;
	int64_t ns;
	long r = px_getres(f->a1, &ns);

	if (r == 0 && ts)
		ts->s = 0, ts->ns = ns, ts->pad = 0;
	return r;
}

/* Sleep until the monotonic deadline; on EINTR store what is left. */
static long px_sleep_until(int64_t deadline, int64_t *left)
{
	for (;;) {
		int64_t now = (int64_t)px_now_ns(), ms;
		int r;

		if (now >= deadline)
			return 0;
		ms = (deadline - now + 999999) / 1000000;
		r = px_nap_ms(ms > 0x7fffffff ? 0x7fffffff : (uint32_t)ms);
		if (r < 0) {
			*left = deadline - (int64_t)px_now_ns();
			return r;
		}
	}
}

/* Common to the three sleep calls: ns is relative unless abs, in which
 * case it is a time on clock clk. */
static long px_sleep(long clk, int abs, int64_t ns, int64_t *left)
{
	int64_t now, base;
	long r = px_clock_ns(clk, &now);

	if (r < 0)
		return r;
	if (ns < 0)
		return -EINVAL;
	base = (int64_t)px_now_ns();
	*left = 0;
	return px_sleep_until(abs ? base + (ns - now) : base + ns, left);
}

long px_sys_nanosleep(struct px_frame *f)
{
	const struct { int32_t s, ns; } *req = (void *)f->a1;
	struct { int32_t s, ns; } *rem = (void *)f->a2;
	int64_t left;
	long r;

	if (req->ns < 0 || req->ns >= 1000000000)
		return -EINVAL;
	r = px_sleep(CLOCK_MONOTONIC, 0,
	             (int64_t)req->s * 1000000000 + req->ns, &left);
	if (r == -EINTR && rem)
		rem->s = left / 1000000000, rem->ns = left % 1000000000;
	return r;
}

long px_sys_clock_nanosleep_time32(struct px_frame *f)
{
	const struct { int32_t s, ns; } *req = (void *)f->a3;
	struct { int32_t s, ns; } *rem = (void *)f->a4;
	int abs = f->a2 & TIMER_ABSTIME;
	int64_t left;
	long r;

	if (req->ns < 0 || req->ns >= 1000000000)
		return -EINVAL;
	r = px_sleep(f->a1, abs, (int64_t)req->s * 1000000000 + req->ns, &left);
	if (r == -EINTR && rem && !abs)
		rem->s = left / 1000000000, rem->ns = left % 1000000000;
	return r;
}

long px_sys_clock_nanosleep_time64(struct px_frame *f)
{
	const struct { int64_t s; int32_t ns, pad; } *req = (void *)f->a3;
	struct { int64_t s; int32_t ns, pad; } *rem = (void *)f->a4;
	int abs = f->a2 & TIMER_ABSTIME;
	int64_t left;
	long r;

	if (req->ns < 0 || req->ns >= 1000000000)
		return -EINVAL;
	r = px_sleep(f->a1, abs, req->s * 1000000000 + req->ns, &left);
	if (r == -EINTR && rem && !abs)
		rem->s = left / 1000000000, rem->ns = left % 1000000000,
		rem->pad = 0;
	return r;
}

/* Fixed priorities, round robin by the timer: there is nothing to give
 * up that preemption will not take anyway. */
long px_sys_sched_yield(struct px_frame *f)
{
	(void)f;
	return 0;
}

/*
 * libc/personality/futex.c - futexes without kernel help.  The kernel
 * has no futex; a waiter queues itself here (one queue per process, the
 * address is the key) and blocks receiving on its own wake pipe; a waker
 * dequeues waiters and sends each one message.  Every dequeue is
 * matched by exactly one message, so no stale wake ever reaches a later
 * wait.  Only private (process-local) futexes are meaningful: shared
 * memory between processes would need a futex server.
 */
#include <time.h>
#include "px.h"

#define FUTEX_WAIT     0
#define FUTEX_WAKE     1
#define FUTEX_REQUEUE  3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_CMD_MASK 0x7f        /* drops FUTEX_PRIVATE_FLAG, CLOCK_RT */

static px_lock_t px_futex_lock;
static struct px_thread *px_waiters;  /* every waiting thread, any address */

int px_wait_pipe(struct px_thread *t)
{
	if (t->wrecv >= 0)
		return 0;
	return k_pipe_create(px.kernel, 0, &t->wrecv, &t->wsend);
}

static void px_unlink(struct px_thread *t)
{
	struct px_thread **pp;

	for (pp = &px_waiters; *pp; pp = &(*pp)->fnext)
		if (*pp == t) {
			*pp = t->fnext;
			break;
		}
	t->fnext = 0;
	t->futex = 0;
}

/* ms to wait for a relative timeout, ARGOT_FOREVER for none */
static uint32_t px_timeout_ms(int64_t sec, long nsec)
{
	uint64_t ms;

	if (sec < 0 || nsec < 0 || nsec >= 1000000000)
		return 0;
	ms = (uint64_t)sec * 1000 + (nsec + 999999) / 1000000;
	return ms >= ARGOT_FOREVER ? ARGOT_FOREVER - 1 : (uint32_t)ms;
}

static long px_futex_wait(volatile int *addr, int val, uint32_t ms)
{
	struct px_thread *t = px_self();
	struct argot_msg m = { .timeout = ms };
	int r;

	if (px_wait_pipe(t) < 0)
		return -ENOMEM;
	px_lock(&px_futex_lock);
	if (*addr != val) {
		px_unlock(&px_futex_lock);
		return -EAGAIN;
	}
	t->futex = addr;
	t->fnext = px_waiters;
	px_waiters = t;
	px_unlock(&px_futex_lock);

	r = argot_recv(t->wrecv, &m, 0);
	if (r >= 0)
		return 0;
	/* timed out or aborted: leave the queue, unless a waker already
	 * took us off it, in which case its message is on the way. */
	px_lock(&px_futex_lock);
	if (t->futex) {
		px_unlink(t);
		px_unlock(&px_futex_lock);
		return r == -ARGOT_EINTR ? -EINTR : -ETIMEDOUT;
	}
	px_unlock(&px_futex_lock);
	m.timeout = ARGOT_FOREVER;
	argot_recv(t->wrecv, &m, 0);
	return 0;
}

/* Wake up to n waiters on addr; move up to n2 more to addr2 (requeue). */
static long px_futex_move(volatile int *addr, int n, volatile int *addr2,
                          int n2)
{
	struct px_thread *woken = 0, **pp, *t;
	long count = 0;

	px_lock(&px_futex_lock);
	pp = &px_waiters;
	while ((t = *pp)) {
		if (t->futex != addr) {
			pp = &t->fnext;
		} else if (n > 0) {
			*pp = t->fnext;
			t->futex = 0;
			t->fnext = woken;
			woken = t;
			n--, count++;
		} else if (addr2 && n2 > 0) {
			t->futex = addr2;
			pp = &t->fnext;
			n2--;
		} else {
			pp = &t->fnext;
		}
	}
	/* send while still locked: a woken thread could otherwise exit and
	 * close its pipe between our unlock and the send */
	for (t = woken; t; t = t->fnext) {
		struct argot_msg m = { .tag = 1, .timeout = ARGOT_FOREVER };
		argot_send(t->wsend, &m, 0);
	}
	px_unlock(&px_futex_lock);
	return count;
}

long px_futex_wake(volatile int *addr, int n)
{
	return px_futex_move(addr, n, 0, 0);
}

static long px_futex(struct px_frame *f, uint32_t ms)
{
	volatile int *addr = (volatile int *)f->a1;

	switch (f->a2 & FUTEX_CMD_MASK) {
	case FUTEX_WAIT:
	case FUTEX_WAIT_BITSET:
		return px_futex_wait(addr, (int)f->a3, ms);
	case FUTEX_WAKE:
	case FUTEX_WAKE_BITSET:
		return px_futex_wake(addr, (int)f->a3);
	case FUTEX_CMP_REQUEUE:
		if (*addr != (int)f->a6)
			return -EAGAIN;
		/* fall through */
	case FUTEX_REQUEUE:
		return px_futex_move(addr, (int)f->a3,
		                     (volatile int *)f->a5, (int)f->a4);
	}
	return -ENOSYS;
}

/* The timeout of WAIT is relative; WAIT_BITSET's is absolute on the
 * monotonic clock (musl uses only the former). */
static uint32_t px_wait_ms(struct px_frame *f, int64_t sec, long nsec)
{
	if ((f->a2 & FUTEX_CMD_MASK) == FUTEX_WAIT_BITSET) {
		int64_t now = (int64_t)px_now_ns();
		int64_t at = sec * 1000000000 + nsec;
		if (at <= now)
			return 0;
		return px_timeout_ms(0, 0) + px_timeout_ms((at - now) / 1000000000,
		                                           (at - now) % 1000000000);
	}
	return px_timeout_ms(sec, nsec);
}

long px_sys_futex(struct px_frame *f)
{
	const struct { int32_t s, ns; } *ts = (void *)f->a4;
	uint32_t ms = ARGOT_FOREVER;
	int cmd = f->a2 & FUTEX_CMD_MASK;

	if (ts && (cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET))
		ms = px_wait_ms(f, ts->s, ts->ns);
	return px_futex(f, ms);
}

long px_sys_futex_time64(struct px_frame *f)
{
	const struct { int64_t s; int32_t ns, pad; } *ts = (void *)f->a4;
	uint32_t ms = ARGOT_FOREVER;
	int cmd = f->a2 & FUTEX_CMD_MASK;

	if (ts && (cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET))
		ms = px_wait_ms(f, ts->s, ts->ns);
	return px_futex(f, ms);
}

/* In a new child of fork: no other thread is left to wait. */
void px_futex_forked(void)
{
	px_waiters = 0;
	px_futex_lock = 0;
}

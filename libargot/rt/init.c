/*
 * libargot/rt/init.c - process start-up state, exit, sleeping and locks.
 */
#include "rt.h"
#include "kcall.h"

struct rt_state rt = { ARGOT_NOHANDLE, ARGOT_NOHANDLE, ARGOT_NOHANDLE,
                       ARGOT_NOHANDLE, ARGOT_NOHANDLE };

/* The sleep pipe: we hold its only send handle and never use it, so a
 * recv on it can only time out (or be aborted). */
static void sleep_pipe(void)
{
	if (k_pipe_create(rt.kernel, 0, &rt.sleep_recv, &rt.sleep_send) < 0)
		rt.sleep_recv = rt.sleep_send = ARGOT_NOHANDLE;
}

int rt_init_first(struct argot_bootinfo *bi)
{
	if (!bi || bi->magic != ARGOT_BOOTINFO_MAGIC)
		return -ARGOT_EINVAL;
	rt.kernel = bi->kernel;
	rt.self = bi->self;
	rt.thread = bi->thread;
	sleep_pipe();
	return rt_console_init(bi->ioports);
}

void rt_init_spawned(struct rt_spawn_args *a)
{
	rt.kernel = a->kernel;
	rt.self = a->self;
	rt.thread = a->thread;
	sleep_pipe();
}

void rt_exit(int status)
{
	if (rt.self != ARGOT_NOHANDLE)
		k_proc_exit(rt.self, (uint32_t)status);
	/* no handle, or the kernel refused: die by a fault rather than spin */
	for (;;)
		__asm__ volatile("ud2");
}

int rt_sleep(uint32_t ms)
{
	struct argot_msg m = { .timeout = ms };
	int r = argot_recv(rt.sleep_recv, &m, 0);
	return r == -ARGOT_ETIMEDOUT ? 0 : r;
}

uint64_t rt_now_ns(void)
{
	struct argot_k_clock c;
	if (k_clock(rt.kernel, &c) < 0)
		return 0;
	return c.ns;
}

/* A spinlock that backs off by sleeping, so that a high-priority thread
 * spinning on a lock held by a lower one lets the holder run. */
void rt_lock(rt_lock_t *l)
{
	for (int n = 0; __atomic_exchange_n(&l->v, 1, __ATOMIC_ACQUIRE); n++) {
		if (n > 1000) {
			rt_sleep(1);
			n = 0;
		}
		__asm__ volatile("pause");
	}
}

void rt_unlock(rt_lock_t *l)
{
	__atomic_store_n(&l->v, 0, __ATOMIC_RELEASE);
}

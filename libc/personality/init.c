/*
 * libc/personality/init.c - the personality's process state, set up by
 * the crt before musl's first system call, and the small lock every
 * other file uses.
 */
#include "px.h"

struct px_state px = {
	.kernel = ARGOT_NOHANDLE, .self = ARGOT_NOHANDLE,
	.ioports = ARGOT_NOHANDLE, .nap = ARGOT_NOHANDLE,
	.nap_send = ARGOT_NOHANDLE,
};

/* The sleep pipe: a timed recv on it is how a thread sleeps (the kernel
 * has no sleep call).  Nobody ever sends on it; keeping our own send
 * handle means the kernel never reports "no senders" on it either. */
static void px_make_nap(void)
{
	if (k_pipe_create(px.kernel, 0, &px.nap, &px.nap_send) < 0)
		px.nap = ARGOT_NOHANDLE;
}

/* A program exec'd by Argot: every handle comes from the startup block. */
void __argot_px_startup(const struct argot_startup *s, int have_sysinfo)
{
	(void)have_sysinfo;
	px.startup = s;
	px.kernel = s->kernel;
	px.self = s->self;
	px.pid = s->pid;
	px_thread_init(s->thread);
	px_make_nap();
	px_fd_init();
}

/* The first process: the kernel's boot information instead, and COM1
 * for output since no console server exists yet. */
void __argot_px_boot(const struct argot_bootinfo *bi)
{
	int sub;

	px.first = 1;
	px.kernel = bi->kernel;
	px.self = bi->self;
	px.ioports = bi->ioports;
	px.pid = 1;
	px_thread_init(bi->thread);
	px_make_nap();
	px_fd_init();
	/* COM1 (0x3f8..0x3ff) and the isa-debug-exit port QEMU offers for
	 * tests (0xf4): granted to ourselves, out of the all-ports handle */
	if (k_ioport_sub(bi->ioports, 0x3f8, 8, &sub) >= 0 &&
	    k_ioport_grant(sub, bi->self) >= 0)
		px.com1 = 1;
	if (k_ioport_sub(bi->ioports, 0xf4, 4, &sub) >= 0)
		k_ioport_grant(sub, bi->self);
}

int px_nap_ms(uint32_t ms)
{
	struct argot_msg m = { .timeout = ms };
	int r;

	if (px.nap < 0)
		return -ENOSYS;
	r = argot_recv(px.nap, &m, 0);
	if (r == -ARGOT_ETIMEDOUT || r == -ARGOT_EAGAIN)
		return 0;
	return r == -ARGOT_EINTR ? -EINTR : r;
}

/* Contention is rare and short (a few list operations), so spin first;
 * a holder preempted by the timer is given the CPU back by napping. */
void px_lock(px_lock_t *l)
{
	int spins = 0;

	while (__sync_lock_test_and_set(l, 1)) {
		if (++spins < 200)
			__asm__ volatile("pause");
		else
			px_nap_ms(1);
	}
}

void px_unlock(px_lock_t *l)
{
	__sync_lock_release(l);
}

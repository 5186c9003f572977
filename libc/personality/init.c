/*
 * libc/personality/init.c - the personality's process state, set up by
 * the crt before musl's first system call, and the small lock every
 * other file uses.
 */
#include "server/rpc.h"
#include "px.h"

struct px_state px = {
	.kernel = ARGOT_NOHANDLE, .self = ARGOT_NOHANDLE,
	.ioports = ARGOT_NOHANDLE, .nap = ARGOT_NOHANDLE,
	.nap_send = ARGOT_NOHANDLE, .pipesrv = ARGOT_NOHANDLE,
};

/* The startup block lives on exec's stack; ours is a copy so that fork
 * can renumber the handles in the child. */
static struct argot_startup px_st;

/* The sleep pipe: a timed recv on it is how a thread sleeps (the kernel
 * has no sleep call).  Nobody ever sends on it; keeping our own send
 * handle means the kernel never reports "no senders" on it either. */
void px_make_nap(void)
{
	if (k_pipe_create(px.kernel, 0, &px.nap, &px.nap_send) < 0)
		px.nap = ARGOT_NOHANDLE;
}

/* Memory for libargot's stubs (argot_hooks: lookups and exec need
 * buffers of a few KiB).  Not musl's malloc: a stub may run while the
 * program is inside malloc (a signal handler's system call), and this
 * must not depend on musl's locks.  Each buffer is its own mapping,
 * which fork need not copy: none outlives the call that made it. */
static void *px_alloc(size_t n)
{
	uint32_t size = (n + 16 + ARGOT_PAGE_SIZE - 1) & ~(ARGOT_PAGE_SIZE - 1);
	uint32_t va;
	int mo, r;

	if (k_memobj_create(px.kernel, size, &mo) < 0)
		return 0;
	r = k_proc_map(px.self, mo, 0, 0, size,
	               ARGOT_PROT_READ | ARGOT_PROT_WRITE, 0, &va);
	argot_close(mo);
	if (r < 0)
		return 0;
	*(uint32_t *)(uintptr_t)va = size;
	return (char *)(uintptr_t)va + 16;
}

static void px_free(void *p)
{
	uint32_t va = (uint32_t)(uintptr_t)p - 16;

	if (p)
		k_proc_unmap(px.self, va, *(uint32_t *)(uintptr_t)va);
}

static void px_hooks(void)
{
	argot_hooks.alloc = px_alloc;
	argot_hooks.free = px_free;
	argot_hooks.kernel = px.kernel;
}

/* A program exec'd by Argot: every handle comes from the startup block. */
void __argot_px_startup(const struct argot_startup *s, int have_sysinfo)
{
	(void)have_sysinfo;
	if (!s)
		return;                  /* no handles: nothing will work */
	px_st = *s;
	px.startup = &px_st;
	argot_epoch_ns = s->epoch_ns;
	px.kernel = s->kernel;
	px.self = s->self;
	px.pid = s->pid;
	px_hooks();
	px_thread_init(s->thread);
	px_make_nap();
	px_fd_init();
	px_vm_init();
	px_sig_init();
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
	px_hooks();
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

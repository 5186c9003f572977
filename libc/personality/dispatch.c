/*
 * libc/personality/dispatch.c - from a Linux i386 system call number to
 * its handler.  The table is built from PX_SYSCALLS (px.h); a number with
 * no handler fails with ENOSYS, as an old Linux kernel would, so musl
 * takes its fallbacks (e.g. clock_gettime64 -> clock_gettime).
 */
#include <sys/syscall.h>
#include "px.h"

#define PX_ENTRY(name) [SYS_##name] = px_sys_##name,
static const px_fn px_table[] = { PX_SYSCALLS(PX_ENTRY) };
#undef PX_ENTRY

#define PX_NCALLS (sizeof px_table / sizeof px_table[0])

/* Calls that SA_RESTART does not restart (Linux: they report EINTR
 * whatever the flags, or musl expects EINTR from them). */
static int px_restartable(long nr)
{
	return nr != SYS_nanosleep && nr != SYS_clock_nanosleep_time32 &&
	       nr != SYS_clock_nanosleep_time64 && nr != SYS_poll &&
	       nr != SYS_pause && nr != SYS_rt_sigsuspend;
}

/* Calls a signal may interrupt: those that can wait for ever.  Linux
 * never interrupts the others (open, stat, execve...), and aborting their
 * RPCs is not even safe: the server may have acted and its answer is
 * lost (a file created but "EINTR").  A late SIGCHLD made that common:
 * wait4 can reap a child before the signal thread hears of its death. */
static int px_interruptible(long nr)
{
	switch (nr) {
	case SYS_read: case SYS_readv: case SYS_write: case SYS_writev:
	case SYS_poll: case SYS_nanosleep: case SYS_clock_nanosleep_time32:
	case SYS_clock_nanosleep_time64: case SYS_pause:
	case SYS_rt_sigsuspend: case SYS_wait4: case SYS_futex:
	case SYS_futex_time64: case SYS_ioctl:
		return 1;
	}
	return 0;
}

/* in_call tells the signal thread to abort us rather than redirect us,
 * unless noabort (signal.c); pending signals are delivered on the way
 * out. */
long px_dispatch(struct px_frame *f)
{
	struct px_thread *t;
	long r;

	if ((unsigned long)f->nr >= PX_NCALLS || !px_table[f->nr])
		return -ENOSYS;
	t = px_self();
	do {
		t->noabort = !px_interruptible(f->nr);
		t->in_call = 1;
		r = px_table[f->nr](f);
		t->in_call = 0;
	} while (px_sig_after(t, &r, px_restartable(f->nr)));
	return r;
}

/* Is call nr implemented?  For doc/posix.md's table and the tests. */
int __argot_px_has(long nr)
{
	return (unsigned long)nr < PX_NCALLS && px_table[nr] != 0;
}

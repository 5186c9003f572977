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

long px_dispatch(struct px_frame *f)
{
	if ((unsigned long)f->nr >= PX_NCALLS || !px_table[f->nr])
		return -ENOSYS;
	return px_table[f->nr](f);
}

/* Is call nr implemented?  For doc/posix.md's table and the tests. */
int __argot_px_has(long nr)
{
	return (unsigned long)nr < PX_NCALLS && px_table[nr] != 0;
}

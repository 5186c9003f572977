/*
 * libc/personality/wait.c - wait4 through proc.  proc reaps the zombie
 * and gives Linux's wait status (exit code, killed by a signal, or a
 * fault reported as its signal with the core bit).  Waiting is a
 * PROC_WAIT with WNOHANG, then a sleep until the signal thread hears of
 * a SIGCHLD (proc sends one for stops and continues too, which
 * WUNTRACED and WCONTINUED pass through to it);
 * a signal for us aborts that sleep: EINTR, or a restart (SA_RESTART).
 */
#include <string.h>
#include <sys/wait.h>
#include <sys/resource.h>
#include <argot/proc.h>
#include "px.h"

#define PX_ECHILD_POLL_MS 1000  /* a lost wake-up costs at most this */

long px_sys_wait4(struct px_frame *f)
{
	int32_t pid = f->a1;
	int *wstatus = (void *)f->a2;
	uint32_t options = f->a3, status;
	struct rusage *ru = (void *)f->a4;
	int r;

	if (!px.startup || px.startup->proc < 0)
		return -ECHILD;
	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WALL | __WCLONE))
		return -EINVAL;
	for (;;) {
		r = proc_wait(px.startup->proc, pid, PROC_WNOHANG |
		              (options & (WUNTRACED | WCONTINUED)), &status,
		              ARGOT_FOREVER);
		if (r < 0)
			return r;
		if (r > 0)
			break;
		if (options & WNOHANG)
			return 0;
		if (px_child_wait(PX_ECHILD_POLL_MS) == -EINTR)
			return -EINTR;
	}
	if (wstatus)
		*wstatus = status;
	if (ru)
		memset(ru, 0, sizeof *ru);   /* no accounting in proc */
	return r;
}

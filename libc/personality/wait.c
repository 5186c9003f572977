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

/*
 * PROC_WAIT must not be aborted: proc reaps the zombie as it answers, and
 * an abort that lands after the answer left proc but before we took it
 * loses the child's status for good (a later wait says ECHILD; a shell
 * loses a pipeline's member and its `wait` never ends).  SIGCHLD makes
 * that common: its abort races with the very poll it woke.  So the
 * signal thread leaves us alone here (noabort, px_kick), and a signal
 * that came meanwhile is delivered as the call returns; an abort sent
 * just before is consumed first, or it would end the PROC_WAIT itself.
 */
static int px_proc_wait(int32_t pid, uint32_t options, uint32_t *status)
{
	struct px_thread *t = px_self();
	int r;

	t->noabort = 1;
	/* an abort sent before noabort took effect would end the PROC_WAIT:
	 * spend it first.  The poll never waits, so it goes on; the signal
	 * is seen after it (px_sys_wait4), as a WNOHANG wait must not say
	 * EINTR */
	px_abort_spend(t);
	r = proc_wait(px.startup->proc, pid, options, status, ARGOT_FOREVER);
	t->noabort = 0;
	return r;
}

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
		r = px_proc_wait(pid, PROC_WNOHANG |
		                 (options & (WUNTRACED | WCONTINUED)), &status);
		if (r < 0)
			return r;
		if (r > 0)
			break;
		if (options & WNOHANG)
			return 0;
		if (px_sig_deliverable())
			return -EINTR;       /* a signal came during the poll */
		if (px_child_wait(PX_ECHILD_POLL_MS) == -EINTR)
			return -EINTR;
	}
	if (wstatus)
		*wstatus = status;
	if (ru)
		memset(ru, 0, sizeof *ru);   /* no accounting in proc */
	return r;
}

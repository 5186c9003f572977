/*
 * libc/personality/signal.c - signals, for now within one process: the
 * actions and mask are recorded so that musl's bookkeeping works
 * (pthread_create blocks signals around clone), and a signal sent to
 * ourselves runs its handler at once or takes its default action.
 * Signals between processes arrive through the msgport once proc is up.
 */
#include <signal.h>
#include <string.h>
#include "px.h"

/* Linux's struct k_sigaction as musl passes it */
struct px_ksigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	unsigned mask[2];
};

static struct px_ksigaction px_actions[_NSIG];
static uint64_t px_blocked;          /* one mask: per-thread masks later */
static uint64_t px_pending;          /* raised while blocked */

static long px_raise(int sig);

/* Deliver what was raised while blocked and is blocked no more. */
static void px_deliver_pending(void)
{
	int sig;

	for (sig = 1; sig < _NSIG; sig++) {
		uint64_t bit = 1ull << (sig - 1);
		if ((px_pending & bit) && !(px_blocked & bit)) {
			px_pending &= ~bit;
			px_raise(sig);
		}
	}
}

long px_sys_rt_sigaction(struct px_frame *f)
{
	int sig = f->a1;
	const struct px_ksigaction *sa = (void *)f->a2;
	struct px_ksigaction *old = (void *)f->a3;

	if (sig < 1 || sig >= _NSIG)
		return -EINVAL;
	if (old)
		*old = px_actions[sig];
	if (sa) {
		if (sig == SIGKILL || sig == SIGSTOP)
			return -EINVAL;
		px_actions[sig] = *sa;
	}
	return 0;
}

long px_sys_rt_sigprocmask(struct px_frame *f)
{
	const uint64_t *set = (void *)f->a2;
	uint64_t *old = (void *)f->a3;
	uint64_t keep = ~((1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)));

	if (old)
		*old = px_blocked;
	if (!set)
		return 0;
	switch (f->a1) {
	case SIG_BLOCK:   px_blocked |= *set & keep; break;
	case SIG_UNBLOCK: px_blocked &= ~*set; break;
	case SIG_SETMASK: px_blocked = *set & keep; break;
	default: return -EINVAL;
	}
	px_deliver_pending();
	return 0;
}

long px_sys_sigaltstack(struct px_frame *f)
{
	(void)f;
	return 0;
}

/* default action of a signal nobody handles: ignore or end the process */
static int px_sig_ignored_by_default(int sig)
{
	return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH ||
	       sig == SIGCONT;
}

static long px_raise(int sig)
{
	struct px_ksigaction *a;

	if (sig == 0)
		return 0;
	if (sig < 1 || sig >= _NSIG)
		return -EINVAL;
	a = &px_actions[sig];
	if (sig != SIGKILL && sig != SIGSTOP &&
	    (px_blocked & (1ull << (sig - 1)))) {
		px_pending |= 1ull << (sig - 1);
		return 0;
	}
	if (a->handler == SIG_IGN ||
	    (a->handler == SIG_DFL && px_sig_ignored_by_default(sig)))
		return 0;
	if (a->handler == SIG_DFL || sig == SIGKILL) {
		struct px_frame g = { .a1 = 128 + sig };
		px_sys_exit_group(&g);
	}
	a->handler(sig);
	return 0;
}

long px_sys_kill(struct px_frame *f)
{
	if (f->a1 == 0 || f->a1 == (long)px.pid || f->a1 == -(long)px.pid)
		return px_raise(f->a2);
	return -ESRCH;               /* other processes: through proc */
}

long px_sys_tkill(struct px_frame *f)
{
	(void)f->a1;                 /* any of our threads: the process */
	return px_raise(f->a2);
}

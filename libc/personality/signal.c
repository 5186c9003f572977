/*
 * libc/personality/signal.c - signals.  Actions and one process-wide
 * mask are kept here.  Signals from other processes (proc's PROC_KILL,
 * SIGCHLD when a child dies) arrive as MSG_SIG_POST on the process's
 * msgport, registered with proc at start; a signal thread receives them
 * (sigthread.c) and calls px_sig_post.
 *
 * A caught signal is made pending and then delivered on the first
 * thread: if it is inside a system call it is aborted (THREAD_ABORT:
 * its blocked RPC returns EINTR) and px_dispatch runs the handler on the
 * way out, then restarts the call (SA_RESTART) or returns EINTR; if it
 * is running program code it is suspended and redirected to
 * px_sig_tramp (entry.S), which runs the handler and resumes it with
 * every register as it was.  A signal raised by the process itself
 * (kill, raise, SIGPIPE) is pending at once and delivered as the
 * system call returns.  Default actions: ignore, end the process (the
 * wait status says which signal: PROC_MARK_EXIT), or stop it (the first
 * thread is suspended until SIGCONT; PROC_MARK_STOP tells proc both).
 */
#include <signal.h>
#include <string.h>
#include <argot/proc.h>
#include "px.h"

/* Linux's struct k_sigaction as musl passes it */
struct px_ksigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	unsigned mask[2];
};

static struct px_ksigaction px_actions[_NSIG];
static volatile uint64_t px_blocked;     /* one mask for all threads */
static volatile uint64_t px_pending;
static volatile int32_t px_sender[_NSIG];
static volatile int px_stopped;
static volatile unsigned px_nstops;      /* stops so far (restarts) */

#define PX_BIT(sig) (1ull << ((sig) - 1))
#define PX_UNBLOCKABLE (PX_BIT(SIGKILL) | PX_BIT(SIGSTOP))
#define PX_STOPS (PX_BIT(SIGSTOP) | PX_BIT(SIGTSTP) | PX_BIT(SIGTTIN) | \
                  PX_BIT(SIGTTOU))

uint64_t px_sig_mask(void) { return px_blocked; }

uint64_t px_sig_ignored(void)
{
	uint64_t m = 0;
	int sig;

	for (sig = 1; sig < _NSIG; sig++)
		if (px_actions[sig].handler == SIG_IGN)
			m |= PX_BIT(sig);
	return m;
}

/* exec's startup block carries the mask and the ignored set across */
void px_sig_inherit(uint32_t mask, uint32_t ignore)
{
	int sig;

	px_blocked = mask & ~PX_UNBLOCKABLE;
	for (sig = 1; sig <= 32; sig++)
		if (ignore & PX_BIT(sig))
			px_actions[sig].handler = SIG_IGN;
}

static int px_ignored_by_default(int sig)
{
	return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH ||
	       sig == SIGCONT;
}

/* End the process as killed by sig: proc reports that status. */
void px_sig_die(int sig)
{
	if (px.startup && px.startup->proc >= 0)
		proc_mark_exit(px.startup->proc, sig, ARGOT_FOREVER);
	px_poweroff(128 + sig);
	k_proc_exit(px.self, 128 + sig);
	for (;;)
		px_nap_ms(ARGOT_FOREVER - 1);
}

/* Tell proc we stopped (sig) or continued (0): it shows the state and
 * reports it to the parent's wait (WUNTRACED, WCONTINUED). */
static void px_stop_report(int sig)
{
	if (px.startup && px.startup->proc >= 0)
		proc_mark_stop(px.startup->proc, (uint32_t)sig, ARGOT_FOREVER);
}

/* Stop (job control): the first thread sleeps until SIGCONT.  proc is
 * told first, since this may be the first thread suspending itself.
 * A stop discards a pending SIGCONT, as on Linux. */
static void px_stop(int sig)
{
	struct px_thread *m = px_main_thread();

	__sync_fetch_and_and(&px_pending, ~PX_BIT(SIGCONT));
	if (!px_stopped && m->handle >= 0) {
		px_stopped = 1;
		px_nstops++;
		px_stop_report(sig);
		k_thread_suspend(m->handle);
	}
}

/* SIGCONT: resume, and forget stops still pending. */
static void px_cont(void)
{
	struct px_thread *m = px_main_thread();

	__sync_fetch_and_and(&px_pending, ~PX_STOPS);
	if (px_stopped) {
		px_stopped = 0;
		px_stop_report(0);
		k_thread_resume(m->handle);
	}
}

/* Run sig's handler here, with its mask added for the duration. */
static void px_call(int sig)
{
	struct px_ksigaction a = px_actions[sig];
	uint64_t old = px_blocked;

	px_blocked |= (((uint64_t)a.mask[1] << 32 | a.mask[0]) |
	               ((a.flags & SA_NODEFER) ? 0 : PX_BIT(sig))) &
	              ~PX_UNBLOCKABLE;
	if (a.flags & SA_RESETHAND)
		px_actions[sig].handler = SIG_DFL;
	if (a.flags & SA_SIGINFO) {
		siginfo_t si;
		memset(&si, 0, sizeof si);
		si.si_signo = sig;
		si.si_code = SI_USER;
		si.si_pid = px_sender[sig];
		((void (*)(int, siginfo_t *, void *))(void (*)(void))a.handler)(
			sig, &si, 0);
	} else {
		a.handler(sig);
	}
	px_blocked = old;
}

/* Deliver every pending, unblocked signal on this thread.  Returns how
 * many handlers ran, and through *norestart whether one of them lacked
 * SA_RESTART. */
static int px_run_pending(int *norestart)
{
	int sig, ran = 0;

	for (sig = 1; sig < _NSIG; sig++) {
		uint64_t bit = PX_BIT(sig);
		void (*h)(int);
		if (!(px_pending & bit) || (px_blocked & bit))
			continue;
		__sync_fetch_and_and(&px_pending, ~bit);
		h = px_actions[sig].handler;
		if (h == SIG_IGN || (h == SIG_DFL && px_ignored_by_default(sig)))
			continue;
		if (h == SIG_DFL && (bit & PX_STOPS)) {
			px_stop(sig);
			continue;
		}
		if (h == SIG_DFL || sig == SIGKILL)
			px_sig_die(sig);
		if (!(px_actions[sig].flags & SA_RESTART))
			*norestart = 1;
		px_call(sig);
		ran++;
	}
	return ran;
}

static int px_deliverable(void)
{
	return (px_pending & ~px_blocked) != 0;
}

int px_sig_deliverable(void)
{
	return px_deliverable();
}

/*
 * After each system call (px_dispatch): deliver what is pending.  A call
 * that an abort interrupted is restarted if every handler that ran asked
 * for SA_RESTART.  An abort that found the thread not blocked would end
 * its next blocking call instead: it is consumed here with a short nap.
 * Returns 1 to restart the call.
 */
/*
 * An abort from px_kick ends exactly one blocking kernel call: the one
 * the thread was in, or, if it found the thread running, the next one,
 * whatever that is.  Whoever clears t->aborted must spend it: an abort
 * left in the kernel made the program's next open, kill or execve fail
 * with EINTR (a pipeline member exited 127, a WNOHANG wait4 said EINTR).
 * A call's EINTR does not prove it was this abort that ended it (a
 * sigsuspend says EINTR anyway, and a second kick can come after the
 * first was spent), so the nap is always taken: it ends at once when
 * the abort is there, and costs 1 ms when it was already spent.
 */
void px_abort_spend(struct px_thread *t)
{
	if (!t->aborted)
		return;
	t->aborted = 0;
	px_nap_ms(1);
}

int px_sig_after(struct px_thread *t, long *r, int restartable)
{
	int norestart = 0, ran = 0;
	unsigned stops = px_nstops;

	px_abort_spend(t);
	if (px_deliverable())
		ran = px_run_pending(&norestart);
	/* a call interrupted only to stop is restarted once continued,
	 * as Linux does: the program never sees that it was stopped */
	if (*r == -EINTR && !ran && px_nstops != stops)
		return restartable;
	return *r == -EINTR && ran && !norestart && restartable;
}

/* Entered through px_sig_tramp on the first thread, between two
 * instructions of the program. */
void px_sig_async(void)
{
	int norestart;

	px_run_pending(&norestart);
}

/* Have the first thread notice a pending signal. */
static void px_kick(void)
{
	struct px_thread *m = px_main_thread();
	struct argot_regs r;
	uint32_t *sp;

	if (!px_deliverable() || m->handle < 0 || px_stopped)
		return;
	if (k_thread_suspend(m->handle) < 0)
		return;
	if (m->in_call) {
		if (!m->noabort) {   /* else delivered as the call returns */
			m->aborted = 1;
			k_thread_abort(m->handle);
		}
	} else if (k_thread_get_regs(m->handle, &r) >= 0) {
		/* below its stack: the return address, then its registers */
		sp = (uint32_t *)(uintptr_t)r.esp - 1;
		*sp = r.eip;
		struct argot_regs *saved = (struct argot_regs *)sp - 1;
		*saved = r;
		saved->esp = (uint32_t)(uintptr_t)sp;
		r.esp = (uint32_t)(uintptr_t)saved;
		r.eip = (uint32_t)(uintptr_t)px_sig_tramp;
		k_thread_set_regs(m->handle, &r);
	}
	k_thread_resume(m->handle);
}

/* A signal from outside (the signal thread: kick the first thread) or
 * from ourselves (delivered as our own system call returns). */
void px_sig_post(int sig, int32_t sender, int kick)
{
	void (*h)(int);

	if (sig < 1 || sig >= _NSIG)
		return;
	h = px_actions[sig].handler;
	if (sig == SIGKILL)
		px_sig_die(sig);
	if (sig == SIGCONT)
		px_cont();
	if (sig == SIGSTOP) {
		px_stop(sig);
		return;
	}
	if (h == SIG_IGN || (h == SIG_DFL && px_ignored_by_default(sig)))
		return;
	px_sender[sig] = sender;
	__sync_fetch_and_or(&px_pending, PX_BIT(sig));
	if (kick)
		px_kick();
}

/* execve forwards what is still pending to the new image: the lowest
 * pending signal, taken, with its sender; 0 when none is left. */
int px_sig_take_pending(int32_t *sender)
{
	int sig;

	for (sig = 1; sig < _NSIG; sig++)
		if (__sync_fetch_and_and(&px_pending, ~PX_BIT(sig)) &
		    PX_BIT(sig)) {
			*sender = px_sender[sig];
			return sig;
		}
	return 0;
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
		if (sa->handler == SIG_IGN)  /* POSIX: discards what is pending */
			__sync_fetch_and_and(&px_pending, ~PX_BIT(sig));
	}
	return 0;
}

long px_sys_rt_sigprocmask(struct px_frame *f)
{
	const uint64_t *set = (void *)f->a2;
	uint64_t *old = (void *)f->a3;

	if (old)
		*old = px_blocked;
	if (!set)
		return 0;
	switch (f->a1) {
	case SIG_BLOCK:   px_blocked |= *set & ~PX_UNBLOCKABLE; break;
	case SIG_UNBLOCK: px_blocked &= ~*set; break;
	case SIG_SETMASK: px_blocked = *set & ~PX_UNBLOCKABLE; break;
	default: return -EINVAL;
	}
	return 0;                    /* px_dispatch delivers on the way out */
}

long px_sys_rt_sigpending(struct px_frame *f)
{
	*(uint64_t *)f->a1 = px_pending & px_blocked;
	return 0;
}

/* Wait with the mask given until a handler has run (the first thread is
 * aborted out of its nap by px_kick). */
long px_sys_rt_sigsuspend(struct px_frame *f)
{
	uint64_t old = px_blocked;
	int norestart, ran = 0;

	px_blocked = *(const uint64_t *)f->a1 & ~PX_UNBLOCKABLE;
	while (!ran) {
		if (!px_deliverable())
			px_nap_ms(1000);
		/* the kick may have come before the nap, or with the signal
		 * already deliverable and no nap at all */
		px_abort_spend(px_self());
		ran = px_run_pending(&norestart);
	}
	px_blocked = old;
	return -EINTR;
}

long px_sys_pause(struct px_frame *f)
{
	uint64_t mask = px_blocked;
	struct px_frame g = { .a1 = (long)&mask };

	(void)f;
	return px_sys_rt_sigsuspend(&g);
}

long px_sys_sigaltstack(struct px_frame *f)
{
	(void)f;
	return 0;
}

/* SIGPIPE for a write to a pipe nobody reads (fd.c) */
void px_sig_pipe(void)
{
	px_sig_post(SIGPIPE, px.pid, 0);
}

static int px_is_self(long pid)
{
	return pid == (long)px.pid || (px.first && (pid == 0 || pid == -1));
}

long px_sys_kill(struct px_frame *f)
{
	long pid = f->a1;
	int sig = f->a2, r;

	if (sig < 0 || sig >= _NSIG)
		return -EINVAL;
	if (px_is_self(pid)) {
		if (sig)
			px_sig_post(sig, px.pid, 0);
		return 0;
	}
	if (!px.startup || px.startup->proc < 0)
		return -ESRCH;
	if (pid == -1)
		return -ENOSYS;          /* "everyone": proc has no such call */
	r = proc_kill(px.startup->proc, pid, sig,
	              ARGOT_FOREVER);
	return r == -ARGOT_EPERM ? -EPERM : r;
}

long px_sys_tkill(struct px_frame *f)
{
	(void)f->a1;                 /* any of our threads: the process */
	if (f->a2)
		px_sig_post(f->a2, px.pid, 0);
	return 0;
}

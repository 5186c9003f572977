/*
 * proc/wait.c - deaths, wait and kill.  The kernel tells us of every
 * death (PROC_WATCH); a death becomes a zombie holding its wait status
 * until the parent's PROC_WAIT reaps it.  Orphans go to pid 1 (init).
 */
#include "proc.h"

#define SIGINT 2
#define SIGILL 4
#define SIGTRAP 5
#define SIGFPE 8
#define SIGKILL 9
#define SIGSEGV 11
#define SIGCHLD 17
#define SIGCONT 18
#define SIGURG 23
#define SIGWINCH 28
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define NSIG 65
#define WCORE 0x80

/* The wait status of a death the kernel reported. */
static uint32_t death_status(const struct argot_death *d)
{
	switch (d->how) {
	case ARGOT_DEATH_EXIT:
		return (d->status & 0xff) << 8;
	case ARGOT_DEATH_KILLED:
		return SIGKILL;
	default:
		switch (d->status) {   /* the trap vector */
		case 0: case 16: case 19: return SIGFPE | WCORE;
		case 6: return SIGILL | WCORE;
		case 1: case 3: return SIGTRAP | WCORE;
		default: return SIGSEGV | WCORE;
		}
	}
}

static int matches(const struct proc_p *parent, const struct proc_p *c,
                   int32_t pid)
{
	if (c->ppid != parent->pid || c == parent)
		return 0;
	if (pid > 0)
		return c->pid == pid;
	if (pid == -1)
		return 1;
	return c->pgrp == (pid == 0 ? parent->pgrp : -pid);
}

/* What a wait with these options may report about child c: a zombie
 * always; a stop with WUNTRACED and a continue with WCONTINUED (Linux's
 * encodings: (sig << 8) | 0x7f, and 0xffff), each once. */
static int reportable(const struct proc_p *c, uint32_t options,
                      uint32_t *status)
{
	if (c->state == PROC_STATE_ZOMBIE) {
		*status = c->status;
		return 1;
	}
	if ((c->report & PROC_REPORT_STOP) && (options & PROC_WUNTRACED)) {
		*status = (c->stopsig & 0xff) << 8 | 0x7f;
		return 1;
	}
	if ((c->report & PROC_REPORT_CONT) && (options & PROC_WCONTINUED)) {
		*status = 0xffff;
		return 1;
	}
	return 0;
}

/* The child a wait q of p would report now, or 0; *any says whether
 * any child matches at all (else the wait fails with ECHILD). */
static struct proc_p *find_child(struct proc_p *p,
                                 const struct proc_wait_req *q,
                                 uint32_t *status, int *any)
{
	*any = 0;
	for (int i = 1; i < PROC_MAXPIDS; i++) {
		struct proc_p *c = proc_tab[i];
		if (!c || !matches(p, c, q->pid))
			continue;
		*any = 1;
		if (reportable(c, q->options, status))
			return c;
	}
	return 0;
}

/* Reply to a wait with c's news.  Only a delivered reply uses the news
 * up (reaps the zombie, or marks the stop/continue seen): a caller that
 * gave up leaves it for the next wait.  0, or -1 if nobody got it. */
static int answer(int32_t reply, struct proc_p *c, uint32_t status)
{
	struct proc_wait_rep rep = { c->pid, status };
	if (srv_reply(reply, 0, &rep, sizeof rep, 0, 0) < 0)
		return -1;
	if (c->state == PROC_STATE_ZOMBIE)
		proc_reap(c);
	else
		c->report = 0;
	return 0;
}

static void drop_waiter(struct proc_p *p, uint32_t i)
{
	p->nwaiters--;
	for (; i < p->nwaiters; i++)
		p->waiters[i] = p->waiters[i + 1];
}

/* p is gone: its blocked waits end (ECHILD; their callers are dead or
 * dying, so the replies mostly fail, which frees the handles). */
void proc_drop_waiters(struct proc_p *p)
{
	while (p->nwaiters) {
		srv_reply(p->waiters[0].reply, -ARGOT_ECHILD_, 0, 0, 0, 0);
		drop_waiter(p, 0);
	}
}

int proc_h_wait(struct srv_req *r)
{
	struct proc_p *p = (struct proc_p *)r->obj;
	const struct proc_wait_req *q = r->data;
	struct proc_wait_rep *rep = r->rbuf;
	uint32_t status;
	int any;
	struct proc_p *c = find_child(p, q, &status, &any);
	if (!any)
		return -ARGOT_ECHILD_;
	if (c) {
		/* reply here, not from the loop: we must know it arrived */
		answer(r->reply, c, status);
		r->reply = ARGOT_NOHANDLE;
		return SRV_DEFER;
	}
	if (q->options & PROC_WNOHANG) {
		rep->pid = 0, rep->status = 0;
		r->rlen = sizeof *rep;
		return 0;
	}
	/* Waiters whose callers gave up stay until a child has news (no
	 * kernel call tells a dead reply handle from a live one without
	 * using it).  When the table is full the oldest gets EINTR: a live
	 * caller sees an interrupted wait and may wait again. */
	if (p->nwaiters == PROC_MAXWAITERS) {
		srv_reply(p->waiters[0].reply, -ARGOT_EINTR, 0, 0, 0, 0);
		drop_waiter(p, 0);
	}
	p->waiters[p->nwaiters++] = (struct proc_waiter){ r->reply, *q };
	r->reply = ARGOT_NOHANDLE;
	return SRV_DEFER;
}

/* Child c has news (death, stop, continue): SIGCHLD to its parent, and
 * the news to the parent's oldest blocked wait that wants it.  A waiter
 * whose caller gave up is dropped and the next one tried. */
static void wake_parent(struct proc_p *c)
{
	struct proc_p *p = proc_tab[c->ppid];
	uint32_t i = 0, status;
	if (!p || p == c)
		return;
	if (p->msgport != ARGOT_NOHANDLE)
		msg_sig_post(p->msgport, SIGCHLD, c->pid, c->uid, 0);
	while (i < p->nwaiters) {
		struct proc_waiter w = p->waiters[i];
		if (!matches(p, c, w.q.pid) ||
		    !reportable(c, w.q.options, &status)) {
			i++;
			continue;
		}
		drop_waiter(p, i);
		if (answer(w.reply, c, status) == 0)
			return;     /* c may be reaped: look no further */
	}
}

void proc_death(struct srv_req *r)
{
	const struct argot_death *d = r->data;
	if (r->id != ARGOT_MSG_DEATH || r->len < sizeof *d)
		return;
	uint32_t pid = d->cookie & 0xffff;
	struct proc_p *p = pid < PROC_MAXPIDS ? proc_tab[pid] : 0;
	if (!p || p->gen != d->cookie >> 16 || p->state == PROC_STATE_ZOMBIE)
		return;                       /* an image replaced by exec */
	p->status = p->marked ? p->marked - 1 : death_status(d);
	p->state = PROC_STATE_ZOMBIE;
	argot_close(p->kproc);
	p->kproc = ARGOT_NOHANDLE;
	p->report = 0;          /* a dead process is no longer stopped */
	proc_drop_waiters(p);
	int32_t heir = proc_tab[1] && proc_tab[1] != p ? 1 : 0;
	for (int i = 1; i < PROC_MAXPIDS; i++)
		if (proc_tab[i] && proc_tab[i]->ppid == p->pid && i != p->pid) {
			proc_tab[i]->ppid = heir;
			if (proc_tab[i]->state == PROC_STATE_ZOMBIE)
				wake_parent(proc_tab[i]);
		}
	wake_parent(p);
}

int proc_h_mark_exit(struct srv_req *r)
{
	const struct proc_status *q = r->data;
	((struct proc_p *)r->obj)->marked = q->status + 1;
	return 0;
}

/* PROC_MARK_STOP: the process's own signal thread stopped it (status:
 * the signal) or continued it (0).  Stopping is the process's business,
 * since only it holds its threads; proc records the state for ps and
 * tells the parent, whose wait reports it with WUNTRACED/WCONTINUED. */
int proc_h_mark_stop(struct srv_req *r)
{
	struct proc_p *p = (struct proc_p *)r->obj;
	const struct proc_status *q = r->data;
	if (q->status >= NSIG)
		return -ARGOT_EINVAL;
	if (p->state == PROC_STATE_ZOMBIE ||
	    (q->status != 0) == (p->state == PROC_STATE_STOP))
		return 0;           /* no change: nothing to report */
	if (q->status) {
		p->state = PROC_STATE_STOP;
		p->stopsig = q->status;
		p->report = PROC_REPORT_STOP;
	} else {
		p->state = PROC_STATE_RUN;
		p->report = PROC_REPORT_CONT;
	}
	wake_parent(p);
	return 0;
}

static int may_signal(const struct proc_p *from, const struct proc_p *to)
{
	return from->uid == 0 || from->uid == to->uid;
}

/* Deliver one signal: to the msgport, or by the default action. */
static void deliver(struct proc_p *from, struct proc_p *to, uint32_t sig)
{
	if (to->state == PROC_STATE_ZOMBIE || sig == 0)
		return;
	/* SIGKILL cannot be caught: proc ends the image it holds.  Left to
	 * the process, it was lost in an execve: the old image's signal
	 * thread ended the old image after PROC_SET_IMAGE had moved the pid,
	 * and the new one stayed suspended for ever ("kill -9" of a job
	 * that was still starting hung the shell's wait). */
	if (sig == SIGKILL && to->kproc != ARGOT_NOHANDLE) {
		to->marked = sig + 1;
		k_proc_kill(to->kproc);
		return;
	}
	if (to->msgport != ARGOT_NOHANDLE &&
	    msg_sig_post(to->msgport, sig, from->pid, from->uid, 0) >= 0)
		return;
	if (sig == SIGCHLD || sig == SIGCONT || sig == SIGURG ||
	    sig == SIGWINCH || to->kproc == ARGOT_NOHANDLE)
		return;
	/* A process stops itself: its signal thread suspends its threads
	 * and tells us (PROC_MARK_STOP).  One without a msgport has no
	 * signal thread, and proc holds none of its threads: it cannot be
	 * stopped, and a stop signal must not kill it either. */
	if (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU)
		return;
	to->marked = sig + 1;   /* reported as killed by sig */
	k_proc_kill(to->kproc);
}

int proc_h_kill(struct srv_req *r)
{
	struct proc_p *self = (struct proc_p *)r->obj;
	const struct proc_kill_req *q = r->data;
	if (q->sig >= NSIG)
		return -ARGOT_EINVAL;
	if (q->pid > 0) {
		struct proc_p *t = q->pid < PROC_MAXPIDS ? proc_tab[q->pid] : 0;
		if (!t || t->pid == 0)
			return -ARGOT_ESRCH;
		if (!may_signal(self, t))
			return -ARGOT_EPERM;
		deliver(self, t, q->sig);
		return 0;
	}
	int32_t pgrp = q->pid == 0 ? self->pgrp : -q->pid;
	int found = 0, sent = 0;
	for (int i = 1; i < PROC_MAXPIDS; i++) {
		struct proc_p *t = proc_tab[i];
		if (!t || t->pgrp != pgrp || t->state == PROC_STATE_ZOMBIE)
			continue;
		found = 1;
		if (may_signal(self, t)) {
			deliver(self, t, q->sig);
			sent = 1;
		}
	}
	return !found ? -ARGOT_ESRCH : sent ? 0 : -ARGOT_EPERM;
}

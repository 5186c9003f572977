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

/* 1: a zombie was reaped into *rep; 0: children but none dead yet;
 * -ECHILD: no child matches. */
static int try_wait(struct proc_p *p, const struct proc_wait_req *q,
                    struct proc_wait_rep *rep)
{
	int any = 0;
	for (int i = 1; i < PROC_MAXPIDS; i++) {
		struct proc_p *c = proc_tab[i];
		if (!c || !matches(p, c, q->pid))
			continue;
		any = 1;
		if (c->state == PROC_STATE_ZOMBIE) {
			rep->pid = c->pid;
			rep->status = c->status;
			proc_reap(c);
			return 1;
		}
	}
	return any ? 0 : -ARGOT_ECHILD_;
}

int proc_h_wait(struct srv_req *r)
{
	struct proc_p *p = (struct proc_p *)r->obj;
	const struct proc_wait_req *q = r->data;
	struct proc_wait_rep *rep = r->rbuf;
	int found = try_wait(p, q, rep);
	r->rlen = sizeof *rep;
	if (found < 0)
		return found;
	if (found || (q->options & PROC_WNOHANG)) {
		if (!found)
			rep->pid = 0, rep->status = 0;
		return 0;
	}
	if (p->wait_reply != ARGOT_NOHANDLE)
		return -ARGOT_EBUSY;   /* one waiting thread per process */
	p->wait_reply = r->reply;
	p->waitq = *q;
	r->reply = ARGOT_NOHANDLE;
	return SRV_DEFER;
}

/* A child changed state: answer the parent's pending wait if it fits. */
static void wake_parent(struct proc_p *c)
{
	struct proc_p *p = proc_tab[c->ppid];
	if (!p || p == c)
		return;
	if (p->msgport != ARGOT_NOHANDLE)
		msg_sig_post(p->msgport, SIGCHLD, c->pid, c->uid, 0);
	if (p->wait_reply == ARGOT_NOHANDLE || !matches(p, c, p->waitq.pid))
		return;
	struct proc_wait_rep rep;
	int32_t reply = p->wait_reply;
	p->wait_reply = ARGOT_NOHANDLE;
	if (try_wait(p, &p->waitq, &rep) == 1)
		srv_reply(reply, 0, &rep, sizeof rep, 0, 0);
	else
		p->wait_reply = reply;
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

static int may_signal(const struct proc_p *from, const struct proc_p *to)
{
	return from->uid == 0 || from->uid == to->uid;
}

/* Deliver one signal: to the msgport, or by the default action. */
static void deliver(struct proc_p *from, struct proc_p *to, uint32_t sig)
{
	if (to->state == PROC_STATE_ZOMBIE || sig == 0)
		return;
	if (to->msgport != ARGOT_NOHANDLE &&
	    msg_sig_post(to->msgport, sig, from->pid, from->uid, 0) >= 0)
		return;
	if (sig == SIGCHLD || sig == SIGCONT || sig == SIGURG ||
	    sig == SIGWINCH || to->kproc == ARGOT_NOHANDLE)
		return;
	/* stopping a process is not implemented yet (it needs its thread
	 * handles): the stop signals' default action is ignored, not death */
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

/*
 * pipe.c - pipes, kernel-held messages and one-shot reply objects.
 * A pipe lives while anything references it; it is "alive" while its
 * receive end exists.  Killing the receive end fails every queued
 * message, blocked sender and waiting caller at once.
 */
#include "kern.h"

/* A message is charged to acct (its sender) until it is received or
 * flushed; NULL: the kernel's own, or an answer already paid for. */
struct kmsg *kmsg_alloc(struct proc *acct, uint32_t len)
{
	struct kmsg *m = kalloc_for(acct, sizeof(*m) + len);
	if (!m)
		return NULL;
	m->len = len;
	m->acct = acct;
	if (acct)
		proc_ref(acct);
	return m;
}

/* Releases every right the message still carries. */
void kmsg_free(struct kmsg *m)
{
	for (uint32_t i = 0; i < m->nh; i++)
		hent_drop(&m->h[i]);
	if (m->reply)
		reply_drop(m->reply);
	struct proc *a = m->acct;
	kfree_for(a, m, sizeof(*m) + m->len);
	proc_unref(a);
}

/* A message left the queue (delivered or flushed).  Preallocated kernel
 * messages go back to their owners instead of the heap. */
static void kmsg_done(struct pipe *p, struct kmsg *m)
{
	if (m->kind == KM_NOSENDERS) {
		p->nsqueued = 0;
	} else if (m->kind == KM_IRQ) {
		irqs[*(uint32_t *)m->data].queued = 0;
	} else {
		kmsg_free(m);
	}
}

/* The pipe and its no-senders message are charged to its creator. */
struct pipe *pipe_create(uint32_t label, struct proc *acct)
{
	struct pipe *p = kalloc_for(acct, sizeof(*p));
	if (!p)
		return NULL;
	p->nsmsg = kmsg_alloc(acct, 0);
	if (!p->nsmsg) {
		kfree_for(acct, p, sizeof(*p));
		return NULL;
	}
	p->acct = acct;
	proc_ref(acct);
	p->nsmsg->kind = KM_NOSENDERS;
	p->nsmsg->tag = ARGOT_MSG_NOSENDERS;
	p->ref = 1;                          /* the receive end */
	p->alive = 1;
	p->label = label;
	return p;
}

void pipe_ref(struct pipe *p) { p->ref++; }

void pipe_unref(struct pipe *p)
{
	if (--p->ref > 0)
		return;
	struct proc *a = p->acct;
	kmsg_free(p->nsmsg);
	kfree_for(a, p, sizeof(*p));
	proc_unref(a);
}

struct thread *pipe_enqueue_wake(struct pipe *p, struct kmsg *m)
{
	m->next = NULL;
	if (p->qtail)
		p->qtail->next = m;
	else
		p->qhead = m;
	p->qtail = m;
	p->qlen++;
	struct waitq *q = p->recvq.head ? &p->recvq : p->owner ? &p->owner->anyq : NULL;
	struct thread *t = q ? q->head : NULL;
	if (t)
		sched_wake(t, W_OK);
	return t;
}

void pipe_enqueue(struct pipe *p, struct kmsg *m)
{
	pipe_enqueue_wake(p, m);
}

struct kmsg *pipe_dequeue(struct pipe *p)
{
	struct kmsg *m = p->qhead;
	if (!m)
		return NULL;
	p->qhead = m->next;
	if (!p->qhead)
		p->qtail = NULL;
	p->qlen--;
	sched_wake_one(&p->sendq);
	return m;
}

/* The message has been copied out; its rights now live elsewhere. */
void pipe_consumed(struct pipe *p, struct kmsg *m)
{
	m->nh = 0;
	m->reply = NULL;
	kmsg_done(p, m);
}

void pipe_send_drop(struct pipe *p)
{
	if (--p->nsend == 0 && p->alive && !p->nsqueued) {
		p->nsqueued = 1;
		pipe_enqueue(p, p->nsmsg);
	}
	pipe_unref(p);
}

void pipe_set_owner(struct pipe *p, struct proc *owner)
{
	if (p->owner) {
		struct pipe **pp = &p->owner->pipes;
		while (*pp && *pp != p)
			pp = &(*pp)->onext;
		if (*pp)
			*pp = p->onext;
		/* threads waiting on this very pipe must look again */
		sched_wake_all(&p->recvq);
	}
	p->owner = owner;
	p->onext = NULL;
	if (!owner)
		return;
	p->onext = owner->pipes;
	owner->pipes = p;
	if (p->qhead)
		sched_wake_one(&owner->anyq);
}

static void reply_unlink(struct reply *r)
{
	struct pipe *p = r->pipe;
	if (!p)
		return;
	if (r->pprev)
		r->pprev->pnext = r->pnext;
	else
		p->replies = r->pnext;
	if (r->pnext)
		r->pnext->pprev = r->pprev;
	r->pipe = NULL;
	pipe_unref(p);
}

/* Fail a call that is still waiting: the caller gets ARGOT_EPIPE. */
static void reply_fail(struct reply *r)
{
	if (r->state == R_WAIT) {
		r->state = R_DEAD;
		sched_wake_all(&r->wq);
	}
	reply_unlink(r);
}

/* The caller pays for the reply object and for room for an answer as
 * large as its receive buffer, so that the server's answer is already
 * paid for and cannot fail for the server's quota (or the caller's). */
struct reply *reply_create(struct pipe *p, uint32_t rcap)
{
	struct proc *a = cur->proc;
	uint32_t rsv = kmem_cost(sizeof(struct kmsg) +
				 (rcap < ARGOT_MSG_MAXDATA ? rcap : ARGOT_MSG_MAXDATA));
	if (proc_charge(a, rsv))
		return NULL;
	struct reply *r = kalloc_for(a, sizeof(*r));
	if (!r) {
		proc_refund(a, rsv);
		return NULL;
	}
	r->acct = a;
	r->rsv = rsv;
	proc_ref(a);
	r->ref = 2;                  /* the holder and the caller */
	r->caller = cur;
	r->pipe = p;
	pipe_ref(p);
	r->pnext = p->replies;
	if (p->replies)
		p->replies->pprev = r;
	p->replies = r;
	return r;
}

void reply_unref(struct reply *r)
{
	if (--r->ref > 0)
		return;
	reply_unlink(r);
	if (r->answer)
		kmsg_free(r->answer);
	struct proc *a = r->acct;
	proc_refund(a, r->rsv);
	kfree_for(a, r, sizeof(*r));
	proc_unref(a);
}

void reply_drop(struct reply *r)
{
	reply_fail(r);
	reply_unref(r);
}

/* The server answered: hand the message to the caller. */
int reply_answer(struct reply *r, struct kmsg *m)
{
	if (r->state != R_WAIT || !r->caller)
		return -ARGOT_EPIPE;
	r->answer = m;
	r->state = R_DONE;
	reply_unlink(r);
	sched_wake_all(&r->wq);
	return 0;
}

/* The caller stops waiting (done, timed out, aborted or killed). */
void reply_abandon(struct reply *r)
{
	r->caller = NULL;
	reply_fail(r);
	reply_unref(r);
}

/* Receive ends can carry receive ends, so killing one may kill a chain;
 * a work list keeps the kernel stack flat however long the chain. */
static struct pipe *killq;
static int killing;

static void pipe_flush(struct pipe *p)
{
	struct kmsg *m;
	while ((m = p->qhead) != NULL) {
		p->qhead = m->next;
		p->qlen--;
		kmsg_done(p, m);
	}
	p->qtail = NULL;
	while (p->replies)
		reply_fail(p->replies);
	sched_wake_all(&p->sendq);
	sched_wake_all(&p->recvq);
}

void pipe_kill(struct pipe *p)
{
	if (!p->alive)
		return;
	p->alive = 0;
	if (p->owner)
		pipe_set_owner(p, NULL);
	pipe_ref(p);
	p->onext = killq;
	killq = p;
	if (killing)
		return;
	killing = 1;
	while (killq) {
		struct pipe *x = killq;
		killq = x->onext;
		x->onext = NULL;
		pipe_flush(x);
		pipe_unref(x);
	}
	killing = 0;
}

/*
 * sched.c - fixed-priority round robin, wait queues with timeouts, and
 * the direct hand-off that makes a CALL cost one switch each way.
 * The kernel is not preemptible: it runs with interrupts off except in
 * the idle loop, so none of this needs locks.
 */
#include "kern.h"
#include "arch/i386/x86.h"

struct thread *cur;
volatile uint32_t jiffies;
int need_resched;
static struct thread *rq_head[ARGOT_PRIO_MAX + 1], *rq_tail[ARGOT_PRIO_MAX + 1];
static uint32_t rq_mask;
static struct thread *idle;
static struct thread *sleepers;           /* blocked with a deadline */
static struct thread *reap;               /* dead; its stack is freed next */

void sched_init(struct thread *t)
{
	idle = cur = t;
	t->state = T_RUNNING;
}

static int top_prio(void)
{
	return rq_mask ? 31 - __builtin_clz(rq_mask) : -1;
}

static int inrq(struct thread *t)
{
	for (struct thread *x = rq_head[t->prio]; x; x = x->qnext)
		if (x == t)
			return 1;
	return 0;
}

static void rq_push(struct thread *t, int front)
{
	uint32_t p = t->prio;
	t->qnext = NULL;
	if (!rq_head[p]) {
		rq_head[p] = rq_tail[p] = t;
	} else if (front) {
		t->qnext = rq_head[p];
		rq_head[p] = t;
	} else {
		rq_tail[p]->qnext = t;
		rq_tail[p] = t;
	}
	rq_mask |= 1u << p;
}

static void rq_remove(struct thread *t)
{
	uint32_t p = t->prio;
	struct thread **pp = &rq_head[p], *prev = NULL;
	for (; *pp; prev = *pp, pp = &(*pp)->qnext) {
		if (*pp != t)
			continue;
		*pp = t->qnext;
		if (rq_tail[p] == t)
			rq_tail[p] = prev;
		if (!rq_head[p])
			rq_mask &= ~(1u << p);
		t->qnext = NULL;
		return;
	}
}

static struct thread *pick(void)
{
	int p = top_prio();
	if (p < 0)
		return idle;
	struct thread *t = rq_head[p];
	rq_remove(t);
	return t;
}

static void switch_to(struct thread *next)
{
	struct thread *prev = cur;
	next->state = T_RUNNING;
	if (next == prev)
		return;
	cur = next;
	arch_switch(prev, next);
	sched_tail();
}

/* Runs first in every thread that was switched to. */
void sched_tail(void)
{
	if (reap) {
		struct thread *t = reap;
		reap = NULL;
		kfree_for(t->proc, t->kstack, KSTACK);
		t->kstack = NULL;
		thread_unref(t);
	}
}

void sched_ready(struct thread *t)
{
	t->state = T_READY;
	if (t->suspended || t == cur || inrq(t))
		return;
	rq_push(t, 0);
	if (cur == idle || t->prio > cur->prio)
		need_resched = 1;
}

void sched_unready(struct thread *t)
{
	if (t->state == T_READY)
		rq_remove(t);
}

void sched_yield(void)
{
	need_resched = 0;
	if (cur != idle && cur->state == T_RUNNING) {
		cur->state = T_READY;
		if (!cur->suspended)
			rq_push(cur, 0);
	}
	switch_to(pick());
}

/* The replier keeps its place at the head of its queue: it runs again
 * as soon as the caller blocks for its next request. */
void sched_handoff(struct thread *t)
{
	if (!t || t->state != T_READY || t->suspended || cur == idle ||
	    t->prio < cur->prio || (int)t->prio < top_prio())
		return;
	rq_remove(t);
	cur->state = T_READY;
	rq_push(cur, 1);
	switch_to(t);
}

static void sleep_remove(struct thread *t)
{
	for (struct thread **pp = &sleepers; *pp; pp = &(*pp)->snext)
		if (*pp == t) {
			*pp = t->snext;
			break;
		}
	t->onsleep = 0;
}

/* Block on q until woken, until jiffies reaches deadline (0: never), or
 * until aborted.  hint: a thread just made ready that should run now
 * (the server a CALL went to), priority permitting. */
int sched_block(struct waitq *q, uint32_t deadline, struct thread *hint)
{
	if (cur->killed)
		return W_KILLED;
	if (cur->abort) {
		cur->abort = 0;
		return W_INTR;
	}
	if (deadline && (int32_t)(deadline - jiffies) <= 0)
		return W_TIMEOUT;
	cur->state = T_BLOCKED;
	cur->why = W_OK;
	cur->wq = q;
	cur->qnext = NULL;
	struct thread **pp = &q->head;
	while (*pp)
		pp = &(*pp)->qnext;
	*pp = cur;
	if (deadline) {
		cur->deadline = deadline;
		cur->snext = sleepers;
		sleepers = cur;
		cur->onsleep = 1;
	}
	struct thread *next;
	if (hint && hint->state == T_READY && !hint->suspended &&
	    (int)hint->prio >= top_prio() && inrq(hint)) {
		rq_remove(hint);
		next = hint;
	} else {
		next = pick();
	}
	switch_to(next);
	return cur->why;
}

void sched_wake(struct thread *t, int why)
{
	if (t->state != T_BLOCKED)
		return;
	for (struct thread **pp = &t->wq->head; *pp; pp = &(*pp)->qnext)
		if (*pp == t) {
			*pp = t->qnext;
			break;
		}
	t->wq = NULL;
	t->qnext = NULL;
	if (t->onsleep)
		sleep_remove(t);
	t->why = why;
	sched_ready(t);
}

void sched_wake_one(struct waitq *q)
{
	if (q->head)
		sched_wake(q->head, W_OK);
}

void sched_wake_all(struct waitq *q)
{
	while (q->head)
		sched_wake(q->head, W_OK);
}

void sched_tick(void)
{
	jiffies++;
	struct thread *t = sleepers, *n;
	for (; t; t = n) {
		n = t->snext;
		if ((int32_t)(t->deadline - jiffies) <= 0)
			sched_wake(t, W_TIMEOUT);
	}
	if (rq_mask && (cur == idle || top_prio() >= (int)cur->prio))
		need_resched = 1;
}

void sched_exit(void)
{
	cur->state = T_DEAD;
	reap = cur;
	switch_to(pick());
	panic("dead thread ran");
}

void sched_idle(void)
{
	for (;;) {
		if (rq_mask)
			sched_yield();
		else
			sti_hlt();
	}
}

/* Priority change of a thread that may sit on the run queue. */
void sched_setprio(struct thread *t, uint32_t prio)
{
	int queued = t->state == T_READY && inrq(t);
	if (queued)
		rq_remove(t);
	t->prio = prio;
	if (queued)
		rq_push(t, 0);
	need_resched = 1;
}

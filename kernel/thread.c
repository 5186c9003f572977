/*
 * thread.c - threads.  A thread is only ever destroyed by itself, on its
 * way out of the kernel: killing marks it and wakes it, so whatever it
 * was doing unwinds normally first (xv6's p->killed).
 */
#include "kern.h"

struct thread *thread_create(struct proc *p, uint32_t eip, uint32_t esp,
			     uint32_t eax, uint32_t prio, int suspended)
{
	/* charged to the process the thread belongs to */
	struct thread *t = kalloc_for(p, sizeof(*t));
	if (!t)
		return NULL;
	t->kstack = kalloc_for(p, KSTACK);
	if (!t->kstack) {
		kfree_for(p, t, sizeof(*t));
		return NULL;
	}
	arch_thread_init(t, eip, esp, eax);
	t->ref = 1;                  /* alive; dropped when its stack is freed */
	t->proc = p;
	proc_ref(p);
	t->prio = prio;
	t->suspended = suspended;
	t->pnext = p->threads;
	p->threads = t;
	p->nthreads++;
	sched_ready(t);
	return t;
}

void thread_ref(struct thread *t) { t->ref++; }

void thread_unref(struct thread *t)
{
	if (--t->ref > 0)
		return;
	struct proc *p = t->proc;
	kfree_for(p, t, sizeof(*t));
	proc_unref(p);
}

void thread_kill(struct thread *t)
{
	if (t->state == T_DEAD)
		return;
	t->killed = 1;
	t->suspended = 0;
	if (t->state == T_BLOCKED)
		sched_wake(t, W_KILLED);
	else if (t->state == T_READY)
		sched_ready(t);
}

/* First C code of a new thread (called from thread_start). */
void thread_first_run(void)
{
	sched_tail();
	if (cur->killed)
		thread_exit();
}

void thread_exit(void)
{
	struct thread *t = cur;
	struct proc *p = t->proc;
	struct thread **pp = &p->threads;
	while (*pp != t)
		pp = &(*pp)->pnext;
	*pp = t->pnext;
	if (--p->nthreads == 0) {
		if (!p->dying)
			proc_kill(p, ARGOT_DEATH_EXIT, 0, 0, 0);
		proc_finish(p);
	}
	sched_exit();
}

void thread_abort(struct thread *t)
{
	if (t->state == T_BLOCKED)
		sched_wake(t, W_INTR);
	else
		t->abort = 1;
}

void thread_suspend(struct thread *t)
{
	t->suspended = 1;
	if (t == cur)
		sched_yield();
	else
		sched_unready(t);
}

void thread_resume(struct thread *t)
{
	if (!t->suspended)
		return;
	t->suspended = 0;
	if (t->state == T_READY)
		sched_ready(t);
}

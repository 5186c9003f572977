/*
 * proc.c - processes: creation, quota, death and its notifications.
 * Death comes in two steps.  proc_kill closes every handle at once (so
 * clients of a dead server get ARGOT_EPIPE now) and tells each thread to
 * die; proc_finish runs when the last thread is gone, frees the address
 * space and sends the preallocated death messages.
 */
#include "kern.h"

#define HTAB (ARGOT_MAXHANDLES * sizeof(struct hent))

struct proc *first_proc;
static struct proc *procs;
uint32_t nprocs;

/* The fixed costs (this struct, the handle table, the page directory)
 * are charged to the creator, acct; NULL for the first process. */
struct proc *proc_create(const char *name, uint32_t maxprio, uint32_t quota,
			 struct proc *acct)
{
	struct proc *p = kalloc_for(acct, sizeof(*p));
	if (!p)
		return NULL;
	p->acct = acct;
	p->htab = kalloc_for(acct, HTAB);
	if (!p->htab || vm_init_space(p)) {
		kfree_for(acct, p->htab, HTAB);
		kfree_for(acct, p, sizeof(*p));
		return NULL;
	}
	if (acct)
		proc_ref(acct);
	strlcpy0(p->name, name, sizeof(p->name));
	p->maxprio = maxprio;
	p->quota = quota;
	p->ref = 1;                  /* alive; dropped by proc_finish */
	p->next = procs;
	if (procs)
		procs->prev = p;
	procs = p;
	nprocs++;
	return p;
}

void proc_ref(struct proc *p) { p->ref++; }

/* Every charged object holds a reference to the process it is charged
 * to, so nothing can be charged when the last goes.  Freeing a process
 * drops its creator's reference: a loop, not recursion, as a chain of
 * dead creators can be long. */
void proc_unref(struct proc *p)
{
	while (p && --p->ref == 0) {
		struct proc *a = p->acct;
		if (p->used)
			panic("proc %s freed with %u bytes charged", p->name, (uint32_t)p->used);
		kfree_for(a, p->htab, HTAB);
		kfree_for(a, p, sizeof(*p));
		p = a;
	}
}

/* Quota is in pages; charges are in bytes, what each allocation really
 * takes (kmem_cost, or whole frames), so refunds are exact. */
int proc_charge(struct proc *p, uint64_t bytes)
{
	if (p->used + bytes > (uint64_t)p->quota * PGSIZE)
		return -1;
	p->used += bytes;
	return 0;
}

void proc_refund(struct proc *p, uint64_t bytes)
{
	p->used -= bytes;
}

uint32_t proc_left(struct proc *p)
{
	uint64_t q = (uint64_t)p->quota * PGSIZE;
	return p->used < q ? (uint32_t)((q - p->used) >> 12) : 0;
}

/* A process that holds the only handle to another can be killed while
 * closing handles; a work list keeps that chain off the kernel stack. */
static struct proc *killq;
static int killing;

void proc_kill(struct proc *p, uint32_t how, uint32_t status, uint32_t addr, uint32_t cr2)
{
	if (p->dying)
		return;
	p->dying = 1;
	p->death.how = how;
	p->death.status = status;
	p->death.addr = addr;
	p->death.cr2 = cr2;
	proc_ref(p);
	p->knext = killq;
	killq = p;
	if (killing)
		return;
	killing = 1;
	while ((p = killq) != NULL) {
		killq = p->knext;
		htab_close_all(p);
		for (struct thread *t = p->threads; t; t = t->pnext)
			thread_kill(t);
		if (p->nthreads == 0)
			proc_finish(p);
		proc_unref(p);
	}
	killing = 0;
}

/* Nobody can give threads to a process without a handle to it (its
 * own handles to itself do not count: it has no thread to use them). */
void proc_check_orphan(struct proc *p)
{
	if (p->nhandles == p->selfh && p->nthreads == 0 && !p->dying)
		proc_kill(p, ARGOT_DEATH_KILLED, 0, 0, 0);
}

void proc_handle_drop(struct proc *p)
{
	p->nhandles--;
	proc_check_orphan(p);
	proc_unref(p);
}

static void send_death(struct proc *p, struct watch *w)
{
	struct argot_death *d = (struct argot_death *)w->msg->data;
	uint32_t cookie = d->cookie;
	*d = p->death;
	d->cookie = cookie;
	if (w->pipe->alive)
		pipe_enqueue(w->pipe, w->msg);   /* preallocated: never blocks */
	else
		kmsg_free(w->msg);
	pipe_send_drop(w->pipe);
	struct proc *a = w->acct;
	kfree_for(a, w, sizeof(*w));
	proc_unref(a);
}

void proc_finish(struct proc *p)
{
	if (p->dying == 2)
		return;
	p->dying = 2;
	htab_close_all(p);           /* anything delivered while dying */
	vm_free_space(p);
	if (p->iomap) {
		arch_proc_gone(p);
		kfree_for(p, p->iomap, 8192);
		p->iomap = NULL;
	}
	while (p->watchers) {
		struct watch *w = p->watchers;
		p->watchers = w->next;
		send_death(p, w);
	}
	if (p->prev)
		p->prev->next = p->next;
	else
		procs = p->next;
	if (p->next)
		p->next->prev = p->prev;
	if (--nprocs == 0) {
		kprintf("argot: no processes left\n");
		if (cmdline_has("panic=exit"))
			arch_exit_qemu(p->death.how == ARGOT_DEATH_EXIT ?
				       p->death.status & 0x7f : 0x7f);
	}
	proc_unref(p);
}

/* The watch and its death message are charged to the watcher, acct. */
int proc_watch(struct proc *p, struct pipe *pp, uint32_t cookie, struct proc *acct)
{
	struct watch *w = kalloc_for(acct, sizeof(*w));
	if (!w)
		return -ARGOT_ENOMEM;
	w->msg = kmsg_alloc(acct, sizeof(struct argot_death));
	if (!w->msg) {
		kfree_for(acct, w, sizeof(*w));
		return -ARGOT_ENOMEM;
	}
	w->acct = acct;
	proc_ref(acct);
	w->msg->tag = ARGOT_MSG_DEATH;
	((struct argot_death *)w->msg->data)->cookie = cookie;
	w->pipe = pp;
	pp->nsend++;                 /* the kernel holds a send right */
	pipe_ref(pp);
	if (p->dying == 2) {
		send_death(p, w);    /* already dead: tell at once */
		return 0;
	}
	w->next = p->watchers;
	p->watchers = w;
	return 0;
}

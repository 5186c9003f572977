/*
 * ksvc_proc.c - requests on process and thread handles.  Holding the
 * handle is the authority; the checks here are only about limits the
 * holder itself is subject to (priorities, quota).
 */
#include "kern.h"

static uint32_t req32(struct ksvc *k) { return *(const uint32_t *)k->req; }

static int range_ok(uint32_t va, uint32_t size)
{
	return (va & (PGSIZE - 1)) == 0 && va >= ARGOT_USER_BASE &&
	       va < ARGOT_USER_TOP && size &&
	       size <= ARGOT_USER_TOP && PGROUND(size) <= ARGOT_USER_TOP - va;
}

static int map(struct ksvc *k, struct proc *p)
{
	const struct argot_proc_map *r = (const void *)k->req;
	if (k->in[0].type != ARGOT_HT_MEMOBJ)
		return -ARGOT_ENOTSUP;
	struct memobj *m = k->in[0].obj;
	uint32_t n = PGROUND(r->size) / PGSIZE, va = r->va;
	if (r->size == 0 || r->size > ARGOT_USER_TOP || (r->offset & (PGSIZE - 1)) ||
	    r->offset / PGSIZE > m->npages || n > m->npages - r->offset / PGSIZE)
		return -ARGOT_EINVAL;
	if (r->flags & ARGOT_MAP_FIXED) {
		if (!range_ok(va, r->size))
			return -ARGOT_EINVAL;
	} else if (!(va = vm_findfree(p, va, n))) {
		return -ARGOT_ENOMEM;
	}
	int err = vm_map(p, va, m, r->offset / PGSIZE, n, r->prot);
	if (err)
		return err;
	*(uint32_t *)k->rep = va;
	k->replen = 4;
	return 0;
}

static int give(struct ksvc *k, struct proc *p)
{
	struct hent e = k->in[0];
	int32_t h = k->inh[0] & ~ARGOT_HMOVE;
	int move = (k->inh[0] & ARGOT_HMOVE) || e.type == ARGOT_HT_PIPE_RECV ||
		   e.type == ARGOT_HT_REPLY;
	if (!htab_nfree(p, 1))
		return -ARGOT_EMFILE;
	if (move)
		e = htab_take(k->p, h);
	else
		hent_dup(&e);
	*(int32_t *)k->rep = htab_put(p, e.type, e.obj);
	k->replen = 4;
	if (e.type == ARGOT_HT_PROCESS)
		proc_check_orphan(e.obj);
	return 0;
}

static int take(struct ksvc *k, struct proc *p)
{
	struct hent *e = htab_get(p, (int32_t)req32(k));
	if (!e)
		return -ARGOT_EBADF;
	if (e->type == ARGOT_HT_PIPE_RECV || e->type == ARGOT_HT_REPLY)
		return -ARGOT_ENOTSUP;
	k->out[0] = *e;
	hent_dup(&k->out[0]);
	k->nout = 1;
	return 0;
}

static int set_maxprio(struct ksvc *k, struct proc *p)
{
	uint32_t v = req32(k);
	if (v > ARGOT_PRIO_MAX)
		return -ARGOT_EINVAL;
	if (v > p->maxprio && v > k->p->maxprio)
		return -ARGOT_EPERM;
	p->maxprio = v;
	for (struct thread *t = p->threads; t; t = t->pnext)
		if (t->prio > v)
			sched_setprio(t, v);
	return 0;
}

/* Raising a quota spends the caller's own: only another process's. */
static int set_quota(struct ksvc *k, struct proc *p)
{
	uint32_t v = req32(k);
	if (v > p->quota && (p == k->p || v - p->quota > proc_left(k->p)))
		return -ARGOT_EPERM;
	p->quota = v;
	return 0;
}

static int thread_new(struct ksvc *k, struct proc *p)
{
	const struct argot_proc_thread_create *r = (const void *)k->req;
	if (r->prio > ARGOT_PRIO_MAX)
		return -ARGOT_EINVAL;
	if (r->prio > p->maxprio)
		return -ARGOT_EPERM;
	struct thread *t = thread_create(p, r->eip, r->esp, r->eax, r->prio, r->suspended != 0);
	if (!t)
		return -ARGOT_ENOMEM;
	thread_ref(t);
	k->out[0] = (struct hent){ ARGOT_HT_THREAD, t };
	k->nout = 1;
	return 0;
}

static int info(struct ksvc *k, struct proc *p)
{
	struct argot_proc_info *i = (void *)k->rep;
	memcpy(i->name, p->name, 16);
	i->nthreads = p->nthreads;
	i->pages = p->pages;
	i->maxprio = p->maxprio;
	i->quota_pages = proc_left(p);
	k->replen = sizeof(*i);
	return 0;
}

int ksvc_proc(struct ksvc *k, uint32_t op, struct hent *t)
{
	struct proc *p = t->obj;
	const struct argot_proc_range *r = (const void *)k->req;
	if (p->dying)
		return -ARGOT_ESRCH;
	if (op == ARGOT_PROC_INFO)
		return info(k, p);
	switch (op) {
	case ARGOT_PROC_THREAD_CREATE: return thread_new(k, p);
	case ARGOT_PROC_MAP: return map(k, p);
	case ARGOT_PROC_UNMAP:
	case ARGOT_PROC_PROTECT:
		if (!range_ok(r->va, r->size))
			return -ARGOT_EINVAL;
		if (op == ARGOT_PROC_UNMAP)
			vm_unmap(p, r->va, PGROUND(r->size) / PGSIZE);
		else
			vm_protect(p, r->va, PGROUND(r->size) / PGSIZE, r->prot);
		return 0;
	case ARGOT_PROC_HANDLE_GIVE: return give(k, p);
	case ARGOT_PROC_HANDLE_TAKE: return take(k, p);
	case ARGOT_PROC_WATCH:
		if (k->in[0].type != ARGOT_HT_PIPE_SEND)
			return -ARGOT_ENOTSUP;
		return proc_watch(p, k->in[0].obj, req32(k), k->p);
	case ARGOT_PROC_KILL:
		proc_kill(p, ARGOT_DEATH_KILLED, 0, 0, 0);
		return 0;
	case ARGOT_PROC_EXIT:
		proc_kill(p, ARGOT_DEATH_EXIT, req32(k), 0, 0);
		return 0;
	case ARGOT_PROC_SET_MAXPRIO: return set_maxprio(k, p);
	case ARGOT_PROC_SET_QUOTA: return set_quota(k, p);
	}
	return -ARGOT_ENOSYS;
}

int ksvc_thread(struct ksvc *k, uint32_t op, struct hent *h)
{
	struct thread *t = h->obj;
	uint32_t v = req32(k);
	if (t->state == T_DEAD || t->killed)
		return -ARGOT_ESRCH;
	switch (op) {
	case ARGOT_THREAD_SUSPEND: thread_suspend(t); return 0;
	case ARGOT_THREAD_RESUME: thread_resume(t); return 0;
	case ARGOT_THREAD_GET_REGS:
		if (!t->suspended || t == cur)
			return -ARGOT_EBUSY;
		arch_get_regs(t, (struct argot_regs *)k->rep);
		k->replen = sizeof(struct argot_regs);
		return 0;
	case ARGOT_THREAD_SET_REGS:
		if (!t->suspended || t == cur)
			return -ARGOT_EBUSY;
		arch_set_regs(t, (const struct argot_regs *)k->req);
		return 0;
	case ARGOT_THREAD_SET_TLS:
		t->tls = v;
		if (t == cur)
			arch_set_tls(v);
		return 0;
	case ARGOT_THREAD_SET_PRIO:
		if (v > ARGOT_PRIO_MAX)
			return -ARGOT_EINVAL;
		if (v > t->proc->maxprio)
			return -ARGOT_EPERM;
		sched_setprio(t, v);
		return 0;
	case ARGOT_THREAD_ABORT: thread_abort(t); return 0;
	case ARGOT_THREAD_EXIT: thread_kill(t); return 0;
	}
	return -ARGOT_ENOSYS;
}

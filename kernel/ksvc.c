/*
 * ksvc.c - the kernel as a server.  A send on a handle that is not a
 * pipe is a request to the object's "owner", the kernel: the request is
 * checked against a table of shapes (data size, handles in and out,
 * reply size), served at once, and answered in the receive half of the
 * same argot_msg, exactly as a server's reply would be.
 */
#include "kern.h"

struct op {
	uint32_t op;
	uint8_t type, reqsize, nin, repsize, nout;
};

#define R(x) ((uint8_t)sizeof(struct x))
static const struct op ops[] = {
	{ ARGOT_K_PIPE_CREATE, ARGOT_HT_KERNEL, 4, 0, 0, 2 },
	{ ARGOT_K_PROC_CREATE, ARGOT_HT_KERNEL, R(argot_k_proc_create), 0, 0, 1 },
	{ ARGOT_K_MEMOBJ_CREATE, ARGOT_HT_KERNEL, 4, 0, 0, 1 },
	{ ARGOT_K_CLOCK, ARGOT_HT_KERNEL, 0, 0, R(argot_k_clock), 0 },
	{ ARGOT_K_INFO, ARGOT_HT_KERNEL, 0, 0, R(argot_k_info), 0 },
	{ ARGOT_K_PIPE_IDENTIFY, ARGOT_HT_KERNEL, 0, 1, 4, 0 },
	{ ARGOT_PIPE_SET_LABEL, ARGOT_HT_PIPE_RECV, 4, 0, 0, 0 },
	{ ARGOT_PIPE_MAKE_SEND, ARGOT_HT_PIPE_RECV, 0, 0, 0, 1 },
	{ ARGOT_PROC_THREAD_CREATE, ARGOT_HT_PROCESS, R(argot_proc_thread_create), 0, 0, 1 },
	{ ARGOT_PROC_MAP, ARGOT_HT_PROCESS, R(argot_proc_map), 1, 4, 0 },
	{ ARGOT_PROC_UNMAP, ARGOT_HT_PROCESS, R(argot_proc_range), 0, 0, 0 },
	{ ARGOT_PROC_PROTECT, ARGOT_HT_PROCESS, R(argot_proc_range), 0, 0, 0 },
	{ ARGOT_PROC_HANDLE_GIVE, ARGOT_HT_PROCESS, 0, 1, 4, 0 },
	{ ARGOT_PROC_HANDLE_TAKE, ARGOT_HT_PROCESS, 4, 0, 0, 1 },
	{ ARGOT_PROC_WATCH, ARGOT_HT_PROCESS, 4, 1, 0, 0 },
	{ ARGOT_PROC_KILL, ARGOT_HT_PROCESS, 0, 0, 0, 0 },
	{ ARGOT_PROC_EXIT, ARGOT_HT_PROCESS, 4, 0, 0, 0 },
	{ ARGOT_PROC_INFO, ARGOT_HT_PROCESS, 0, 0, R(argot_proc_info), 0 },
	{ ARGOT_PROC_SET_MAXPRIO, ARGOT_HT_PROCESS, 4, 0, 0, 0 },
	{ ARGOT_PROC_SET_QUOTA, ARGOT_HT_PROCESS, 4, 0, 0, 0 },
	{ ARGOT_THREAD_SUSPEND, ARGOT_HT_THREAD, 0, 0, 0, 0 },
	{ ARGOT_THREAD_RESUME, ARGOT_HT_THREAD, 0, 0, 0, 0 },
	{ ARGOT_THREAD_GET_REGS, ARGOT_HT_THREAD, 0, 0, R(argot_regs), 0 },
	{ ARGOT_THREAD_SET_REGS, ARGOT_HT_THREAD, R(argot_regs), 0, 0, 0 },
	{ ARGOT_THREAD_SET_TLS, ARGOT_HT_THREAD, 4, 0, 0, 0 },
	{ ARGOT_THREAD_SET_PRIO, ARGOT_HT_THREAD, 4, 0, 0, 0 },
	{ ARGOT_THREAD_ABORT, ARGOT_HT_THREAD, 0, 0, 0, 0 },
	{ ARGOT_THREAD_EXIT, ARGOT_HT_THREAD, 0, 0, 0, 0 },
	{ ARGOT_MEMOBJ_SIZE, ARGOT_HT_MEMOBJ, 0, 0, 4, 0 },
	{ ARGOT_MEMOBJ_PHYS, ARGOT_HT_MEMOBJ, 0, 0, 0, 0 },
	{ ARGOT_IOPORT_GRANT, ARGOT_HT_IOPORT, 0, 1, 0, 0 },
	{ ARGOT_IOPORT_SUB, ARGOT_HT_IOPORT, R(argot_range), 0, 0, 1 },
	{ ARGOT_IOPORT_INFO, ARGOT_HT_IOPORT, 0, 0, R(argot_range), 0 },
	{ ARGOT_IRQ_ATTACH, ARGOT_HT_IRQ, 4, 1, 0, 0 },
	{ ARGOT_IRQ_ACK, ARGOT_HT_IRQ, 0, 0, 0, 0 },
	{ ARGOT_PHYSMEM_MEMOBJ, ARGOT_HT_PHYSMEM, R(argot_range), 0, 0, 1 },
	{ ARGOT_PHYSMEM_SUB, ARGOT_HT_PHYSMEM, R(argot_range), 0, 0, 1 },
	{ ARGOT_PHYSMEM_INFO, ARGOT_HT_PHYSMEM, 0, 0, R(argot_range), 0 },
};

static const struct op *find_op(uint32_t type, uint32_t tag)
{
	for (uint32_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (ops[i].op == tag && ops[i].type == type)
			return &ops[i];
	return NULL;
}

/* Everything that can fail before the service runs, so that a service
 * never creates objects it cannot hand back. */
static int check(struct ksvc *k, const struct op *o, uint8_t *req)
{
	struct argot_msg *m = k->m;
	if (m->slen > ARGOT_MSG_MAXDATA || m->snhnd > ARGOT_MSG_MAXHANDLES)
		return -ARGOT_EMSGSIZE;
	if (m->slen < o->reqsize || m->snhnd < o->nin)
		return -ARGOT_EINVAL;
	if (copyin(k->p, req, (uint32_t)m->sbuf, o->reqsize) ||
	    copyin(k->p, k->inh, (uint32_t)m->shnd, o->nin * 4))
		return -ARGOT_EFAULT;
	for (uint32_t i = 0; i < o->nin; i++) {
		struct hent *e = htab_get(k->p, k->inh[i] & ~ARGOT_HMOVE);
		if (!e || k->inh[i] < 0)
			return -ARGOT_EBADF;
		k->in[i] = *e;
	}
	if (o->repsize > m->rcap || o->nout > m->rhcap) {
		m->rlen = o->repsize;
		m->rnhnd = o->nout;
		return -ARGOT_EMSGSIZE;
	}
	if (!uaccess_ok(k->p, (uint32_t)m->rbuf, o->repsize, 1) ||
	    !uaccess_ok(k->p, (uint32_t)m->rhnd, o->nout * 4, 1))
		return -ARGOT_EFAULT;
	if (!htab_nfree(k->p, o->nout))
		return -ARGOT_EMFILE;
	return 0;
}

static int serve(struct ksvc *k, uint32_t op, struct hent *t)
{
	switch (t->type) {
	case ARGOT_HT_KERNEL:
	case ARGOT_HT_PIPE_RECV: return ksvc_kernel(k, op, t);
	case ARGOT_HT_PROCESS: return ksvc_proc(k, op, t);
	case ARGOT_HT_THREAD: return ksvc_thread(k, op, t);
	default: return ksvc_dev(k, op, t);
	}
}

/* Hand the reply back: data, new handles, then the header. */
static void answer(struct ksvc *k, int err)
{
	struct argot_msg *m = k->m;
	if (err == 0 && k->nout) {
		for (uint32_t i = 0; i < k->nout; i++) {
			int32_t id = htab_put(k->p, k->out[i].type, k->out[i].obj);
			copyout(k->p, (uint32_t)(m->rhnd + i), &id, 4);
		}
	}
	if (err == 0 && k->replen && !k->direct)
		copyout(k->p, (uint32_t)m->rbuf, k->rep, k->replen);
	if (err != -ARGOT_EMSGSIZE) {
		m->rlen = err ? 0 : k->replen;
		m->rnhnd = err ? 0 : k->nout;
	}
	m->tag = (uint32_t)err;
	m->label = 0;
	m->reply = ARGOT_NOHANDLE;
	copyout(k->p, k->umsg, m, sizeof(*m));
}

int ksvc_call(struct hent *target, struct argot_msg *m, uint32_t umsg)
{
	struct ksvc k;               /* on the stack: SUSPEND may switch */
	uint8_t req[64];
	memset(&k, 0, sizeof(k));
	k.p = cur->proc;
	k.m = m;
	k.umsg = umsg;
	k.req = req;
	if (!uaccess_ok(k.p, umsg, sizeof(*m), 1))
		return -ARGOT_EFAULT;
	const struct op *o = find_op(target->type, m->tag);
	int err = o ? check(&k, o, req) : -ARGOT_ENOSYS;
	if (err == 0) {
		k.nin = o->nin;
		struct hent t = *target;
		hent_pin(&t);
		for (uint32_t i = 0; i < k.nin; i++)
			hent_pin(&k.in[i]);
		err = serve(&k, o->op, &t);
		for (uint32_t i = 0; i < k.nin; i++) {
			struct hent *e = htab_get(k.p, k.inh[i] & ~ARGOT_HMOVE);
			if (err == 0 && k.inh[i] & ARGOT_HMOVE && e && e->obj == k.in[i].obj &&
			    o->op != ARGOT_PROC_HANDLE_GIVE)
				htab_close(k.p, k.inh[i] & ~ARGOT_HMOVE);
			hent_unpin(&k.in[i]);
		}
		hent_unpin(&t);
	}
	answer(&k, err);
	return err;
}

static uint32_t req32(struct ksvc *k) { return *(const uint32_t *)k->req; }

/* Which of the caller's own pipes does send handle in[0] reach?  Only
 * the kernel can tell (a handle number says nothing), and it answers
 * about the caller's pipes alone: any other pipe, live, dead or with its
 * receive end in flight, is ENOENT, so neither a label nor whether the
 * pipe exists leaks.  A dead pipe has no owner (pipe_kill). */
static int pipe_identify(struct ksvc *k)
{
	struct pipe *pp = k->in[0].obj;
	if (k->in[0].type != ARGOT_HT_PIPE_SEND)
		return -ARGOT_ENOTSUP;
	if (pp->owner != k->p)
		return -ARGOT_ENOENT;
	memcpy(k->rep, &pp->label, 4);
	k->replen = 4;
	return 0;
}

/* ARGOT_HT_KERNEL and ARGOT_HT_PIPE_RECV */
int ksvc_kernel(struct ksvc *k, uint32_t op, struct hent *t)
{
	struct proc *p = k->p;
	switch (op) {
	case ARGOT_K_PIPE_CREATE: {
		struct pipe *pp = pipe_create(req32(k), p);
		if (!pp)
			return -ARGOT_ENOMEM;
		pp->nsend = 1;
		pipe_ref(pp);
		k->out[0] = (struct hent){ ARGOT_HT_PIPE_RECV, pp };
		k->out[1] = (struct hent){ ARGOT_HT_PIPE_SEND, pp };
		k->nout = 2;
		return 0;
	}
	case ARGOT_K_PROC_CREATE: {
		const struct argot_k_proc_create *r = (const void *)k->req;
		uint32_t left = proc_left(p), q = r->quota_pages ? r->quota_pages : left;
		if (r->maxprio > ARGOT_PRIO_MAX)
			return -ARGOT_EINVAL;
		if (r->maxprio > p->maxprio)
			return -ARGOT_EPERM;
		if (q > left)
			return -ARGOT_ENOMEM;
		char name[16];
		memcpy(name, r->name, 16);
		name[15] = 0;
		struct proc *np = proc_create(name, r->maxprio, q, p);
		if (!np)
			return -ARGOT_ENOMEM;
		proc_ref(np);
		np->nhandles = 1;
		k->out[0] = (struct hent){ ARGOT_HT_PROCESS, np };
		k->nout = 1;
		return 0;
	}
	case ARGOT_K_MEMOBJ_CREATE: {
		uint32_t size = req32(k);
		if (size == 0)
			return -ARGOT_EINVAL;
		uint32_t n = size / PGSIZE + (size % PGSIZE != 0);
		struct memobj *m = memobj_create(p, n);
		if (!m)
			return -ARGOT_ENOMEM;
		k->out[0] = (struct hent){ ARGOT_HT_MEMOBJ, m };
		k->nout = 1;
		return 0;
	}
	case ARGOT_K_CLOCK: {
		struct argot_k_clock *c = (void *)k->rep;
		c->ns = clock_ns(&c->tsc);
		c->tsc_hz = tsc_hz;
		k->replen = sizeof(*c);
		return 0;
	}
	case ARGOT_K_INFO: {
		struct argot_k_info *i = (void *)k->rep;
		i->mem_pages = pmem_total;
		i->free_pages = pmem_nfree;
		i->ticks_hz = HZ;
		i->nprocs = nprocs;
		k->replen = sizeof(*i);
		return 0;
	}
	case ARGOT_K_PIPE_IDENTIFY:
		return pipe_identify(k);
	case ARGOT_PIPE_SET_LABEL:
		((struct pipe *)t->obj)->label = req32(k);
		return 0;
	case ARGOT_PIPE_MAKE_SEND: {
		struct pipe *pp = t->obj;
		pp->nsend++;
		pipe_ref(pp);
		k->out[0] = (struct hent){ ARGOT_HT_PIPE_SEND, pp };
		k->nout = 1;
		return 0;
	}
	}
	return -ARGOT_ENOSYS;
}

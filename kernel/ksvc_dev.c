/*
 * ksvc_dev.c - memory objects and the hardware resources a driver is
 * given: I/O port ranges, IRQ lines and physical ranges.  Each can be
 * narrowed into a sub-range handle and delegated like any handle.
 */
#include "kern.h"

struct irqline irqs[NIRQ];

/* charged to acct, the process that narrowed it (NULL at boot) */
struct range *range_create(struct proc *acct, uint32_t base, uint32_t count)
{
	struct range *r = kalloc_for(acct, sizeof(*r));
	if (r) {
		r->ref = 1;
		r->base = base;
		r->count = count;
		r->acct = acct;
		if (acct)
			proc_ref(acct);
	}
	return r;
}

void range_unref(struct range *r)
{
	if (--r->ref > 0)
		return;
	struct proc *a = r->acct;
	kfree_for(a, r, sizeof(*r));
	proc_unref(a);
}

/* A device interrupt: the line is already masked until IRQ_ACK; at
 * most one message per line is queued, preallocated, never blocking. */
void irq_dispatch(int irq)
{
	struct irqline *l = &irqs[irq];
	if (!l->msg || !l->pipe || !l->pipe->alive || l->queued)
		return;
	l->queued = 1;
	l->msg->label = l->label;
	pipe_enqueue(l->pipe, l->msg);
}

static int sub(struct ksvc *k, struct range *r, uint32_t type)
{
	const struct argot_range *q = (const void *)k->req;
	if (q->count == 0 || q->base < r->base || q->base - r->base > r->count ||
	    q->count > r->count - (q->base - r->base))
		return -ARGOT_EINVAL;
	struct range *n = range_create(k->p, q->base, q->count);
	if (!n)
		return -ARGOT_ENOMEM;
	k->out[0] = (struct hent){ type, n };
	k->nout = 1;
	return 0;
}

static int info(struct ksvc *k, struct range *r)
{
	struct argot_range *q = (void *)k->rep;
	q->base = r->base;
	q->count = r->count;
	k->replen = sizeof(*q);
	return 0;
}

static int grant(struct ksvc *k, struct range *r)
{
	if (k->in[0].type != ARGOT_HT_PROCESS)
		return -ARGOT_ENOTSUP;
	struct proc *p = k->in[0].obj;
	if (p->dying)
		return -ARGOT_ESRCH;
	if (!p->iomap) {
		if (!(p->iomap = kalloc_for(p, 8192)))   /* freed with p */
			return -ARGOT_ENOMEM;
		memset(p->iomap, 0xff, 8192);
	}
	for (uint32_t port = r->base; port < r->base + r->count && port < 0x10000; port++)
		p->iomap[port / 8] &= ~(1u << (port % 8));
	arch_iomap_changed(p);
	return 0;
}

/* Only frames that are not RAM the kernel hands out (device memory,
 * the first MiB) may be wrapped: RAM comes as memobjs, with quota. */
static int phys_memobj(struct ksvc *k, struct range *r)
{
	const struct argot_range *q = (const void *)k->req;
	uint32_t n = PGROUND(q->count) / PGSIZE;
	if ((q->base & (PGSIZE - 1)) || q->count == 0 || n == 0 || q->base < r->base ||
	    q->base - r->base > r->count || q->count > r->count - (q->base - r->base) ||
	    q->base + n * PGSIZE - 1 < q->base)
		return -ARGOT_EINVAL;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t pa = q->base + i * PGSIZE;
		if (pa >= 0x100000 && pmem_is_ram(pa))
			return -ARGOT_EPERM;
	}
	struct memobj *m = memobj_wrap(k->p, q->base, n);
	if (!m)
		return -ARGOT_ENOMEM;
	k->out[0] = (struct hent){ ARGOT_HT_MEMOBJ, m };
	k->nout = 1;
	return 0;
}

static int attach(struct ksvc *k, struct irqline *l)
{
	if (k->in[0].type != ARGOT_HT_PIPE_SEND)
		return -ARGOT_ENOTSUP;
	if (!l->msg) {
		if (!(l->msg = kmsg_alloc(NULL, 4)))   /* one per line, for good */
			return -ARGOT_ENOMEM;
		l->msg->kind = KM_IRQ;
		l->msg->tag = ARGOT_MSG_IRQ;
		l->msg->haslabel = 1;
		*(uint32_t *)l->msg->data = l - irqs;
	}
	struct pipe *p = k->in[0].obj;
	p->nsend++;                  /* the kernel's own send right */
	pipe_ref(p);
	if (l->pipe)
		pipe_send_drop(l->pipe);
	l->pipe = p;
	l->label = *(const uint32_t *)k->req;
	pic_unmask(l - irqs);
	return 0;
}

static int phys_list(struct ksvc *k, struct memobj *m)
{
	uint32_t n = k->m->rcap / 4;
	if (n > m->npages)
		n = m->npages;
	if (copyout(k->p, (uint32_t)k->m->rbuf, m->frames, n * 4))
		return -ARGOT_EFAULT;
	k->replen = n * 4;
	k->direct = 1;
	return 0;
}

int ksvc_dev(struct ksvc *k, uint32_t op, struct hent *t)
{
	switch (op) {
	case ARGOT_MEMOBJ_SIZE:
		*(uint32_t *)k->rep = ((struct memobj *)t->obj)->npages * PGSIZE;
		k->replen = 4;
		return 0;
	case ARGOT_MEMOBJ_PHYS: return phys_list(k, t->obj);
	case ARGOT_IOPORT_GRANT: return grant(k, t->obj);
	case ARGOT_IOPORT_SUB: return sub(k, t->obj, ARGOT_HT_IOPORT);
	case ARGOT_IOPORT_INFO: return info(k, t->obj);
	case ARGOT_IRQ_ATTACH: return attach(k, t->obj);
	case ARGOT_IRQ_ACK: pic_unmask((struct irqline *)t->obj - irqs); return 0;
	case ARGOT_PHYSMEM_MEMOBJ: return phys_memobj(k, t->obj);
	case ARGOT_PHYSMEM_SUB: return sub(k, t->obj, ARGOT_HT_PHYSMEM);
	case ARGOT_PHYSMEM_INFO: return info(k, t->obj);
	}
	return -ARGOT_ENOSYS;
}

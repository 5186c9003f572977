/*
 * handle.c - per-process handle tables, and what a "right" is for each
 * object type.  A table entry holds one right: for a send handle that
 * is one count in pipe->nsend, for the receive end or a reply it is the
 * object itself (never duplicated), for the rest a reference.
 * A pin only keeps an object's memory alive across a blocking step.
 */
#include "kern.h"

struct hent *htab_get(struct proc *p, int32_t h)
{
	if (h < 0 || h >= (int32_t)ARGOT_MAXHANDLES)
		return NULL;
	struct hent *e = &p->htab[h];
	return e->type == ARGOT_HT_FREE ? NULL : e;
}

int htab_nfree(struct proc *p, int n)
{
	for (uint32_t i = 0; i < ARGOT_MAXHANDLES && n > 0; i++)
		if (p->htab[i].type == ARGOT_HT_FREE)
			n--;
	return n <= 0;
}

/* The lowest free number, as for file descriptors. */
int htab_put(struct proc *p, uint32_t type, void *obj)
{
	for (uint32_t i = 0; i < ARGOT_MAXHANDLES; i++) {
		if (p->htab[i].type != ARGOT_HT_FREE)
			continue;
		p->htab[i].type = type;
		p->htab[i].obj = obj;
		if (type == ARGOT_HT_PIPE_RECV)
			pipe_set_owner(obj, p);
		if (type == ARGOT_HT_PROCESS && obj == p)
			p->selfh++;
		return i;
	}
	return -ARGOT_EMFILE;
}

struct hent htab_take(struct proc *p, int32_t h)
{
	struct hent e = p->htab[h];
	p->htab[h].type = ARGOT_HT_FREE;
	p->htab[h].obj = NULL;
	if (e.type == ARGOT_HT_PIPE_RECV)
		pipe_set_owner(e.obj, NULL);
	if (e.type == ARGOT_HT_PROCESS && e.obj == p)
		p->selfh--;
	return e;
}

int htab_close(struct proc *p, int32_t h)
{
	if (!htab_get(p, h))
		return -ARGOT_EBADF;
	struct hent e = htab_take(p, h);
	hent_drop(&e);
	return 0;
}

void htab_close_all(struct proc *p)
{
	for (uint32_t i = 0; i < ARGOT_MAXHANDLES; i++)
		if (p->htab[i].type != ARGOT_HT_FREE)
			htab_close(p, i);
}

int hent_dup(struct hent *e)
{
	switch (e->type) {
	case ARGOT_HT_PIPE_SEND:
		((struct pipe *)e->obj)->nsend++;
		pipe_ref(e->obj);
		return 0;
	case ARGOT_HT_PIPE_RECV:
	case ARGOT_HT_REPLY:
		return -ARGOT_ENOTSUP;
	case ARGOT_HT_PROCESS:
		((struct proc *)e->obj)->nhandles++;
		proc_ref(e->obj);
		return 0;
	default:
		hent_pin(e);
		return 0;
	}
}

void hent_drop(struct hent *e)
{
	switch (e->type) {
	case ARGOT_HT_PIPE_SEND: pipe_send_drop(e->obj); break;
	case ARGOT_HT_PIPE_RECV: pipe_kill(e->obj); pipe_unref(e->obj); break;
	case ARGOT_HT_REPLY: reply_drop(e->obj); break;
	case ARGOT_HT_PROCESS: proc_handle_drop(e->obj); break;
	default: hent_unpin(e); break;
	}
}

void hent_pin(struct hent *e)
{
	switch (e->type) {
	case ARGOT_HT_PIPE_SEND:
	case ARGOT_HT_PIPE_RECV: pipe_ref(e->obj); break;
	case ARGOT_HT_REPLY: ((struct reply *)e->obj)->ref++; break;
	case ARGOT_HT_PROCESS: proc_ref(e->obj); break;
	case ARGOT_HT_THREAD: thread_ref(e->obj); break;
	case ARGOT_HT_MEMOBJ: ((struct memobj *)e->obj)->ref++; break;
	case ARGOT_HT_IOPORT:
	case ARGOT_HT_PHYSMEM: ((struct range *)e->obj)->ref++; break;
	default: break;               /* the kernel, IRQ lines: static */
	}
}

void hent_unpin(struct hent *e)
{
	switch (e->type) {
	case ARGOT_HT_PIPE_SEND:
	case ARGOT_HT_PIPE_RECV: pipe_unref(e->obj); break;
	case ARGOT_HT_REPLY: reply_unref(e->obj); break;
	case ARGOT_HT_PROCESS: proc_unref(e->obj); break;
	case ARGOT_HT_THREAD: thread_unref(e->obj); break;
	case ARGOT_HT_MEMOBJ: memobj_unref(e->obj); break;
	case ARGOT_HT_IOPORT:
	case ARGOT_HT_PHYSMEM: range_unref(e->obj); break;
	default: break;
	}
}

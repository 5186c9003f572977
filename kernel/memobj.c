/*
 * memobj.c - memory objects: a fixed list of frames, either allocated
 * (zeroed, charged to the creating process's quota) or wrapping frames
 * the kernel does not own (boot modules, device memory).
 */
#include "kern.h"

static struct memobj *alloc_obj(uint32_t n)
{
	if (n == 0 || n > (1u << 20))
		return NULL;
	struct memobj *m = kalloc(sizeof(*m));
	if (!m)
		return NULL;
	m->frames = kalloc(n * 4);
	if (!m->frames) {
		kfree(m, sizeof(*m));
		return NULL;
	}
	m->npages = n;
	m->ref = 1;
	return m;
}

struct memobj *memobj_create(struct proc *acct, uint32_t n)
{
	if (proc_charge(acct, n))
		return NULL;
	struct memobj *m = alloc_obj(n);
	if (!m) {
		proc_refund(acct, n);
		return NULL;
	}
	m->acct = acct;
	proc_ref(acct);
	for (uint32_t i = 0; i < n; i++) {
		m->frames[i] = pmem_alloc(1);
		if (!m->frames[i]) {
			memobj_unref(m);
			return NULL;
		}
	}
	return m;
}

struct memobj *memobj_wrap(uint32_t pa, uint32_t n)
{
	struct memobj *m = alloc_obj(n);
	if (!m)
		return NULL;
	m->phys = 1;
	for (uint32_t i = 0; i < n; i++)
		m->frames[i] = pa + i * PGSIZE;
	return m;
}

void memobj_unref(struct memobj *m)
{
	if (--m->ref > 0)
		return;
	if (!m->phys)
		for (uint32_t i = 0; i < m->npages && m->frames[i]; i++)
			pmem_free(m->frames[i], 1);
	if (m->acct) {
		proc_refund(m->acct, m->npages);
		proc_unref(m->acct);
	}
	kfree(m->frames, m->npages * 4);
	kfree(m, sizeof(*m));
}

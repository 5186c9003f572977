/*
 * memobj.c - memory objects: a fixed list of frames, either allocated
 * (zeroed, charged to the creating process's quota) or wrapping frames
 * the kernel does not own (boot modules, device memory).  The object and
 * its frame list are charged to the creator too (acct; NULL at boot).
 */
#include "kern.h"

static struct memobj *alloc_obj(struct proc *acct, uint32_t n)
{
	if (n == 0 || n > (1u << 20))
		return NULL;
	struct memobj *m = kalloc_for(acct, sizeof(*m));
	if (!m)
		return NULL;
	m->frames = kalloc_for(acct, n * 4);
	if (!m->frames) {
		kfree_for(acct, m, sizeof(*m));
		return NULL;
	}
	m->npages = n;
	m->ref = 1;
	m->acct = acct;
	if (acct)
		proc_ref(acct);
	return m;
}

struct memobj *memobj_create(struct proc *acct, uint32_t n)
{
	if (proc_charge(acct, (uint64_t)n * PGSIZE))
		return NULL;
	struct memobj *m = alloc_obj(acct, n);
	if (!m) {
		proc_refund(acct, (uint64_t)n * PGSIZE);
		return NULL;
	}
	for (uint32_t i = 0; i < n; i++) {
		m->frames[i] = pmem_alloc(1);
		if (!m->frames[i]) {
			memobj_unref(m);
			return NULL;
		}
	}
	return m;
}

struct memobj *memobj_wrap(struct proc *acct, uint32_t pa, uint32_t n)
{
	struct memobj *m = alloc_obj(acct, n);
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
	struct proc *a = m->acct;
	if (a && !m->phys)
		proc_refund(a, (uint64_t)m->npages * PGSIZE);
	kfree_for(a, m->frames, m->npages * 4);
	kfree_for(a, m, sizeof(*m));
	proc_unref(a);
}

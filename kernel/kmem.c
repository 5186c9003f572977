/*
 * kmem.c - the kernel heap.  Small objects come from power-of-two free
 * lists carved out of whole frames; anything over 2 KiB is a run of
 * frames.  Callers pass the size back to kfree, as in xv6's kfree, so no
 * header is needed.  Memory is always returned zeroed.
 *
 * Whatever the kernel allocates on a process's behalf is charged to a
 * quota (kalloc_for): what the allocation really takes, its size class
 * or its whole frames, so that every charge is refunded exactly.
 */
#include "kern.h"

#define MINSHIFT 4                         /* 16 bytes */
#define NCLASS   8                         /* ... 2048 bytes */
struct freeobj { struct freeobj *next; };
static struct freeobj *freelist[NCLASS];

static int sizeclass(uint32_t size)
{
	int c = 0;
	while ((1u << (c + MINSHIFT)) < size)
		c++;
	return c;
}

#define MAXSMALL (1u << (MINSHIFT + NCLASS - 1))

uint32_t kmem_cost(uint32_t size)
{
	if (size > MAXSMALL)
		return PGROUND(size);
	return 1u << (sizeclass(size ? size : 1) + MINSHIFT);
}

void *kalloc(uint32_t size)
{
	if (size == 0)
		size = 1;
	if (size > MAXSMALL) {
		uint32_t pa = pmem_alloc(PGROUND(size) / PGSIZE);
		return pa ? P2V(pa) : NULL;
	}
	int c = sizeclass(size);
	uint32_t osz = 1u << (c + MINSHIFT);
	if (!freelist[c]) {
		uint32_t pa = pmem_alloc(1);
		if (!pa)
			return NULL;
		for (uint32_t off = 0; off < PGSIZE; off += osz) {
			struct freeobj *o = (struct freeobj *)((uint8_t *)P2V(pa) + off);
			o->next = freelist[c];
			freelist[c] = o;
		}
	}
	struct freeobj *o = freelist[c];
	freelist[c] = o->next;
	memset(o, 0, osz);
	return o;
}

void kfree(void *p, uint32_t size)
{
	if (!p)
		return;
	if (size == 0)
		size = 1;
	if (size > MAXSMALL) {
		pmem_free(V2P(p), PGROUND(size) / PGSIZE);
		return;
	}
	int c = sizeclass(size);
	struct freeobj *o = p;
	o->next = freelist[c];
	freelist[c] = o;
}

/* a == NULL: the kernel's own, charged to nobody */
void *kalloc_for(struct proc *a, uint32_t size)
{
	if (a && proc_charge(a, kmem_cost(size)))
		return NULL;
	void *p = kalloc(size);
	if (!p && a)
		proc_refund(a, kmem_cost(size));
	return p;
}

void kfree_for(struct proc *a, void *p, uint32_t size)
{
	if (!p)
		return;
	kfree(p, size);
	if (a)
		proc_refund(a, kmem_cost(size));
}

/*
 * vm.c - user address spaces.  Each process has its own page directory
 * whose upper quarter is the kernel's (never changed after boot).  Next
 * to every user page table is a shadow page naming the memory object of
 * each mapped page, so unmapping knows which reference to drop without a
 * region list.  User pointers are checked by walking these tables and
 * used through the direct map: the kernel never takes a fault on them.
 */
#include "kern.h"
#include "arch/i386/x86.h"

#define PTE_P    0x001
#define PTE_W    0x002
#define PTE_U    0x004
#define PTE_PWT  0x008
#define PTE_PCD  0x010
#define PTE_NONE 0x200            /* mapped with no access (PROT none) */
#define NUPDE    (ARGOT_USER_TOP >> 22)

uint32_t *kpgdir;

/* A frame charged to a (none if NULL): the page directory is part of a
 * process's fixed cost (its creator pays), page tables and their shadow
 * pages are charged to the process whose space they map. */
static uint32_t page_for(struct proc *a)
{
	if (a && proc_charge(a, PGSIZE))
		return 0;
	uint32_t pa = pmem_alloc(1);
	if (!pa && a)
		proc_refund(a, PGSIZE);
	return pa;
}

static void page_free_for(struct proc *a, uint32_t pa)
{
	if (!pa)
		return;
	pmem_free(pa, 1);
	if (a)
		proc_refund(a, PGSIZE);
}

int vm_init_space(struct proc *p)
{
	uint32_t pa = page_for(p->acct);
	p->shadow = kalloc_for(p->acct, NUPDE * sizeof(uint32_t *));
	if (!pa || !p->shadow) {
		page_free_for(p->acct, pa);
		kfree_for(p->acct, p->shadow, NUPDE * sizeof(uint32_t *));
		return -ARGOT_ENOMEM;
	}
	p->pgdir = P2V(pa);
	for (uint32_t i = NUPDE; i < 1024; i++)
		p->pgdir[i] = kpgdir[i];
	return 0;
}

/* The PTE for va and its shadow slot, making the table if asked. */
static uint32_t *pte(struct proc *p, uint32_t va, int create, uint32_t **sh)
{
	uint32_t pdi = va >> 22;
	if (pdi >= NUPDE)
		return NULL;              /* never a user page table up there */
	if (!(p->pgdir[pdi] & PTE_P)) {
		if (!create)
			return NULL;
		uint32_t pt = page_for(p), sp = page_for(p);
		if (!pt || !sp) {
			page_free_for(p, pt);
			page_free_for(p, sp);
			return NULL;
		}
		p->pgdir[pdi] = pt | PTE_P | PTE_W | PTE_U;
		p->shadow[pdi] = P2V(sp);
	}
	uint32_t i = (va >> 12) & 1023;
	if (sh)
		*sh = &p->shadow[pdi][i];
	return (uint32_t *)P2V(p->pgdir[pdi] & ~0xfffu) + i;
}

static void flush(struct proc *p, uint32_t va)
{
	if (cur && cur->proc == p)
		invlpg(va);
}

static uint32_t pte_bits(struct memobj *m, uint32_t pa, uint32_t prot)
{
	uint32_t b = pa | PTE_U;
	if (!(prot & (ARGOT_PROT_READ | ARGOT_PROT_WRITE | ARGOT_PROT_EXEC)))
		return b | PTE_NONE;
	b |= PTE_P;
	if (prot & ARGOT_PROT_WRITE)
		b |= PTE_W;
	if (m->phys && !pmem_is_ram(pa))
		b |= PTE_PCD | PTE_PWT;  /* device memory */
	return b;
}

static void unmap_page(struct proc *p, uint32_t va)
{
	uint32_t *sh, *e = pte(p, va, 0, &sh);
	if (!e || !*sh)
		return;
	memobj_unref((struct memobj *)*sh);
	*e = 0;
	*sh = 0;
	p->pages--;
	flush(p, va);
}

int vm_map(struct proc *p, uint32_t va, struct memobj *m, uint32_t pgoff,
	   uint32_t n, uint32_t prot)
{
	/* make every page table first, so running out changes nothing */
	for (uint32_t i = 0; i < n; i++)
		if (!pte(p, va + i * PGSIZE, 1, NULL))
			return -ARGOT_ENOMEM;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t a = va + i * PGSIZE, *sh;
		unmap_page(p, a);
		uint32_t *e = pte(p, a, 0, &sh);
		*e = pte_bits(m, m->frames[pgoff + i], prot);
		*sh = (uint32_t)m;
		m->ref++;
		p->pages++;
	}
	return 0;
}

void vm_unmap(struct proc *p, uint32_t va, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		unmap_page(p, va + i * PGSIZE);
}

void vm_protect(struct proc *p, uint32_t va, uint32_t n, uint32_t prot)
{
	for (uint32_t i = 0; i < n; i++) {
		uint32_t a = va + i * PGSIZE, *sh, *e = pte(p, a, 0, &sh);
		if (!e || !*sh)
			continue;
		*e = pte_bits((struct memobj *)*sh, *e & ~0xfffu, prot);
		flush(p, a);
	}
}

static int page_free(struct proc *p, uint32_t va)
{
	uint32_t *sh;
	return !pte(p, va, 0, &sh) || !*sh;
}

/* n free pages from the hint upward, then from the bottom. */
uint32_t vm_findfree(struct proc *p, uint32_t hint, uint32_t n)
{
	uint32_t lo = ARGOT_USER_BASE, top = ARGOT_USER_TOP;
	uint32_t start = hint & ~(PGSIZE - 1);
	if (start < lo || start >= top)
		start = 0x10000000u;
	for (int pass = 0; pass < 2; pass++) {
		uint32_t run = 0, va = pass ? lo : start;
		while (va < top && top - va >= (n - run) * PGSIZE) {
			if (!(p->pgdir[va >> 22] & PTE_P) && (va & 0x3fffff) == 0) {
				uint32_t k = n - run < 1024 ? n - run : 1024;
				run += k;
				va += k * PGSIZE;
			} else if (page_free(p, va)) {
				run++;
				va += PGSIZE;
			} else {
				run = 0;
				va += PGSIZE;
			}
			if (run >= n)
				return va - run * PGSIZE;
		}
	}
	return 0;
}

void vm_free_space(struct proc *p)
{
	if (!p->pgdir)
		return;
	arch_proc_gone(p);
	for (uint32_t pdi = 0; pdi < NUPDE; pdi++) {
		if (!(p->pgdir[pdi] & PTE_P))
			continue;
		vm_unmap(p, pdi << 22, 1024);
		page_free_for(p, p->pgdir[pdi] & ~0xfffu);
		page_free_for(p, V2P(p->shadow[pdi]));
	}
	page_free_for(p->acct, V2P(p->pgdir));
	kfree_for(p->acct, p->shadow, NUPDE * sizeof(uint32_t *));
	p->pgdir = NULL;
	p->shadow = NULL;
}

/* Physical address behind a user address, if the user may touch it. */
uint32_t vm_phys(struct proc *p, uint32_t va, int write)
{
	if (va >= ARGOT_USER_TOP || !p->pgdir)
		return 0;
	uint32_t *e = pte(p, va, 0, NULL);
	if (!e || !(*e & PTE_P) || !(*e & PTE_U) || (write && !(*e & PTE_W)))
		return 0;
	uint32_t pa = (*e & ~0xfffu) | (va & 0xfff);
	return pa < DIRECT_MAX ? pa : 0;
}

int uaccess_ok(struct proc *p, uint32_t va, uint32_t len, int write)
{
	if (len == 0)
		return 1;
	if (va + len < va || va + len > ARGOT_USER_TOP)
		return 0;
	for (uint32_t a = va & ~(PGSIZE - 1); a < va + len; a += PGSIZE)
		if (!vm_phys(p, a, write))
			return 0;
	return 1;
}

static int ucopy(struct proc *p, uint32_t va, void *k, uint32_t len, int out)
{
	if (!uaccess_ok(p, va, len, out))
		return -ARGOT_EFAULT;
	while (len) {
		uint32_t n = PGSIZE - (va & (PGSIZE - 1));
		if (n > len)
			n = len;
		void *u = P2V(vm_phys(p, va, out));
		out ? memcpy(u, k, n) : memcpy(k, u, n);
		va += n;
		k = (uint8_t *)k + n;
		len -= n;
	}
	return 0;
}

int copyin(struct proc *p, void *dst, uint32_t uva, uint32_t len)
{
	return ucopy(p, uva, dst, len, 0);
}

int copyout(struct proc *p, uint32_t uva, const void *src, uint32_t len)
{
	return ucopy(p, uva, (void *)src, len, 1);
}

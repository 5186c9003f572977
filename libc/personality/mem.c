/*
 * libc/personality/mem.c - the address space: anonymous mmap as a fresh
 * memory object mapped into our own process, munmap, mprotect, and a
 * fixed break.  File mappings (io map) come with the file calls.
 */
#include <sys/mman.h>
#include "px.h"

#define PX_PAGE(x) (((x) + ARGOT_PAGE_SIZE - 1) & ~(ARGOT_PAGE_SIZE - 1))

static long px_kerr(int r)
{
	return r == -ARGOT_ENOMEM || r == -ARGOT_EMFILE ? -ENOMEM : r;
}

long px_sys_mmap2(struct px_frame *f)
{
	uint32_t addr = f->a1, size = PX_PAGE((uint32_t)f->a2);
	uint32_t prot = f->a3 & (PROT_READ | PROT_WRITE | PROT_EXEC);
	int flags = f->a4, mo, r;
	uint32_t used;

	if (!size || (addr & (ARGOT_PAGE_SIZE - 1)))
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS))
		return -ENODEV;              /* file mappings: not yet */
	r = k_memobj_create(px.kernel, size, &mo);
	if (r < 0)
		return px_kerr(r);
	/* Linux's MAP_FIXED replaces what was there */
	if (flags & MAP_FIXED)
		k_proc_unmap(px.self, addr, size);
	r = k_proc_map(px.self, mo, addr, 0, size, prot,
	               (flags & MAP_FIXED) ? ARGOT_MAP_FIXED : 0, &used);
	/* the mapping keeps the object alive; a handle per mapping would
	 * soon fill the handle table (malloc maps a lot) */
	argot_close(mo);
	if (r < 0)
		return px_kerr(r);
	px_vm_add(used, size, prot);         /* fork copies what we map */
	return used;
}

/* musl's __unmapself unmaps a detached thread's stack while running on
 * it: that unmap is deferred to thread exit, which leaves the stack. */
long px_sys_munmap(struct px_frame *f)
{
	uint32_t va = f->a1, size = PX_PAGE((uint32_t)f->a2), sp;

	if (va & (ARGOT_PAGE_SIZE - 1))
		return -EINVAL;
	__asm__ volatile("movl %%esp,%0" : "=r"(sp));
	if (sp >= va && sp - va < size) {
		struct px_thread *t = px_self();
		t->unmap_va = va;
		t->unmap_len = size;
		return 0;
	}
	px_vm_remove(va, size);
	return px_kerr(k_proc_unmap(px.self, va, size));
}

long px_sys_mprotect(struct px_frame *f)
{
	uint32_t va = f->a1, size = PX_PAGE((uint32_t)f->a2);
	uint32_t prot = f->a3 & (PROT_READ | PROT_WRITE | PROT_EXEC);
	long r;

	if (va & (ARGOT_PAGE_SIZE - 1))
		return -EINVAL;
	r = px_kerr(k_proc_protect(px.self, va, size, prot));
	if (r >= 0)
		px_vm_protect(va, size, prot);
	return r;
}

/* The break never moves: an mmap the kernel placed could sit right
 * after the program, and growing into it would corrupt it.  musl's
 * malloc then takes all its memory from mmap. */
long px_sys_brk(struct px_frame *f)
{
	extern char _end[];

	(void)f;
	return PX_PAGE((uint32_t)(uintptr_t)_end);
}

long px_sys_madvise(struct px_frame *f)
{
	(void)f;
	return 0;                    /* advice only */
}

long px_sys_mremap(struct px_frame *f)
{
	(void)f;
	return -ENOSYS;              /* musl's realloc then copies */
}

long px_sys_membarrier(struct px_frame *f)
{
	(void)f;
	return -ENOSYS;
}

/*
 * libc/personality/vm.c - what our address space holds.  The kernel can
 * copy no address space (it has no fork) and tells nobody what is mapped
 * where, so the personality keeps its own list: the program's segments
 * and the stack exec made (known at start), then every mmap, munmap and
 * mprotect (mem.c).  fork copies each region into a fresh memory object
 * mapped at the same address in the child.
 */
#include <elf.h>
#include <string.h>
#include <argot/exec.h>
#include "px.h"

#define PX_MAXREGIONS 1024

struct px_region { uint32_t va, end, prot; };

static struct px_region px_regions[PX_MAXREGIONS];
static int px_nregions;
static px_lock_t px_vm_lock;

extern const Elf32_Ehdr __ehdr_start __attribute__((weak));

/* Cut [va, end) out of every region, keeping what lies either side. */
static void px_vm_cut(uint32_t va, uint32_t end)
{
	int i = 0;

	while (i < px_nregions) {
		struct px_region *r = &px_regions[i];
		if (r->end <= va || r->va >= end) {
			i++;
			continue;
		}
		if (r->va < va && r->end > end && px_nregions < PX_MAXREGIONS) {
			/* a hole in the middle: the right part becomes a region */
			px_regions[px_nregions++] =
				(struct px_region){ end, r->end, r->prot };
			r->end = va;
		} else if (r->va < va) {
			r->end = va;
		} else if (r->end > end) {
			r->va = end;
		} else {
			*r = px_regions[--px_nregions];
			continue;
		}
		i++;
	}
}

void px_vm_add(uint32_t va, uint32_t size, uint32_t prot)
{
	px_lock(&px_vm_lock);
	px_vm_cut(va, va + size);
	if (px_nregions < PX_MAXREGIONS)
		px_regions[px_nregions++] = (struct px_region){ va, va + size, prot };
	px_unlock(&px_vm_lock);
}

void px_vm_remove(uint32_t va, uint32_t size)
{
	px_lock(&px_vm_lock);
	px_vm_cut(va, va + size);
	px_unlock(&px_vm_lock);
}

/* New protection on whatever part of [va, va+size) is mapped. */
void px_vm_protect(uint32_t va, uint32_t size, uint32_t prot)
{
	struct px_region part[16];
	uint32_t end = va + size;
	int i, n = 0;

	px_lock(&px_vm_lock);
	for (i = 0; i < px_nregions && n < 16; i++) {
		struct px_region *r = &px_regions[i];
		if (r->end > va && r->va < end)
			part[n++] = (struct px_region){ r->va > va ? r->va : va,
			                                r->end < end ? r->end : end,
			                                prot };
	}
	px_vm_cut(va, end);
	for (i = 0; i < n && px_nregions < PX_MAXREGIONS; i++)
		px_regions[px_nregions++] = part[i];
	px_unlock(&px_vm_lock);
}

/* At start: the PT_LOAD segments exec mapped, and its stack. */
void px_vm_init(void)
{
	const Elf32_Ehdr *e = &__ehdr_start;
	const Elf32_Phdr *ph;
	int i;

	if (!e)
		return;
	ph = (const void *)((const char *)e + e->e_phoff);
	for (i = 0; i < e->e_phnum; i++) {
		uint32_t va, end, prot = 0;
		if (ph[i].p_type != PT_LOAD || !ph[i].p_memsz)
			continue;
		va = ph[i].p_vaddr & ~(ARGOT_PAGE_SIZE - 1);
		end = (ph[i].p_vaddr + ph[i].p_memsz + ARGOT_PAGE_SIZE - 1) &
		      ~(ARGOT_PAGE_SIZE - 1);
		if (ph[i].p_flags & PF_R) prot |= ARGOT_PROT_READ;
		if (ph[i].p_flags & PF_W) prot |= ARGOT_PROT_WRITE;
		if (ph[i].p_flags & PF_X) prot |= ARGOT_PROT_EXEC;
		px_vm_add(va, end - va, prot);
	}
	px_vm_add(EXEC_STACK_TOP - EXEC_STACK_SIZE, EXEC_STACK_SIZE,
	          ARGOT_PROT_READ | ARGOT_PROT_WRITE);
}

/* One region into the child: a new object, filled through a temporary
 * mapping of our own, then mapped at the same address there. */
static int px_vm_copy_one(int child, const struct px_region *r)
{
	uint32_t size = r->end - r->va, here, used;
	int mo, e;

	if ((e = k_memobj_create(px.kernel, size, &mo)) < 0)
		return e;
	e = k_proc_map(px.self, mo, 0, 0, size,
	               ARGOT_PROT_READ | ARGOT_PROT_WRITE, 0, &here);
	if (e >= 0) {
		/* guard pages (PROT_NONE) cannot be read and need no content */
		if (r->prot & ARGOT_PROT_READ)
			memcpy((void *)(uintptr_t)here, (void *)(uintptr_t)r->va,
			       size);
		k_proc_unmap(px.self, here, size);
		e = k_proc_map(child, mo, r->va, 0, size, r->prot,
		               ARGOT_MAP_FIXED, &used);
	}
	argot_close(mo);
	return e;
}

/* Copy the whole address space into the (empty) process child.  The
 * caller's stack is copied as it is now: everything above the caller's
 * frame is what the child will return through. */
int px_vm_copy(int child)
{
	int i, e = 0;

	px_lock(&px_vm_lock);
	for (i = 0; i < px_nregions && e >= 0; i++)
		e = px_vm_copy_one(child, &px_regions[i]);
	px_unlock(&px_vm_lock);
	return e < 0 ? (e == -ARGOT_ENOMEM ? -ENOMEM : e) : 0;
}

/* In a new child: the copy was taken with the lock held. */
void px_vm_forked(void)
{
	px_vm_lock = 0;
}

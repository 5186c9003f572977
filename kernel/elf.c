/*
 * elf.c - load a static ELF32 executable (PT_LOAD segments only) from
 * physical memory into a fresh address space.  Used for the first
 * process only: later programs are loaded by the exec server.
 */
#include "kern.h"

struct ehdr {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};
struct phdr { uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align; };
#define PT_LOAD 1
#define PF_W 2

static const struct phdr *phdr(const struct ehdr *e, int i)
{
	return (const struct phdr *)((const uint8_t *)e + e->phoff + i * e->phentsize);
}

static int check(const struct ehdr *e, uint32_t size, uint32_t *lo, uint32_t *hi)
{
	if (size < sizeof(*e) || memcmp(e->ident, "\177ELF\1\1", 6) || e->type != 2 ||
	    e->machine != 3 || e->phentsize < sizeof(struct phdr) ||
	    e->phoff > size || e->phnum * e->phentsize > size - e->phoff)
		return -ARGOT_EINVAL;
	*lo = ARGOT_USER_TOP;
	*hi = 0;
	for (int i = 0; i < e->phnum; i++) {
		const struct phdr *p = phdr(e, i);
		if (p->type != PT_LOAD || p->memsz == 0)
			continue;
		if (p->filesz > p->memsz || p->offset > size || p->filesz > size - p->offset ||
		    p->vaddr < ARGOT_USER_BASE || p->memsz > ARGOT_USER_TOP - p->vaddr)
			return -ARGOT_EINVAL;
		if (p->vaddr < *lo)
			*lo = p->vaddr & ~(PGSIZE - 1);
		if (p->vaddr + p->memsz > *hi)
			*hi = PGROUND(p->vaddr + p->memsz);
	}
	return *hi > *lo ? 0 : -ARGOT_EINVAL;
}

/* Copy into the memobj's frames (not necessarily contiguous). */
static void fill(struct memobj *m, uint32_t off, const uint8_t *src, uint32_t len)
{
	while (len) {
		uint32_t n = PGSIZE - off % PGSIZE;
		if (n > len)
			n = len;
		memcpy((uint8_t *)P2V(m->frames[off / PGSIZE]) + off % PGSIZE, src, n);
		off += n;
		src += n;
		len -= n;
	}
}

/* One memobj spans the image: mapped read-only, then the writable
 * segments' pages are opened for writing. */
int elf_load(struct proc *p, uint32_t pa, uint32_t size, uint32_t *entry)
{
	const struct ehdr *e = P2V(pa);
	uint32_t lo, hi;
	if (check(e, size, &lo, &hi))
		return -ARGOT_EINVAL;
	struct memobj *m = memobj_create(p, (hi - lo) / PGSIZE);
	if (!m)
		return -ARGOT_ENOMEM;
	for (int i = 0; i < e->phnum; i++) {
		const struct phdr *ph = phdr(e, i);
		if (ph->type == PT_LOAD)
			fill(m, ph->vaddr - lo, (const uint8_t *)e + ph->offset, ph->filesz);
	}
	int err = vm_map(p, lo, m, 0, m->npages, ARGOT_PROT_READ | ARGOT_PROT_EXEC);
	memobj_unref(m);             /* the mappings hold it now */
	if (err)
		return err;
	for (int i = 0; i < e->phnum; i++) {
		const struct phdr *ph = phdr(e, i);
		if (ph->type != PT_LOAD || !(ph->flags & PF_W) || ph->memsz == 0)
			continue;
		uint32_t a = ph->vaddr & ~(PGSIZE - 1);
		vm_protect(p, a, (PGROUND(ph->vaddr + ph->memsz) - a) / PGSIZE,
			   ARGOT_PROT_READ | ARGOT_PROT_WRITE);
	}
	*entry = e->entry;
	return 0;
}

/*
 * libargot/rt/elf.c - see elf.h.  Every field that leads to a read or a
 * mapping is checked against the image size or the user address range,
 * because the image may come from anywhere.
 */
#include <argot/kernel.h>
#include "elf.h"

struct ehdr {
	unsigned char ident[16];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct phdr {
	uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

#define PT_LOAD 1
#define PF_X 1
#define PF_W 2
#define PF_R 4
#define PAGE_DOWN(x) ((x) & ~(ARGOT_PAGE_SIZE - 1))

static int bad_header(const struct ehdr *e, uint32_t size)
{
	static const unsigned char magic[4] = { 0x7f, 'E', 'L', 'F' };
	for (int i = 0; i < 4; i++)
		if (e->ident[i] != magic[i])
			return 1;
	if (e->ident[4] != 1 || e->ident[5] != 1)   /* ELFCLASS32, LSB */
		return 1;
	if (e->type != 2 || e->machine != 3)        /* ET_EXEC, EM_386 */
		return 1;
	if (e->phentsize != sizeof(struct phdr) || e->phnum == 0)
		return 1;
	uint64_t end = (uint64_t)e->phoff + (uint64_t)e->phnum * e->phentsize;
	return end > size;
}

static int bad_segment(const struct phdr *p, uint32_t size)
{
	uint64_t fend = (uint64_t)p->offset + p->filesz;
	uint64_t vend = (uint64_t)p->vaddr + p->memsz;
	return p->filesz > p->memsz || fend > size ||
	       p->vaddr < ARGOT_USER_BASE || vend > ARGOT_USER_TOP ||
	       p->memsz == 0;
}

int rt_elf_segments(const void *img, uint32_t size, struct rt_seg *segs,
                    int max, uint32_t *entry)
{
	const struct ehdr *e = img;
	if (size < sizeof *e || bad_header(e, size))
		return -ARGOT_EINVAL;
	const struct phdr *ph = (const struct phdr *)
		((const char *)img + e->phoff);
	int n = 0;
	for (int i = 0; i < e->phnum; i++) {
		const struct phdr *p = &ph[i];
		if (p->type != PT_LOAD)
			continue;
		if (n == max || bad_segment(p, size))
			return -ARGOT_EINVAL;
		/* the loader maps whole pages: segments may not share one */
		if (n && PAGE_DOWN(p->vaddr) <
		         segs[n - 1].va + segs[n - 1].memsz)
			return -ARGOT_EINVAL;
		segs[n].va = p->vaddr;
		segs[n].filesz = p->filesz;
		segs[n].memsz = p->memsz;
		segs[n].offset = p->offset;
		segs[n].prot = (p->flags & PF_R ? ARGOT_PROT_READ : 0) |
		               (p->flags & PF_W ? ARGOT_PROT_WRITE : 0) |
		               (p->flags & PF_X ? ARGOT_PROT_EXEC : 0);
		n++;
	}
	if (n == 0 || e->entry < ARGOT_USER_BASE || e->entry >= ARGOT_USER_TOP)
		return -ARGOT_EINVAL;
	*entry = e->entry;
	return n;
}

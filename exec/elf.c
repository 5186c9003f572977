/*
 * exec/elf.c - reading and checking the headers of a static ELF32 i386
 * executable through an io handle.  Every field that sizes or places
 * something is checked here, before exec maps anything, so that a bad
 * file is refused with -ENOEXEC and leaves the process untouched.
 */
#include "exec.h"

#define PT_LOAD 1
#define PT_INTERP 3
#define PF_X 1
#define PF_W 2
#define PF_R 4
#define PAGE ARGOT_PAGE_SIZE
#define DOWN(x) ((x) & ~(PAGE - 1))
#define UP(x) (((x) + PAGE - 1) & ~(PAGE - 1))
#define SEG_MAX (256u << 20)   /* larger segments are absurd */

struct ehdr {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};
struct phdr {
	uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

/* A file server that died answers EPIPE at once; one that is alive may
 * be slow (a loaded TCG machine, a shell starting a pipeline's three
 * programs from the same file at once): 10 s was seen to pass and
 * execve failed with ETIMEDOUT.  The limit only keeps a hung server from
 * holding one of our two threads for ever. */
#define EXEC_READ_MS 60000

int exec_read_exact(int file, uint32_t off, void *buf, uint32_t n)
{
	char *p = buf;
	while (n) {
		int r = io_read(file, off, p, n, EXEC_READ_MS);
		if (r < 0)
			return r;
		if (r == 0)
			return -ENOEXEC;   /* truncated */
		p += r;
		off += (uint32_t)r;
		n -= (uint32_t)r;
	}
	return 0;
}

static int check_ehdr(const struct ehdr *e)
{
	static const uint8_t magic[4] = { 0x7f, 'E', 'L', 'F' };
	for (int i = 0; i < 4; i++)
		if (e->ident[i] != magic[i])
			return -ENOEXEC;
	if (e->ident[4] != 1 || e->ident[5] != 1 || e->ident[6] != 1)
		return -ENOEXEC;          /* not ELF32, little-endian, v1 */
	if (e->type != 2 || e->machine != 3)
		return -ENOEXEC;          /* not an i386 executable */
	if (e->phentsize != sizeof(struct phdr) || e->phnum == 0 ||
	    e->phnum > EXEC_PHNUM_MAX || e->phoff > EXEC_FILE_MAX)
		return -ENOEXEC;
	return 0;
}

/* A segment must lie in user space below the stack, and in the file. */
static int check_seg(const struct phdr *p)
{
	uint32_t lo = ARGOT_USER_BASE, hi = EXEC_STACK_TOP - EXEC_STACK_SIZE;
	if (p->filesz > p->memsz || p->memsz == 0 || p->memsz > SEG_MAX)
		return -ENOEXEC;
	if (p->offset > EXEC_FILE_MAX || p->filesz > EXEC_FILE_MAX - p->offset)
		return -ENOEXEC;
	if (p->vaddr < lo || p->vaddr > hi || p->memsz > hi - p->vaddr)
		return -ENOEXEC;
	return 0;
}

/* Segments are mapped page by page with one protection: none may share
 * a page with another. */
static int overlaps(const struct exec_image *im, const struct exec_seg *s)
{
	for (uint32_t i = 0; i < im->nseg; i++) {
		const struct exec_seg *t = &im->seg[i];
		if (DOWN(s->va) < UP(t->va + t->memsz) &&
		    DOWN(t->va) < UP(s->va + s->memsz))
			return 1;
	}
	return 0;
}

int exec_read_headers(int file, struct exec_image *im)
{
	struct ehdr e;
	struct phdr ph[EXEC_PHNUM_MAX];
	int r;
	if ((r = exec_read_exact(file, 0, &e, sizeof e)) < 0)
		return r;
	if ((r = check_ehdr(&e)) < 0)
		return r;
	if ((r = exec_read_exact(file, e.phoff, ph, e.phnum * sizeof *ph)) < 0)
		return r;
	rpc_zero(im, sizeof *im);
	im->entry = e.entry;
	im->phoff = e.phoff;
	im->phnum = e.phnum;
	for (uint32_t i = 0; i < e.phnum; i++) {
		if (ph[i].type == PT_INTERP)
			return -ENOEXEC;    /* static executables only */
		if (ph[i].type != PT_LOAD)
			continue;
		if ((r = check_seg(&ph[i])) < 0)
			return r;
		struct exec_seg s = {
			ph[i].vaddr, ph[i].memsz, ph[i].filesz, ph[i].offset,
			(ph[i].flags & PF_R ? ARGOT_PROT_READ : 0) |
			(ph[i].flags & PF_W ? ARGOT_PROT_WRITE : 0) |
			(ph[i].flags & PF_X ? ARGOT_PROT_EXEC : 0),
		};
		if (overlaps(im, &s))
			return -ENOEXEC;
		if (e.phoff >= s.offset && e.phoff - s.offset < s.filesz)
			im->phdr_va = s.va + (e.phoff - s.offset);
		im->seg[im->nseg++] = s;
	}
	if (im->nseg == 0)
		return -ENOEXEC;
	for (uint32_t i = 0; i < im->nseg; i++) {
		const struct exec_seg *s = &im->seg[i];
		if (im->entry >= s->va && im->entry - s->va < s->memsz &&
		    (s->prot & ARGOT_PROT_EXEC))
			return 0;
	}
	return -ENOEXEC;                 /* the entry point is not code */
}

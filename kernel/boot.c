/*
 * boot.c - build the first process: its image from the first module,
 * the other modules mapped read-only, a stack with the bootinfo at its
 * top, and a handle to every resource the kernel does not use itself.
 */
#include "kern.h"
#include "arch/i386/x86.h"

#define STACK_PAGES 32

static int put(struct proc *p, uint32_t type, void *obj)
{
	int h = htab_put(p, type, obj);
	if (h < 0)
		panic("boot: handle table");
	return h;
}

static void *must(void *x, const char *what)
{
	if (!x)
		panic("boot: out of memory for %s", what);
	return x;
}

/* The process name is the module's file name: the first word of its
 * command line, without directories. */
static void modname(char *name, const char *cmdline)
{
	const char *s = cmdline, *base = cmdline;
	for (; *s && *s != ' '; s++)
		if (*s == '/')
			base = s + 1;
	uint32_t n = s - base < 15 ? s - base : 15;
	memcpy(name, base, n);
	name[n] = 0;
}

static void map_module(struct proc *p, struct argot_bootmod *bm, struct bootmod *m)
{
	uint32_t pa = m->start & ~(PGSIZE - 1);
	uint32_t n = (PGROUND(m->end) - pa) / PGSIZE;
	if (n == 0)
		n = 1;
	struct memobj *mo = must(memobj_wrap(NULL, pa, n), "module");
	uint32_t va = vm_findfree(p, 0x20000000u, n);
	if (!va || vm_map(p, va, mo, 0, n, ARGOT_PROT_READ))
		panic("boot: cannot map module %s", m->cmdline);
	bm->va = va + (m->start - pa);
	bm->size = m->end - m->start;
	bm->memobj = put(p, ARGOT_HT_MEMOBJ, mo);
	strlcpy0(bm->cmdline, m->cmdline, sizeof(bm->cmdline));
}

void boot_first(struct bootmod *mods, uint32_t nmods, uint32_t mem_pages)
{
	static struct argot_bootinfo bi;
	char name[16];
	if (nmods == 0)
		panic("no modules: nothing to run");
	modname(name, mods[0].cmdline);
	struct proc *p = must(proc_create(name, ARGOT_PRIO_MAX, pmem_nfree, NULL), "process");
	first_proc = p;
	uint32_t entry;
	if (elf_load(p, mods[0].start, mods[0].end - mods[0].start, &entry))
		panic("boot: %s is not a static ELF32 executable", name);

	struct memobj *stack = must(memobj_create(p, STACK_PAGES), "stack");
	/* a gap above the stack: the last pages below the kernel stay
	 * unmapped, like page 0 */
	uint32_t top = ARGOT_USER_TOP - 0x10000, base = top - STACK_PAGES * PGSIZE;
	if (vm_map(p, base, stack, 0, STACK_PAGES, ARGOT_PROT_READ | ARGOT_PROT_WRITE))
		panic("boot: stack");
	memobj_unref(stack);

	bi.magic = ARGOT_BOOTINFO_MAGIC;
	bi.kernel = put(p, ARGOT_HT_KERNEL, NULL);
	proc_ref(p);
	p->nhandles = 1;
	bi.self = put(p, ARGOT_HT_PROCESS, p);
	bi.ioports = put(p, ARGOT_HT_IOPORT, must(range_create(NULL, 0, 0x10000), "range"));
	bi.physmem = put(p, ARGOT_HT_PHYSMEM, must(range_create(NULL, 0, 0xfffff000u), "range"));
	for (int i = 0; i < NIRQ; i++)
		bi.irq[i] = i == 0 || i == 2 ? ARGOT_NOHANDLE : put(p, ARGOT_HT_IRQ, &irqs[i]);
	bi.mem_pages = mem_pages;
	strlcpy0(bi.cmdline, kcmdline, sizeof(bi.cmdline));
	for (uint32_t i = 1; i < nmods && i <= ARGOT_BOOT_MAXMODS; i++)
		map_module(p, &bi.mods[bi.nmods++], &mods[i]);

	struct thread *t = must(thread_create(p, entry, 0, 0, ARGOT_PRIO_DEFAULT, 1), "thread");
	thread_ref(t);
	bi.thread = put(p, ARGOT_HT_THREAD, t);
	uint32_t bva = top - PGROUND(sizeof(bi));
	uint32_t sp = bva - 16;
	if (copyout(p, bva, &bi, sizeof(bi)) || copyout(p, sp, &bva, 4))
		panic("boot: bootinfo");
	t->tf->esp = sp;
	thread_resume(t);
}

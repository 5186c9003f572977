/*
 * main.c - from GRUB to the first process.  Everything the Multiboot
 * information says is copied out before the first frame is allocated,
 * so its memory needs no protection.
 */
#include "kern.h"
#include "arch/i386/x86.h"

struct mb_info {
	uint32_t flags, mem_lower, mem_upper, boot_device, cmdline;
	uint32_t mods_count, mods_addr, syms[4], mmap_length, mmap_addr;
};
struct mb_mod { uint32_t start, end, cmdline, pad; };
struct mb_mmap { uint32_t size; uint64_t addr, len; uint32_t type; } __attribute__((packed));

extern uint32_t boot_pgdir[];
extern uint8_t boot_stack[], _kernel_start[], _kernel_end[];
static struct bootmod mods[ARGOT_BOOT_MAXMODS + 1];
static uint32_t nmods;
static struct thread idle_thread;

static void read_memory(struct mb_info *mb)
{
	if (mb->flags & (1u << 6)) {
		uint32_t a = mb->mmap_addr, end = a + mb->mmap_length;
		while (a < end) {
			struct mb_mmap *e = P2V(a);
			if (e->type == 1)
				pmem_add(e->addr, e->len);
			a += e->size + 4;
		}
	} else if (mb->flags & 1) {
		pmem_add(0x100000, (uint64_t)mb->mem_upper * 1024);
	}
}

static void read_modules(struct mb_info *mb)
{
	if (!(mb->flags & (1u << 3)))
		return;
	struct mb_mod *m = P2V(mb->mods_addr);
	for (uint32_t i = 0; i < mb->mods_count && i < ARGOT_BOOT_MAXMODS + 1; i++) {
		mods[i].start = m[i].start;
		mods[i].end = m[i].end;
		if (m[i].cmdline)
			strlcpy0(mods[i].cmdline, P2V(m[i].cmdline), sizeof(mods[i].cmdline));
		nmods++;
	}
	if (mb->mods_count > ARGOT_BOOT_MAXMODS + 1)
		kprintf("argot: only %u modules used\n", ARGOT_BOOT_MAXMODS + 1);
}

void kmain(uint32_t magic, uint32_t mbi)
{
	cons_init();
	if (magic != 0x2BADB002)
		panic("not booted by a Multiboot loader (magic %x)", magic);
	struct mb_info *mb = P2V(mbi);
	if (mb->flags & (1u << 2))
		strlcpy0(kcmdline, P2V(mb->cmdline), sizeof(kcmdline));
	read_memory(mb);
	read_modules(mb);
	pmem_reserve(0, 0x100000);
	pmem_reserve(V2P(_kernel_start), V2P(_kernel_end));
	for (uint32_t i = 0; i < nmods; i++)
		pmem_reserve(mods[i].start, mods[i].end);
	uint32_t mem_pages = pmem_total;

	kpgdir = boot_pgdir;
	kpgdir[0] = 0;               /* the identity map was only for the jump */
	lcr3(V2P(kpgdir));
	arch_init();
	pit_init();
	idle_thread.kstack = boot_stack;
	idle_thread.ref = 1;
	sched_init(&idle_thread);

	kprintf("Argot nanokernel: %u MiB, %u modules\n",
		mem_pages / (1024 * 1024 / PGSIZE), nmods);
	boot_first(mods, nmods, mem_pages);
	sched_idle();
}

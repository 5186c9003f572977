/*
 * arch/i386/cpu.c - descriptor tables and the per-thread machine state:
 * GDT (with the ABI's TLS slot 6), one TSS whose I/O bitmap is loaded
 * from the running process, the IDT, and what changes on a switch.
 */
#include "kern.h"
#include "x86.h"

struct tss {
	uint32_t link, esp0, ss0, esp1, ss1, esp2, ss2, cr3, eip, eflags;
	uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
	uint32_t es, cs, ss, ds, fs, gs, ldt;
	uint16_t trap, iomap_base;
	uint8_t iomap[8192 + 1];          /* + the required 0xff terminator */
} __attribute__((packed));

#define IOMAP_ON  ((uint16_t)offsetof(struct tss, iomap))
#define IOMAP_OFF ((uint16_t)sizeof(struct tss))   /* beyond the limit */

static uint64_t gdt[NSEGS];
static uint64_t idt[256];
static struct tss tss;
static struct proc *iomap_loaded;   /* whose bitmap tss.iomap holds */
static uint32_t cur_cr3;
extern uint32_t vectors[], vec_syscall[];
extern void swtch(uint32_t *save, uint32_t esp);
extern void thread_start(void);

static uint64_t seg(uint32_t base, uint32_t limit, uint32_t access, uint32_t gran)
{
	return (uint64_t)(limit & 0xffff) | ((uint64_t)(base & 0xffffff) << 16) |
	       ((uint64_t)access << 40) | ((uint64_t)((limit >> 16) & 0xf) << 48) |
	       ((uint64_t)gran << 52) | ((uint64_t)(base >> 24) << 56);
}

static uint64_t gate(void *fn, int dpl)
{
	uint32_t a = (uint32_t)fn;
	return (uint64_t)(a & 0xffff) | ((uint64_t)KCODE_SEL << 16) |
	       ((uint64_t)(0x8e | (dpl << 5)) << 40) | ((uint64_t)(a >> 16) << 48);
}

static void lgdt_lidt(void)
{
	struct { uint16_t lim; uint32_t base; } __attribute__((packed)) g, i;
	g.lim = sizeof(gdt) - 1; g.base = (uint32_t)gdt;
	i.lim = sizeof(idt) - 1; i.base = (uint32_t)idt;
	__asm__ volatile("lgdt %0\n\tlidt %1\n\t"
			 "ljmp $0x08, $1f\n1:\n\t"
			 "movw $0x10, %%ax\n\tmovw %%ax, %%ds\n\tmovw %%ax, %%es\n\t"
			 "movw %%ax, %%ss\n\tmovw %%ax, %%fs\n\tmovw %%ax, %%gs\n\t"
			 "movw $0x28, %%ax\n\tltr %%ax"
			 : : "m"(g), "m"(i) : "eax", "memory");
}

/* FPU/SSE state is saved and restored on every switch between user
 * threads, in the lowest 512 bytes of each kernel stack (the kernel
 * itself never touches the FPU). */
static uint8_t fpu_initial[FPU_AREA] __attribute__((aligned(16)));
static int have_fxsr;

static void fpu_save(void *a)
{
	if (have_fxsr)
		__asm__ volatile("fxsave (%0)" : : "r"(a) : "memory");
	else
		__asm__ volatile("fnsave (%0)" : : "r"(a) : "memory");
}

static void fpu_restore(const void *a)
{
	if (have_fxsr)
		__asm__ volatile("fxrstor (%0)" : : "r"(a) : "memory");
	else
		__asm__ volatile("frstor (%0)" : : "r"(a) : "memory");
}

static void fpu_init(void)
{
	uint32_t a = 1, b, c, d, cr0, cr4;
	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
	have_fxsr = (d >> 24) & 1;
	__asm__ volatile("mov %%cr0, %0" : "=r"(cr0));
	cr0 = (cr0 & ~0xcu) | 0x22;           /* no EM/TS; MP, NE */
	__asm__ volatile("mov %0, %%cr0" : : "r"(cr0));
	if (have_fxsr) {
		__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
		cr4 |= 0x600;                     /* OSFXSR, OSXMMEXCPT */
		__asm__ volatile("mov %0, %%cr4" : : "r"(cr4));
	}
	__asm__ volatile("fninit");
	fpu_save(fpu_initial);
}

void arch_init(void)
{
	gdt[SEG_KCODE] = seg(0, 0xfffff, 0x9a, 0xc);
	gdt[SEG_KDATA] = seg(0, 0xfffff, 0x92, 0xc);
	gdt[SEG_UCODE] = seg(0, 0xfffff, 0xfa, 0xc);
	gdt[SEG_UDATA] = seg(0, 0xfffff, 0xf2, 0xc);
	gdt[SEG_TSS]   = seg((uint32_t)&tss, sizeof(tss) - 1, 0x89, 0);
	gdt[SEG_TLS]   = seg(0, 0xfffff, 0xf2, 0xc);
	tss.ss0 = KDATA_SEL;
	tss.iomap_base = IOMAP_OFF;
	tss.iomap[8192] = 0xff;
	for (int n = 0; n < 48; n++)
		idt[n] = gate((uint8_t *)vectors + 16 * n, 0);
	idt[ARGOT_TRAP_VECTOR] = gate(vec_syscall, 3);
	lgdt_lidt();
	cur_cr3 = V2P(kpgdir);
	fpu_init();
}

void arch_set_tls(uint32_t base)
{
	gdt[SEG_TLS] = seg(base, 0xfffff, 0xf2, 0xc);
}

/* The bitmap is copied in only when another process's is needed. */
static void load_iomap(struct proc *p)
{
	if (!p || !p->iomap) {
		tss.iomap_base = IOMAP_OFF;
		return;
	}
	if (iomap_loaded != p) {
		memcpy(tss.iomap, p->iomap, 8192);
		iomap_loaded = p;
	}
	tss.iomap_base = IOMAP_ON;
}

void arch_iomap_changed(struct proc *p)
{
	if (iomap_loaded == p)
		iomap_loaded = NULL;
	if (cur && cur->proc == p)
		load_iomap(p);
}

void arch_proc_gone(struct proc *p)
{
	if (iomap_loaded == p)
		iomap_loaded = NULL;
	if (cur_cr3 == V2P(p->pgdir)) {
		cur_cr3 = V2P(kpgdir);
		lcr3(cur_cr3);
	}
}

void arch_switch(struct thread *prev, struct thread *next)
{
	uint32_t cr3 = V2P(next->proc ? next->proc->pgdir : kpgdir);
	tss.esp0 = (uint32_t)next->kstack + KSTACK;
	if (cr3 != cur_cr3) {
		cur_cr3 = cr3;
		lcr3(cr3);
	}
	arch_set_tls(next->tls);
	load_iomap(next->proc);
	if (prev->proc)
		fpu_save(prev->kstack);
	if (next->proc)
		fpu_restore(next->kstack);
	swtch(&prev->kesp, next->kesp);
}

/* A new user thread: a trapframe at the top of its kernel stack and a
 * switch frame below it that "returns" into thread_start. */
void arch_thread_init(struct thread *t, uint32_t eip, uint32_t esp, uint32_t eax)
{
	struct trapframe *tf = (struct trapframe *)(t->kstack + KSTACK) - 1;
	memset(tf, 0, sizeof(*tf));
	tf->cs = UCODE_SEL;
	tf->ds = tf->es = tf->fs = tf->ss = UDATA_SEL;
	tf->gs = TLS_SEL;
	tf->eflags = FL_IF;
	tf->eip = eip;
	tf->esp = esp;
	tf->eax = eax;
	t->tf = tf;
	memcpy(t->kstack, fpu_initial, FPU_AREA);
	uint32_t *sp = (uint32_t *)tf;
	*--sp = (uint32_t)thread_start;
	for (int i = 0; i < 4; i++)
		*--sp = 0;                    /* ebp ebx esi edi */
	t->kesp = (uint32_t)sp;
}

void arch_get_regs(struct thread *t, struct argot_regs *r)
{
	struct trapframe *tf = t->tf;
	r->eax = tf->eax; r->ebx = tf->ebx; r->ecx = tf->ecx; r->edx = tf->edx;
	r->esi = tf->esi; r->edi = tf->edi; r->ebp = tf->ebp; r->esp = tf->esp;
	r->eip = tf->eip; r->eflags = tf->eflags; r->gs_base = t->tls;
}

void arch_set_regs(struct thread *t, const struct argot_regs *r)
{
	struct trapframe *tf = t->tf;
	tf->eax = r->eax; tf->ebx = r->ebx; tf->ecx = r->ecx; tf->edx = r->edx;
	tf->esi = r->esi; tf->edi = r->edi; tf->ebp = r->ebp; tf->esp = r->esp;
	tf->eip = r->eip;
	tf->eflags = (r->eflags & FL_USER) | FL_IF;
	t->tls = r->gs_base;
	if (t == cur)
		arch_set_tls(t->tls);
}

void arch_exit_qemu(int v)
{
	__asm__ volatile("outl %0, %1" : : "a"((uint32_t)v), "Nd"((uint16_t)0xf4));
	for (;;)
		__asm__ volatile("cli; hlt");
}

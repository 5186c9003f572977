/*
 * arch/i386/trap.c - the C side of every trap: system calls, interrupts,
 * faults.  A user fault kills its process; a kernel fault is a panic.
 */
#include "kern.h"
#include "x86.h"

void pic_eoi(int irq);
int pic_spurious(int irq);

static const char *const exc_names[] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow",
	"bound range", "invalid opcode", "device not available",
	"double fault", "coprocessor overrun", "invalid TSS",
	"segment not present", "stack fault", "general protection fault",
	"page fault", "reserved", "x87 error", "alignment check",
	"machine check", "SIMD error",
};

static const char *exc_name(uint32_t n)
{
	return n < sizeof(exc_names) / sizeof(exc_names[0]) ? exc_names[n] : "exception";
}

static void kernel_fault(struct trapframe *tf)
{
	kprintf("ARGOT PANIC: %s (vector %u) in kernel mode at eip=0x%x\n",
		exc_name(tf->trapno), tf->trapno, tf->eip);
	kprintf("  eax=%x ebx=%x ecx=%x edx=%x esi=%x edi=%x ebp=%x\n",
		tf->eax, tf->ebx, tf->ecx, tf->edx, tf->esi, tf->edi, tf->ebp);
	kprintf("  eip=%x cs=%x eflags=%x err=%x cr2=%x esp=%x thread=%x\n", tf->eip,
		tf->cs, tf->eflags, tf->err, rcr2(), (uint32_t)&tf->esp, (uint32_t)cur);
	panic_halt();
}

static void user_fault(struct trapframe *tf)
{
	struct proc *p = cur->proc;
	uint32_t cr2 = tf->trapno == 14 ? rcr2() : 0;
	if (tf->trapno == 14)
		kprintf("argot: process %s killed: page fault at eip=0x%x addr=0x%x\n",
			p->name, tf->eip, cr2);
	else
		kprintf("argot: process %s killed: %s at eip=0x%x\n",
			p->name, exc_name(tf->trapno), tf->eip);
	proc_kill(p, ARGOT_DEATH_FAULT, tf->trapno, tf->eip, cr2);
}

static void interrupt(int irq)
{
	if (pic_spurious(irq))
		return;
	if (irq == 0) {
		pic_eoi(0);
		sched_tick();
		return;
	}
	pic_mask(irq);                /* until IRQ_ACK */
	pic_eoi(irq);
	irq_dispatch(irq);
}

void trap(struct trapframe *tf)
{
	uint32_t n = tf->trapno;
	if (n == ARGOT_TRAP_VECTOR) {
		switch (tf->eax) {
		case ARGOT_SYS_SEND: tf->eax = sys_send(tf->ebx, tf->ecx, tf->edx); break;
		case ARGOT_SYS_RECV: tf->eax = sys_recv(tf->ebx, tf->ecx, tf->edx); break;
		case ARGOT_SYS_CLOSE: tf->eax = sys_close(tf->ebx); break;
		default: tf->eax = -ARGOT_ENOSYS; break;
		}
	} else if (n >= 32 && n < 48) {
		interrupt(n - 32);
	} else if ((tf->cs & 3) == 0) {
		kernel_fault(tf);
	} else {
		user_fault(tf);
	}
	if ((tf->cs & 3) != 3)
		return;
	if (need_resched && !cur->killed)
		sched_yield();
	if (cur->killed)
		thread_exit();
}

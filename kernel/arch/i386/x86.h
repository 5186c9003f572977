/*
 * arch/i386/x86.h - i386 instructions, segment selectors and the trap
 * frame.  Only arch/i386/ and the few generic files that must name a CPU
 * register include this.
 */
#ifndef ARGOT_X86_H
#define ARGOT_X86_H

#include <stdint.h>

/* GDT layout: fixed by the ABI (user code 0x1b, data 0x23, TLS 0x33). */
#define SEG_KCODE 1
#define SEG_KDATA 2
#define SEG_UCODE 3
#define SEG_UDATA 4
#define SEG_TSS   5
#define SEG_TLS   6
#define NSEGS     7
#define KCODE_SEL (SEG_KCODE << 3)
#define KDATA_SEL (SEG_KDATA << 3)
#define UCODE_SEL ((SEG_UCODE << 3) | 3)
#define UDATA_SEL ((SEG_UDATA << 3) | 3)
#define TSS_SEL   (SEG_TSS << 3)
#define TLS_SEL   ((SEG_TLS << 3) | 3)

#define FL_IF 0x200
/* eflags bits a user may set through THREAD_SET_REGS */
#define FL_USER 0x00040cd5u

/* Built by trap.S on every entry; the layout is the push order there. */
struct trapframe {
	uint32_t gs, fs, es, ds;
	uint32_t edi, esi, ebp, oesp, ebx, edx, ecx, eax;
	uint32_t trapno, err;
	uint32_t eip, cs, eflags;
	uint32_t esp, ss;        /* only when coming from ring 3 */
};

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}
static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}
static inline void lcr3(uint32_t pa) { __asm__ volatile("mov %0, %%cr3" : : "r"(pa) : "memory"); }
static inline uint32_t rcr2(void) { uint32_t v; __asm__ volatile("mov %%cr2, %0" : "=r"(v)); return v; }
static inline void invlpg(uint32_t va) { __asm__ volatile("invlpg (%0)" : : "r"(va) : "memory"); }
static inline uint64_t rdtsc(void) { uint64_t v; __asm__ volatile("rdtsc" : "=A"(v)); return v; }
static inline void hlt(void) { __asm__ volatile("hlt"); }
static inline void sti_hlt(void) { __asm__ volatile("sti; hlt; cli" ::: "memory"); }

#endif

/*
 * arch/i386/pic.c - the two 8259s (remapped to vectors 32..47) and the
 * 8254 timer: channel 0 drives preemption at HZ, channel 2 measures the
 * TSC once at boot.
 */
#include "kern.h"
#include "x86.h"

#define PIC1 0x20
#define PIC2 0xa0
static uint16_t mask = 0xffff;

static void pic_write_mask(void)
{
	outb(PIC1 + 1, mask & 0xff);
	outb(PIC2 + 1, mask >> 8);
}

void pic_mask(int irq)   { mask |= 1u << irq; pic_write_mask(); }
void pic_unmask(int irq) { mask &= ~(1u << irq); pic_write_mask(); }

static void pic_init(void)
{
	outb(PIC1, 0x11); outb(PIC2, 0x11);      /* ICW1: edge, cascade, ICW4 */
	outb(PIC1 + 1, 32); outb(PIC2 + 1, 40);  /* ICW2: vector bases */
	outb(PIC1 + 1, 4);  outb(PIC2 + 1, 2);   /* ICW3: slave on line 2 */
	outb(PIC1 + 1, 1);  outb(PIC2 + 1, 1);   /* ICW4: 8086 mode */
	mask = 0xffff & ~((1u << 0) | (1u << 2));
	pic_write_mask();
}

void pic_eoi(int irq)
{
	if (irq >= 8)
		outb(PIC2, 0x20);
	outb(PIC1, 0x20);
}

/* A spurious IRQ 7/15 is not in the in-service register. */
int pic_spurious(int irq)
{
	if (irq != 7 && irq != 15)
		return 0;
	uint16_t port = irq == 7 ? PIC1 : PIC2;
	outb(port, 0x0b);
	if (inb(port) & 0x80)
		return 0;
	if (irq == 15)
		outb(PIC1, 0x20);
	return 1;
}

uint64_t tsc_hz, tsc_boot;

/* Count TSC ticks across 50 ms of PIT channel 2 (mode 0, gate on). */
static void tsc_calibrate(void)
{
	uint32_t count = 1193182 / 20;
	outb(0x61, (inb(0x61) & ~0x02) | 0x01);
	outb(0x43, 0xb0);
	outb(0x42, count & 0xff);
	outb(0x42, count >> 8);
	uint64_t t0 = rdtsc();
	while (!(inb(0x61) & 0x20))
		;
	uint64_t t1 = rdtsc();
	tsc_hz = (t1 - t0) * 20;
	if (tsc_hz == 0)
		tsc_hz = 1;
	tsc_boot = t0;
}

void pit_init(void)
{
	pic_init();
	tsc_calibrate();
	uint32_t div = 1193182 / HZ;
	outb(0x43, 0x34);                        /* ch0, lo/hi, rate generator */
	outb(0x40, div & 0xff);
	outb(0x40, div >> 8);
}

uint64_t clock_ns(uint64_t *tsc)
{
	uint64_t now = rdtsc(), d = now - tsc_boot;
	if (tsc)
		*tsc = now;
	return d / tsc_hz * 1000000000ull + d % tsc_hz * 1000000000ull / tsc_hz;
}

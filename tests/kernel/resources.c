/*
 * tests/kernel/resources.c - I/O ports, IRQs and physical memory: the
 * resources a driver holds only if given them.  The IRQ test drives the
 * CMOS RTC's periodic interrupt on IRQ 8 (the second PIC), which QEMU
 * always has.
 */
#include "kt.h"

#define SCRATCH 0x3ff          /* COM1 scratch register: harmless */
#define CMOS_IDX 0x70
#define CMOS_DAT 0x71

static int grant_range(uint16_t base, uint16_t n, int proc)
{
	int sub, r = k_ioport_sub(kt_bi->ioports, base, n, &sub);
	if (r < 0)
		return r;
	r = k_ioport_grant(sub, proc);
	argot_close(sub);
	return r;
}

static int t_ioport_self(void)
{
	/* rt_console_init granted COM1 (0x3f8-0x3ff) to us */
	outb(SCRATCH, 0x5A);
	EXPECT(inb(SCRATCH), 0x5A);
	outb(SCRATCH, 0xA5);
	EXPECT(inb(SCRATCH), 0xA5);
	return KT_PASS;
}

/* A driver touching a port it was not granted dies; we go on. */
static int t_ioport_denied(void)
{
	int rr, rs, proc, watch;
	struct kt_report rep;
	struct argot_death d;
	OK(kt_pipe(0, &rr, &rs));
	int h[1] = { rs };
	uint32_t args[4] = { SCRATCH };
	OK(kt_spawn("inb", args, h, 1, 0, &watch, &proc));
	EXPECT(kt_report(rr, 3000, &rep), 0);
	EXPECT(kt_death(watch, 3000, &d), 0);
	EXPECT(d.how, ARGOT_DEATH_FAULT);
	EXPECT(d.status, 13);
	EXPECT(d.addr, rep.eip);
	argot_close(proc); argot_close(watch); argot_close(rr); argot_close(rs);
	outb(SCRATCH, 0x33);                     /* and we still can */
	EXPECT(inb(SCRATCH), 0x33);
	return KT_PASS;
}

static int grant_scratch(int proc) { return grant_range(SCRATCH, 1, proc); }

static int t_ioport_granted(void)
{
	int rr, rs, proc, watch;
	struct kt_report rep, val;
	struct argot_death d;
	outb(SCRATCH, 0xC3);
	OK(kt_pipe(0, &rr, &rs));
	int h[1] = { rs };
	uint32_t args[4] = { SCRATCH };
	kt_before_run = grant_scratch;
	int r = kt_spawn("inb", args, h, 1, 0, &watch, &proc);
	kt_before_run = 0;
	OK(r);
	EXPECT(kt_report(rr, 3000, &rep), 0);
	EXPECT(kt_report(rr, 3000, &val), 0);
	EXPECT(val.v0, 0xAA);
	EXPECT(val.v1, 0xC3);
	EXPECT(kt_death(watch, 3000, &d), 0);
	EXPECT(d.how, ARGOT_DEATH_EXIT);
	argot_close(proc); argot_close(watch); argot_close(rr); argot_close(rs);
	return KT_PASS;
}

static int t_ioport_sub_bounds(void)
{
	int com, sub;
	struct argot_range rg;
	OK(k_ioport_sub(kt_bi->ioports, 0x3f8, 8, &com));
	EXPECT(kcall(com, ARGOT_IOPORT_INFO, 0, 0, 0, 0, &rg, sizeof rg,
	             0, 0), 0);
	EXPECT(rg.base, 0x3f8);
	EXPECT(rg.count, 8);
	OK(k_ioport_sub(com, 0x3fa, 2, &sub));       /* inside: fine */
	argot_close(sub);
	CHECK(k_ioport_sub(com, 0x3f0, 16, &sub) < 0);   /* reaches out */
	CHECK(k_ioport_sub(com, 0x400, 1, &sub) < 0);    /* beyond */
	CHECK(k_ioport_sub(com, 0x3f8, 0, &sub) < 0);    /* empty */
	CHECK(k_ioport_sub(kt_bi->ioports, 0xfff0, 0x20, &sub) < 0);
	argot_close(com);
	return KT_PASS;
}

static uint8_t cmos_read(uint8_t reg)
{
	outb(CMOS_IDX, reg);
	return inb(CMOS_DAT);
}

static void cmos_write(uint8_t reg, uint8_t v)
{
	outb(CMOS_IDX, reg);
	outb(CMOS_DAT, v);
}

static int irq_msg(int r, uint32_t ms, uint32_t *line, uint32_t *label)
{
	struct argot_msg m;
	uint32_t v = 0xFFFF;
	int res = kt_recv(r, &m, &v, sizeof v, 0, 0, ms);
	if (res < 0)
		return res;
	if (m.tag != ARGOT_MSG_IRQ || m.rlen != 4)
		return -ARGOT_EINVAL;
	*line = v;
	*label = m.label;
	return 0;
}

/* The RTC's periodic interrupt reaches us as a message; the line stays
 * masked until IRQ_ACK, so at most one is pending. */
static int t_irq_rtc(void)
{
	int r, s;
	uint32_t line, label;
	int irq = kt_bi->irq[8];
	if (irq < 0)
		KT_SKIPF("the kernel kept IRQ 8");
	OK(grant_range(CMOS_IDX, 2, rt.self));
	OK(kt_pipe(0, &r, &s));
	EXPECT(k_irq_attach(irq, s, 0x1288), 0);
	uint8_t a = cmos_read(0x8A), b = cmos_read(0x8B);
	cmos_write(0x8A, (a & 0xF0) | 0x0A);     /* 64 Hz */
	cmos_write(0x8B, b | 0x40);              /* periodic interrupt on */
	cmos_read(0x0C);
	int got = irq_msg(r, 2000, &line, &label);
	cmos_read(0x0C);                         /* the RTC may fire again */
	rt_sleep(100);                           /* ...but the line is masked */
	struct argot_msg m;
	int second = kt_recv(r, &m, 0, 0, 0, 0, 0);
	int second_tag = (int)m.tag;
	EXPECT(k_irq_ack(irq), 0);
	uint32_t line2, label2;
	int third = irq_msg(r, 2000, &line2, &label2);
	cmos_write(0x8B, b & ~0x40);             /* off again */
	cmos_read(0x0C);
	k_irq_ack(irq);
	argot_close(s); argot_close(r);
	EXPECT(got, 0);
	EXPECT(line, 8);
	EXPECT(label, 0x1288);
	/* masked after the first: nothing more until the ack */
	if (second == 0)
		KT_FAILF("a second message (tag %x) before IRQ_ACK", second_tag);
	EXPECT(second, -ARGOT_EAGAIN);
	EXPECT(third, 0);                        /* unmasked: it comes */
	EXPECT(line2, 8);
	return KT_PASS;
}

static int t_physmem_vga(void)
{
	int mo;
	uint32_t va, phys = 0;
	OK(k_physmem_memobj(kt_bi->physmem, 0xB8000, 4096, &mo));
	EXPECT(k_memobj_phys(mo, &phys, 1), 0);
	EXPECT(phys, 0xB8000);
	OK(k_proc_map(rt.self, mo, 0, 0, 4096,
	              ARGOT_PROT_READ | ARGOT_PROT_WRITE, 0, &va));
	volatile uint16_t *text = (volatile uint16_t *)va;
	text[80 * 24] = 0x0741;                  /* 'A' on the last line */
	EXPECT(text[80 * 24], 0x0741);
	k_proc_unmap(rt.self, va, 4096);
	argot_close(mo);
	return KT_PASS;
}

static int t_physmem_bounds(void)
{
	int sub, mo;
	struct argot_range rg;
	OK(k_physmem_sub(kt_bi->physmem, 0xB8000, 0x8000, &sub));
	EXPECT(kcall(sub, ARGOT_PHYSMEM_INFO, 0, 0, 0, 0, &rg, sizeof rg,
	             0, 0), 0);
	EXPECT(rg.base, 0xB8000);
	EXPECT(rg.count, 0x8000);
	CHECK(k_physmem_memobj(sub, 0xA0000, 4096, &mo) < 0);
	CHECK(k_physmem_memobj(sub, 0xBF000, 0x2000, &mo) < 0);
	OK(k_physmem_memobj(sub, 0xB9000, 4096, &mo));
	argot_close(mo);
	argot_close(sub);
	return KT_PASS;
}

/* The kernel's own frames are not in the physmem resource.  Multiboot
 * kernels load at 1 MiB; the kernel's page tables and heap are there
 * or above, so the first page at 1 MiB must be refused. */
static int t_physmem_not_kernel(void)
{
	int mo;
	int r = k_physmem_memobj(kt_bi->physmem, 0x100000, 4096, &mo);
	if (r >= 0)
		argot_close(mo);
	CHECK(r < 0);
	return KT_PASS;
}

const struct kt_test kt_resources[] = {
	{ "res_ioport_self", t_ioport_self },
	{ "res_ioport_denied_child_dies", t_ioport_denied },
	{ "res_ioport_granted_child", t_ioport_granted },
	{ "res_ioport_sub_bounds", t_ioport_sub_bounds },
	{ "res_irq_rtc_delivery_ack", t_irq_rtc },
	{ "res_physmem_vga", t_physmem_vga },
	{ "res_physmem_bounds", t_physmem_bounds },
	{ "res_physmem_not_kernel", t_physmem_not_kernel },
	{ 0, 0 },
};

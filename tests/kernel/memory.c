/*
 * tests/kernel/memory.c - memory objects and mappings: zeroed pages,
 * fixed and chosen addresses, aliases, offsets, unmap and protect (a bad
 * access kills only the child that makes it), sharing between processes,
 * and quotas.
 */
#include "kt.h"

#define RW (ARGOT_PROT_READ | ARGOT_PROT_WRITE)
#define FIXED_VA 0x50000000u

static int t_memobj_zeroed(void)
{
	int mo;
	uint32_t va, size;
	OK(k_memobj_create(rt.kernel, 3 * 4096 - 100, &mo));
	EXPECT(k_memobj_size(mo, &size), 0);
	EXPECT(size, 3 * 4096);                     /* rounded up to pages */
	OK(k_proc_map(rt.self, mo, 0, 0, size, RW, 0, &va));
	const uint32_t *w = (const uint32_t *)va;
	for (uint32_t i = 0; i < size / 4; i++)
		if (w[i])
			KT_FAILF("word %u of a new memobj is %x", i, w[i]);
	EXPECT(k_proc_unmap(rt.self, va, size), 0);
	argot_close(mo);
	return KT_PASS;
}

static int t_map_nonfixed(void)
{
	int mo;
	uint32_t va = 0;
	OK(k_memobj_create(rt.kernel, 4096, &mo));
	OK(k_proc_map(rt.self, mo, 0, 0, 4096, RW, 0, &va));
	CHECK(va >= ARGOT_USER_BASE && va < ARGOT_USER_TOP);
	EXPECT(va % 4096, 0);
	*(volatile uint32_t *)va = 0x1234;
	EXPECT(*(volatile uint32_t *)va, 0x1234);
	EXPECT(k_proc_unmap(rt.self, va, 4096), 0);
	argot_close(mo);
	return KT_PASS;
}

static int t_map_fixed(void)
{
	int mo;
	uint32_t va = 0;
	OK(k_memobj_create(rt.kernel, 8192, &mo));
	OK(k_proc_map(rt.self, mo, FIXED_VA, 0, 8192, RW, ARGOT_MAP_FIXED,
	              &va));
	EXPECT(va, FIXED_VA);
	((volatile uint32_t *)va)[1025] = 0xFEED;
	EXPECT(((volatile uint32_t *)va)[1025], 0xFEED);
	EXPECT(k_proc_unmap(rt.self, va, 8192), 0);
	argot_close(mo);
	return KT_PASS;
}

/* Two mappings of one memobj (the second at an offset) see each other. */
static int t_map_alias_offset(void)
{
	int mo;
	uint32_t a, b;
	OK(k_memobj_create(rt.kernel, 2 * 4096, &mo));
	OK(k_proc_map(rt.self, mo, 0, 0, 2 * 4096, RW, 0, &a));
	OK(k_proc_map(rt.self, mo, 0, 4096, 4096, RW, 0, &b));
	CHECK(a != b);
	((volatile uint32_t *)a)[1024] = 0xA11A5;   /* page 1 via a */
	EXPECT(*(volatile uint32_t *)b, 0xA11A5);
	*(volatile uint32_t *)b = 0xBEE;
	EXPECT(((volatile uint32_t *)a)[1024], 0xBEE);
	k_proc_unmap(rt.self, a, 2 * 4096);
	k_proc_unmap(rt.self, b, 4096);
	argot_close(mo);
	return KT_PASS;
}

/* The mapping keeps the pages: closing the memobj handle is harmless. */
static int t_map_outlives_handle(void)
{
	int mo;
	uint32_t va;
	OK(k_memobj_create(rt.kernel, 4096, &mo));
	OK(k_proc_map(rt.self, mo, 0, 0, 4096, RW, 0, &va));
	EXPECT(argot_close(mo), 0);
	*(volatile uint32_t *)va = 77;
	EXPECT(*(volatile uint32_t *)va, 77);
	EXPECT(k_proc_unmap(rt.self, va, 4096), 0);
	return KT_PASS;
}

/* child writes to its page made read-only: it dies, we live */
static int child_write_dies(const char *cmd, uint32_t va)
{
	int rr, rs, mo, proc, watch;
	struct kt_report rep;
	struct argot_death d;
	OK(kt_pipe(0, &rr, &rs));
	OK(k_memobj_create(rt.kernel, 4096, &mo));
	int h[2] = { rs, mo };
	uint32_t args[4] = { va };
	OK(kt_spawn(cmd, args, h, 2, 0, &watch, &proc));
	EXPECT(kt_report(rr, 3000, &rep), 0);
	EXPECT(kt_death(watch, 3000, &d), 0);
	EXPECT(d.how, ARGOT_DEATH_FAULT);
	EXPECT(d.status, 14);
	EXPECT(d.cr2, va);
	EXPECT(d.addr, rep.eip);
	EXPECT(d.cookie, KT_COOKIE);
	argot_close(proc); argot_close(watch);
	argot_close(rr); argot_close(rs); argot_close(mo);
	return KT_PASS;
}

static int t_protect_ro_kills_writer(void)
{
	return child_write_dies("ro", FIXED_VA);
}

static int t_unmap_kills_toucher(void)
{
	return child_write_dies("unmap", FIXED_VA + 0x10000);
}

/* The same memobj in two processes: each sees the other's writes. */
static int t_share_two_procs(void)
{
	int rr, rs, mo, proc, watch;
	uint32_t va;
	struct kt_report rep;
	struct argot_death d;
	OK(kt_pipe(0, &rr, &rs));
	OK(k_memobj_create(rt.kernel, 4096, &mo));
	OK(k_proc_map(rt.self, mo, 0, 0, 4096, RW, 0, &va));
	volatile uint32_t *w = (volatile uint32_t *)va;
	for (uint32_t i = 0; i < 1024; i++)
		w[i] = 0x1000 + i;
	int h[2] = { rs, mo };
	uint32_t args[4] = { 0x1000, 0x9000 };
	OK(kt_spawn("share", args, h, 2, 0, &watch, &proc));
	EXPECT(kt_report(rr, 3000, &rep), 0);
	EXPECT(rep.v0, 0);                  /* the child saw our words */
	for (uint32_t i = 0; i < 1024; i++)
		if (w[i] != 0x9000 + i)
			KT_FAILF("word %u is %x, child wrote %x", i, w[i],
			         0x9000 + i);
	EXPECT(kt_death(watch, 3000, &d), 0);
	EXPECT(d.how, ARGOT_DEATH_EXIT);
	k_proc_unmap(rt.self, va, 4096);
	argot_close(proc); argot_close(watch);
	argot_close(rr); argot_close(rs); argot_close(mo);
	return KT_PASS;
}

/* A process over its page quota gets ENOMEM; we are unaffected; pages
 * given back can be had again. */
static int t_quota_enomem(void)
{
	int rr, rs, proc, watch;
	struct kt_report rep, again;
	struct argot_death d;
	OK(kt_pipe(0, &rr, &rs));
	int h[1] = { rs };
	OK(kt_spawn("quota", 0, h, 1, 64, &watch, &proc));
	EXPECT(kt_report(rr, 5000, &rep), 0);
	EXPECT(kt_report(rr, 3000, &again), 0);
	EXPECT((int)rep.v1, -ARGOT_ENOMEM);
	/* the quota counts what the child creates (its image and stack were
	 * made by us); allow a little for whatever else the kernel charges */
	CHECK(rep.v0 >= 48 && rep.v0 <= 64);
	EXPECT((int)again.v0, 0);
	/* the parent still allocates */
	void *p = rt_page_alloc(16, 0);
	CHECK(p != 0);
	rt_page_free(p, 16);
	EXPECT(kt_death(watch, 3000, &d), 0);
	argot_close(proc); argot_close(watch); argot_close(rr); argot_close(rs);
	return KT_PASS;
}

static int t_proc_info_pages(void)
{
	struct argot_proc_info a, b;
	int mo;
	uint32_t va;
	OK(k_proc_info(rt.self, &a));
	OK(k_memobj_create(rt.kernel, 5 * 4096, &mo));
	OK(k_proc_map(rt.self, mo, 0, 0, 5 * 4096, RW, 0, &va));
	OK(k_proc_info(rt.self, &b));
	EXPECT(b.pages - a.pages, 5);
	CHECK(b.nthreads >= 1);
	k_proc_unmap(rt.self, va, 5 * 4096);
	argot_close(mo);
	return KT_PASS;
}

/* Memory of the whole system comes back after a child ends. */
static int t_pages_return(void)
{
	struct argot_k_info a, b;
	OK(k_info(rt.kernel, &a));
	int rr, rs, proc, watch;
	struct argot_death d;
	OK(kt_pipe(0, &rr, &rs));
	uint32_t args[4] = { 3 };
	OK(kt_spawn("exit", args, 0, 0, 0, &watch, &proc));
	EXPECT(kt_death(watch, 3000, &d), 0);
	argot_close(proc); argot_close(watch); argot_close(rr); argot_close(rs);
	rt_sleep(20);
	OK(k_info(rt.kernel, &b));
	/* a few pages of slack for kernel bookkeeping the test caused */
	if (b.free_pages + 4 < a.free_pages)
		KT_FAILF("free pages %u before, %u after a child ran",
		         a.free_pages, b.free_pages);
	return KT_PASS;
}

const struct kt_test kt_memory[] = {
	{ "mem_memobj_zeroed", t_memobj_zeroed },
	{ "mem_map_nonfixed", t_map_nonfixed },
	{ "mem_map_fixed", t_map_fixed },
	{ "mem_map_alias_offset", t_map_alias_offset },
	{ "mem_map_outlives_handle", t_map_outlives_handle },
	{ "mem_protect_ro_kills_writer", t_protect_ro_kills_writer },
	{ "mem_unmap_kills_toucher", t_unmap_kills_toucher },
	{ "mem_share_two_procs", t_share_two_procs },
	{ "mem_quota_enomem", t_quota_enomem },
	{ "mem_proc_info_pages", t_proc_info_pages },
	{ "mem_pages_return", t_pages_return },
	{ 0, 0 },
};

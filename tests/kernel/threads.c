/*
 * tests/kernel/threads.c - threads: creation, suspend/resume, registers,
 * TLS, priorities, preemption, exit; and the clock the tests rely on.
 */
#include "kt.h"

static volatile int flag;
static volatile uint32_t counter[2];

static void set_flag(void *arg) { flag = (int)(uintptr_t)arg; }

static int t_create_runs(void)
{
	int th;
	flag = 0;
	OK(kt_thread(set_flag, (void *)7, 0, &th));
	EXPECT(kt_wait_flag(&flag, 7, 2000), 0);
	argot_close(th);
	return KT_PASS;
}

static void count(void *arg)
{
	volatile uint32_t *c = arg;
	for (;;)
		(*c)++;
}

static int t_suspend_resume(void)
{
	int th;
	counter[0] = 0;
	OK(kt_thread(count, (void *)&counter[0], 0, &th));
	rt_sleep(30);
	EXPECT(k_thread_suspend(th), 0);
	uint32_t a = counter[0];
	rt_sleep(30);
	uint32_t b = counter[0];
	EXPECT(k_thread_resume(th), 0);
	rt_sleep(30);
	uint32_t c = counter[0];
	k_thread_suspend(th);
	argot_close(th);
	CHECK(a > 0);
	EXPECT(b, a);               /* frozen while suspended */
	CHECK(c > b);
	return KT_PASS;
}

/* Registers of a suspended thread read back, and setting eip redirects
 * it (the way a signal handler is entered). */
static int t_regs(void)
{
	int th;
	struct argot_regs r;
	flag = 0;
	OK(rt_thread_create(set_flag, (void *)1, 0, 1, &th));
	EXPECT(k_thread_get_regs(th, &r), 0);
	extern char rt_thread_entry[];
	EXPECT(r.eip, (uint32_t)rt_thread_entry);
	CHECK(r.eax != 0 && r.esp != 0);
	/* eax holds the start block; its second word is arg: point it at 9 */
	((void **)r.eax)[1] = (void *)9;
	r.ebx = 0x12345678;
	EXPECT(k_thread_set_regs(th, &r), 0);
	struct argot_regs r2;
	EXPECT(k_thread_get_regs(th, &r2), 0);
	EXPECT(r2.ebx, 0x12345678);
	EXPECT(k_thread_resume(th), 0);
	EXPECT(kt_wait_flag(&flag, 9, 2000), 0);
	argot_close(th);
	return KT_PASS;
}

static uint32_t tls_word = 0x715C0DE;
static uint32_t tls_word2 = 0xD00DAD;

static uint32_t read_gs0(void)
{
	uint32_t v;
	__asm__ volatile("movw %w1, %%gs\n\tmovl %%gs:0, %0"
	                 : "=r"(v) : "r"(ARGOT_TLS_SEL));
	return v;
}

struct tlsarg { int th; volatile int done; uint32_t v1, v2; };

static void tls_thread(void *arg)
{
	struct tlsarg *t = arg;
	t->v1 = read_gs0();
	rt_sleep(20);                     /* switched out and back in */
	uint32_t v;
	__asm__ volatile("movl %%gs:0, %0" : "=r"(v));
	t->v2 = v;
	t->done = 1;
}

/* Two threads with different TLS bases each read their own word. */
static int t_tls(void)
{
	struct tlsarg a = { 0 }, b = { 0 };
	int ta, tb;
	OK(rt_thread_create(tls_thread, &a, 0, 1, &ta));
	OK(rt_thread_create(tls_thread, &b, 0, 1, &tb));
	EXPECT(k_thread_set_tls(ta, (uint32_t)&tls_word), 0);
	EXPECT(k_thread_set_tls(tb, (uint32_t)&tls_word2), 0);
	struct argot_regs r;
	EXPECT(k_thread_get_regs(ta, &r), 0);
	EXPECT(r.gs_base, (uint32_t)&tls_word);
	k_thread_resume(ta);
	k_thread_resume(tb);
	EXPECT(kt_wait_flag(&a.done, 1, 2000), 0);
	EXPECT(kt_wait_flag(&b.done, 1, 2000), 0);
	EXPECT(a.v1, tls_word);
	EXPECT(a.v2, tls_word);
	EXPECT(b.v1, tls_word2);
	EXPECT(b.v2, tls_word2);
	argot_close(ta); argot_close(tb);
	return KT_PASS;
}

static volatile int order[4], norder;

static void mark(void *arg)
{
	order[__atomic_fetch_add(&norder, 1, __ATOMIC_SEQ_CST)] =
		(int)(uintptr_t)arg;
}

/* Of two ready threads, the higher priority runs first. */
static int t_priority_order(void)
{
	int lo, hi;
	norder = 0;
	/* we run above both, so neither starts until we block */
	EXPECT(k_thread_set_prio(rt.thread, 20), 0);
	OK(kt_thread(mark, (void *)1, 5, &lo));
	OK(kt_thread(mark, (void *)2, 15, &hi));
	CHECK(norder == 0);
	rt_sleep(50);
	k_thread_set_prio(rt.thread, ARGOT_PRIO_DEFAULT);
	argot_close(lo); argot_close(hi);
	EXPECT(norder, 2);
	EXPECT(order[0], 2);
	EXPECT(order[1], 1);
	return KT_PASS;
}

/* A higher-priority thread made ready runs before we continue. */
static int t_priority_preempts(void)
{
	int th;
	flag = 0;
	OK(rt_thread_create(set_flag, (void *)3, 25, 1, &th));
	EXPECT(k_thread_resume(th), 0);
	int seen = flag;            /* no sleep: it must already have run */
	argot_close(th);
	EXPECT(seen, 3);
	return KT_PASS;
}

/* The timer preempts: two busy threads at our priority both progress. */
static int t_preemption(void)
{
	int a, b;
	counter[0] = counter[1] = 0;
	OK(kt_thread(count, (void *)&counter[0], 0, &a));
	OK(kt_thread(count, (void *)&counter[1], 0, &b));
	rt_sleep(200);
	k_thread_suspend(a);
	k_thread_suspend(b);
	argot_close(a); argot_close(b);
	if (!counter[0] || !counter[1])
		KT_FAILF("counters %u and %u: a busy thread never ran",
		         counter[0], counter[1]);
	return KT_PASS;
}

static int t_prio_bounds(void)
{
	int th;
	struct argot_proc_thread_create t = { .eip = 0x1000, .esp = 0x2000,
	                                      .prio = 31, .suspended = 1 };
	int proc;
	OK(k_proc_create(rt.kernel, "lowprio", 5, 0, &proc));
	CHECK(k_proc_thread_create(proc, &t, &th) < 0);    /* above max 5 */
	t.prio = 5;
	OK(k_proc_thread_create(proc, &t, &th));
	CHECK(k_thread_set_prio(th, 6) < 0);
	EXPECT(k_thread_set_prio(th, 4), 0);
	CHECK(k_thread_set_prio(th, ARGOT_PRIO_MAX + 1) < 0);
	/* the process's max only goes down */
	EXPECT(k_proc_set_maxprio(proc, 3), 0);
	struct argot_proc_info info;
	EXPECT(k_proc_info(proc, &info), 0);
	EXPECT(info.maxprio, 3);
	k_proc_kill(proc);
	argot_close(th); argot_close(proc);
	return KT_PASS;
}

static void exit_now(void *arg) { (void)arg; }

static int t_thread_exit(void)
{
	int th;
	struct argot_regs r;
	OK(kt_thread(exit_now, 0, 0, &th));
	rt_sleep(30);
	EXPECT(k_thread_get_regs(th, &r), -ARGOT_ESRCH);
	EXPECT(k_thread_resume(th), -ARGOT_ESRCH);
	argot_close(th);
	return KT_PASS;
}

/* The process ends when its last thread exits. */
static int t_last_thread_ends_process(void)
{
	int proc, watch;
	struct argot_death d;
	OK(kt_spawn("lastthread", 0, 0, 0, 0, &watch, &proc));
	EXPECT(kt_death(watch, 3000, &d), 0);
	EXPECT(d.how, ARGOT_DEATH_EXIT);
	argot_close(proc); argot_close(watch);
	return KT_PASS;
}

static int t_clock(void)
{
	struct argot_k_clock a, b;
	OK(k_clock(rt.kernel, &a));
	rt_sleep(50);
	OK(k_clock(rt.kernel, &b));
	CHECK(a.tsc_hz > 1000000);
	CHECK(b.tsc > a.tsc);
	uint64_t ms = (b.ns - a.ns) / 1000000;
	if (b.ns <= a.ns || ms < 45 || ms > 2000)
		KT_FAILF("50 ms sleep: clock moved %u ms", (uint32_t)ms);
	return KT_PASS;
}

static int t_info(void)
{
	struct argot_k_info i;
	OK(k_info(rt.kernel, &i));
	CHECK(i.mem_pages > 1000);          /* QEMU gives us 128 MiB */
	CHECK(i.free_pages > 0 && i.free_pages < i.mem_pages);
	CHECK(i.ticks_hz >= 50 && i.ticks_hz <= 10000);
	CHECK(i.nprocs >= 1);
	EXPECT(i.mem_pages <= kt_bi->mem_pages, 1);
	return KT_PASS;
}

const struct kt_test kt_threads[] = {
	{ "thr_create_runs", t_create_runs },
	{ "thr_suspend_resume", t_suspend_resume },
	{ "thr_get_set_regs", t_regs },
	{ "thr_tls_gs_base", t_tls },
	{ "thr_priority_order", t_priority_order },
	{ "thr_priority_preempts", t_priority_preempts },
	{ "thr_timer_preemption", t_preemption },
	{ "thr_priority_bounds", t_prio_bounds },
	{ "thr_exit", t_thread_exit },
	{ "thr_last_thread_ends_process", t_last_thread_ends_process },
	{ "clock_monotonic_advancing", t_clock },
	{ "kinfo_sane", t_info },
	{ 0, 0 },
};

/*
 * tests/kernel/charges.c - kernel memory is charged to quotas: a child
 * with a small quota ("hog" in child.c) makes pipes and floods their
 * queues, makes threads, makes processes, each until the kernel refuses;
 * it must be refused with ENOMEM once its own quota is spent, while this
 * process (its own quota) still makes pipes and CALLs; and when the child
 * is killed, everything it was charged for comes back.
 */
#include "kt.h"

#define HOG_QUOTA 256u                 /* pages: 1 MiB */
#define HOG_BYTES (HOG_QUOTA * 4096u)
enum { ST_PIPES = 1, ST_THREADS = 2, ST_PROCS = 4, ST_ALL = 7 };

static struct kt_server srv;
static int srv_recv, srv_send;

/* What every other process must still be able to do: new pipes, CALLs
 * through a server, and the machine far from empty. */
static int still_works(void)
{
	for (uint32_t i = 0; i < 16; i++) {
		int r, s;
		char out[32], in[64];
		memset(out, (int)i, sizeof out);
		OK(kt_pipe(i, &r, &s));
		struct argot_msg m = { .tag = 0x100 + i, .timeout = 2000,
			.sbuf = out, .slen = sizeof out, .rbuf = in,
			.rcap = sizeof in };
		EXPECT(argot_send(srv_send, &m, ARGOT_CALL), 0);
		EXPECT(m.tag, 0x101 + i);
		EXPECT(m.rlen, sizeof out);
		CHECK(memcmp(in, out, sizeof out) == 0);
		argot_close(r);
		argot_close(s);
	}
	struct argot_k_info ki;
	OK(k_info(rt.kernel, &ki));
	/* the hog holds at most its quota: most of the machine is free */
	CHECK(ki.free_pages > ki.mem_pages / 4);
	return KT_PASS;
}

/* Bounds on what a stage may have made with HOG_QUOTA pages.  Upper:
 * the least each object can cost (without charges the hog makes far
 * more, or fails with something else).  Lower: most of the quota went
 * into the objects (the hog's thread, page tables and pipes of reports
 * take a few pages). */
static int check_stage(int stage, const struct kt_report *r)
{
	EXPECT((int)r->v1, -ARGOT_ENOMEM);
	if (stage == ST_PIPES) {
		/* each 8 KiB message is kept as 8 KiB and a header: 3 pages */
		if (r->eip > HOG_BYTES / 12288 || r->eip < HOG_QUOTA / 4)
			KT_FAILF("%u messages queued with a %u-page quota",
			         r->eip, HOG_QUOTA);
	} else if (stage == ST_THREADS) {
		/* a thread: an 8 KiB kernel stack and its struct */
		if (r->v0 > HOG_BYTES / 8192 || r->v0 < HOG_QUOTA / 4)
			KT_FAILF("%u threads with a %u-page quota", r->v0,
			         HOG_QUOTA);
	} else {
		/* a process: its 8 KiB handle table, page directory and
		 * shadow list, charged to its creator */
		if (r->v0 > HOG_BYTES / 16384 || r->v0 < HOG_QUOTA / 8)
			KT_FAILF("%u processes with a %u-page quota", r->v0,
			         HOG_QUOTA);
	}
	return KT_PASS;
}

/* Run the hog through the stages in mask; at each, while it holds all it
 * could get, check the stage and that we still work.  Then kill it. */
static int hog_run(uint32_t mask)
{
	int rr, rs, gr, gs, proc, watch, err = KT_PASS;
	struct kt_report rep;
	struct argot_death d;
	OK(kt_pipe(0, &rr, &rs));
	OK(kt_pipe(0, &gr, &gs));
	int h[2] = { rs, gr };
	uint32_t args[4] = { mask };
	OK(kt_spawn("hog", args, h, 2, HOG_QUOTA, &watch, &proc));
	argot_close(rs);
	for (int s = 1; s <= ST_PROCS && err == KT_PASS; s <<= 1) {
		if (!(mask & (uint32_t)s))
			continue;
		int got = kt_report(rr, 30000, &rep);
		if (got < 0) {       /* still kill it below */
			rt_snprintf(kt_why, sizeof kt_why,
			            "stage %d: no report from the hog: %d", s, got);
			err = KT_FAIL;
			break;
		}
		rt_printf("chg: stage %d: %u messages, %u objects, error %d\n",
		          s, rep.eip, rep.v0, (int)rep.v1);
		err = check_stage(s, &rep);
		if (err == KT_PASS)
			err = still_works();
		OK(kt_send(gs, 1, 0, 0, 0, 0, 1000));
	}
	if (err == KT_PASS) {
		EXPECT(kt_report(rr, 5000, &rep), 0);
		EXPECT(rep.v0, 0xD0);
	}
	OK(k_proc_kill(proc));
	EXPECT(kt_death(watch, 3000, &d), 0);
	argot_close(proc); argot_close(watch);
	argot_close(rr); argot_close(gs);
	return err;
}

static int with_server(int (*fn)(uint32_t), uint32_t arg)
{
	OK(kt_pipe(0, &srv_recv, &srv_send));
	OK(kt_server_start(&srv, srv_recv, KT_SRV_ECHO));
	int r = fn(arg);
	kt_server_stop(&srv, srv_send);
	argot_close(srv_recv);
	argot_close(srv_send);
	return r;
}

static int t_flood_queues(void) { return with_server(hog_run, ST_PIPES); }
static int t_threads(void) { return with_server(hog_run, ST_THREADS); }
static int t_procs(void) { return with_server(hog_run, ST_PROCS); }

/* After the hog is killed its charges come back: our quota (which paid
 * for its fixed costs and its image) exactly, the machine's free pages
 * within a little.  The first run fills the kernel heap's free lists
 * (freed small objects stay there for reuse, they are not given back
 * as pages), so the second is measured against the first. */
static int all_back(uint32_t unused)
{
	struct argot_k_info a, b;
	struct argot_proc_info qa, qb;
	(void)unused;
	int r = hog_run(ST_ALL);
	if (r != KT_PASS)
		return r;
	rt_sleep(20);
	OK(k_info(rt.kernel, &a));
	OK(k_proc_info(rt.self, &qa));
	if ((r = hog_run(ST_ALL)) != KT_PASS)
		return r;
	rt_sleep(20);
	OK(k_info(rt.kernel, &b));
	OK(k_proc_info(rt.self, &qb));
	rt_printf("chg: free pages %u then %u, our quota left %u then %u\n",
	          a.free_pages, b.free_pages, qa.quota_pages, qb.quota_pages);
	/* Our quota must come back exactly.  Free pages: 2 of slack, for a
	 * page of the heap's free lists the scheduler's timing could leave
	 * split differently (a thread freed before or after the next kalloc);
	 * a leak of any one kind of object the hog made is a page or more. */
	if (b.free_pages + 2 < a.free_pages || qb.quota_pages != qa.quota_pages)
		KT_FAILF("free pages %u -> %u, quota left %u -> %u",
		         a.free_pages, b.free_pages, qa.quota_pages,
		         qb.quota_pages);
	return KT_PASS;
}

static int t_all_returned(void) { return with_server(all_back, 0); }

const struct kt_test kt_charges[] = {
	{ "chg_flood_queues_enomem", t_flood_queues },
	{ "chg_threads_enomem", t_threads },
	{ "chg_procs_enomem", t_procs },
	{ "chg_all_returned", t_all_returned },
	{ 0, 0 },
};

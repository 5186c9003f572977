/*
 * tests/kernel/faults.c - a faulting process dies alone and its watchers
 * learn how: page fault, GP fault, invalid opcode, divide error, reads of
 * kernel memory; plus PROC_EXIT status, PROC_KILL and several watchers.
 */
#include "kt.h"

/* Run the child command, which reports the eip it will fault at, and
 * check the death message. */
static int expect_fault(const char *cmd, uint32_t arg, uint32_t vector,
                        int check_cr2)
{
	int rr, rs, proc, watch;
	struct kt_report rep;
	struct argot_death d;
	OK(kt_pipe(0, &rr, &rs));
	int h[1] = { rs };
	uint32_t args[4] = { arg };
	OK(kt_spawn(cmd, args, h, 1, 0, &watch, &proc));
	EXPECT(kt_report(rr, 3000, &rep), 0);
	EXPECT(kt_death(watch, 3000, &d), 0);
	argot_close(proc); argot_close(watch); argot_close(rr); argot_close(rs);
	EXPECT(d.cookie, KT_COOKIE);
	EXPECT(d.how, ARGOT_DEATH_FAULT);
	EXPECT(d.status, vector);
	EXPECT(d.addr, rep.eip);
	if (check_cr2)
		EXPECT(d.cr2, rep.cr2);   /* the address the child touched */
	return KT_PASS;
}

static int t_page_fault_null(void) { return expect_fault("read", 0x10, 14, 1); }
static int t_page_fault_kernel(void)
{
	return expect_fault("read", 0xC0100000u, 14, 1);
}
static int t_page_fault_write_text(void)
{
	/* arg 0: the child writes into its own (read-only) code */
	return expect_fault("write", 0, 14, 1);
}
static int t_gp_fault(void) { return expect_fault("gp", 0, 13, 0); }
static int t_invalid_opcode(void) { return expect_fault("ud", 0, 6, 0); }
static int t_divide_error(void) { return expect_fault("div", 0, 0, 0); }

static int exit_with(const char *cmd, uint32_t status)
{
	int proc, watch;
	struct argot_death d;
	uint32_t args[4] = { status };
	OK(kt_spawn(cmd, args, 0, 0, 0, &watch, &proc));
	EXPECT(kt_death(watch, 3000, &d), 0);
	EXPECT(d.how, ARGOT_DEATH_EXIT);
	EXPECT(d.status, status);
	/* a dead process answers ESRCH */
	struct argot_proc_info info;
	EXPECT(k_proc_info(proc, &info), -ARGOT_ESRCH);
	argot_close(proc); argot_close(watch);
	return KT_PASS;
}

static int t_exit_status(void) { return exit_with("exit", 42); }
static int t_return_status(void) { return exit_with("return", 7); }

static int t_kill(void)
{
	int proc, watch;
	struct argot_death d;
	OK(kt_spawn("spin", 0, 0, 0, 0, &watch, &proc));
	rt_sleep(20);
	EXPECT(kt_recv(watch, &(struct argot_msg){ 0 }, 0, 0, 0, 0, 0),
	       -ARGOT_EAGAIN);                     /* still alive */
	EXPECT(k_proc_kill(proc), 0);
	EXPECT(kt_death(watch, 3000, &d), 0);
	EXPECT(d.how, ARGOT_DEATH_KILLED);
	EXPECT(k_proc_kill(proc), -ARGOT_ESRCH);
	argot_close(proc); argot_close(watch);
	return KT_PASS;
}

/* Every watcher hears, each with its own cookie. */
static int t_two_watchers(void)
{
	int proc, w1, r2, s2;
	struct argot_death d1, d2;
	OK(kt_spawn("spin", 0, 0, 0, 0, &w1, &proc));
	OK(kt_pipe(0, &r2, &s2));
	EXPECT(k_proc_watch(proc, s2, 0x2222), 0);
	EXPECT(k_proc_kill(proc), 0);
	EXPECT(kt_death(w1, 3000, &d1), 0);
	EXPECT(kt_death(r2, 3000, &d2), 0);
	EXPECT(d1.cookie, KT_COOKIE);
	EXPECT(d2.cookie, 0x2222);
	argot_close(proc); argot_close(w1); argot_close(r2); argot_close(s2);
	return KT_PASS;
}

/* Many children die in a row; the kernel keeps count of live ones. */
static int t_many_deaths(void)
{
	struct argot_k_info a, b;
	OK(k_info(rt.kernel, &a));
	for (int i = 0; i < 10; i++) {
		int proc, watch;
		struct argot_death d;
		OK(kt_spawn(i & 1 ? "ud" : "div", 0, 0, 0, 0, &watch, &proc));
		EXPECT(kt_death(watch, 3000, &d), 0);
		EXPECT(d.how, ARGOT_DEATH_FAULT);
		argot_close(proc); argot_close(watch);
	}
	OK(k_info(rt.kernel, &b));
	EXPECT(b.nprocs, a.nprocs);
	return KT_PASS;
}

const struct kt_test kt_faults[] = {
	{ "flt_page_fault_null", t_page_fault_null },
	{ "flt_page_fault_kernel_addr", t_page_fault_kernel },
	{ "flt_page_fault_write_text", t_page_fault_write_text },
	{ "flt_gp_fault", t_gp_fault },
	{ "flt_invalid_opcode", t_invalid_opcode },
	{ "flt_divide_error", t_divide_error },
	{ "flt_exit_status", t_exit_status },
	{ "flt_return_status", t_return_status },
	{ "flt_kill", t_kill },
	{ "flt_two_watchers", t_two_watchers },
	{ "flt_many_deaths", t_many_deaths },
	{ 0, 0 },
};

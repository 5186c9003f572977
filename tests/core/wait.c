/*
 * tests/core/wait.c - proc's wait when the waiter gives up (timeout,
 * THREAD_ABORT) and when children stop and continue (PROC_MARK_STOP,
 * WUNTRACED, WCONTINUED), and orphans going to init.
 */
#include "ct.h"

#define SIGTSTP 20
#define ETIMEDOUT 110
#define STOPPED(sig) ((uint32_t)(sig) << 8 | 0x7f)
#define CONTINUED 0xffffu

static int waitfor(int pid, uint32_t opts, uint32_t *status, uint32_t ms)
{
	return proc_wait(ct_st->proc, pid, opts, status, ms);
}

/* A wait that times out leaves a dead reply handle in proc: the next
 * wait must work, and the child's status must not be lost. */
static void wait_timeout(void)
{
	uint32_t status = 77;
	int pid = ct_spawn("/bin/ctchild", "sleep", "800");
	int r = waitfor(pid, 0, &status, 200);
	CHECK_EQ("wait-timeout", r, -ETIMEDOUT);
	r = waitfor(pid, 0, &status, 10000);
	ct_check("wait-after-timeout", pid > 0 && r == pid && status == 0,
	         "pid=%d r=%d status=0x%x", pid, r, status);

	/* the child dies while only the dead waiter is there */
	pid = ct_spawn("/bin/ctchild", "sleep", "300");
	int r1 = waitfor(pid, 0, &status, 50);
	rt_sleep(800);
	status = 77;
	r = waitfor(pid, PROC_WNOHANG, &status, CT_T);
	ct_check("wait-status-kept-for-next", pid > 0 && r1 == -ETIMEDOUT &&
	         r == pid && status == 0, "pid=%d r1=%d r=%d status=0x%x",
	         pid, r1, r, status);
}

static struct { int pid, r; uint32_t status; volatile int done; } aw;

static void abort_waiter(void *arg)
{
	(void)arg;
	aw.r = waitfor(aw.pid, 0, &aw.status, 20000);
	aw.done = 1;
}

/* A wait aborted by THREAD_ABORT (how a signal interrupts a call). */
static void wait_abort(void)
{
	uint32_t status = 77;
	int th, r;
	aw.pid = ct_spawn("/bin/ctchild", "sleep", "1000");
	aw.done = 0;
	if (rt_thread_create(abort_waiter, 0, 0, 0, &th) < 0) {
		ct_check("wait-aborted", 0, "no thread");
		return;
	}
	rt_sleep(200);
	k_thread_abort(th);
	for (int i = 0; i < 100 && !aw.done; i++)
		rt_sleep(10);
	ct_check("wait-aborted", aw.done && aw.r == -ARGOT_EINTR,
	         "done=%d r=%d", aw.done, aw.r);
	argot_close(th);
	r = waitfor(aw.pid, 0, &status, 10000);
	ct_check("wait-after-abort", aw.pid > 0 && r == aw.pid && status == 0,
	         "pid=%d r=%d status=0x%x", aw.pid, r, status);
}

static void stops(void)
{
	uint32_t status = 0;
	struct argot_procinfo info;
	int pid = ct_spawn("/bin/ctchild", "stopmark", "20");
	int r = waitfor(pid, PROC_WUNTRACED, &status, 10000);
	ct_check("wait-untraced-stopped", pid > 0 && r == pid &&
	         status == STOPPED(SIGTSTP), "r=%d status=0x%x", r, status);
	r = proc_info(ct_st->proc, pid, &info, CT_T);
	ct_check("info-state-stopped", r == 0 && info.state == PROC_STATE_STOP,
	         "r=%d state=%c", r, (char)info.state);
	r = waitfor(pid, PROC_WUNTRACED | PROC_WNOHANG, &status, CT_T);
	CHECK_EQ("wait-stop-reported-once", r, 0);
	r = waitfor(pid, PROC_WCONTINUED, &status, 10000);
	ct_check("wait-continued", r == pid && status == CONTINUED,
	         "r=%d status=0x%x", r, status);
	r = proc_info(ct_st->proc, pid, &info, CT_T);
	ct_check("info-state-running", r == 0 && info.state == PROC_STATE_RUN,
	         "r=%d state=%c", r, (char)info.state);
	r = waitfor(pid, PROC_WUNTRACED | PROC_WCONTINUED, &status, 10000);
	ct_check("wait-exit-after-stop", r == pid && status == 5 << 8,
	         "r=%d status=0x%x", r, status);

	/* without the options a stop and a continue are not reported */
	pid = ct_spawn("/bin/ctchild", "stopmark", "19");
	r = waitfor(pid, 0, &status, 10000);
	ct_check("wait-plain-skips-stop", pid > 0 && r == pid &&
	         status == 5 << 8, "r=%d status=0x%x", r, status);
	CHECK_EQ("mark-stop-bad-signal",
	         proc_mark_stop(ct_st->proc, 65, CT_T), -ARGOT_EINVAL);
}

/* An orphan goes to init, pid 1, whatever the boot started before. */
static void orphans(void)
{
	struct argot_procinfo info;
	struct proc_list l;
	uint32_t status;
	int r = proc_info(ct_st->proc, 1, &info, CT_T);
	ct_check("pid1-is-init", r == 0 && !strcmp(info.name, "init") &&
	         info.ppid == 0, "r=%d name=%s ppid=%d", r, info.name, info.ppid);
	int pid = ct_spawn("/bin/ctchild", "orphan", "1500");
	r = waitfor(pid, 0, &status, 10000);
	ct_check("orphan-parent-exits", pid > 0 && r == pid && status == 0,
	         "r=%d status=0x%x", r, status);
	/* its child is the newest ctchild; find it and ask for its parent */
	int found = 0;
	if (proc_list(ct_st->proc, pid + 1, &l, CT_T) == 0)
		for (uint32_t i = 0; i < l.count; i++)
			if (proc_info(ct_st->proc, l.pids[i], &info, CT_T) == 0 &&
			    !strcmp(info.name, "ctchild") && info.state != 'Z') {
				found = 1;
				break;
			}
	ct_check("orphan-goes-to-init", found && info.ppid == 1,
	         "found=%d ppid=%d", found, info.ppid);
}

void ct_wait(void)
{
	wait_timeout();
	wait_abort();
	stops();
	orphans();
}

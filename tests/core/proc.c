/*
 * tests/core/proc.c - wait and the exit status of crashing children,
 * WNOHANG, kill permissions.
 */
#include "ct.h"

#define SIGTERM 15

static int waitfor(int pid, uint32_t opts, uint32_t *status)
{
	return proc_wait(ct_st->proc, pid, opts, status, 10000);
}

void ct_proc(void)
{
	struct proc_pids p;
	uint32_t status;
	int pid, r;
	r = proc_getpids(ct_st->proc, &p, CT_T);
	ct_check("proc-getpids", r == 0 && p.pid > 1 && p.ppid == 1,
	         "r=%d pid=%d ppid=%d", r, p.pid, p.ppid);

	pid = ct_spawn("/bin/ctchild", "exit", "42");
	r = waitfor(pid, 0, &status);
	ct_check("proc-exit-status", pid > 0 && r == pid && status == 42 << 8,
	         "pid=%d r=%d status=0x%x", pid, r, status);
	pid = ct_spawn("/bin/ctchild", "segv", 0);
	r = waitfor(pid, 0, &status);
	ct_check("proc-crash-is-sigsegv", r == pid && status == (11 | 0x80),
	         "r=%d status=0x%x", r, status);
	pid = ct_spawn("/bin/ctchild", "ud2", 0);
	r = waitfor(pid, 0, &status);
	ct_check("proc-crash-is-sigill", r == pid && status == (4 | 0x80),
	         "r=%d status=0x%x", r, status);

	pid = ct_spawn("/bin/ctchild", "sleep", "3000");
	r = waitfor(-1, PROC_WNOHANG, &status);
	ct_check("proc-wnohang", pid > 0 && r == 0, "pid=%d r=%d", pid, r);
	CHECK_EQ("proc-kill-own", proc_kill(ct_st->proc, pid, SIGTERM, CT_T), 0);
	r = waitfor(pid, 0, &status);
	ct_check("proc-killed-status", r == pid && status == SIGTERM,
	         "r=%d status=0x%x", r, status);
	CHECK_EQ("proc-echild", waitfor(-1, PROC_WNOHANG, &status), -10);
	struct argot_procinfo info;
	r = proc_info(ct_st->proc, 1, &info, CT_T);
	ct_check("proc-info-init", r == 0 && info.pid == 1 &&
	         !strcmp(info.name, "init"), "r=%d name=%s", r, info.name);

	/* give up root: a uid-1000 process may not kill a root one */
	pid = ct_spawn("/bin/ctchild", "sleep", "2000");
	struct argot_idset u;
	int a1, newproc;
	idset_single(&u, 1000, 100);
	auth_makeauth(ct_st->auth, 0, 0, &u, &a1, CT_T);
	r = rpc_reauth(ct_st->proc, PROC_REAUTH, a1, &newproc, CT_T);
	CHECK_EQ("proc-reauth", r, 0);
	if (r == 0) {
		CHECK_EQ("proc-old-handle-dead",
		         proc_getpids(ct_st->proc, &p, CT_T), -ARGOT_EPIPE);
		ct_st->proc = newproc;
		r = proc_info(newproc, p.pid, &info, CT_T);
		CHECK_EQ("proc-kill-denied", proc_kill(newproc, pid, SIGTERM, CT_T),
		         -ARGOT_EPERM);
		CHECK_EQ("proc-kill-init-denied",
		         proc_kill(newproc, 1, SIGTERM, CT_T), -ARGOT_EPERM);
	}
	r = waitfor(pid, 0, &status);
	ct_check("proc-child-survived-kill", r == pid && status == 0,
	         "r=%d status=0x%x", r, status);
}

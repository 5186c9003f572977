/*
 * tests/core/term.c - the terminal server (/hurd/term) as a client sees
 * it: malformed requests refused, and the foreground group's rules
 * (TIOCSPGRP through TERM_SET_PGRP).  Uses COM2's terminal, which
 * nothing else in the core image touches.
 */
#include "ct.h"
#include <argot/term.h>

#define ESRCH 3

/* Open a path that may cross into another server (/dev is bootstrap's
 * on a ramfs root): follow NORMAL and REAUTH retries. */
static int open_across(const char *path, int *h)
{
	char rest[64];
	uint32_t retry;
	int at = ct_st->root, next, r;
	while (*path == '/')
		path++;
	rt_snprintf(rest, sizeof rest, "%s", path);
	for (int hops = 0; hops < 8; hops++) {
		char name[64];
		rt_snprintf(name, sizeof name, "%s", rest);
		r = dir_lookup(at, name, ARGOT_O_RDWR, 0, &retry, rest,
		               sizeof rest, &next, CT_T);
		if (at != ct_st->root)
			argot_close(at);
		if (r < 0)
			return r;
		if (retry == DIR_RETRY_REAUTH) {
			int fresh;
			r = rpc_reauth(next, IO_REAUTH, ct_st->auth, &fresh, CT_T);
			argot_close(next);
			if (r < 0)
				return r;
			next = fresh;
		} else if (retry != DIR_RETRY_NORMAL) {
			argot_close(next);
			return -ARGOT_ENOSYS;
		}
		if (!rest[0]) {
			*h = next;
			return 0;
		}
		at = next;
	}
	return -ARGOT_EINVAL;
}

static void malformed(int tty)
{
	char junk[8] = { 0 };
	int32_t h = ct_st->proc;
	int32_t pg;
	CHECK_EQ("term-bad-size", ct_raw(tty, TERM_SET_PGRP, junk, 3, 0, 0),
	         -ARGOT_EINVAL);
	CHECK_EQ("term-bad-size-long", ct_raw(tty, TERM_GET_MODES, junk, 8, 0, 0),
	         -ARGOT_EINVAL);
	CHECK_EQ("term-bad-handles", ct_raw(tty, TERM_GET_PGRP, 0, 0, &h, 1),
	         -ARGOT_EINVAL);
	CHECK_EQ("term-bad-id", ct_raw(tty, ARGOT_RPC_TERM + 0xf0, 0, 0, 0, 0),
	         -ARGOT_ENOSYS);
	CHECK_EQ("term-bad-protocol", ct_raw(tty, PROC_GETPIDS, 0, 0, 0, 0),
	         -ARGOT_ENOSYS);
	CHECK_EQ("term-alive-after-bad", term_get_pgrp(tty, &pg, CT_T), 0);
}

static void pgrp(int tty)
{
	struct proc_pids me;
	int32_t pg = -1;
	uint32_t status;
	int r = term_get_pgrp(tty, &pg, CT_T);
	ct_check("term-pgrp-unset", r == 0 && pg == 0, "r=%d pgrp=%d", r, pg);
	CHECK_EQ("term-pgrp-zero", term_set_pgrp(tty, 0, CT_T), -ARGOT_EINVAL);
	CHECK_EQ("term-pgrp-negative", term_set_pgrp(tty, -5, CT_T),
	         -ARGOT_EINVAL);
	CHECK_EQ("term-pgrp-no-such-group", term_set_pgrp(tty, 1000, CT_T),
	         -ESRCH);

	/* a child made leader of its own group, in our session */
	int pid = ct_spawn("/bin/ctchild", "sleep", "3000");
	r = proc_setpgid(ct_st->proc, pid, 0, CT_T);
	CHECK_EQ("term-setpgid-child", r, 0);
	CHECK_EQ("term-pgrp-set", term_set_pgrp(tty, pid, CT_T), 0);
	r = term_get_pgrp(tty, &pg, CT_T);
	ct_check("term-pgrp-get", r == 0 && pg == pid, "r=%d pgrp=%d pid=%d",
	         r, pg, pid);

	/* a new session may not take a terminal whose session lives on */
	r = proc_setsid(ct_st->proc, &me, CT_T);
	CHECK_EQ("term-setsid", r, 0);
	CHECK_EQ("term-pgrp-other-session", term_set_pgrp(tty, me.pgrp, CT_T),
	         -ARGOT_EPERM);
	r = term_get_pgrp(tty, &pg, CT_T);
	ct_check("term-pgrp-unchanged", r == 0 && pg == pid, "r=%d pgrp=%d", r,
	         pg);
	proc_kill(ct_st->proc, pid, 9, CT_T);
	proc_wait(ct_st->proc, pid, 0, &status, 10000);
}

void ct_term(void)
{
	int tty;
	int r = open_across("/dev/ttyS1", &tty);
	ct_check("term-open", r == 0, "r=%d", r);
	if (r < 0)
		return;
	malformed(tty);
	pgrp(tty);
	argot_close(tty);
}

/*
 * libargot/server/stub_exec.c - client stubs of exec (exec.h) and term
 * (term.h).
 */
#include "rpc.h"
#include <argot/exec.h>
#include <argot/term.h>

/* Pack NULL-terminated string arrays into buf; returns bytes or -E2BIG. */
static int pack(char *buf, uint32_t cap, uint32_t at,
                const char *const *v, uint32_t *count)
{
	*count = 0;
	for (; v && *v; v++) {
		uint32_t n = rpc_strnlen(*v, EXEC_ARGS_MAX) + 1;
		if (at + n > cap)
			return -7;  /* E2BIG */
		rpc_copy(buf + at, *v, n - 1);
		buf[at + n - 1] = 0;
		at += n;
		(*count)++;
	}
	return (int)at;
}

int exec_load(int exec, int file, int process, const struct argot_startup *st,
              const char *const *argv, const char *const *envp,
              uint32_t flags, const uint32_t ids[4],
              struct exec_load_rep *rep, int *thread, uint32_t timeout)
{
	if (!argot_hooks.alloc)
		return -ARGOT_ENOMEM;
	char *strs = argot_hooks.alloc(EXEC_ARGS_MAX);
	if (!strs)
		return -ARGOT_ENOMEM;
	struct exec_load_req q;
	rpc_zero(&q, sizeof q);
	q.startup = *st;
	q.flags = flags;
	if (ids) {
		q.uid = ids[0]; q.euid = ids[1]; q.gid = ids[2]; q.egid = ids[3];
	}
	int a = pack(strs, EXEC_ARGS_MAX, 0, argv, &q.argc);
	int e = a < 0 ? a : pack(strs, EXEC_ARGS_MAX, a, envp, &q.envc);
	int r = e;
	if (e >= 0) {
		q.argvlen = (uint32_t)a;
		int32_t hin[2] = { file, process }, hout = ARGOT_NOHANDLE;
		struct rpc c = { .id = EXEC_LOAD, .req = &q, .reqlen = sizeof q,
		                 .tail = strs, .taillen = (uint32_t)e,
		                 .hin = hin, .nin = 2, .rep = rep,
		                 .repcap = sizeof *rep, .hout = &hout, .nout = 1,
		                 .timeout = timeout };
		r = rpc_call(exec, &c);
		if (r == 0 && c.nhout != 1)
			r = -ARGOT_EINVAL;
		*thread = r == 0 ? hout : ARGOT_NOHANDLE;
	}
	argot_hooks.free(strs);
	return r;
}

int term_get_modes(int h, struct argot_termios *t, uint32_t timeout)
{
	return rpc_simple(h, TERM_GET_MODES, 0, 0, t, sizeof *t, timeout);
}

int term_set_modes(int h, uint32_t when, const struct argot_termios *t,
                   uint32_t timeout)
{
	struct term_set_modes_req q = { .when = when, .t = *t };
	return rpc_simple(h, TERM_SET_MODES, &q, sizeof q, 0, 0, timeout);
}

int term_get_pgrp(int h, int32_t *pgrp, uint32_t timeout)
{
	struct term_pgrp rep;
	int r = rpc_simple(h, TERM_GET_PGRP, 0, 0, &rep, sizeof rep, timeout);
	if (r == 0)
		*pgrp = rep.pgrp;
	return r;
}

int term_set_pgrp(int h, int32_t pgrp, uint32_t timeout)
{
	struct term_pgrp q = { pgrp };
	return rpc_simple(h, TERM_SET_PGRP, &q, sizeof q, 0, 0, timeout);
}

int term_get_winsize(int h, struct argot_winsize *w, uint32_t timeout)
{
	return rpc_simple(h, TERM_GET_WINSIZE, 0, 0, w, sizeof *w, timeout);
}

int term_set_winsize(int h, const struct argot_winsize *w, uint32_t timeout)
{
	return rpc_simple(h, TERM_SET_WINSIZE, w, sizeof *w, 0, 0, timeout);
}

int term_flush(int h, uint32_t queue, uint32_t timeout)
{
	struct term_pgrp q = { (int32_t)queue };
	return rpc_simple(h, TERM_FLUSH, &q, sizeof q, 0, 0, timeout);
}

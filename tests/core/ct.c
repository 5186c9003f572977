/*
 * tests/core/ct.c - the core system tests, run inside Argot as a program
 * started from /etc/rc.  Each test prints PASS: or FAIL: on the boot
 * console; "TESTS DONE" ends the run (tests/harness/README.md).
 */
#include "ct.h"

struct argot_startup *ct_st;

void ct_say(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	int n = rt_vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof buf - 1)
		n = sizeof buf - 1;
	io_write(ct_st->console, IO_FILEPTR, buf, (uint32_t)n, CT_T);
}

void ct_check(const char *name, int ok, const char *fmt, ...)
{
	char why[160];
	va_list ap;
	va_start(ap, fmt);
	rt_vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	if (ok)
		ct_say("PASS: %s\n", name);
	else
		ct_say("FAIL: %s %s\n", name, why);
}

int ct_open(const char *path, int *h)
{
	uint32_t retry;
	char rest[64];
	while (*path == '/')
		path++;
	return dir_lookup(ct_st->root, path, ARGOT_O_RDONLY, 0, &retry, rest,
	                  sizeof rest, h, CT_T);
}

int ct_spawn(const char *path, const char *a1, const char *a2)
{
	int file, r;
	if ((r = ct_open(path, &file)) < 0)
		return r;
	struct argot_spawn sp = {
		.kernel = ct_st->kernel, .auth = ct_st->auth,
		.proc = ct_st->proc, .exec = ct_st->exec, .cwd = ct_st->cwd,
		.root = ct_st->root, .console = ct_st->console, .nfds = 3,
		.fds = { ct_st->console, ct_st->console, ct_st->console },
		.timeout = CT_T,
	};
	const char *argv[] = { path, a1, a2, 0 };
	const char *envp[] = { 0 };
	struct argot_spawned out;
	r = argot_spawn(&sp, file, argv, envp, &out);
	argot_close(file);
	if (r < 0)
		return r;
	argot_close(out.process);
	argot_close(out.proc);
	return (int)out.pid;
}

int ct_raw(int h, uint32_t tag, const void *data, uint32_t len,
           const int32_t *hs, uint32_t nh)
{
	char rep[512];
	int32_t hout[ARGOT_MSG_MAXHANDLES];
	struct argot_msg m = {
		.tag = tag, .timeout = CT_T, .sbuf = data, .slen = len,
		.shnd = hs, .snhnd = nh, .rbuf = rep, .rcap = sizeof rep,
		.rhnd = hout, .rhcap = ARGOT_MSG_MAXHANDLES,
	};
	int r = argot_send(h, &m, ARGOT_CALL);
	if (r < 0)
		return r;
	for (uint32_t i = 0; i < m.rnhnd; i++)
		argot_close(hout[i]);
	return (int32_t)m.tag;
}

int xmain(int argc, char **argv, char **envp, struct argot_startup *st)
{
	(void)argc; (void)argv; (void)envp;
	ct_st = st;
	ct_say("core tests starting\n");
	ct_malformed();
	ct_auth();
	ct_exec();
	ct_wait();
	ct_term();      /* leaves us leading a session of our own */
	ct_proc();      /* last: it gives up root */
	ct_say("TESTS DONE\n");
	return 0;
}

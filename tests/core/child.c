/*
 * tests/core/child.c - /bin/ctchild, the child the proc tests watch:
 *   ctchild exit N | segv | ud2 | sleep MS
 *   ctchild stopmark SIG   tell proc it stopped by SIG, 300 ms later
 *                          that it continued, 300 ms later exit 5 (what
 *                          a POSIX program's signal thread does)
 *   ctchild orphan MS      start "ctchild sleep MS" and exit at once,
 *                          leaving it an orphan
 */
#include "ct.h"

struct argot_startup *ct_st;

static int num(const char *s)
{
	int n = 0;
	while (s && *s >= '0' && *s <= '9')
		n = n * 10 + (*s++ - '0');
	return n;
}

static int orphan(struct argot_startup *st, const char *ms)
{
	uint32_t retry;
	char rest[8];
	int file;
	if (dir_lookup(st->root, "bin/ctchild", ARGOT_O_RDONLY, 0, &retry,
	               rest, sizeof rest, &file, CT_T) < 0)
		return 1;
	struct argot_spawn sp = {
		.kernel = st->kernel, .auth = st->auth, .proc = st->proc,
		.exec = st->exec, .cwd = st->cwd, .root = st->root,
		.console = st->console, .nfds = 3,
		.fds = { st->console, st->console, st->console },
		.timeout = CT_T,
	};
	const char *argv[] = { "/bin/ctchild", "sleep", ms, 0 };
	const char *envp[] = { 0 };
	struct argot_spawned out;
	return argot_spawn(&sp, file, argv, envp, &out) < 0 ? 2 : 0;
}

int xmain(int argc, char **argv, char **envp, struct argot_startup *st)
{
	(void)envp;
	const char *what = argc > 1 ? argv[1] : "exit";
	const char *arg = argc > 2 ? argv[2] : 0;
	if (!strcmp(what, "segv"))
		*(volatile int *)0 = 1;
	if (!strcmp(what, "ud2"))
		__asm__ volatile("ud2");
	if (!strcmp(what, "sleep")) {
		rt_sleep((uint32_t)num(arg ? arg : "1000"));
		return 0;
	}
	if (!strcmp(what, "stopmark")) {
		if (proc_mark_stop(st->proc, (uint32_t)num(arg), CT_T) < 0)
			return 1;
		rt_sleep(300);
		if (proc_mark_stop(st->proc, 0, CT_T) < 0)
			return 2;
		rt_sleep(300);
		return 5;
	}
	if (!strcmp(what, "orphan"))
		return orphan(st, arg ? arg : "1000");
	return num(arg ? arg : "0");
}

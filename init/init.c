/*
 * init/init.c - /sbin/init.  Runs /etc/rc, a line format good enough
 * until a shell exists:
 *
 *   # comment
 *   echo TEXT...            print TEXT on the console
 *   run PROG ARGS...        start PROG and wait for it
 *   start PROG ARGS...      start PROG in the background
 *   console DEV PROG ARGS   PROG on terminal DEV (fds 0-2), restarted
 *                           whenever it ends
 *   chown UID:GID PATH      set a node's owner (numeric ids)
 *   chmod OCTAL PATH        set a node's mode
 *   settrans PATH PROG ARGS start PROG as an active translator on PATH
 *                           (as root, with init's root), e.g. /tmp
 *   poweroff [CODE]         end init with CODE: bootstrap then powers
 *                           the machine off (QEMU's debug exit; tests)
 *
 * then reaps every orphan proc hands it (it is pid 1) and restarts the
 * console programs.
 */
#include "rt.h"
#include "kcall.h"
#include "server/rpc.h"
#include "server/spawn.h"
#include "server/start/start.h"
#include "walk.h"
#include <argot/io.h>
#include <argot/dir.h>
#include <argot/file.h>
#include <argot/fsys.h>
#include <argot/proc.h>

#define T 10000
#define MAXARGS 16
#define MAXCONS 4

static struct argot_startup *st;
static struct cons { int dev; uint32_t pid; char line[128]; } cons[MAXCONS];
static int ncons;

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	int n = rt_vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof buf - 1)
		n = sizeof buf - 1;
	io_write(st->console, IO_FILEPTR, buf, (uint32_t)n, T);
}

/* Paths in /etc/rc are absolute; they may cross into translators (/dev
 * is one on the root filesystem). */
static int open_path(const char *path, uint32_t flags, int *h)
{
	struct walk w = { st->root, st->root, st->auth, T };
	return walk_open(&w, path, flags, 0, h);
}

/* Split a line into words in place. */
static int words(char *s, char **v)
{
	int n = 0;
	while (*s && n < MAXARGS) {
		while (*s == ' ' || *s == '\t')
			*s++ = 0;
		if (!*s)
			break;
		v[n++] = s;
		while (*s && *s != ' ' && *s != '\t')
			s++;
	}
	v[n] = 0;
	return n;
}

/* Start argv[0] with the terminal dev (or our console) as fds 0-2. */
static int launch(char **argv, int dev, uint32_t *pid)
{
	int file, r;
	int io = dev != ARGOT_NOHANDLE ? dev : st->console;
	if ((r = open_path(argv[0], ARGOT_O_RDONLY | ARGOT_O_EXEC, &file)) < 0)
		return r;
	struct argot_spawn sp = {
		.kernel = st->kernel, .auth = st->auth, .proc = st->proc,
		.exec = st->exec, .cwd = st->cwd, .root = st->root,
		.console = st->console, .nfds = 3, .fds = { io, io, io },
		.timeout = T,
	};
	const char *envp[] = { "PATH=/bin:/sbin", "HOME=/", 0 };
	struct argot_spawned out;
	r = argot_spawn(&sp, file, (const char *const *)argv, envp, &out);
	argot_close(file);
	if (r < 0)
		return r;
	argot_close(out.process);
	argot_close(out.proc);
	*pid = out.pid;
	return 0;
}

static void start_console(struct cons *c)
{
	char line[128], *v[MAXARGS + 1];
	rpc_copy(line, c->line, sizeof line);
	words(line, v);
	int r = launch(v, c->dev, &c->pid);
	if (r < 0)
		say("init: cannot start %s: %s\n", v[0], argot_strerror(r));
}

static uint32_t number(const char *s, int base)
{
	uint32_t v = 0;
	for (; *s >= '0' && *s < '0' + base; s++)
		v = v * (uint32_t)base + (uint32_t)(*s - '0');
	return v;
}

/* chown UID:GID PATH / chmod OCTAL PATH */
static void rc_attr(char **v)
{
	int h, r;
	if ((r = open_path(v[2], ARGOT_O_RDONLY | ARGOT_O_NOTRANS, &h)) == 0) {
		if (v[0][3] == 'w') {
			const char *c = strchr(v[1], ':');
			r = file_chown(h, number(v[1], 10), c ? number(c + 1, 10)
			                                     : (uint32_t)-1, T);
		} else {
			r = file_chmod(h, number(v[1], 8), T);
		}
		argot_close(h);
	}
	if (r < 0)
		say("init: %s %s: %s\n", v[0], v[2], argot_strerror(r));
}

/* settrans PATH PROG ARGS: PROG started by us, attached to PATH */
static void rc_settrans(char **v)
{
	int node, file, ctl, r;
	if ((r = open_path(v[1], ARGOT_O_RDONLY | ARGOT_O_NOTRANS, &node)) < 0)
		goto out;
	if ((r = open_path(v[2], ARGOT_O_RDONLY | ARGOT_O_EXEC, &file)) == 0) {
		struct argot_spawn sp = {
			.kernel = st->kernel, .auth = st->auth, .proc = st->proc,
			.exec = st->exec, .cwd = st->root, .root = st->root,
			.console = st->console, .nfds = 3,
			.fds = { ARGOT_NOHANDLE, st->console, st->console },
			.timeout = T,
		};
		const char *envp[] = { "PATH=/bin:/sbin:/hurd", 0 };
		r = walk_start_translator(&sp, file, (const char *const *)v + 2,
		                          envp, node, 30000, &ctl);
		argot_close(file);
	}
	if (r == 0) {
		struct file_settrans_req q = { .active_flags = FS_TRANS_SET };
		r = file_set_translator(node, &q, "", ctl, T);
		argot_close(ctl);   /* the filesystem holds it now */
	}
	argot_close(node);
out:
	if (r < 0)
		say("init: settrans %s %s: %s\n", v[1], v[2], argot_strerror(r));
}

static void rc_line(char *line)
{
	char *v[MAXARGS + 1], copy[128];
	uint32_t pid, status;
	int r;
	rpc_copy(copy, line, sizeof copy);
	copy[sizeof copy - 1] = 0;
	int n = words(line, v);
	if (n == 0 || v[0][0] == '#')
		return;
	if (!strcmp(v[0], "echo")) {
		say("%s\n", copy + 5);
	} else if (!strcmp(v[0], "run") && n > 1) {
		if ((r = launch(v + 1, ARGOT_NOHANDLE, &pid)) < 0)
			say("init: cannot run %s: %s\n", v[1], argot_strerror(r));
		else if (proc_wait(st->proc, (int32_t)pid, 0, &status,
		                   ARGOT_FOREVER) == (int)pid && status)
			say("init: %s ended with status 0x%x\n", v[1], status);
	} else if (!strcmp(v[0], "start") && n > 1) {
		if ((r = launch(v + 1, ARGOT_NOHANDLE, &pid)) < 0)
			say("init: cannot start %s: %s\n", v[1], argot_strerror(r));
	} else if (!strcmp(v[0], "console") && n > 2 && ncons < MAXCONS) {
		struct cons *c = &cons[ncons];
		if ((r = open_path(v[1], ARGOT_O_RDWR, &c->dev)) < 0) {
			say("init: no terminal %s: %s\n", v[1], argot_strerror(r));
			return;
		}
		const char *rest = copy + (v[2] - line);
		rpc_copy(c->line, rest, rpc_strnlen(rest, sizeof c->line - 1));
		ncons++;
		start_console(c);
	} else if ((!strcmp(v[0], "chown") || !strcmp(v[0], "chmod")) &&
	           n == 3) {
		rc_attr(v);
	} else if (!strcmp(v[0], "settrans") && n > 2) {
		rc_settrans(v);
	} else if (!strcmp(v[0], "poweroff")) {
		rt_exit(n > 1 ? v[1][0] - '0' : 0);
	} else {
		say("init: /etc/rc: unknown line: %s\n", copy);
	}
}

static void run_rc(void)
{
	static char buf[8192];
	int h, n = 0, r;
	if ((r = open_path("/etc/rc", ARGOT_O_RDONLY, &h)) < 0) {
		say("init: no /etc/rc (%s)\n", argot_strerror(r));
		return;
	}
	while (n < (int)sizeof buf - 1 &&
	       (r = io_read(h, n, buf + n, sizeof buf - 1 - n, T)) > 0)
		n += r;
	argot_close(h);
	buf[n] = 0;
	for (char *line = buf; *line;) {
		char *end = strchr(line, '\n');
		if (end)
			*end = 0;
		rc_line(line);
		if (!end)
			break;
		line = end + 1;
	}
}

int xmain(int argc, char **argv, char **envp, struct argot_startup *s)
{
	(void)argc; (void)argv; (void)envp;
	st = s;
	say("init: running /etc/rc\n");
	run_rc();
	for (;;) {
		uint32_t status;
		int pid = proc_wait(st->proc, -1, 0, &status, ARGOT_FOREVER);
		if (pid < 0) {
			rt_sleep(1000);   /* no children right now */
			continue;
		}
		for (int i = 0; i < ncons; i++)
			if (cons[i].pid == (uint32_t)pid) {
				rt_sleep(200);   /* no tight loop on a broken program */
				start_console(&cons[i]);
			}
	}
}

/*
 * init/conshell.c - /sbin/conshell: a stand-in for a login shell on a
 * terminal until busybox runs.  It leads its own session and foreground
 * group (so ^C and ^Z from the terminal reach it) and knows a few
 * commands: echo WORDS, ps, exit, and those of cshfile.c (id, cat, write,
 * stat, ls).  Anything else: "unknown command".
 */
#include "rt.h"
#include "kcall.h"
#include "server/rpc.h"
#include "server/start/start.h"
#include <argot/io.h>
#include <argot/proc.h>
#include <argot/term.h>
#include "conshell.h"

#define T 5000

static int tty;

void out(const char *s)
{
	io_write(tty, IO_FILEPTR, s, (uint32_t)strlen(s), T);
}

void outf(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	rt_vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	out(buf);
}

static void ps(int proc)
{
	struct proc_list l;
	struct argot_procinfo i;
	char line[160];
	if (proc_list(proc, 0, &l, T) < 0)
		return;
	out("  PID  PPID   UID S CMD\n");
	for (uint32_t k = 0; k < l.count; k++)
		if (proc_info(proc, l.pids[k], &i, T) == 0) {
			rt_snprintf(line, sizeof line, "%5d %5d %5d %c %s\n",
			            i.pid, i.ppid, (int)i.uid, (char)i.state,
			            i.cmdline[0] ? i.cmdline : i.name);
			out(line);
		}
}

int xmain(int argc, char **argv, char **envp, struct argot_startup *st)
{
	(void)argc; (void)argv; (void)envp;
	char line[256];
	struct proc_pids p;
	tty = st->nfds ? st->fds[0].handle : st->console;
	if (proc_setsid(st->proc, &p, T) == 0)
		term_set_pgrp(tty, p.pgrp, T);
	out("Argot console (conshell: echo, ps, id, cat, write, stat, ls, "
	    "rm, exit)\n");
	for (;;) {
		out("argot$ ");
		int n = io_read(tty, IO_FILEPTR, line, sizeof line - 1, ARGOT_FOREVER);
		if (n <= 0)
			return 0;              /* ^D: end of file */
		line[n] = 0;
		if (line[n - 1] == '\n')
			line[--n] = 0;
		if (!strncmp(line, "echo ", 5)) {
			out(line + 5);
			out("\n");
		} else if (!strcmp(line, "ps")) {
			ps(st->proc);
		} else if (!strcmp(line, "exit")) {
			return 0;
		} else if (csh_file_cmd(st, line)) {
			continue;
		} else if (n) {
			out("conshell: unknown command: ");
			out(line);
			out("\n");
		}
	}
}

/* format.c: the text of procfs's files, in the layouts Linux prints
 * (proc(5)), so that parsers written for Linux (BusyBox's procps_scan,
 * scripts using awk on /proc/PID/stat) need no change.  Pure code: no
 * Argot call here, so tests/procfs can check it on the host.
 *
 * What Argot does not know (CPU times, start time, the terminal, signal
 * masks, page faults) is printed as the value Linux gives a process for
 * which the answer is "none": 0, or -1 for the terminal's group. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "procfs.h"

/* An appending snprintf: keeps *len the length written so far, clipped to
 * cap - 1, so a caller can chain calls and check nothing. */
static void put(char *buf, size_t cap, size_t *len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void put(char *buf, size_t cap, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!cap || *len >= cap - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *len, cap - *len, fmt, ap);
	va_end(ap);
	if (n > 0)
		*len += (size_t)n < cap - *len ? (size_t)n : cap - 1 - *len;
}

uint32_t pf_owner_uid(const struct pf_proc *p)
{
	return p->uid == PF_NOUID ? 0 : p->uid;
}

uint32_t pf_owner_gid(const struct pf_proc *p)
{
	return p->gid == PF_NOUID ? 0 : p->gid;
}

int32_t pf_parse_pid(const char *name)
{
	int32_t v = 0;

	/* only the canonical spelling, so each process has one name */
	if (!name[0] || (name[0] == '0' && name[1]))
		return -1;
	for (; *name; name++) {
		int d = *name - '0';
		if (d < 0 || d > 9 || v > (INT32_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	return v;
}

/* A zombie has no memory left, as on Linux. */
static uint32_t pages_of(const struct pf_proc *p)
{
	return p->state == 'Z' ? 0 : p->pages;
}

/* /proc/PID/stat: the 52 fields of proc(5) on one line.  comm goes in
 * parentheses as it is (it may hold spaces or ')'; readers split at the
 * last ')'). */
size_t pf_fmt_stat(char *buf, size_t cap, const struct pf_proc *p)
{
	size_t len = 0;
	uint32_t pages = pages_of(p);

	/* (1) pid (2) comm (3) state (4) ppid (5) pgrp (6) session
	 * (7) tty_nr (8) tpgid (9) flags (10-13) faults */
	put(buf, cap, &len, "%d (%s) %c %d %d %d 0 -1 0 0 0 0 0 ",
	    (int)p->pid, p->name, p->state, (int)p->ppid, (int)p->pgrp,
	    (int)p->sid);
	/* (14) utime (15) stime (16) cutime (17) cstime (18) priority
	 * (19) nice (20) num_threads (21) itrealvalue (22) starttime */
	put(buf, cap, &len, "0 0 0 0 20 0 %u 0 0 ", (unsigned)p->nthreads);
	/* (23) vsize in bytes (24) rss in pages (25) rsslim: unlimited on
	 * 32 bits (26-30) code, stack and registers: hidden, as Linux does
	 * for other users' processes */
	put(buf, cap, &len, "%lu %u 4294967295 0 0 0 0 0 ",
	    (unsigned long)pages * PF_PAGE, (unsigned)pages);
	/* (31-34) signal masks (35) wchan (36-37) nswap (38) exit_signal:
	 * SIGCHLD (39) processor (40) rt_priority (41) policy */
	put(buf, cap, &len, "0 0 0 0 0 0 0 17 0 0 0 ");
	/* (42) blkio (43-44) guest times (45-51) data, brk, args, env
	 * addresses (52) exit_code, a wait status */
	put(buf, cap, &len, "0 0 0 0 0 0 0 0 0 0 %u\n",
	    p->state == 'Z' ? (unsigned)p->status : 0u);
	return len;
}

static const char *state_word(char s)
{
	switch (s) {
	case 'R': return "R (running)";
	case 'Z': return "Z (zombie)";
	case 'T': return "T (stopped)";
	default: return "S (sleeping)";
	}
}

/* /proc/PID/status: "Name:\tvalue" lines in Linux's order, the ones we
 * can fill.  Uid and Gid repeat the owner for real, effective, saved and
 * filesystem ids: proc knows one owner per process. */
size_t pf_fmt_status(char *buf, size_t cap, const struct pf_proc *p)
{
	size_t len = 0;
	unsigned u = pf_owner_uid(p), g = pf_owner_gid(p);
	unsigned long kb = (unsigned long)pages_of(p) * (PF_PAGE / 1024);

	put(buf, cap, &len, "Name:\t%s\nState:\t%s\n", p->name,
	    state_word(p->state));
	put(buf, cap, &len, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\n"
	    "TracerPid:\t0\n", (int)p->pid, (int)p->pid, (int)p->ppid);
	put(buf, cap, &len, "Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\n",
	    u, u, u, u, g, g, g, g);
	put(buf, cap, &len, "NSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n",
	    (int)p->pid, (int)p->pgrp, (int)p->sid);
	if (p->state != 'Z')
		put(buf, cap, &len, "VmSize:\t%8lu kB\nVmRSS:\t%8lu kB\n",
		    kb, kb);
	put(buf, cap, &len, "Threads:\t%u\n", (unsigned)p->nthreads);
	return len;
}

/* /proc/PID/cmdline: the arguments, each ended by a NUL.  proc stores
 * them joined by single spaces, so an argument that held a space comes
 * back split; a zombie's is empty, as on Linux. */
size_t pf_fmt_cmdline(char *buf, size_t cap, const struct pf_proc *p)
{
	size_t len = 0, n;

	if (!cap)
		return 0;
	n = strnlen(p->cmdline, sizeof p->cmdline);
	if (p->state != 'Z' && n) {
		len = n < cap - 1 ? n : cap - 1;
		for (size_t i = 0; i < len; i++)
			buf[i] = p->cmdline[i] == ' ' ? '\0' : p->cmdline[i];
		if (len < cap - 1)
			buf[len++] = '\0';	/* the last argument's NUL */
	}
	buf[len] = '\0';
	return len;
}

size_t pf_fmt_comm(char *buf, size_t cap, const struct pf_proc *p)
{
	size_t len = 0;

	put(buf, cap, &len, "%.*s\n", (int)strnlen(p->name, sizeof p->name),
	    p->name);
	return len;
}

/* /proc/uptime: seconds since boot, then seconds all CPUs were idle.
 * Argot's kernel counts no idle time: the second number is 0.00. */
size_t pf_fmt_uptime(char *buf, size_t cap, uint64_t ms)
{
	size_t len = 0;

	put(buf, cap, &len, "%llu.%02u 0.00\n",
	    (unsigned long long)(ms / 1000), (unsigned)(ms % 1000 / 10));
	return len;
}

/* /proc/meminfo: Linux's "Name:" padded to 16 columns, the value right
 * aligned in 8, " kB".  Only what the kernel counts, plus zeros for the
 * caches and swap Argot does not have, which free(1) expects. */
size_t pf_fmt_meminfo(char *buf, size_t cap, const struct pf_mem *m)
{
	static const char *const names[] = {
		"MemTotal:", "MemFree:", "MemAvailable:", "Buffers:",
		"Cached:", "SwapTotal:", "SwapFree:",
	};
	uint64_t vals[] = { m->total_kb, m->free_kb, m->free_kb, 0, 0, 0, 0 };
	size_t len = 0;

	for (unsigned i = 0; i < sizeof vals / sizeof vals[0]; i++)
		put(buf, cap, &len, "%-16s%8llu kB\n", names[i],
		    (unsigned long long)vals[i]);
	return len;
}

/* /proc/version: Linux's "NAME version RELEASE ... VERSION" shape. */
size_t pf_fmt_version(char *buf, size_t cap, const struct pf_version *v)
{
	size_t len = 0;

	put(buf, cap, &len, "%s version %s (%s) %s\n", v->sysname, v->release,
	    v->machine, v->version);
	return len;
}

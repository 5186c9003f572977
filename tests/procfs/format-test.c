/* format-test.c: procfs's text formatting (translators/procfs/format.c)
 * on the host, as TAP.  Each check reads the text back the way Linux's
 * readers do (BusyBox's procps_scan for stat, "Key:\tvalue" scanning for
 * status) and compares with the struct it was made from. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "procfs.h"

static int n, failed;

static void ok(int cond, const char *name, const char *why)
{
	n++;
	if (cond)
		printf("ok %d - %s\n", n, name);
	else {
		printf("not ok %d - %s: %s\n", n, name, why);
		failed++;
	}
}

static struct pf_proc sample(void)
{
	struct pf_proc p;

	memset(&p, 0, sizeof p);
	p.pid = 42, p.ppid = 7, p.pgrp = 40, p.sid = 3;
	p.uid = 1000, p.gid = 100, p.state = 'R';
	p.nthreads = 3, p.pages = 25;
	strcpy(p.name, "sh");
	strcpy(p.cmdline, "/bin/sh -c true");
	return p;
}

/* Split a stat line as BusyBox does: comm between the first '(' and the
 * last ')', then space-separated fields; returns how many fields (2 for
 * pid and comm, plus the rest) and the rest in f[2..]. */
static int split_stat(char *line, char *comm, size_t cap, char **f, int max)
{
	char *open = strchr(line, '('), *close = strrchr(line, ')');
	int k = 2;

	if (!open || !close || close < open || close[1] != ' ')
		return -1;
	snprintf(comm, cap, "%.*s", (int)(close - open - 1), open + 1);
	for (char *t = strtok(close + 2, " \n"); t && k < max;
	     t = strtok(NULL, " \n"))
		f[k++] = t;
	return k;
}

static void test_stat(void)
{
	struct pf_proc p = sample();
	char buf[1024], comm[32], *f[64];
	size_t len = pf_fmt_stat(buf, sizeof buf, &p);
	int k;

	ok(len == strlen(buf) && len > 0 && buf[len - 1] == '\n',
	   "stat: one line, length returned", buf);
	ok(strtol(buf, NULL, 10) == p.pid, "stat: (1) pid first", buf);
	k = split_stat(buf, comm, sizeof comm, f, 64);
	ok(k == 52, "stat: 52 fields as proc(5) lists", buf);
	if (k != 52)
		return;
	ok(!strcmp(comm, p.name), "stat: (2) comm in parentheses", comm);
	ok(f[2][0] == p.state && !f[2][1], "stat: (3) state", f[2]);
	ok(atoi(f[3]) == p.ppid && atoi(f[4]) == p.pgrp &&
	   atoi(f[5]) == p.sid, "stat: (4-6) ppid, pgrp, session", buf);
	ok(atoi(f[19]) == (int)p.nthreads, "stat: (20) num_threads", f[19]);
	ok(strtoul(f[22], NULL, 10) == p.pages * PF_PAGE &&
	   strtoul(f[23], NULL, 10) == p.pages,
	   "stat: (23) vsize in bytes, (24) rss in pages", buf);
	ok(atoi(f[37]) == 17, "stat: (38) exit_signal SIGCHLD", f[37]);
}

static void test_stat_odd(void)
{
	struct pf_proc p = sample();
	char buf[1024], comm[32], *f[64];

	strcpy(p.name, "a) b (c");	/* BusyBox splits at the LAST ')' */
	pf_fmt_stat(buf, sizeof buf, &p);
	ok(split_stat(buf, comm, sizeof comm, f, 64) == 52 &&
	   !strcmp(comm, p.name) && atoi(f[3]) == p.ppid,
	   "stat: a comm with ')' and spaces stays one field", buf);

	p = sample();
	p.state = 'Z', p.status = 9 << 8;
	pf_fmt_stat(buf, sizeof buf, &p);
	ok(split_stat(buf, comm, sizeof comm, f, 64) == 52 &&
	   !strcmp(f[22], "0") && !strcmp(f[23], "0") &&
	   atoi(f[51]) == (int)p.status,
	   "stat: a zombie has no memory and its wait status in (52)", buf);

	p = sample();
	size_t len = pf_fmt_stat(buf, 10, &p);
	ok(len == 9 && strlen(buf) == 9, "stat: cut to the buffer, NUL ended",
	   buf);
}

/* The value after "Key:\t" in a status text, or NULL. */
static const char *field(const char *text, const char *key)
{
	size_t kl = strlen(key);

	for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
		if (!strncmp(l, key, kl) && l[kl] == ':' && l[kl + 1] == '\t')
			return l + kl + 2;
	return NULL;
}

static void test_status(void)
{
	struct pf_proc p = sample();
	char buf[1024], want[64];
	const char *v;
	unsigned a, b, c, d;

	pf_fmt_status(buf, sizeof buf, &p);
	ok((v = field(buf, "Name")) && !strncmp(v, "sh\n", 3),
	   "status: Name", buf);
	ok((v = field(buf, "State")) && !strncmp(v, "R (running)\n", 12),
	   "status: State", buf);
	ok((v = field(buf, "Pid")) && atoi(v) == p.pid &&
	   (v = field(buf, "PPid")) && atoi(v) == p.ppid,
	   "status: Pid and PPid", buf);
	ok((v = field(buf, "Uid")) && sscanf(v, "%u %u %u %u", &a, &b, &c, &d) == 4 &&
	   a == p.uid && d == p.uid, "status: Uid (real, effective, saved, fs)",
	   buf);
	snprintf(want, sizeof want, "%8u kB\n", p.pages * 4);
	ok((v = field(buf, "VmRSS")) && !strncmp(v, want, strlen(want)),
	   "status: VmRSS in kB, 8 wide", buf);
	ok((v = field(buf, "Threads")) && atoi(v) == (int)p.nthreads,
	   "status: Threads", buf);

	p.uid = p.gid = PF_NOUID;
	pf_fmt_status(buf, sizeof buf, &p);
	ok((v = field(buf, "Uid")) && atoi(v) == 0 && pf_owner_gid(&p) == 0,
	   "status: no owner shows as root", buf);
	p.state = 'Z';
	pf_fmt_status(buf, sizeof buf, &p);
	ok((v = field(buf, "State")) && v[0] == 'Z' && !field(buf, "VmSize"),
	   "status: a zombie has no Vm lines", buf);
}

static void test_cmdline(void)
{
	struct pf_proc p = sample();
	char buf[256], small[6];
	size_t len = pf_fmt_cmdline(buf, sizeof buf, &p);
	size_t want = strlen(p.cmdline) + 1;

	ok(len == want && !memcmp(buf, "/bin/sh\0-c\0true\0", want),
	   "cmdline: arguments each ended by NUL", "bytes differ");
	len = pf_fmt_cmdline(small, sizeof small, &p);
	ok(len == 5 && small[5] == 0, "cmdline: cut to the buffer", small);
	p.cmdline[0] = 0;
	ok(pf_fmt_cmdline(buf, sizeof buf, &p) == 0, "cmdline: empty stays empty",
	   buf);
	p = sample();
	p.state = 'Z';
	ok(pf_fmt_cmdline(buf, sizeof buf, &p) == 0, "cmdline: a zombie's is empty",
	   buf);
	ok(pf_fmt_comm(buf, sizeof buf, &p) == strlen(p.name) + 1 &&
	   !strncmp(buf, p.name, strlen(p.name)) && buf[strlen(p.name)] == '\n',
	   "comm: the name and a newline", buf);
}

static void test_system(void)
{
	char buf[1024], name[32], unit[8];
	double up, idle;
	struct pf_mem m = { 8192, 1234 };
	struct pf_version v = { "Argot", "0.1", "test build", "i686" };
	unsigned long long val;
	int lines = 0, good = 0;

	pf_fmt_uptime(buf, sizeof buf, 123456);
	ok(sscanf(buf, "%lf %lf", &up, &idle) == 2 && up > 123.44 &&
	   up < 123.46 && idle == 0, "uptime: seconds.hundredths, idle", buf);
	pf_fmt_meminfo(buf, sizeof buf, &m);
	for (char *l = strtok(buf, "\n"); l; l = strtok(NULL, "\n")) {
		lines++;
		if (strlen(l) == 27 && sscanf(l, "%31s %llu %7s", name, &val, unit) == 3 &&
		    !strcmp(unit, "kB") &&
		    (strcmp(name, "MemTotal:") || val == m.total_kb) &&
		    (strcmp(name, "MemFree:") || val == m.free_kb))
			good++;
	}
	ok(lines >= 3 && good == lines,
	   "meminfo: \"Name:\" in 16 columns, value in 8, kB", buf);
	pf_fmt_version(buf, sizeof buf, &v);
	ok(!strncmp(buf, "Argot version 0.1 ", 18) && strstr(buf, "test build"),
	   "version: NAME version RELEASE ...", buf);
}

static void test_pid_names(void)
{
	ok(pf_parse_pid("1") == 1 && pf_parse_pid("4096") == 4096 &&
	   pf_parse_pid("2147483647") == 2147483647,
	   "pid names: decimal", "");
	ok(pf_parse_pid("") < 0 && pf_parse_pid("042") < 0 &&
	   pf_parse_pid("self") < 0 && pf_parse_pid("1a") < 0 &&
	   pf_parse_pid("99999999999") < 0,
	   "pid names: only the canonical spelling", "");
}

int main(void)
{
	test_stat();
	test_stat_odd();
	test_status();
	test_cmdline();
	test_system();
	test_pid_names();
	printf("1..%d\n", n);
	return 0;
}

/* inside.c: the procfs checks (pt.h), run with a root whose /proc is
 * /hurd/procfs.  Everything on /proc goes through plain POSIX calls, as
 * any Linux program would make them; the expected values come from
 * getpid/getppid/geteuid and from the child we start, never from
 * constants. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>
#include <argot/proc.h>
#include "pt.h"

static int slurp(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY), n = 0, r = 1;

	if (fd < 0)
		return -errno;
	while ((size_t)n < cap - 1 && (r = (int)read(fd, buf + n, cap - 1 - n)) > 0)
		n += r;
	if (r < 0)
		n = -errno;
	close(fd);
	buf[n > 0 ? n : 0] = 0;
	return n;
}

/* A stat line split as BusyBox does (at the last ')'): f[1] is comm,
 * f[k] field k+1 of proc(5) for k >= 2.  Returns the field count. */
static int split_stat(char *line, char **f, int max)
{
	char *open = strchr(line, '('), *close = strrchr(line, ')');
	int k = 2;

	if (!open || !close || close < open)
		return -1;
	*close = 0;
	f[0] = line, f[1] = open + 1;
	for (char *t = strtok(close + 1, " \n"); t && k < max;
	     t = strtok(NULL, " \n"))
		f[k++] = t;
	return k;
}

/* The stat of pid: checked for the given ppid; state in *state. */
static const char *check_stat(pid_t pid, pid_t ppid, char *state)
{
	static char buf[1024], why[160];
	char *f[64];
	int n = slurp((snprintf(why, sizeof why, "/proc/%d/stat", (int)pid), why),
		      buf, sizeof buf);

	if (n <= 0)
		return snprintf(why, sizeof why, "reading /proc/%d/stat: %s",
				(int)pid, strerror(n ? -n : EIO)), why;
	if (split_stat(buf, f, 64) != 52)
		return "not 52 fields";
	if (atoi(f[0]) != pid || strcmp(f[1], "proctest") || atoi(f[3]) != ppid)
		return snprintf(why, sizeof why, "pid %s comm %s ppid %s, "
				"expected %d proctest %d", f[0], f[1], f[3],
				(int)pid, (int)ppid), why;
	*state = f[2][0];
	return NULL;
}

static void self_files(const char *argv0)
{
	static char buf[1024], path[64];
	const char *why;
	char state = 0, *v;
	struct stat sb;
	pid_t me = getpid();

	pt_run("stat-self");
	if ((why = check_stat(me, getppid(), &state)))
		pt_fail("stat-self", "%s", why);
	else if (state != 'R')
		pt_fail("stat-self", "state %c, expected R", state);
	else
		pt_pass("stat-self");

	pt_run("status-self");
	snprintf(path, sizeof path, "/proc/%d/status", (int)me);
	if (slurp(path, buf, sizeof buf) <= 0 || !(v = strstr(buf, "\nPid:\t")) ||
	    atoi(v + 6) != me || !(v = strstr(buf, "\nPPid:\t")) ||
	    atoi(v + 7) != getppid() || !(v = strstr(buf, "\nUid:\t")) ||
	    strtoul(v + 6, NULL, 10) != geteuid())
		pt_fail("status-self", "Pid/PPid/Uid differ from getpid %d "
			"getppid %d geteuid %u", (int)me, (int)getppid(),
			(unsigned)geteuid());
	else
		pt_pass("status-self");

	pt_run("cmdline-comm-self");
	snprintf(path, sizeof path, "/proc/%d/cmdline", (int)me);
	int n = slurp(path, buf, sizeof buf);
	if (n != (int)strlen(argv0) + 1 || strcmp(buf, argv0))
		pt_fail("cmdline-comm-self", "cmdline \"%s\" (%d bytes), "
			"expected \"%s\" and its NUL", buf, n, argv0);
	else if (snprintf(path, sizeof path, "/proc/%d/comm", (int)me),
		 slurp(path, buf, sizeof buf) <= 0 || strcmp(buf, "proctest\n"))
		pt_fail("cmdline-comm-self", "comm \"%s\"", buf);
	else
		pt_pass("cmdline-comm-self");

	pt_run("owner-self");
	snprintf(path, sizeof path, "/proc/%d", (int)me);
	if (stat(path, &sb) < 0)
		pt_fail("owner-self", "stat %s: %s", path, strerror(errno));
	else if (sb.st_uid != geteuid() || !S_ISDIR(sb.st_mode) ||
		 (sb.st_mode & 07777) != 0555)
		pt_fail("owner-self", "uid %u mode %o, expected %u 40555",
			(unsigned)sb.st_uid, (unsigned)sb.st_mode,
			(unsigned)geteuid());
	else
		pt_pass("owner-self");
}

/* Is each of want[] listed in /proc?  Bits of the found; *top_files
 * counts uptime/meminfo/version; a name listed twice (a listing resumed
 * at the wrong place) makes *top_files -1. */
static unsigned listed(const pid_t *want, int nwant, int *top_files)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	unsigned found = 0, nseen = 0;
	static char seen[256][16];
	int dup = 0;

	*top_files = 0;
	if (!d)
		return 0;
	while ((e = readdir(d))) {
		for (unsigned i = 0; i < nseen; i++)
			dup |= !strcmp(seen[i], e->d_name);
		if (nseen < 256)
			snprintf(seen[nseen++], sizeof seen[0], "%.15s", e->d_name);
		if (!strcmp(e->d_name, "uptime") || !strcmp(e->d_name, "meminfo") ||
		    !strcmp(e->d_name, "version"))
			++*top_files;
		for (int i = 0; i < nwant; i++)
			if (atoi(e->d_name) == want[i])
				found |= 1u << i;
	}
	closedir(d);
	if (dup)
		*top_files = -1;
	return found;
}

/* The child's owner, as procfs shows it now (or -1). */
static long child_owner(pid_t c)
{
	char path[32];
	struct stat sb;

	snprintf(path, sizeof path, "/proc/%d", (int)c);
	return stat(path, &sb) < 0 ? -1 : (long)sb.st_uid;
}

static void child_files(pid_t c)
{
	const char *why;
	char state;
	long uid = -1;
	int top;

	pt_run("stat-child");
	if ((why = check_stat(c, getpid(), &state)))
		pt_fail("stat-child", "%s", why);
	else
		pt_pass("stat-child");

	/* the child changes its owner in proc after it starts: procfs must
	 * show the change, since it asks proc on every stat */
	pt_run("owner-child");
	for (int i = 0; i < 100 && (uid = child_owner(c)) != PT_CHILD_UID; i++)
		nanosleep(&(struct timespec){ 0, 100000000 }, NULL);
	if (uid != PT_CHILD_UID)
		pt_fail("owner-child", "/proc/%d owned by %ld, expected %d",
			(int)c, uid, PT_CHILD_UID);
	else
		pt_pass("owner-child");

	pt_run("readdir-live-pids");
	pid_t want[] = { getpid(), getppid(), 1, c };
	unsigned got = listed(want, 4, &top);
	if (got != 15 || top != 3)
		pt_fail("readdir-live-pids", "found mask %x of self %d, parent "
			"%d, init 1, child %d; %d of uptime/meminfo/version "
			"(-1: a name listed twice)",
			got, (int)want[0], (int)want[1], (int)c, top);
	else
		pt_pass("readdir-live-pids");
}

/* Kill and reap the child while we hold its directory and its stat file
 * open: every path to it must then say it is gone, and procfs live on. */
static void child_dies(pid_t c)
{
	char path[64], buf[256];
	int dfd, ffd, top, r;

	pt_run("dead-process-enoent");
	snprintf(path, sizeof path, "/proc/%d", (int)c);
	dfd = open(path, O_RDONLY | O_DIRECTORY);
	snprintf(path, sizeof path, "/proc/%d/stat", (int)c);
	ffd = open(path, O_RDONLY);
	r = proc_kill(pt_st->proc, c, SIGKILL, PT_T);
	if (r >= 0)
		r = pt_wait((uint32_t)c, 10000);
	if (dfd < 0 || ffd < 0 || r != 128 + SIGKILL) {
		pt_fail("dead-process-enoent", "open %d/%d, kill and wait: %d",
			dfd, ffd, r);
		return;
	}
	int e_open = open(path, O_RDONLY) < 0 ? errno : 0;
	int e_at = openat(dfd, "status", O_RDONLY) < 0 ? errno : 0;
	int e_read = read(ffd, buf, sizeof buf) < 0 ? errno : 0;
	unsigned still = listed(&c, 1, &top);
	if (e_open != ENOENT || e_at != ENOENT || !e_read || still)
		pt_fail("dead-process-enoent", "open: %s, openat: %s, read of "
			"the open file: %s, still listed: %u", strerror(e_open),
			strerror(e_at), strerror(e_read), still);
	else if (slurp("/proc/uptime", buf, sizeof buf) <= 0)
		pt_fail("dead-process-enoent", "procfs stopped answering");
	else
		pt_pass("dead-process-enoent");
	close(dfd);
	close(ffd);
}

static void system_files(void)
{
	char buf[1024], want[160];
	double up1 = -1, up2 = -1;
	unsigned long total = 0, avail = ~0ul;
	struct utsname u;
	char *v;

	pt_run("uptime-meminfo-version");
	if (slurp("/proc/uptime", buf, sizeof buf) > 0)
		sscanf(buf, "%lf", &up1);
	nanosleep(&(struct timespec){ 0, 300000000 }, NULL);
	if (slurp("/proc/uptime", buf, sizeof buf) > 0)
		sscanf(buf, "%lf", &up2);
	if (slurp("/proc/meminfo", buf, sizeof buf) > 0 &&
	    (v = strstr(buf, "MemTotal:")))
		total = strtoul(v + 9, NULL, 10);
	if ((v = strstr(buf, "MemFree:")))
		avail = strtoul(v + 8, NULL, 10);
	uname(&u);
	snprintf(want, sizeof want, "%s version %s ", u.sysname, u.release);
	int vlen = slurp("/proc/version", buf, sizeof buf);
	if (up1 <= 0 || up2 < up1 + 0.2)
		pt_fail("uptime-meminfo-version", "uptime %.2f then %.2f after "
			"0.3 s", up1, up2);
	else if (!total || avail > total)
		pt_fail("uptime-meminfo-version", "MemTotal %lu MemFree %lu",
			total, avail);
	else if (vlen <= 0 || strncmp(buf, want, strlen(want)))
		pt_fail("uptime-meminfo-version", "version \"%s\"", buf);
	else
		pt_pass("uptime-meminfo-version");
}

int pt_inside(const char *argv0)
{
	uint32_t c;
	int r;

	self_files(argv0);
	system_files();
	pt_run("spawn-child");
	r = pt_spawn("/bin/proctest", (const char *[]){ "/bin/proctest",
		     "--child", NULL }, ARGOT_NOHANDLE, pt_st->console, &c);
	if (r < 0) {
		pt_fail("spawn-child", "%s", strerror(-r));
		return 1;
	}
	pt_pass("spawn-child");
	child_files((pid_t)c);
	pt_ps(c);
	child_dies((pid_t)c);
	return 0;
}

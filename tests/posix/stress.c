/*
 * tests/posix/stress.c - the shell's patterns, many times in one boot:
 * where races between signals, wait, exec and pipes show up.  Each round
 *   pipeline: ls / | sort | head -3 (three execs, two pipes) with a
 *             SIGCHLD handler without SA_RESTART, reaped by a blocking
 *             waitpid(-1) retried on EINTR (ash's foreground job);
 *   killbg:   sleep 100 killed with SIGTERM, then SIGKILL, at a delay
 *             that moves each round (before, during, after its exec);
 *   reap:     ten short children (half exec, half _exit) reaped with
 *             WNOHANG and sigsuspend (ash's wait for a background job).
 * Every failure prints a DETAIL line (time, round, call, errno, pid);
 * a watchdog child prints the last step if nothing moves for 20 s (a
 * hang) and ends the test.  The same program runs on the Linux host and
 * both must print the same PASS lines (run-stress).
 *
 * Usage: stress [rounds]
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define HANG_MS 20000          /* no step for this long: a hang */
#define NREAP 10

static int round_no, failures[3], beat = -1;
static volatile sig_atomic_t nchld;
static char *const env[] = { "LC_ALL=C", "PATH=/bin:/usr/bin", 0 };

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void say(const char *fmt, ...)
{
	char buf[300];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof buf - 1)
		n = sizeof buf - 1;
	write(1, buf, n);
}

/* one failure of test t (0 pipeline, 1 killbg, 2 reap), with detail */
static void fail(int t, const char *fmt, ...)
{
	char buf[220];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	say("DETAIL: t=%.3f round %d: %s\n", now(), round_no, buf);
	failures[t]++;
}

/* Tell the watchdog what we are about to do. */
static void step(const char *what)
{
	char buf[96];
	int n = snprintf(buf, sizeof buf, "round %d: %s\n", round_no, what);

	if (beat >= 0)
		write(beat, buf, n);
}

/* After a hang: every process as /proc/PID/stat shows it (name, state,
 * parent, threads), where there is a /proc (the host; an Argot image with
 * procfs attached: a passive one on / slows ls / down, so run-stress
 * attaches none). */
static void dump_procs(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	char path[300], buf[200];
	int fd, n;

	while (d && (e = readdir(d)))
		if (e->d_name[0] >= '1' && e->d_name[0] <= '9') {
			snprintf(path, sizeof path, "/proc/%s/stat", e->d_name);
			if ((fd = open(path, O_RDONLY)) < 0)
				continue;
			n = read(fd, buf, sizeof buf - 1);
			close(fd);
			buf[n > 0 ? n : 0] = 0;
			if (strchr(buf, '\n'))
				*strchr(buf, '\n') = 0;
			say("DETAIL: proc %s\n", buf);
		}
	if (d)
		closedir(d);
}

/* The watchdog: reads steps; silence for HANG_MS is a hang. */
static void watchdog(int in, pid_t main_pid)
{
	char last[96] = "start", buf[96];
	double t = now();
	int n;

	for (;;) {
		struct pollfd p = { in, POLLIN, 0 };
		int r = poll(&p, 1, 1000);
		if (r > 0) {
			if ((n = read(in, buf, sizeof buf - 1)) <= 0)
				_exit(0);            /* the test ended */
			buf[n] = 0;              /* keep the last line */
			while (n > 0 && buf[n - 1] == '\n')
				buf[--n] = 0;
			strcpy(last, strrchr(buf, '\n') ? strrchr(buf, '\n') + 1 : buf);
			t = now();
		} else if (now() - t > HANG_MS / 1000.0) {
			say("DETAIL: t=%.3f hang: nothing for %d s after \"%s\"\n",
			    now(), HANG_MS / 1000, last);
			say("FAIL: stress finished (hung)\n");
			kill(main_pid, SIGKILL);  /* first: the dump may hang too */
			dump_procs();
			_exit(1);
		}
	}
}

static void start_watchdog(void)
{
	int p[2];
	pid_t me = getpid(), w;

	if (pipe(p) < 0)
		return;
	if ((w = fork()) == 0) {
		close(p[1]);
		watchdog(p[0], me);
	}
	close(p[0]);
	if (w > 0) {
		beat = p[1];
		fcntl(beat, F_SETFD, FD_CLOEXEC);
	}
}

/* a child: exec argv with stdin/stdout moved; 127 if exec fails */
static pid_t spawn(int t, int in, int out, char *const argv[])
{
	pid_t pid = fork();

	if (pid < 0) {
		fail(t, "fork for %s: errno %d (%s)", argv[0], errno,
		     strerror(errno));
		return -1;
	}
	if (pid)
		return pid;
	if (beat >= 0)
		close(beat);
	if (in >= 0 && in != 0)
		dup2(in, 0), close(in);
	if (out >= 0 && out != 1)
		dup2(out, 1), close(out);
	execve(argv[0], argv, env);
	fail(t, "pid %d: execve %s: errno %d (%s)", (int)getpid(), argv[0],
	     errno, strerror(errno));
	_exit(127);
}

static int cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* What ls / | sort | head -3 must print: / read here, sorted in C. */
static void expected_root(char *out, size_t cap)
{
	char *names[256];
	int n = 0, i;
	DIR *d = opendir("/");
	struct dirent *e;

	out[0] = 0;
	while (d && (e = readdir(d)) && n < 256)
		if (e->d_name[0] != '.')
			names[n++] = strdup(e->d_name);
	if (d)
		closedir(d);
	qsort(names, n, sizeof *names, cmpstr);
	for (i = 0; i < n; i++) {
		if (i < 3 && strlen(out) + strlen(names[i]) + 2 < cap)
			strcat(strcat(out, names[i]), "\n");
		free(names[i]);
	}
}

static void on_chld(int sig)
{
	(void)sig;
	nchld++;
}

/* Reap n children with a blocking waitpid(-1), as ash waits for a
 * foreground job: EINTR (SIGCHLD's handler) is retried. */
static void reap_blocking(int t, pid_t *pids, int n, int left)
{
	int st, i;

	while (left) {
		pid_t p = waitpid(-1, &st, 0);
		if (p < 0 && errno == EINTR)
			continue;
		if (p < 0) {
			fail(t, "waitpid(-1) with %d left: errno %d (%s)", left,
			     errno, strerror(errno));
			return;
		}
		for (i = 0; i < n && pids[i] != p; i++)
			;
		if (i == n) {
			fail(t, "waitpid(-1) gave pid %d, not one of ours", (int)p);
			continue;
		}
		if (!WIFEXITED(st) || WEXITSTATUS(st))
			fail(t, "pid %d ended with status 0x%x", (int)p, st);
		pids[i] = -1;
		left--;
	}
}

/* head's output is late: say which members still run (those that
 * ended are reaped here and checked as reap_blocking would) */
static void pipeline_late(pid_t *pids, int *left)
{
	int i, st;

	for (i = 0; i < 3; i++) {
		pid_t p = pids[i] < 0 ? 0 : waitpid(pids[i], &st, WNOHANG);
		if (p == 0)
			fail(0, "output late: member %d (pid %d) %s", i,
			     (int)pids[i], pids[i] < 0 ? "reaped" : "still runs");
		else if (p < 0)
			fail(0, "output late: waitpid(%d): errno %d (%s)",
			     (int)pids[i], errno, strerror(errno));
		else {
			fail(0, "output late: member %d (pid %d) ended 0x%x", i,
			     (int)p, st);
			pids[i] = -1;
			--*left;
		}
	}
}

static void t_pipeline(const char *want)
{
	char *ls[] = { "/bin/ls", "/", 0 }, *sort[] = { "/bin/sort", 0 };
	char *head[] = { "/bin/head", "-3", 0 };
	char got[512];
	int a[2], b[2], c[2], n = 0, r, left = 3;
	pid_t pids[3];

	step("pipeline: pipes");
	if (pipe(a) < 0 || pipe(b) < 0 || pipe(c) < 0) {
		fail(0, "pipe: errno %d (%s)", errno, strerror(errno));
		return;
	}
	step("pipeline: fork and exec");
	pids[0] = spawn(0, -1, a[1], ls);
	close(a[1]);
	pids[1] = spawn(0, a[0], b[1], sort);
	close(a[0]);
	close(b[1]);
	pids[2] = spawn(0, b[0], c[1], head);
	close(b[0]);
	close(c[1]);
	step("pipeline: read head's output");
	struct pollfd pf = { c[0], POLLIN, 0 };
	for (r = 0; r < 100 && poll(&pf, 1, 100) == 0; r++)
		;
	if (r == 100)                /* 10 s and nothing yet */
		pipeline_late(pids, &left);
	while (n < (int)sizeof got - 1 &&
	       ((r = read(c[0], got + n, sizeof got - 1 - n)) > 0 ||
	        (r < 0 && errno == EINTR)))
		n += r > 0 ? r : 0;
	if (r < 0)
		fail(0, "read from head: errno %d (%s)", errno, strerror(errno));
	got[n] = 0;
	close(c[0]);
	if (strcmp(got, want))
		fail(0, "ls|sort|head printed \"%s\", want \"%s\"", got, want);
	step("pipeline: reap");
	reap_blocking(0, pids, 3, left);
}

/* sleep 100, then sig after delay_ms: it must end killed by sig, at
 * once (well before the 100 s), and be reaped. */
static void kill_one(int sig, int delay_ms)
{
	char *sl[] = { "/bin/sleep", "100", 0 };
	struct timespec d = { 0, delay_ms * 1000000L };
	double t0;
	pid_t pid, p;
	int st;

	step(sig == SIGTERM ? "killbg: TERM" : "killbg: KILL");
	if ((pid = spawn(1, -1, -1, sl)) < 0)
		return;
	if (delay_ms)
		nanosleep(&d, 0);
	if (kill(pid, sig) < 0)
		fail(1, "kill(%d, %d): errno %d (%s)", (int)pid, sig, errno,
		     strerror(errno));
	t0 = now();
	while ((p = waitpid(pid, &st, 0)) < 0 && errno == EINTR)
		;
	if (p != pid)
		fail(1, "waitpid(%d): %d, errno %d (%s)", (int)pid, (int)p,
		     errno, strerror(errno));
	else if (!WIFSIGNALED(st) || WTERMSIG(st) != sig)
		fail(1, "pid %d killed by %d after %d ms: status 0x%x", (int)pid,
		     sig, delay_ms, st);
	else if (now() - t0 > 10)
		fail(1, "pid %d took %.1f s to die of %d", (int)pid, now() - t0,
		     sig);
}

static void t_killbg(void)
{
	int delay = (round_no * 7) % 60;     /* 0..59 ms: every window */

	kill_one(SIGTERM, delay);
	kill_one(SIGKILL, delay);
}

/* NREAP short children; collected with WNOHANG between sigsuspends,
 * SIGCHLD blocked otherwise (ash's waitproc). */
static void t_reap(const char *self)
{
	char code[8], *ex[] = { (char *)self, "exit", code, 0 };
	sigset_t chld, old;
	pid_t pids[NREAP], p;
	int i, st, left = 0;
	double t0;

	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &old);
	step("reap: fork");
	for (i = 0; i < NREAP; i++) {
		snprintf(code, sizeof code, "%d", i);
		if (i % 2 == 0)
			pids[i] = spawn(2, -1, -1, ex);
		else if ((pids[i] = fork()) == 0)
			_exit(i);
		left += pids[i] > 0;
	}
	step("reap: wait");
	t0 = now();
	while (left > 0) {
		while ((p = waitpid(-1, &st, WNOHANG)) > 0) {
			for (i = 0; i < NREAP && pids[i] != p; i++)
				;
			if (i == NREAP)
				fail(2, "waitpid gave pid %d, not ours", (int)p);
			else if (!WIFEXITED(st) || WEXITSTATUS(st) != i)
				fail(2, "pid %d: status 0x%x, want exit %d", (int)p,
				     st, i);
			else
				pids[i] = -1;
			left--;
		}
		if (p < 0) {
			fail(2, "waitpid(WNOHANG) with %d left: errno %d (%s)",
			     left, errno, strerror(errno));
			break;
		}
		if (left)
			sigsuspend(&old);
	}
	sigprocmask(SIG_SETMASK, &old, 0);
	if (now() - t0 > 10)
		fail(2, "reaping %d children took %.1f s", NREAP, now() - t0);
}

int main(int argc, char **argv)
{
	static const char *names[3] = { "pipeline", "killbg", "reap" };
	struct sigaction sa;
	char want[512];
	int rounds, i;
	double t0 = now();

	if (argc > 2 && !strcmp(argv[1], "exit"))
		return atoi(argv[2]);
	rounds = argc > 1 ? atoi(argv[1]) : 30;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_chld;          /* no SA_RESTART, as ash */
	sigaction(SIGCHLD, &sa, 0);
	expected_root(want, sizeof want);
	start_watchdog();
	for (round_no = 1; round_no <= rounds; round_no++) {
		t_pipeline(want);
		t_killbg();
		t_reap(argv[0]);
		if (round_no % 10 == 0)
			say("progress: %d rounds, %.1f s\n", round_no, now() - t0);
	}
	step("done");
	for (i = 0; i < 3; i++) {
		if (failures[i])
			say("FAIL: stress %s: %d failures in %d rounds\n", names[i],
			    failures[i], rounds);
		else
			say("PASS: stress %s\n", names[i]);
	}
	say("PASS: stress finished\n");
	if (beat >= 0)
		close(beat);
	while (wait(0) > 0 || errno == EINTR)
		;
	say("TESTS DONE\n");
	return 0;
}

/*
 * tests/posix/procs.c - processes, signals and pipes through the POSIX
 * personality and the servers (proc, exec, auth, pflocal).  Built for
 * Argot (run from the test image's /etc/rc) and for the Linux host; both
 * must print the same PASS lines.  Output goes through write(2), not
 * stdio, so that nothing buffered is printed twice by a fork.
 *
 * The program re-executes itself (argv[0]) with a first argument naming
 * a helper role ("exit N", "fdcheck N").
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *self;
static int failures;

static void say(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof buf - 1)
		n = sizeof buf - 1;
	write(1, buf, n);
}

static void result(const char *name, int ok, const char *why)
{
	if (ok)
		say("PASS: %s\n", name);
	else
		say("FAIL: %s %s\n", name, why), failures++;
}

#define CHECK(name, cond, ...) do { \
	char why_[160]; \
	snprintf(why_, sizeof why_, __VA_ARGS__); \
	result(name, (cond), why_); \
} while (0)

static void msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* ---- helper roles (after execve) ---- */
static int helper(int argc, char **argv)
{
	if (!strcmp(argv[1], "exit") && argc > 2)
		return atoi(argv[2]);
	if (!strcmp(argv[1], "fdcheck") && argc > 2)   /* 0: fd closed */
		return fcntl(atoi(argv[2]), F_GETFD) < 0 && errno == EBADF ? 0 : 1;
	return 99;
}

/* ---- fork, exec, wait ---- */
static void t_fork_exec_loop(void)
{
	int i, bad = 0, st;
	char arg[16];

	for (i = 0; i < 200 && !bad; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			snprintf(arg, sizeof arg, "%d", i % 256);
			execl(self, self, "exit", arg, (char *)0);
			_exit(127);
		}
		if (pid < 0) {
			bad = 1;
			CHECK("fork-exec-wait-200", 0, "fork %d: %s", i, strerror(errno));
			return;
		}
		if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) ||
		    WEXITSTATUS(st) != i % 256) {
			CHECK("fork-exec-wait-200", 0, "child %d: status 0x%x", i, st);
			return;
		}
	}
	CHECK("fork-exec-wait-200", 1, "%s", "");
}

static void t_fork_memory(void)
{
	static int shared = 5;
	int st;
	char *heap = malloc(100000);
	pid_t pid;

	memset(heap, 'p', 100000);
	pid = fork();
	if (pid == 0) {
		/* the child sees the parent's memory and changes only its own */
		int ok = shared == 5 && heap[99999] == 'p';
		shared = 6;
		heap[0] = 'c';
		_exit(ok ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	CHECK("fork-copies-memory", WIFEXITED(st) && WEXITSTATUS(st) == 0 &&
	      shared == 5 && heap[0] == 'p', "status 0x%x shared %d", st, shared);
	free(heap);
}

static void t_statuses(void)
{
	int st;
	pid_t pid;

	if ((pid = fork()) == 0)
		exit(7);
	waitpid(pid, &st, 0);
	CHECK("status-exit", WIFEXITED(st) && WEXITSTATUS(st) == 7,
	      "status 0x%x", st);

	if ((pid = fork()) == 0) {
		signal(SIGTERM, SIG_DFL);
		kill(getpid(), SIGTERM);
		msleep(5000);
		_exit(1);
	}
	waitpid(pid, &st, 0);
	CHECK("status-signal", WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM,
	      "status 0x%x", st);

	if ((pid = fork()) == 0) {
		volatile int *nowhere = (int *)(long)atoi("16");
		*nowhere = 1;                /* page 0 is never mapped */
		_exit(1);
	}
	waitpid(pid, &st, 0);
	CHECK("status-fault", WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
	      "status 0x%x", st);
}

static void t_wnohang(void)
{
	int st = 0;
	pid_t pid = fork(), r0, r1;

	if (pid == 0) {
		msleep(300);
		_exit(3);
	}
	r0 = waitpid(pid, &st, WNOHANG);
	r1 = waitpid(pid, &st, 0);
	CHECK("wnohang", r0 == 0 && r1 == pid && WEXITSTATUS(st) == 3,
	      "first %d second %d status 0x%x", r0, r1, st);
	r0 = waitpid(-1, &st, WNOHANG);
	CHECK("echild", r0 < 0 && errno == ECHILD, "got %d errno %d", r0, errno);
}

static void t_family(void)
{
	int p[2], st;
	pid_t me = getpid(), pid;
	char buf[64] = "";

	pipe(p);
	if ((pid = fork()) == 0) {
		pid_t sid = setsid();
		snprintf(buf, sizeof buf, "%d %d %d %d", getppid() == me,
		         sid == getpid(), getsid(0) == getpid(),
		         getpgrp() == getpid());
		write(p[1], buf, strlen(buf));
		_exit(0);
	}
	close(p[1]);
	read(p[0], buf, sizeof buf - 1);
	close(p[0]);
	waitpid(pid, &st, 0);
	CHECK("getppid-setsid", !strcmp(buf, "1 1 1 1"), "child says '%s'", buf);

	if ((pid = fork()) == 0) {
		msleep(300);
		_exit(0);
	}
	int r = setpgid(pid, pid);
	CHECK("setpgid-child", r == 0 && getpgid(pid) == pid,
	      "setpgid %d getpgid %d", r, getpgid(pid));
	waitpid(pid, &st, 0);
	CHECK("ids-consistent", getuid() == geteuid() && getgid() == getegid() &&
	      getgroups(0, 0) >= 0, "uid %d euid %d", getuid(), geteuid());
}

static void t_exec_cloexec(void)
{
	int fd = dup(1), st;
	char arg[16];
	pid_t pid;

	fcntl(fd, F_SETFD, FD_CLOEXEC);
	snprintf(arg, sizeof arg, "%d", fd);
	if ((pid = fork()) == 0) {
		execl(self, self, "fdcheck", arg, (char *)0);
		_exit(127);
	}
	waitpid(pid, &st, 0);
	CHECK("exec-closes-cloexec", WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "status 0x%x", st);
	fcntl(fd, F_SETFD, 0);
	if ((pid = fork()) == 0) {
		execl(self, self, "fdcheck", arg, (char *)0);
		_exit(127);
	}
	waitpid(pid, &st, 0);
	CHECK("exec-keeps-fds", WIFEXITED(st) && WEXITSTATUS(st) == 1,
	      "status 0x%x", st);
	close(fd);
	errno = 0;
	CHECK("exec-enoent", execl("/no/such/program", "x", (char *)0) < 0 &&
	      errno == ENOENT, "errno %d", errno);
}

/* ---- pipes ---- */
static void t_pipeline(void)
{
	int p[2], st, lines = 0;
	long total = 0;
	char buf[1000];
	ssize_t n;
	pid_t pid;

	if (pipe(p) < 0) {
		CHECK("pipe-pipeline", 0, "pipe: %s", strerror(errno));
		return;
	}
	if ((pid = fork()) == 0) {
		close(p[0]);
		for (int i = 0; i < 500; i++) {
			snprintf(buf, sizeof buf, "line %04d\n", i);
			write(p[1], buf, 10);
		}
		static char big[70000];
		memset(big, 'x', sizeof big);
		write(p[1], big, sizeof big);
		_exit(0);
	}
	close(p[1]);
	while ((n = read(p[0], buf, sizeof buf)) > 0) {
		total += n;
		for (ssize_t i = 0; i < n; i++)
			lines += buf[i] == '\n';
	}
	close(p[0]);
	waitpid(pid, &st, 0);
	CHECK("pipe-pipeline-eof", n == 0 && lines == 500 && total == 5000 + 70000,
	      "last read %zd, %d lines, %ld bytes", n, lines, total);
}

static volatile sig_atomic_t got_pipe;
static void on_pipe(int sig) { got_pipe = sig; }

static void t_epipe(void)
{
	int p[2], st, r;
	pid_t pid;

	pipe(p);
	close(p[0]);
	signal(SIGPIPE, on_pipe);
	r = write(p[1], "x", 1);
	CHECK("epipe-sigpipe-handler", r < 0 && errno == EPIPE &&
	      got_pipe == SIGPIPE, "write %d errno %d handler %d", r, errno,
	      (int)got_pipe);
	signal(SIGPIPE, SIG_IGN);
	r = write(p[1], "x", 1);
	CHECK("epipe-ignored", r < 0 && errno == EPIPE, "write %d", r);
	if ((pid = fork()) == 0) {
		signal(SIGPIPE, SIG_DFL);
		write(p[1], "x", 1);
		_exit(0);
	}
	close(p[1]);
	waitpid(pid, &st, 0);
	CHECK("sigpipe-kills", WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE,
	      "status 0x%x", st);
	signal(SIGPIPE, SIG_DFL);
}

static void t_nonblock_poll(void)
{
	int p[2], r;
	char c;
	struct pollfd pf;

	pipe2(p, O_NONBLOCK);
	r = read(p[0], &c, 1);
	CHECK("pipe-nonblock-eagain", r < 0 && errno == EAGAIN, "read %d errno %d",
	      r, errno);
	pf = (struct pollfd){ .fd = p[0], .events = POLLIN };
	r = poll(&pf, 1, 50);
	int before = r;
	write(p[1], "y", 1);
	r = poll(&pf, 1, 1000);
	CHECK("pipe-poll", before == 0 && r == 1 && (pf.revents & POLLIN),
	      "before %d after %d revents 0x%x", before, r, pf.revents);
	struct stat sb;
	r = fstat(p[0], &sb);
	CHECK("pipe-fifo-stat", r == 0 && S_ISFIFO(sb.st_mode), "fstat %d mode 0%o",
	      r, (unsigned)sb.st_mode);
	close(p[0]);
	close(p[1]);
}

/* ---- signals between processes ---- */
static volatile sig_atomic_t got_term, got_usr1, chld_count;
static void on_term(int sig) { got_term = sig; }
static void on_usr1(int sig) { got_usr1 = sig; }
static void on_chld(int sig) { (void)sig; chld_count++; }

static void t_kill_handler(void)
{
	int p[2], st;
	char c;
	pid_t pid;

	pipe(p);
	if ((pid = fork()) == 0) {
		signal(SIGTERM, on_term);
		write(p[1], "r", 1);
		while (!got_term)
			msleep(10);
		_exit(42);
	}
	read(p[0], &c, 1);
	kill(pid, SIGTERM);
	waitpid(pid, &st, 0);
	CHECK("kill-sigterm-handler", WIFEXITED(st) && WEXITSTATUS(st) == 42,
	      "status 0x%x", st);
	close(p[0]);
	close(p[1]);

	if ((pid = fork()) == 0) {
		for (;;)
			msleep(1000);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	CHECK("kill-sigkill", WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
	      "status 0x%x", st);
	CHECK("kill-esrch", kill(30000, SIGTERM) < 0 && errno == ESRCH,
	      "errno %d", errno);
}

static void t_busy_handler(void)
{
	int p[2], st;
	char c;
	pid_t pid;

	/* a child that never makes a system call still gets its handler */
	pipe(p);
	if ((pid = fork()) == 0) {
		signal(SIGUSR1, on_usr1);
		write(p[1], "r", 1);
		for (volatile unsigned long i = 0; !got_usr1 && i < 4000000000ul; i++)
			;
		_exit(got_usr1 == SIGUSR1 ? 0 : 1);
	}
	read(p[0], &c, 1);
	msleep(50);
	kill(pid, SIGUSR1);
	waitpid(pid, &st, 0);
	CHECK("signal-busy-loop", WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "status 0x%x", st);
	close(p[0]);
	close(p[1]);
}

static void t_sigchld(void)
{
	struct sigaction sa = { .sa_handler = on_chld, .sa_flags = SA_RESTART };
	int st, i;
	pid_t pid;

	sigaction(SIGCHLD, &sa, 0);
	chld_count = 0;
	if ((pid = fork()) == 0)
		_exit(0);
	waitpid(pid, &st, 0);
	for (i = 0; i < 100 && !chld_count; i++)
		msleep(10);
	CHECK("sigchld", chld_count >= 1, "count %d", (int)chld_count);
	signal(SIGCHLD, SIG_DFL);
}

static void t_eintr(void)
{
	int p[2], q[2], st;
	char c;
	pid_t pid;

	/* read on an empty pipe, interrupted: EINTR without SA_RESTART */
	pipe(p);
	pipe(q);
	if ((pid = fork()) == 0) {
		struct sigaction sa = { .sa_handler = on_usr1 };
		sigaction(SIGUSR1, &sa, 0);
		write(q[1], "r", 1);
		int r = read(p[0], &c, 1);
		_exit(r < 0 && errno == EINTR && got_usr1 ? 0 : 1);
	}
	read(q[0], &c, 1);
	msleep(100);
	kill(pid, SIGUSR1);
	waitpid(pid, &st, 0);
	CHECK("eintr-read", WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "status 0x%x", st);

	/* the same with SA_RESTART: the read goes on and gets the byte */
	if ((pid = fork()) == 0) {
		struct sigaction sa = { .sa_handler = on_usr1,
		                        .sa_flags = SA_RESTART };
		sigaction(SIGUSR1, &sa, 0);
		write(q[1], "r", 1);
		int r = read(p[0], &c, 1);
		_exit(r == 1 && c == 'z' && got_usr1 ? 0 : 1);
	}
	read(q[0], &c, 1);
	msleep(100);
	kill(pid, SIGUSR1);
	msleep(100);
	write(p[1], "z", 1);
	waitpid(pid, &st, 0);
	CHECK("sa-restart-read", WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "status 0x%x", st);
	close(p[0]); close(p[1]); close(q[0]); close(q[1]);
}

/* ---- job control: stop and continue ---- */
static volatile sig_atomic_t got_tstp;
static void on_tstp(int sig) { got_tstp = sig; }

/* A child blocked in read is stopped by sig; its parent sees the stop
 * (WUNTRACED) and, after SIGCONT, the continue (WCONTINUED); the read
 * then goes on as if nothing happened and gets the byte. */
static void stop_cont(const char *name, int sig, char byte, int code)
{
	int p[2], q[2], st = 0, st2 = 0, st3 = 0;
	pid_t pid, r1, r2, r3, r4;
	char c;

	pipe(p);
	pipe(q);
	if ((pid = fork()) == 0) {
		/* a group of its own whose parent is outside it: not an
		 * orphaned group, where Linux discards SIGTSTP */
		setpgid(0, 0);
		write(q[1], "r", 1);
		int r = read(p[0], &c, 1);
		_exit(r == 1 && c == byte ? code : 1);
	}
	setpgid(pid, pid);
	read(q[0], &c, 1);
	msleep(100);
	kill(pid, sig);
	r1 = waitpid(pid, &st, WUNTRACED);
	write(p[1], &byte, 1);
	msleep(200);
	r2 = waitpid(pid, &st2, WNOHANG);     /* still stopped: nothing */
	kill(pid, SIGCONT);
	r3 = waitpid(pid, &st3, WCONTINUED);
	char what[40];
	snprintf(what, sizeof what, "%s-stopped", name);
	CHECK(what, r1 == pid && WIFSTOPPED(st) && WSTOPSIG(st) == sig,
	      "r %d status 0x%x", r1, st);
	snprintf(what, sizeof what, "%s-stays-stopped", name);
	CHECK(what, r2 == 0, "r %d status 0x%x", r2, st2);
	snprintf(what, sizeof what, "%s-continued", name);
	CHECK(what, r3 == pid && WIFCONTINUED(st3), "r %d status 0x%x", r3, st3);
	r4 = waitpid(pid, &st, 0);
	snprintf(what, sizeof what, "%s-read-resumes", name);
	CHECK(what, r4 == pid && WIFEXITED(st) && WEXITSTATUS(st) == code,
	      "r %d status 0x%x", r4, st);
	close(p[0]); close(p[1]); close(q[0]); close(q[1]);
}

static void t_stops(void)
{
	int st = 0, q[2];
	pid_t pid, r;
	char c;

	stop_cont("sigstop", SIGSTOP, 'x', 4);
	stop_cont("sigtstp", SIGTSTP, 'y', 6);

	/* a SIGTSTP handler runs instead of the stop */
	pipe(q);
	if ((pid = fork()) == 0) {
		struct sigaction sa = { .sa_handler = on_tstp };
		setpgid(0, 0);
		sigaction(SIGTSTP, &sa, 0);
		write(q[1], "r", 1);
		while (!got_tstp)
			pause();
		_exit(8);
	}
	read(q[0], &c, 1);
	kill(pid, SIGTSTP);
	r = waitpid(pid, &st, WUNTRACED);
	CHECK("sigtstp-handler-no-stop", r == pid && WIFEXITED(st) &&
	      WEXITSTATUS(st) == 8, "r %d status 0x%x", r, st);
	close(q[0]); close(q[1]);
}

int main(int argc, char **argv)
{
	self = argv[0];
	if (argc > 1)
		return helper(argc, argv);
	t_fork_memory();
	t_statuses();
	t_wnohang();
	t_pipeline();
	t_family();
	t_exec_cloexec();
	t_epipe();
	t_nonblock_poll();
	t_kill_handler();
	t_busy_handler();
	t_sigchld();
	t_eintr();
	t_stops();
	t_fork_exec_loop();
	say("TESTS DONE\n");
	return failures != 0;
}

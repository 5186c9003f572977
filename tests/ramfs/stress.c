/*
 * tests/ramfs/stress.c - many processes on one ramfs at once, where the
 * concurrency of libnetfs's Argot backend shows (its pool of threads,
 * no-senders racing a handler, reauthentication):
 *   clients:  P processes x R rounds of create, write, read back, stat,
 *             list, unlink; each open crosses into the ramfs (getroot,
 *             IO_REAUTH) and the handle is closed at once;
 *   append:   P processes append records to one file: all arrive whole;
 *   ranges:   P processes pwrite disjoint ranges of one file: all land;
 *   reopen:   P processes open and close one file as fast as they can
 *             while others read it (handles closed during reauth).
 * A process that makes no progress for HANG_S seconds is killed by its
 * alarm and counts as hung: a request lost or stuck in the server.
 * Prints guest-tap's PASS:/FAIL: lines, then TESTS DONE.
 *
 * Usage: stress DIR [rounds]
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define P 6            /* processes per test */
#define HANG_S 30
#define REC 64

static const char *dir;
static int rounds = 20;

static char *path(const char *fmt, int a)
{
	static char buf[256];
	char name[64];

	snprintf(name, sizeof name, fmt, a);
	snprintf(buf, sizeof buf, "%s/%s", dir, name);
	return buf;
}

/* run fn(i) in P children; the number that failed, hung ones in *hung */
static int spawn(int (*fn)(int), int *hung)
{
	pid_t pids[P];
	int bad = 0, st;

	*hung = 0;
	fflush(stdout);
	for (int i = 0; i < P; i++) {
		if ((pids[i] = fork()) == 0) {
			alarm(HANG_S);
			_exit(fn(i) ? 1 : 0);
		}
		if (pids[i] < 0)
			bad++;
	}
	for (int i = 0; i < P; i++) {
		if (pids[i] < 0 || waitpid(pids[i], &st, 0) < 0) {
			bad++;
			continue;
		}
		if (WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM)
			(*hung)++, bad++;
		else if (!WIFEXITED(st) || WEXITSTATUS(st))
			bad++;
	}
	return bad;
}

static int one_client_round(int me, int r)
{
	char want[100], got[100];
	struct stat st;
	char *p = path("c%d", me * 1000 + r);
	int fd, n, len = snprintf(want, sizeof want, "client %d round %d", me, r);

	if ((fd = open(p, O_RDWR | O_CREAT | O_TRUNC, 0644)) < 0)
		return printf("DETAIL: open %s: %s\n", p, strerror(errno)), 1;
	n = (int)write(fd, want, (size_t)len);
	close(fd);
	if (n != len)
		return printf("DETAIL: write %s: %s\n", p, strerror(errno)), 1;
	if ((fd = open(p, O_RDONLY)) < 0)
		return printf("DETAIL: reopen %s: %s\n", p, strerror(errno)), 1;
	n = (int)read(fd, got, sizeof got);
	if (fstat(fd, &st) != 0 || st.st_size != len || n != len ||
	    memcmp(got, want, (size_t)len))
		return close(fd), printf("DETAIL: read back %s\n", p), 1;
	close(fd);
	DIR *d = opendir(dir);
	if (!d)
		return printf("DETAIL: opendir: %s\n", strerror(errno)), 1;
	while (readdir(d))
		;
	closedir(d);
	if (unlink(p) != 0)
		return printf("DETAIL: unlink %s: %s\n", p, strerror(errno)), 1;
	return 0;
}

static int clients(int me)
{
	for (int r = 0; r < rounds * 5; r++)
		if (one_client_round(me, r))
			return 1;
	return 0;
}

static int appender(int me)
{
	char rec[REC + 8];	/* the format is REC bytes for i < 100000 */
	int fd = open(path("log", 0), O_WRONLY | O_CREAT | O_APPEND, 0644);

	if (fd < 0)
		return 1;
	for (int i = 0; i < rounds * 20; i++) {
		snprintf(rec, sizeof rec, "%c%05d %056d\n", 'A' + me, i, 0);
		if (write(fd, rec, REC) != REC)
			return printf("DETAIL: append %d: %s\n", i,
			              strerror(errno)), 1;
	}
	return close(fd) != 0;
}

/* every record whole, each writer's in order, all of them there */
static int check_log(void)
{
	int count[P] = { 0 }, fd = open(path("log", 0), O_RDONLY);
	char rec[REC];

	if (fd < 0)
		return 0;
	while (read(fd, rec, REC) == REC) {
		int w = rec[0] - 'A';
		if (w < 0 || w >= P || rec[REC - 1] != '\n' ||
		    atoi(rec + 1) != count[w]++)
			return close(fd), 0;
	}
	close(fd);
	for (int w = 0; w < P; w++)
		if (count[w] != rounds * 20)
			return 0;
	return 1;
}

enum { RANGE = 64 * 1024, BLK = 4096 };

static int ranger(int me)
{
	char blk[BLK];
	int fd = open(path("ranges", 0), O_WRONLY | O_CREAT, 0644);

	if (fd < 0)
		return 1;
	memset(blk, 'a' + me, sizeof blk);
	for (int o = 0; o < RANGE; o += BLK)
		if (pwrite(fd, blk, BLK, (off_t)me * RANGE + o) != BLK)
			return 1;
	return close(fd) != 0;
}

static int check_ranges(void)
{
	static char buf[P * RANGE];
	int fd = open(path("ranges", 0), O_RDONLY), n = 0, k;

	if (fd < 0)
		return 0;
	while ((k = (int)read(fd, buf + n, sizeof buf - (size_t)n)) > 0)
		n += k;
	close(fd);
	for (int i = 0; i < n; i++)
		if (buf[i] != 'a' + i / RANGE)
			return 0;
	return n == (int)sizeof buf;
}

/* half reopen as fast as they can, half read what the first wrote */
static int reopener(int me)
{
	char buf[32];

	for (int i = 0; i < rounds * 10; i++) {
		int fd = open(path("shared", 0), me & 1 ? O_RDONLY : O_RDWR);
		if (fd < 0)
			return printf("DETAIL: open shared: %s\n",
			              strerror(errno)), 1;
		if ((me & 1) && read(fd, buf, sizeof buf) != 6)
			return close(fd), printf("DETAIL: read shared\n"), 1;
		close(fd);
	}
	return 0;
}

static void report(const char *name, int bad, int hung, int good)
{
	if (!bad && good)
		printf("PASS: %s\n", name);
	else
		printf("FAIL: %s (%d failed, %d hung)\n", name, bad, hung);
}

int main(int argc, char **argv)
{
	int hung, bad, fd;

	if (argc < 2)
		return fprintf(stderr, "usage: stress DIR [rounds]\n"), 2;
	dir = argv[1];
	if (argc > 2)
		rounds = atoi(argv[2]);
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("RUN: clients\n");
	bad = spawn(clients, &hung);
	report("clients: create, write, read, list, unlink at once", bad,
	       hung, 1);
	printf("RUN: append\n");
	bad = spawn(appender, &hung);
	report("append: every record whole and in order", bad, hung,
	       check_log());
	printf("RUN: ranges\n");
	bad = spawn(ranger, &hung);
	report("ranges: disjoint pwrites all land", bad, hung, check_ranges());
	printf("RUN: reopen\n");
	fd = open(path("shared", 0), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, "shared", 6) != 6 || close(fd) != 0)
		printf("FAIL: reopen: cannot make the file\n");
	else {
		bad = spawn(reopener, &hung);
		report("reopen: open and close while others read", bad, hung, 1);
	}
	printf("TESTS DONE\n");
	return 0;
}

/* posix-dirs.c: readdir over big and changing directories, and several
 * processes writing one file at once. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "posix.h"

/* Waits up to 30 s for the writers: a hung writer (or a lost exit) must
 * fail its check, not stop the whole run.  Returns how many had to be
 * killed; *bad counts those that exited other than with status 0. */
static int reap(pid_t *pids, int n, int *bad)
{
	struct timespec nap = { 0, 50 * 1000 * 1000 };
	int left = 0, st;

	*bad = 0;
	for (int t = 0; t < 600; t++) {
		left = 0;
		for (int i = 0; i < n; i++) {
			if (pids[i] > 0 && waitpid(pids[i], &st, WNOHANG) == pids[i]) {
				*bad += !WIFEXITED(st) || WEXITSTATUS(st);
				pids[i] = 0;
			}
			left += pids[i] > 0;
		}
		if (!left)
			return 0;
		nanosleep(&nap, NULL);
	}
	/* no blocking wait after the kill: it may not be delivered */
	for (int i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGKILL);
	nanosleep(&nap, NULL);
	for (int i = 0; i < n; i++)
		if (pids[i] > 0)
			waitpid(pids[i], &st, WNOHANG);
	diag("%d writer(s) still running after 30 s, killed", left);
	return left;
}

#define MANY 1000

/* Counts each "eNNNN" name of dir in seen[]; returns the number of other
 * names besides "." and "..", and sets *dots to how many of those came. */
static int count_entries(DIR *d, int *seen, int *dots, int stop_after)
{
	struct dirent *e;
	int other = 0, got = 0, i;

	/* a broken cookie could list forever: give up well past the end */
	while ((stop_after < 0 || got < stop_after) && got < 3 * MANY + 10 &&
	       (e = readdir(d))) {
		got++;
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			(*dots)++;
		else if (sscanf(e->d_name, "e%d", &i) == 1 && i >= 0 && i < MANY)
			seen[i]++;
		else
			other++;
	}
	return other;
}

static int each_once(const int *seen, int n)
{
	for (int i = 0; i < n; i++)
		if (seen[i] != 1)
			return 0;
	return 1;
}

static void big_directory(void)
{
	static int seen[MANY];
	int dots = 0, made = 0, other;
	DIR *d;

	mkdirs(P("r/big"));
	for (int i = 0; i < MANY; i++)
		made += put(P("r/big/e%04d", i), "") == 0;
	d = opendir(P("r/big"));
	other = d ? count_entries(d, seen, &dots, -1) : -1;
	ok(made == MANY && other == 0 && dots == 2 && each_once(seen, MANY),
	   "readdir of %d entries returns each exactly once, and . and ..",
	   MANY);
	memset(seen, 0, sizeof seen);
	dots = 0;
	if (d)
		rewinddir(d);
	other = d ? count_entries(d, seen, &dots, -1) : -1;
	ok(other == 0 && dots == 2 && each_once(seen, MANY),
	   "rewinddir lists them all again");
	if (d)
		closedir(d);
}

/* rm -r's pattern: remove what was listed while listing goes on.  The
 * entries never removed must still come exactly once. */
static void listing_while_removing(void)
{
	static int seen[MANY];
	int dots = 0, kept_ok = 1;
	DIR *d = opendir(P("r/big"));

	if (!d) {
		ok(0, "opendir for the removal test");
		return;
	}
	count_entries(d, seen, &dots, MANY / 2);
	for (int i = 0; i < MANY; i++)
		if (seen[i])
			unlink(P("r/big/e%04d", i));
	for (int i = 0; i < 50; i++)
		put(P("r/big/new%d", i), "");
	count_entries(d, seen, &dots, -1);
	closedir(d);
	for (int i = 0; i < MANY; i++)
		kept_ok &= seen[i] == 1;
	ok(kept_ok, "entries removed during readdir do not hide or repeat others");
}

static void removed_cwd(void)
{
	char here[4096];

	mkdirs(P("r/cwd"));
	if (!getcwd(here, sizeof here) || chdir(P("r/cwd")) != 0) {
		ok(0, "chdir into a directory");
		return;
	}
	rmdir(P("r/cwd"));
	expect_err(open("new", O_WRONLY | O_CREAT, 0644), ENOENT, 0,
		   "creating in a removed current directory: ENOENT");
	chdir(here);
}

/* Two processes append 64-byte records; with O_APPEND none may overwrite
 * another, so every record arrives whole. */
static void appenders(void)
{
	enum { N = 400, REC = 64 };
	char *buf = malloc(2 * N * REC + 1);
	int whole = 1, count[2] = { 0, 0 }, fd, hung, bad;
	pid_t pids[2];
	ssize_t len;

	fflush(stdout);
	for (int w = 0; w < 2; w++) {
		if ((pids[w] = fork()) == 0) {
			char rec[REC + 1];
			fd = open(P("r/log"), O_WRONLY | O_CREAT | O_APPEND, 0644);
			if (fd < 0) {
				diag("appender %d: open: %s", w, strerror(errno));
				_exit(1);
			}
			for (int i = 0; i < N; i++) {
				snprintf(rec, sizeof rec, "%c%05d %056d\n",
					 'A' + w, i, 0);
				if (write(fd, rec, REC) != REC) {
					diag("appender %d: write %d: %s", w, i,
					     strerror(errno));
					_exit(1);
				}
			}
			_exit(0);
		}
	}
	hung = reap(pids, 2, &bad);
	uses("fork waitpid");
	len = buf ? get(P("r/log"), buf, 2 * N * REC + 1) : -1;
	for (ssize_t o = 0; len == 2 * N * REC && o < len; o += REC) {
		int w = buf[o] - 'A', i = atoi(buf + o + 1);
		if (w < 0 || w > 1 || buf[o + REC - 1] != '\n' ||
		    i != count[w]++)
			whole = 0;
	}
	ok(!hung && !bad && len == 2 * N * REC && whole && count[0] == N &&
	   count[1] == N, "two processes appending: every record whole and in "
	   "order (%zd bytes, %d hung, %d failed)", len, hung, bad);
	free(buf);
}

/* Two processes write disjoint halves with pwrite: both halves land. */
static void parallel_writers(void)
{
	enum { HALF = 256 * 1024 };
	char *buf = malloc(2 * HALF), *blk = malloc(4096);
	int good = 1, hung, bad;
	pid_t pids[2];

	fflush(stdout);
	for (int w = 0; w < 2; w++) {
		if ((pids[w] = fork()) == 0) {
			int fd = open(P("r/halves"), O_WRONLY | O_CREAT, 0644);
			memset(blk, 'a' + w, 4096);
			for (int o = 0; o < HALF; o += 4096)
				if (pwrite(fd, blk, 4096, w * HALF + o) != 4096)
					_exit(1);
			_exit(0);
		}
	}
	hung = reap(pids, 2, &bad);
	uses("fork waitpid pwrite");
	if (hung || bad || get(P("r/halves"), buf, 2 * HALF) != 2 * HALF)
		good = 0;
	for (int i = 0; good && i < 2 * HALF; i++)
		good = buf[i] == (i < HALF ? 'a' : 'b');
	ok(good, "two processes writing disjoint ranges: both land intact "
	   "(%d hung, %d failed)", hung, bad);
	free(buf);
	free(blk);
}

void test_dirs(void)
{
	mkdirs(P("r"));
	big_directory();
	listing_while_removing();
	removed_cwd();
	fflush(stdout);
	appenders();
	parallel_writers();
	rmtree(P("r"));
}

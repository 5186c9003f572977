/* posix-main.c: the TAP framework and main of the POSIX filesystem test.
 *
 *   posix-test [-g] DIR   run every group in DIR/pt.PID (removed at the end)
 *
 * DIR must be writable; running as uid 0 adds the checks made as another
 * user (uid $PT_UID, default 1000), which are skipped otherwise.  The plan
 * line comes last, so groups may skip without counting ahead.
 *
 * -g: report for tests/harness/guest-tap instead of TAP, for a run inside
 * an Argot guest: "PASS: N - rule", "FAIL: N - rule (why)", "SKIP: N rule:
 * why", a "RUN:" line per group (so a hang is named) and "TESTS DONE". */
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <grp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "posix.h"

int pt_root;
uid_t pt_uid = 1000;
static int ntests, nfailed, nskipped, guest;
static char top[1024];

/* One result line.  how: 0 pass, 1 fail, 2 skip; why: the failure's or
 * the skip's reason. */
static void report(int how, const char *name, const char *why)
{
	++ntests;
	if (guest && how == 0)
		printf("PASS: %d - %s\n", ntests, name);
	else if (guest && how == 1)
		printf("FAIL: %d - %s (%s)\n", ntests, name, why);
	else if (guest)
		printf("SKIP: %d %s: %s\n", ntests, name, why);
	else if (how == 2)
		printf("ok %d - %s # SKIP %s\n", ntests, name, why);
	else
		printf("%sok %d - %s\n", how ? "not " : "", ntests, name);
	if (how == 1 && !guest)
		printf("# %s\n", why);
	nfailed += how == 1;
	nskipped += how == 2;
	if (guest)		/* a hang from here on is named after this */
		printf("RUN: the step after check %d\n", ntests);
	fflush(stdout);
	probe_reset();
}

void ok(int cond, const char *fmt, ...)
{
	int saved = errno;
	const char *skipping = enosys_why(!cond, saved);
	char name[512], why[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof name, fmt, ap);
	va_end(ap);
	snprintf(why, sizeof why, "errno now: %s", strerror(saved));
	report(skipping ? 2 : cond ? 0 : 1, name, skipping ? skipping : why);
}

void skip(const char *why, const char *fmt, ...)
{
	char name[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof name, fmt, ap);
	va_end(ap);
	report(2, name, why);
}

void group(const char *name)
{
	if (guest)
		printf("RUN: %s\n", name);
	else
		printf("# %s\n", name);
	fflush(stdout);
}

void expect_err(int rc, int want, int also, const char *fmt, ...)
{
	int got = errno;
	char name[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof name, fmt, ap);
	va_end(ap);
	errno = got;		/* ok() tells ENOSYS from real failures */
	if (rc == -1 && (got == want || (also && got == also)))
		ok(1, "%s", name);
	else if (rc == -1)
		ok(0, "%s (want %s, got %s)", name, strerror(want),
		   strerror(got));
	else
		ok(0, "%s (want %s, it succeeded)", name, strerror(want));
}

void diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

const char *P(const char *fmt, ...)
{
	static char ring[8][2048];
	static int next;
	char *b = ring[next++ % 8];
	int n = snprintf(b, sizeof ring[0], "%s/", top);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(b + n, sizeof ring[0] - n, fmt, ap);
	va_end(ap);
	return b;
}

int put(const char *path, const char *data)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	size_t len = strlen(data);
	ssize_t w;

	if (fd < 0)
		return -1;
	w = write(fd, data, len);
	if (close(fd) != 0 || w != (ssize_t)len)
		return -1;
	return 0;
}

ssize_t get(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n, total = 0;

	if (fd < 0)
		return -1;
	while ((size_t)total < size &&
	       (n = read(fd, buf + total, size - total)) > 0)
		total += n;
	close(fd);
	return total;
}

int mkdirs(const char *path)
{
	return mkdir(path, 0755);
}

void rmtree(const char *path)
{
	struct stat st;
	struct dirent *e;
	DIR *d;

	if (lstat(path, &st) != 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	chmod(path, 0700);
	if ((d = opendir(path))) {
		char sub[4096];
		while ((e = readdir(d))) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
			rmtree(sub);
		}
		closedir(d);
	}
	rmdir(path);
}

/* Why the last as_other returned -1. */
const char *as_other_why = "";

/* The child reports a failure to become the other user with its own exit
 * codes (and 253 when the reason is ENOSYS), out of the range of errno
 * values the functions return. */
int as_other(int (*fn)(void *), void *arg)
{
	gid_t g = (gid_t)pt_uid;
	pid_t pid;
	int status;

	fflush(stdout);
	if ((pid = fork()) < 0) {
		as_other_why = errno == ENOSYS ?
			"fork: not implemented here (ENOSYS)" : "fork failed";
		return -1;
	}
	if (pid == 0) {
		/* only the other user's own group: root's supplementary
		 * group 0 would grant group permissions by accident */
		if (setgroups(1, &g) != 0 || setgid(g) != 0 ||
		    setuid(pt_uid) != 0)
			_exit(errno == ENOSYS ? 253 : 254);
		_exit(fn(arg) & 0xff);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) >= 253) {
		as_other_why = !WIFEXITED(status) ? "the child did not exit" :
			WEXITSTATUS(status) == 253 ? "setgroups/setgid/setuid: "
			"not implemented here (ENOSYS)" :
			"could not become the other user";
		return -1;
	}
	return WEXITSTATUS(status);
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "-g")) {
		guest = 1;
		argv++, argc--;
	}
	if (argc != 2) {
		fprintf(stderr, "usage: %s [-g] DIR\n", argv[0]);
		return 2;
	}
	if (getenv("PT_UID"))
		pt_uid = (uid_t)atoi(getenv("PT_UID"));
	pt_root = geteuid() == 0;
	alarm(100);		/* a hung filesystem fails the run, not hangs it */
	probe_calls();
	/* the top directory is 0777 for the other user's checks: made under
	 * umask 0 rather than with chmod, which may be missing (ENOSYS) */
	umask(0);
	snprintf(top, sizeof top, "%s/pt.%ld", argv[1], (long)getpid());
	if (mkdir(top, 0777) != 0) {
		printf("%s cannot make %s: %s\n", guest ? "FAIL: mkdir" :
		       "1..0 # SKIP", top, strerror(errno));
		if (guest)
			printf("TESTS DONE\n");
		return guest;
	}
	umask(022);
	group("files"); test_files();
	group("io"); test_io();
	group("names"); test_names();
	group("perm"); test_perm();
	group("meta"); test_meta();
	group("dirs"); test_dirs();
	group("limit"); test_limit();
	rmtree(top);
	if (!guest)
		printf("1..%d\n", ntests);
	diag("%d checks: %d passed, %d failed, %d skipped", ntests,
	     ntests - nfailed - nskipped, nfailed, nskipped);
	if (guest)		/* ends the last RUN: (it can fail: a crash) */
		printf("PASS: posix-test ran every group to the end\n"
		       "TESTS DONE\n");
	return nfailed ? 1 : 0;
}

/* posix-main.c: the TAP framework and main of the POSIX filesystem test.
 *
 *   posix-test DIR      run every group in DIR/pt.PID (removed at the end)
 *
 * DIR must be writable; running as uid 0 adds the checks made as another
 * user (uid $PT_UID, default 1000), which are skipped otherwise.  The plan
 * line comes last, so groups may skip without counting ahead. */
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
static int ntests, nfailed;
static char top[1024];

void ok(int cond, const char *fmt, ...)
{
	int saved = errno;
	va_list ap;

	printf("%sok %d - ", cond ? "" : "not ", ++ntests);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!cond) {
		nfailed++;
		printf("# errno now: %s\n", strerror(saved));
	}
	fflush(stdout);
	errno = saved;
}

void skip(const char *why, const char *fmt, ...)
{
	va_list ap;

	printf("ok %d - ", ++ntests);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(" # SKIP %s\n", why);
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

int as_other(int (*fn)(void *), void *arg)
{
	gid_t g = (gid_t)pt_uid;
	pid_t pid;
	int status;

	fflush(stdout);
	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		/* only the other user's own group: root's supplementary
		 * group 0 would grant group permissions by accident */
		if (setgroups(1, &g) != 0 || setgid(g) != 0 ||
		    setuid(pt_uid) != 0)
			_exit(255);
		_exit(fn(arg) & 0xff);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) == 255)
		return -1;
	return WEXITSTATUS(status);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	if (getenv("PT_UID"))
		pt_uid = (uid_t)atoi(getenv("PT_UID"));
	pt_root = geteuid() == 0;
	alarm(100);		/* a hung filesystem fails the run, not hangs it */
	umask(022);
	snprintf(top, sizeof top, "%s/pt.%ld", argv[1], (long)getpid());
	if (mkdir(top, 0777) != 0 || chmod(top, 0777) != 0) {
		printf("1..0 # SKIP cannot make %s: %s\n", top, strerror(errno));
		return 0;
	}
	test_files();
	test_names();
	test_perm();
	test_meta();
	test_dirs();
	test_limit();
	rmtree(top);
	printf("1..%d\n", ntests);
	if (nfailed)
		diag("%d of %d failed", nfailed, ntests);
	return nfailed ? 1 : 0;
}

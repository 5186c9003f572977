/*
 * tests/posix/names.c - calls on names that BusyBox's ln, chmod, chown,
 * touch and mv need: link/linkat, symlink/symlinkat, chmod/fchmodat,
 * chown/lchown/fchownat, utimensat/utimes/futimens, truncate/ftruncate,
 * access, rename across directories, and /dev/null and /dev/zero.  Each
 * with its main error cases; those a user meets (EPERM, EACCES) in a
 * child that became uid 1000, when we run as root.  The personality said
 * ENOSYS to all but access and rename.  Built for Argot (run from the
 * test image's /etc/rc, on the ramfs root) and for the Linux host; both
 * must print the same PASS lines.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int failures;
static char dir[64];             /* our scratch directory */
static char why[200];
#define WHY(...) (snprintf(why, sizeof why, __VA_ARGS__), why)

static void result(const char *name, const char *e)
{
	if (!e)
		printf("PASS: %s\n", name);
	else
		printf("FAIL: %s %s\n", name, e), failures++;
	fflush(stdout);
}

/* dir/name, in one of a few rotating buffers */
static const char *P(const char *name)
{
	static char buf[4][128];
	static int i;
	char *b = buf[i++ & 3];
	snprintf(b, sizeof buf[0], "%s/%s", dir, name);
	return b;
}

static int mkfile(const char *name, const char *text)
{
	int fd = open(P(name), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -1;
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
		close(fd);
		return -1;
	}
	return close(fd);
}

/* call failed with exactly this errno? */
static int fails(int r, int err)
{
	return r == -1 && errno == err;
}

static const char *t_link(void)
{
	struct stat a, b;
	int d;

	if (mkfile("f", "data"))
		return WHY("create f: errno %d", errno);
	if (link(P("f"), P("g")))
		return WHY("link f g: errno %d", errno);
	if (stat(P("f"), &a) || stat(P("g"), &b) || a.st_ino != b.st_ino ||
	    a.st_nlink != 2)
		return WHY("after link: ino %lu/%lu nlink %lu", (unsigned long)
		           a.st_ino, (unsigned long)b.st_ino,
		           (unsigned long)a.st_nlink);
	if (!fails(link(P("f"), P("g")), EEXIST))
		return WHY("link onto an existing name: errno %d, not EEXIST", errno);
	if (!fails(link(P("nosuch"), P("h")), ENOENT))
		return WHY("link of a missing file: errno %d, not ENOENT", errno);
	if (!fails(link(P("f"), P("nodir/h")), ENOENT))
		return WHY("link into a missing dir: errno %d, not ENOENT", errno);
	if (!fails(link(P("f"), P("f/h")), ENOTDIR))
		return WHY("link under a file: errno %d, not ENOTDIR", errno);
	if (mkdir(P("d"), 0755) || !fails(link(P("d"), P("dl")), EPERM))
		return WHY("link of a directory: errno %d, not EPERM", errno);
	if ((d = open(dir, O_RDONLY | O_DIRECTORY)) < 0 ||
	    linkat(d, "g", d, "d/g2", 0) || stat(P("d/g2"), &b) ||
	    b.st_ino != a.st_ino || b.st_nlink != 3)
		return WHY("linkat from a dir fd: errno %d", errno);
	close(d);
	if (unlink(P("d/g2")) || unlink(P("g")) || stat(P("f"), &a) ||
	    a.st_nlink != 1)
		return WHY("unlink of the links: errno %d nlink %lu", errno,
		           (unsigned long)a.st_nlink);
	return NULL;
}

static const char *t_symlink(void)
{
	char buf[64];
	struct stat st;
	ssize_t n;
	int d;

	if (symlink("f", P("s")))
		return WHY("symlink: errno %d", errno);
	if ((n = readlink(P("s"), buf, sizeof buf)) != 1 || buf[0] != 'f')
		return WHY("readlink gave %zd", n);
	if (lstat(P("s"), &st) || !S_ISLNK(st.st_mode) || stat(P("s"), &st) ||
	    !S_ISREG(st.st_mode) || st.st_size != 4)
		return WHY("lstat/stat of the link: errno %d mode %o", errno,
		           st.st_mode);
	if (!fails(symlink("x", P("s")), EEXIST) ||
	    !fails(symlink("x", P("f")), EEXIST))
		return WHY("symlink onto an existing name: errno %d, not EEXIST",
		           errno);
	if (!fails(symlink("x", P("nodir/s")), ENOENT))
		return WHY("symlink in a missing dir: errno %d, not ENOENT", errno);
	if (!fails(symlink("", P("empty")), ENOENT))
		return WHY("symlink to \"\": errno %d, not ENOENT", errno);
	if (symlink("nowhere", P("dangling")) ||
	    !fails(stat(P("dangling"), &st), ENOENT) ||
	    lstat(P("dangling"), &st))
		return WHY("dangling symlink: errno %d", errno);
	if ((d = open(dir, O_RDONLY | O_DIRECTORY)) < 0 ||
	    symlinkat("../f", d, "d/up") || stat(P("d/up"), &st) ||
	    st.st_size != 4)
		return WHY("symlinkat from a dir fd: errno %d", errno);
	close(d);
	/* link(2) names the symlink itself; AT_SYMLINK_FOLLOW its target */
	if (link(P("s"), P("s2")) || lstat(P("s2"), &st) || !S_ISLNK(st.st_mode))
		return WHY("link of a symlink: errno %d mode %o", errno, st.st_mode);
	if (linkat(AT_FDCWD, P("s"), AT_FDCWD, P("s3"), AT_SYMLINK_FOLLOW) ||
	    lstat(P("s3"), &st) || !S_ISREG(st.st_mode) || st.st_nlink != 2)
		return WHY("linkat AT_SYMLINK_FOLLOW: errno %d mode %o", errno,
		           st.st_mode);
	unlink(P("s2"));
	unlink(P("s3"));
	unlink(P("dangling"));
	return NULL;
}

static const char *t_chmod(void)
{
	struct stat st;
	int d;

	if (chmod(P("f"), 0640) || stat(P("f"), &st) ||
	    (st.st_mode & 07777) != 0640)
		return WHY("chmod 0640: errno %d mode %o", errno, st.st_mode);
	if (chmod(P("s"), 0604) || stat(P("f"), &st) ||
	    (st.st_mode & 07777) != 0604)
		return WHY("chmod through a symlink: errno %d mode %o", errno,
		           st.st_mode);
	if ((d = open(dir, O_RDONLY | O_DIRECTORY)) < 0 ||
	    fchmodat(d, "f", 0644, 0) || stat(P("f"), &st) ||
	    (st.st_mode & 07777) != 0644)
		return WHY("fchmodat: errno %d mode %o", errno, st.st_mode);
	close(d);
	if (!fails(chmod(P("nosuch"), 0644), ENOENT))
		return WHY("chmod of a missing file: errno %d, not ENOENT", errno);
	if (!fails(chmod(P("f/x"), 0644), ENOTDIR))
		return WHY("chmod under a file: errno %d, not ENOTDIR", errno);
	return NULL;
}

static const char *t_chown(void)
{
	struct stat st, ln;
	uid_t u = getuid();
	gid_t g = getgid();

	if (chown(P("f"), u, g) || chown(P("f"), -1, -1) || stat(P("f"), &st) ||
	    st.st_uid != u || st.st_gid != g)
		return WHY("chown to ourselves: errno %d", errno);
	if (geteuid() == 0) {
		if (chown(P("f"), 1000, 1001) || stat(P("f"), &st) ||
		    st.st_uid != 1000 || st.st_gid != 1001)
			return WHY("root's chown to 1000:1001: errno %d", errno);
		if (chown(P("f"), -1, 1002) || stat(P("f"), &st) ||
		    st.st_uid != 1000 || st.st_gid != 1002)
			return WHY("chown -1:1002: errno %d", errno);
		/* lchown and AT_SYMLINK_NOFOLLOW: the link, not f */
		if (lchown(P("s"), 1003, 1003) || lstat(P("s"), &ln) ||
		    stat(P("f"), &st) || ln.st_uid != 1003 || st.st_uid != 1000)
			return WHY("lchown: errno %d link %u file %u", errno,
			           (unsigned)ln.st_uid, (unsigned)st.st_uid);
		if (fchownat(AT_FDCWD, P("s"), 1004, -1, AT_SYMLINK_NOFOLLOW) ||
		    lstat(P("s"), &ln) || ln.st_uid != 1004)
			return WHY("fchownat NOFOLLOW: errno %d", errno);
		if (chown(P("s"), 0, 0) || stat(P("f"), &st) || st.st_uid != 0)
			return WHY("chown through a symlink: errno %d", errno);
	}
	if (!fails(chown(P("nosuch"), u, g), ENOENT))
		return WHY("chown of a missing file: errno %d, not ENOENT", errno);
	if (!fails(fchownat(AT_FDCWD, P("f"), u, g, 0x1234), EINVAL))
		return WHY("fchownat bad flags: errno %d, not EINVAL", errno);
	return NULL;
}

static const char *t_utimes(void)
{
	struct timespec ts[2] = { { 1000000000, 5 }, { 1234567890, 0 } };
	struct timeval tv[2] = { { 1111111111, 0 }, { 1222222222, 0 } };
	struct stat st;
	time_t now;
	int fd;

	if (utimensat(AT_FDCWD, P("f"), ts, 0) || stat(P("f"), &st) ||
	    st.st_atime != 1000000000 || st.st_mtime != 1234567890)
		return WHY("utimensat explicit: errno %d a %ld m %ld", errno,
		           (long)st.st_atime, (long)st.st_mtime);
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_sec = 1300000000;
	if (utimensat(AT_FDCWD, P("f"), ts, 0) || stat(P("f"), &st) ||
	    st.st_atime != 1000000000 || st.st_mtime != 1300000000)
		return WHY("UTIME_OMIT: errno %d a %ld m %ld", errno,
		           (long)st.st_atime, (long)st.st_mtime);
	ts[1].tv_nsec = UTIME_NOW;
	now = time(NULL);
	if (utimensat(AT_FDCWD, P("f"), ts, 0) || stat(P("f"), &st) ||
	    st.st_atime != 1000000000 || st.st_mtime < now - 5 ||
	    st.st_mtime > now + 5)
		return WHY("UTIME_NOW: errno %d a %ld m %ld now %ld", errno,
		           (long)st.st_atime, (long)st.st_mtime, (long)now);
	if (utimes(P("f"), tv) || stat(P("f"), &st) ||
	    st.st_atime != 1111111111 || st.st_mtime != 1222222222)
		return WHY("utimes: errno %d", errno);
	if (utimensat(AT_FDCWD, P("f"), NULL, 0) || stat(P("f"), &st) ||
	    st.st_atime < now - 5 || st.st_mtime < now - 5)
		return WHY("utimensat NULL: errno %d m %ld", errno,
		           (long)st.st_mtime);
	ts[0] = (struct timespec){ 1000000000, 0 };
	ts[1].tv_nsec = UTIME_OMIT;
	if ((fd = open(P("f"), O_RDONLY)) < 0 || futimens(fd, ts) ||
	    fstat(fd, &st) || st.st_atime != 1000000000)
		return WHY("futimens: errno %d a %ld", errno, (long)st.st_atime);
	close(fd);
	if (!fails(utimensat(AT_FDCWD, P("nosuch"), NULL, 0), ENOENT))
		return WHY("utimensat of a missing file: errno %d", errno);
	ts[0].tv_nsec = 1000000000;
	if (!fails(utimensat(AT_FDCWD, P("f"), ts, 0), EINVAL))
		return WHY("nsec 1e9: errno %d, not EINVAL", errno);
	return NULL;
}

static const char *t_truncate(void)
{
	char buf[16];
	struct stat st;
	int fd;

	if (mkfile("t", "0123456789") || truncate(P("t"), 3) ||
	    stat(P("t"), &st) || st.st_size != 3)
		return WHY("truncate to 3: errno %d size %ld", errno,
		           (long)st.st_size);
	if (truncate(P("t"), 6) || stat(P("t"), &st) || st.st_size != 6 ||
	    (fd = open(P("t"), O_RDWR)) < 0 || read(fd, buf, 16) != 6 ||
	    memcmp(buf, "012\0\0\0", 6))
		return WHY("truncate to 6: errno %d", errno);
	if (ftruncate(fd, 1) || fstat(fd, &st) || st.st_size != 1 ||
	    lseek(fd, 0, SEEK_CUR) != 6)
		return WHY("ftruncate to 1: errno %d size %ld", errno,
		           (long)st.st_size);
	close(fd);
	if ((fd = open(P("t"), O_RDONLY)) < 0 || !fails(ftruncate(fd, 0), EINVAL))
		return WHY("ftruncate read-only: errno %d, not EINVAL", errno);
	close(fd);
	if (!fails(ftruncate(fd, 0), EBADF))
		return WHY("ftruncate closed fd: errno %d, not EBADF", errno);
	if (!fails(truncate(P("t"), -1), EINVAL))
		return WHY("truncate to -1: errno %d, not EINVAL", errno);
	if (!fails(truncate(P("d"), 0), EISDIR))
		return WHY("truncate of a dir: errno %d, not EISDIR", errno);
	if (!fails(truncate(P("nosuch"), 0), ENOENT))
		return WHY("truncate of a missing file: errno %d", errno);
	return NULL;
}

static const char *t_access(void)
{
	if (access(P("f"), F_OK) || access(P("f"), R_OK | W_OK) ||
	    access(dir, X_OK))
		return WHY("access of what exists: errno %d", errno);
	if (!fails(access(P("nosuch"), F_OK), ENOENT))
		return WHY("access of a missing file: errno %d", errno);
	if (!fails(access(P("f/x"), F_OK), ENOTDIR))
		return WHY("access under a file: errno %d, not ENOTDIR", errno);
	if (!fails(faccessat(AT_FDCWD, P("f"), X_OK, 0), EACCES))
		return WHY("X_OK of a 0644 file: errno %d, not EACCES", errno);
	return NULL;
}

/* mv from one directory to another: rename with two directories */
static const char *t_rename_dirs(void)
{
	struct stat st;

	if (mkdir(P("d2"), 0755) || mkfile("d/m", "mv") ||
	    rename(P("d/m"), P("d2/m")) || stat(P("d2/m"), &st) ||
	    st.st_size != 2 || !fails(stat(P("d/m"), &st), ENOENT))
		return WHY("rename d/m d2/m: errno %d", errno);
	return NULL;
}

/* What a user meets on root's files: as uid 1000 in a child (root
 * becomes one; a user already is one). */
static const char *user_checks(void)
{
	struct timespec ts[2] = { { 5, 0 }, { 5, 0 } };

	if (chmod(P("u"), 0600) != -1 || errno != EPERM)
		return "chmod of another's file: not EPERM";
	if (chown(P("u"), getuid(), -1) != -1 || errno != EPERM)
		return "chown of another's file: not EPERM";
	if (utimensat(AT_FDCWD, P("u"), ts, 0) != -1 || errno != EPERM)
		return "explicit times on another's file: not EPERM";
	if (utimensat(AT_FDCWD, P("u"), NULL, 0) != -1 || errno != EACCES)
		return "\"now\" on another's read-only file: not EACCES";
	if (truncate(P("u"), 0) != -1 || errno != EACCES)
		return "truncate of another's read-only file: not EACCES";
	if (access(P("u"), W_OK) != -1 || errno != EACCES)
		return "access W_OK: not EACCES";
	if (symlink("u", P("us")) != -1 || errno != EACCES)
		return "symlink into root's 0755 dir: not EACCES";
	return NULL;
}

static const char *t_as_user(void)
{
	int st, p[2];
	char msg[120] = "";
	ssize_t n;
	pid_t pid;

	if (geteuid() != 0) {	/* the same PASS line as Argot's (root) */
		printf("SKIP: as-user-eperm needs root to make uid 1000\n");
		return NULL;
	}
	if (mkfile("u", "root's") || chmod(P("u"), 0644) || chmod(dir, 0755) ||
	    pipe(p))
		return WHY("setting up: errno %d", errno);
	if ((pid = fork()) == 0) {
		const char *e = NULL;
		close(p[0]);
		if (setgid(1000) || setuid(1000))
			e = "setuid(1000) failed";
		else
			e = user_checks();
		if (e && write(p[1], e, strlen(e)) < 0)
			_exit(2);
		_exit(e != NULL);
	}
	close(p[1]);
	n = read(p[0], msg, sizeof msg - 1);
	close(p[0]);
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return WHY("fork or wait: errno %d", errno);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return WHY("as uid 1000: %s", n > 0 ? msg : "child died");
	return NULL;
}

static const char *t_devnull(void)
{
	char buf[64];
	int fd = open("/dev/null", O_RDWR), i;
	ssize_t n;

	if (fd < 0)
		return WHY("open /dev/null: errno %d", errno);
	if ((n = write(fd, "gone", 4)) != 4 || (n = read(fd, buf, 64)) != 0)
		return WHY("/dev/null write/read gave %zd", n);
	close(fd);
	if ((fd = open("/dev/zero", O_RDONLY)) < 0)
		return WHY("open /dev/zero: errno %d", errno);
	memset(buf, 'x', sizeof buf);
	if ((n = read(fd, buf, 64)) != 64)
		return WHY("/dev/zero read gave %zd", n);
	for (i = 0; i < 64; i++)
		if (buf[i])
			return "/dev/zero gave a non-zero byte";
	close(fd);
	return NULL;
}

int main(void)
{
	strcpy(dir, "/tmp/names-XXXXXX");
	if (!mkdtemp(dir)) {
		printf("FAIL: mkdtemp errno %d\nTESTS DONE\n", errno);
		return 1;
	}
	result("link", t_link());
	result("symlink", t_symlink());
	result("chmod", t_chmod());
	result("chown", t_chown());
	result("utimensat", t_utimes());
	result("truncate", t_truncate());
	result("access", t_access());
	result("rename-dirs", t_rename_dirs());
	result("as-user-eperm", t_as_user());
	result("dev-null-zero", t_devnull());
	printf("TESTS DONE\n");
	fflush(stdout);
	return failures != 0;
}

/* posix-meta.c: the times POSIX says each call marks, statvfs, and the
 * special files (FIFOs, device nodes) a filesystem only records. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>
#include "posix.h"

#define OLD 1000000000		/* 2001: any time set by a call is later */

static void set_old(const char *p)
{
	struct timespec t[2] = { { OLD, 0 }, { OLD, 0 } };

	utimensat(AT_FDCWD, p, t, 0);
}

static void pause_a_little(void)
{
	struct timespec t = { 0, 20 * 1000 * 1000 };

	nanosleep(&t, NULL);
}

static int later(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec > b->tv_sec ||
	       (a->tv_sec == b->tv_sec && a->tv_nsec > b->tv_nsec);
}

static void file_times(void)
{
	struct timespec t[2] = { { 1234567890, 123456789 },
				 { 1111111111, 987654321 } };
	struct stat a, b;
	char c;
	int fd;

	put(P("m/f"), "data");
	set_old(P("m/f"));
	stat(P("m/f"), &a);
	pause_a_little();
	fd = open(P("m/f"), O_WRONLY);
	uses("utimensat");
	ok(write(fd, "x", 1) == 1 && fstat(fd, &b) == 0 && b.st_mtime > OLD &&
	   later(&b.st_ctim, &a.st_ctim), "write marks mtime and ctime");
	close(fd);
	set_old(P("m/f"));
	stat(P("m/f"), &a);
	pause_a_little();
	uses("utimensat chmod");
	ok(chmod(P("m/f"), 0600) == 0 && stat(P("m/f"), &b) == 0 &&
	   later(&b.st_ctim, &a.st_ctim) && b.st_mtime == OLD,
	   "chmod marks ctime and leaves mtime");
	uses("utimensat");
	ok(utimensat(AT_FDCWD, P("m/f"), t, 0) == 0 && stat(P("m/f"), &b) == 0 &&
	   b.st_atim.tv_sec == t[0].tv_sec && b.st_atim.tv_nsec == t[0].tv_nsec &&
	   b.st_mtim.tv_sec == t[1].tv_sec && b.st_mtim.tv_nsec == t[1].tv_nsec,
	   "utimensat sets atime and mtime to the nanosecond");
	t[0].tv_nsec = UTIME_NOW;
	t[1].tv_nsec = UTIME_OMIT;
	uses("utimensat");
	ok(utimensat(AT_FDCWD, P("m/f"), t, 0) == 0 && stat(P("m/f"), &b) == 0 &&
	   b.st_atime > OLD && b.st_mtim.tv_sec == 1111111111,
	   "UTIME_NOW sets now, UTIME_OMIT leaves a time alone");
	set_old(P("m/f"));
	fd = open(P("m/f"), O_RDONLY);
	uses("utimensat");
	ok(read(fd, &c, 1) == 1 && fstat(fd, &b) == 0 && b.st_atime > OLD,
	   "read marks atime");
	close(fd);
	set_old(P("m/f"));
	uses("utimensat truncate");
	ok(truncate(P("m/f"), 1) == 0 && stat(P("m/f"), &b) == 0 &&
	   b.st_mtime > OLD, "truncate marks mtime");
	stat(P("m/f"), &a);
	pause_a_little();
	uses("link");
	ok(link(P("m/f"), P("m/f2")) == 0 && stat(P("m/f"), &b) == 0 &&
	   later(&b.st_ctim, &a.st_ctim), "link marks the file's ctime");
}

static void dir_times(void)
{
	struct stat st;

	set_old(P("m"));
	uses("utimensat");
	ok(put(P("m/new"), "") == 0 && stat(P("m"), &st) == 0 &&
	   st.st_mtime > OLD && st.st_ctime > OLD,
	   "creating an entry marks the directory's mtime and ctime");
	set_old(P("m"));
	uses("utimensat");
	ok(unlink(P("m/new")) == 0 && stat(P("m"), &st) == 0 &&
	   st.st_mtime > OLD, "removing an entry marks the directory's mtime");
	mkdirs(P("m/d2"));
	set_old(P("m"));
	set_old(P("m/d2"));
	uses("utimensat link rename");
	ok(rename(P("m/f2"), P("m/d2/f2")) == 0 && stat(P("m"), &st) == 0 &&
	   st.st_mtime > OLD && stat(P("m/d2"), &st) == 0 && st.st_mtime > OLD,
	   "rename marks the mtime of both directories");
}

static void space(void)
{
	struct statvfs a, b, c;
	static char buf[65536];
	int fd, i;

	if (call_missing("statvfs")) {
		skip("statvfs: not implemented here (ENOSYS)", "statvfs: "
		     "block counts consistent, names up to 255 bytes");
		skip("statvfs: not implemented here (ENOSYS)",
		     "writing 1 MiB lowers f_bfree");
		return;
	}
	ok(statvfs(P("m"), &a) == 0 && a.f_frsize > 0 && a.f_blocks >= a.f_bfree &&
	   a.f_bfree >= a.f_bavail && a.f_namemax >= 255,
	   "statvfs: block counts consistent, names up to 255 bytes");
	if (a.f_blocks == 0 || a.f_bfree * a.f_frsize < (4u << 20)) {
		skip("too little room reported", "writing 1 MiB lowers f_bfree");
		return;
	}
	fd = open(P("m/space"), O_WRONLY | O_CREAT, 0644);
	for (i = 0; i < 16; i++)
		write(fd, buf, sizeof buf);
	close(fd);
	statvfs(P("m"), &b);
	unlink(P("m/space"));
	statvfs(P("m"), &c);
	ok(b.f_bfree + (1u << 20) / a.f_frsize <= a.f_bfree && c.f_bfree > b.f_bfree,
	   "writing 1 MiB lowers f_bfree by as much, unlink gives it back");
}

static void specials(void)
{
	struct stat st;

	uses("mknod");
	ok(mkfifo(P("m/fifo"), 0644) == 0 && lstat(P("m/fifo"), &st) == 0 &&
	   S_ISFIFO(st.st_mode), "mkfifo makes a FIFO");
	if (!pt_root) {
		skip("needs uid 0", "mknod makes a character device");
		return;
	}
	uses("mknod");
	ok(mknod(P("m/chr"), S_IFCHR | 0600, (dev_t)0x0103) == 0 &&
	   lstat(P("m/chr"), &st) == 0 && S_ISCHR(st.st_mode) &&
	   st.st_rdev == (dev_t)0x0103,
	   "mknod makes a character device that keeps its number");
}

void test_meta(void)
{
	mkdirs(P("m"));
	file_times();
	dir_times();
	space();
	specials();
	rmtree(P("m"));
}

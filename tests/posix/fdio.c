/*
 * tests/posix/fdio.c - calls on a descriptor's file that tarfs's
 * write-back needs: pread and pwrite at an offset (the file pointer
 * stays), fsync and fdatasync, fchmod and fchown, and the scratch files
 * of mkostemp and tmpfile.  The personality had none of the first six
 * (ENOSYS): tarfs could not read its archive ("read error at offset 0")
 * nor flush and keep the mode of the one it writes.  Built for Argot (run
 * from the test image's /etc/rc) and for the Linux host; both must print
 * the same PASS lines.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int failures;

static void result(const char *name, const char *why)
{
	if (!why)
		printf("PASS: %s\n", name);
	else
		printf("FAIL: %s %s\n", name, why), failures++;
	fflush(stdout);
}

static char why[160];
#define WHY(...) (snprintf(why, sizeof why, __VA_ARGS__), why)

static int scratch(char *path)
{
	strcpy(path, "/tmp/fdio-XXXXXX");
	return mkostemp(path, O_CLOEXEC);
}

static const char *t_pread_pwrite(void)
{
	char path[32], buf[16] = { 0 };
	int fd = scratch(path);
	ssize_t n;

	if (fd < 0)
		return WHY("mkostemp: errno %d", errno);
	unlink(path);
	if (write(fd, "0123456789", 10) != 10)
		return WHY("write: errno %d", errno);
	if ((n = pwrite(fd, "ab", 2, 3)) != 2)
		return WHY("pwrite gave %zd errno %d", n, errno);
	if (lseek(fd, 0, SEEK_CUR) != 10)
		return "pwrite moved the file pointer";
	if ((n = pread(fd, buf, 10, 0)) != 10 || memcmp(buf, "012ab56789", 10))
		return WHY("pread at 0 gave %zd '%.10s'", n, buf);
	if ((n = pread(fd, buf, 10, 8)) != 2 || memcmp(buf, "89", 2))
		return WHY("pread at 8 gave %zd", n);
	if ((n = pread(fd, buf, 10, 100)) != 0)
		return WHY("pread past the end gave %zd", n);
	if (lseek(fd, 0, SEEK_CUR) != 10)
		return "pread moved the file pointer";
	if (read(fd, buf, 10) != 0)
		return "read after pread did not start at the file pointer";
	close(fd);
	return NULL;
}

static const char *t_pread_errors(void)
{
	char path[32], c;
	int fd = scratch(path);

	if (fd < 0)
		return WHY("mkostemp: errno %d", errno);
	unlink(path);
	if (pread(fd, &c, 1, -1) != -1 || errno != EINVAL)
		return WHY("pread at -1: errno %d, not EINVAL", errno);
	if (pwrite(fd, &c, 1, -1) != -1 || errno != EINVAL)
		return WHY("pwrite at -1: errno %d, not EINVAL", errno);
	close(fd);
	if (pread(fd, &c, 1, 0) != -1 || errno != EBADF)
		return WHY("pread on a closed fd: errno %d, not EBADF", errno);
	return NULL;
}

static const char *t_fsync(void)
{
	char path[32];
	int fd = scratch(path);

	if (fd < 0)
		return WHY("mkostemp: errno %d", errno);
	unlink(path);
	if (write(fd, "x", 1) != 1 || fsync(fd) != 0 || fdatasync(fd) != 0)
		return WHY("write, fsync, fdatasync: errno %d", errno);
	close(fd);
	if (fsync(fd) != -1 || errno != EBADF)
		return WHY("fsync on a closed fd: errno %d, not EBADF", errno);
	return NULL;
}

static const char *t_fchmod_fchown(void)
{
	char path[32];
	struct stat st;
	int fd = scratch(path);
	const char *e = NULL;

	if (fd < 0)
		return WHY("mkostemp: errno %d", errno);
	if (fstat(fd, &st) || (st.st_mode & 07777) != 0600)
		e = WHY("mkostemp made mode %o, not 0600", st.st_mode & 07777);
	else if (fchmod(fd, 0644) || stat(path, &st) ||
	         (st.st_mode & 07777) != 0644)
		e = WHY("fchmod 0644: errno %d, mode %o", errno,
		        st.st_mode & 07777);
	else if (fchown(fd, getuid(), getgid()) || fchown(fd, -1, -1) ||
	         fstat(fd, &st) || st.st_uid != getuid())
		e = WHY("fchown to ourselves: errno %d", errno);
	else if (geteuid() == 0) {	/* root gives it away */
		if (fchown(fd, 1000, 1000) || fstat(fd, &st) ||
		    st.st_uid != 1000 || st.st_gid != 1000)
			e = WHY("root's fchown to 1000: errno %d", errno);
	} else if (fchown(fd, getuid() + 1, -1) != -1 || errno != EPERM)
		e = WHY("fchown to another uid: errno %d, not EPERM", errno);
	close(fd);
	unlink(path);
	return e;
}

/* tarfs inflates a .tar.gz into tmpfile()'s file: created, unlinked,
 * still readable and writable through the descriptor. */
static const char *t_tmpfile(void)
{
	FILE *f = tmpfile();
	char buf[8] = { 0 };

	if (!f)
		return WHY("tmpfile: errno %d", errno);
	if (fputs("scratch", f) < 0 || fflush(f) ||
	    pread(fileno(f), buf, 7, 0) != 7 || strcmp(buf, "scratch"))
		return WHY("tmpfile's file: '%s' errno %d", buf, errno);
	fclose(f);
	return NULL;
}

int main(void)
{
	result("pread-pwrite-offsets", t_pread_pwrite());
	result("pread-pwrite-errors", t_pread_errors());
	result("fsync-fdatasync", t_fsync());
	result("fchmod-fchown", t_fchmod_fchown());
	result("tmpfile-scratch", t_tmpfile());
	printf("TESTS DONE\n");
	fflush(stdout);
	return failures != 0;
}

/* posix-files.c: open flags, read and write, holes, truncation, and files
 * that live on after their last name is gone. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "posix.h"

static void open_flags(void)
{
	struct stat st;
	char buf[64];
	int fd;

	fd = open(P("f/new"), O_WRONLY | O_CREAT | O_EXCL, 0666);
	ok(fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	   (st.st_mode & 07777) == 0644, "O_CREAT makes a file, mode 0666 & ~umask 022");
	if (fd >= 0)
		close(fd);
	expect_err(open(P("f/new"), O_WRONLY | O_CREAT | O_EXCL, 0644),
		   EEXIST, 0, "O_CREAT|O_EXCL on an existing file: EEXIST");
	symlink("nowhere", P("f/dangling"));
	uses("symlink");
	expect_err(open(P("f/dangling"), O_WRONLY | O_CREAT | O_EXCL, 0644),
		   EEXIST, 0, "O_CREAT|O_EXCL on a dangling symlink: EEXIST");
	expect_err(open(P("f/absent"), O_RDONLY), ENOENT, 0,
		   "open of a missing file without O_CREAT: ENOENT");
	put(P("f/trunc"), "some bytes");
	fd = open(P("f/trunc"), O_WRONLY | O_TRUNC);
	ok(fd >= 0 && fstat(fd, &st) == 0 && st.st_size == 0,
	   "O_TRUNC empties an existing file");
	if (fd >= 0)
		close(fd);
	put(P("f/app"), "abc");
	fd = open(P("f/app"), O_WRONLY | O_APPEND);
	lseek(fd, 0, SEEK_SET);
	ok(write(fd, "def", 3) == 3 && close(fd) == 0 &&
	   get(P("f/app"), buf, sizeof buf) == 6 && !memcmp(buf, "abcdef", 6),
	   "O_APPEND writes at the end even after lseek to 0");
	expect_err(open(P("f/app"), O_RDONLY | O_DIRECTORY), ENOTDIR, 0,
		   "O_DIRECTORY on a regular file: ENOTDIR");
	fd = open(P("f"), O_RDONLY | O_DIRECTORY);
	ok(fd >= 0, "O_DIRECTORY on a directory opens it");
	if (fd >= 0)
		close(fd);
	expect_err(open(P("f"), O_WRONLY), EISDIR, 0,
		   "opening a directory for writing: EISDIR");
	expect_err(open(P("f/app/x"), O_RDONLY), ENOTDIR, 0,
		   "a regular file as a path component: ENOTDIR");
}

static void read_write(void)
{
	char buf[64];
	int fd = open(P("f/rw"), O_RDWR | O_CREAT, 0644);

	uses("pread");
	ok(write(fd, "hello world", 11) == 11 && pread(fd, buf, 11, 0) == 11 &&
	   !memcmp(buf, "hello world", 11), "read returns what write stored");
	uses("pread pwrite");
	ok(pwrite(fd, "W", 1, 6) == 1 && lseek(fd, 0, SEEK_CUR) == 11 &&
	   pread(fd, buf, 11, 0) == 11 && !memcmp(buf, "hello World", 11),
	   "pwrite writes at its offset and leaves the file offset alone");
	uses("pread pwrite");
	ok(pread(fd, buf, 5, 6) == 5 && !memcmp(buf, "World", 5) &&
	   lseek(fd, 0, SEEK_CUR) == 11, "pread reads at its offset");
	ok(read(fd, buf, sizeof buf) == 0, "read at end of file returns 0");
	uses("pread pwrite");
	ok(pwrite(fd, "0123456789", 10, 4090) == 10 &&
	   pread(fd, buf, 10, 4090) == 10 && !memcmp(buf, "0123456789", 10),
	   "a write across a page boundary reads back");
	close(fd);
}

static void big_file(void)
{
	size_t size = 1 << 20, i;
	char *a = malloc(size), *b = malloc(size);
	int fd = open(P("f/big"), O_RDWR | O_CREAT, 0644), same = 0;
	ssize_t w = 0, r = 0, n;

	for (i = 0; a && i < size; i++)
		a[i] = (char)(i * 7 + i / 4093);
	while (a && (size_t)w < size && (n = write(fd, a + w, size - w)) > 0)
		w += n;
	while (b && (size_t)r < size && (n = pread(fd, b + r, size - r, r)) > 0)
		r += n;
	uses("pread");
	same = a && b && (size_t)r == size && !memcmp(a, b, size);
	ok(same, "1 MiB written in one go reads back identical");
	close(fd);
	free(a);
	free(b);
}

static int all_zero(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

static void holes(void)
{
	static char buf[8192];
	struct stat st;
	int fd = open(P("f/sparse"), O_RDWR | O_CREAT, 0644);

	uses("pwrite");
	ok(pwrite(fd, "end", 3, 1 << 20) == 3 && fstat(fd, &st) == 0 &&
	   st.st_size == (1 << 20) + 3, "a write past the end sets the size");
	uses("pread pwrite");
	ok(pread(fd, buf, sizeof buf, 4096) == sizeof buf &&
	   all_zero(buf, sizeof buf), "the hole before it reads as zeros");
	uses("pwrite");
	ok((off_t)st.st_blocks * 512 < st.st_size / 2,
	   "a sparse file takes fewer blocks than its size (%lld blocks)",
	   (long long)st.st_blocks);
	close(fd);
	fd = open(P("f/gap"), O_RDWR | O_CREAT, 0644);
	uses("pread");
	ok(write(fd, "ab", 2) == 2 && lseek(fd, 100, SEEK_CUR) == 102 &&
	   write(fd, "cd", 2) == 2 && pread(fd, buf, 104, 0) == 104 &&
	   all_zero(buf + 2, 100) && !memcmp(buf + 102, "cd", 2),
	   "lseek past the end then write: the gap reads as zeros");
	close(fd);
}

static void truncation(void)
{
	char buf[64];
	struct stat st;
	int fd = open(P("f/t"), O_RDWR | O_CREAT, 0644);

	write(fd, "0123456789", 10);
	uses("ftruncate pread");
	ok(ftruncate(fd, 4) == 0 && fstat(fd, &st) == 0 && st.st_size == 4 &&
	   pread(fd, buf, 64, 0) == 4 && !memcmp(buf, "0123", 4),
	   "ftruncate down keeps the bytes before the new end");
	uses("ftruncate truncate pread");
	ok(truncate(P("f/t"), 10) == 0 && stat(P("f/t"), &st) == 0 &&
	   st.st_size == 10 && pread(fd, buf, 64, 0) == 10 &&
	   all_zero(buf + 4, 6),
	   "truncate up: the new part reads as zeros, not the old bytes");
	uses("ftruncate pread");
	ok(ftruncate(fd, 100000) == 0 && pread(fd, buf, 10, 99990) == 10 &&
	   all_zero(buf, 10), "ftruncate far up makes a hole of zeros");
	close(fd);
	uses("truncate");
	expect_err(truncate(P("f"), 0), EISDIR, 0,
		   "truncate of a directory: EISDIR");
	uses("truncate");
	expect_err(truncate(P("f/t"), -1), EINVAL, 0,
		   "truncate to a negative size: EINVAL");
}

static void unlinked_open(void)
{
	char buf[16];
	struct stat st;
	int fd;

	put(P("f/gone"), "still here");
	fd = open(P("f/gone"), O_RDWR);
	uses("pread");
	ok(unlink(P("f/gone")) == 0 && pread(fd, buf, 10, 0) == 10 &&
	   !memcmp(buf, "still here", 10),
	   "an unlinked file stays readable through an open descriptor");
	uses("pwrite");
	ok(fstat(fd, &st) == 0 && st.st_nlink == 0 &&
	   pwrite(fd, "X", 1, 0) == 1, "it has no links left and can be written");
	close(fd);
	expect_err(unlink(P("f/gone")), ENOENT, 0, "unlink of a missing name: ENOENT");
	expect_err(unlink(P("f")), EISDIR, EPERM,
		   "unlink of a directory: EISDIR (or EPERM)");
}

void test_files(void)
{
	mkdirs(P("f"));
	open_flags();
	read_write();
	big_file();
	holes();
	truncation();
	unlinked_open();
	rmtree(P("f"));
}

/* posix-io.c: descriptors (offsets, access modes, dup), what a lookup
 * finds (".", "..", trailing slashes, empty paths), and the simplest rules
 * of creating and removing names -- with open, read, write, lseek, stat,
 * mkdir, rmdir, unlink, rename and readdir only. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "posix.h"

static ino_t ino_of(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 ? st.st_ino : (ino_t)-1;
}

static void offsets(void)
{
	char buf[16];
	int fd, fd2;

	put(P("i/ten"), "0123456789");
	fd = open(P("i/ten"), O_RDWR);
	ok(lseek(fd, 0, SEEK_END) == 10, "lseek SEEK_END gives the file size");
	ok(lseek(fd, 3, SEEK_SET) == 3 && read(fd, buf, 4) == 4 &&
	   lseek(fd, 0, SEEK_CUR) == 7, "a read moves the offset by what it read");
	expect_err(lseek(fd, -1, SEEK_SET), EINVAL, 0,
		   "lseek to a negative offset: EINVAL");
	ok(lseek(fd, 100, SEEK_SET) == 100 && read(fd, buf, sizeof buf) == 0,
	   "read at an offset past the end returns 0");
	ok(write(fd, buf, 0) == 0 && lseek(fd, 0, SEEK_END) == 10,
	   "a write of 0 bytes returns 0 and leaves the size alone");
	ok(lseek(fd, 2, SEEK_SET) == 2 && write(fd, "AB", 2) == 2 &&
	   lseek(fd, 2, SEEK_SET) == 2 && read(fd, buf, 2) == 2 &&
	   !memcmp(buf, "AB", 2), "O_RDWR: a read sees what was just written");
	fd2 = dup(fd);
	ok(fd2 >= 0 && lseek(fd, 5, SEEK_SET) == 5 &&
	   lseek(fd2, 0, SEEK_CUR) == 5, "dup'd descriptors share one offset");
	close(fd2);
	close(fd);
}

static void access_modes(void)
{
	struct stat st;
	char c;
	int fd;

	fd = open(P("i/ten"), O_WRONLY);
	expect_err(read(fd, &c, 1), EBADF, 0,
		   "read on a descriptor opened O_WRONLY: EBADF");
	close(fd);
	fd = open(P("i/ten"), O_RDONLY);
	expect_err(write(fd, "x", 1), EBADF, 0,
		   "write on a descriptor opened O_RDONLY: EBADF");
	close(fd);
	fd = open(P("i/ten"), O_WRONLY | O_CREAT, 0600);
	ok(fd >= 0 && fstat(fd, &st) == 0 && st.st_size == 10 &&
	   (st.st_mode & 0777) == 0644,
	   "O_CREAT without O_EXCL on an existing file keeps data and mode");
	close(fd);
	ok(stat(P("i/ten"), &st) == 0 && st.st_uid == geteuid() &&
	   st.st_gid == getegid(),
	   "a new file belongs to the creator's effective uid and gid");
	ok(access(P("i/ten"), R_OK | W_OK) == 0,
	   "access: the owner may read and write a 0644 file");
	expect_err(access(P("i/none"), F_OK), ENOENT, 0,
		   "access of a missing name: ENOENT");
}

static int only_dots(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int dots = 0, other = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)))
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			dots++;
		else
			other++;
	closedir(d);
	return dots == 2 && other == 0;
}

static int dirent_ino_matches(const char *dir, const char *name)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int match = 0;

	while (d && (e = readdir(d)))
		if (!strcmp(e->d_name, name))
			match = e->d_ino == ino_of(P("i/%s", name));
	if (d)
		closedir(d);
	return match;
}

static void lookups(void)
{
	struct stat st;
	int fd;

	mkdirs(P("i/d"));
	ok(ino_of(P("i/d/.")) == ino_of(P("i/d")) && ino_of(P("i/d")) != (ino_t)-1,
	   "\".\" is the directory itself");
	ok(ino_of(P("i/d/..")) == ino_of(P("i")), "\"..\" is the parent");
	ok(only_dots(P("i/d")), "an empty directory lists only . and ..");
	ok(dirent_ino_matches(P("i"), "ten"), "readdir's d_ino is stat's st_ino");
	ok(stat(P("i/d"), &st) == 0 && (st.st_mode & 0777) == 0755,
	   "mkdir 0755 under umask 022 gives 0755");
	expect_err(stat(P("i/ten/"), &st), ENOTDIR, 0,
		   "a regular file named with a trailing slash: ENOTDIR");
	ok(mkdir(P("i/slash/"), 0755) == 0 && stat(P("i/slash"), &st) == 0 &&
	   S_ISDIR(st.st_mode), "mkdir of a name with a trailing slash");
	expect_err(stat("", &st), ENOENT, 0, "an empty path: ENOENT");
	fd = open(P("i/d"), O_RDONLY);
	ok(fd >= 0 && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode),
	   "fstat of an open directory says S_IFDIR");
	close(fd);
	put(P("i/d/a"), "");
	put(P("i/d/b"), "");
	ok(stat(P("i/d"), &st) == 0 && st.st_nlink == 2,
	   "files in a directory do not add links to it");
}

static void names(void)
{
	char buf[16];

	expect_err(open(P("i/d"), O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST, 0,
		   "O_CREAT|O_EXCL on a directory: EEXIST");
	expect_err(mkdir(P("i/ten"), 0755), EEXIST, 0,
		   "mkdir over an existing file: EEXIST");
	expect_err(open(P("i/nodir/f"), O_WRONLY | O_CREAT, 0644), ENOENT, 0,
		   "O_CREAT in a missing directory: ENOENT");
	ok(rename(P("i/ten"), P("i/ten")) == 0 &&
	   get(P("i/ten"), buf, sizeof buf) == 10,
	   "rename of a name onto itself succeeds and keeps the file");
	expect_err(rename(P("i/ten"), P("i/nodir/ten")), ENOENT, 0,
		   "rename into a missing directory: ENOENT");
	expect_err(unlink(P("i/ten/x")), ENOTDIR, 0,
		   "unlink below a regular file: ENOTDIR");
	expect_err(rmdir(P("i/gone")), ENOENT, 0,
		   "rmdir of a missing directory: ENOENT");
	ok(unlink(P("i/d/a")) == 0 && open(P("i/d/a"), O_RDONLY) < 0 &&
	   errno == ENOENT, "after unlink the name is gone: ENOENT");
	mkdirs(P("i/rmd"));
	ok(rmdir(P("i/rmd")) == 0 && access(P("i/rmd"), F_OK) != 0 &&
	   errno == ENOENT, "after rmdir the directory is gone: ENOENT");
}

void test_io(void)
{
	mkdirs(P("i"));
	offsets();
	access_modes();
	lookups();
	names();
	rmtree(P("i"));
}

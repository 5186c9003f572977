/* posix-names.c: the namespace -- rename's rules, hard links and link
 * counts, mkdir and rmdir, symlinks, name lengths. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "posix.h"

static nlink_t links(const char *p)
{
	struct stat st;

	return lstat(p, &st) == 0 ? st.st_nlink : (nlink_t)-1;
}

static ino_t inode(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 ? st.st_ino : (ino_t)-1;
}

static void rename_files(void)
{
	char buf[16];
	ino_t ino;

	put(P("n/a"), "from a");
	put(P("n/b"), "from b");
	ino = inode(P("n/a"));
	uses("rename");
	ok(rename(P("n/a"), P("n/b")) == 0 && access(P("n/a"), F_OK) != 0 &&
	   get(P("n/b"), buf, sizeof buf) == 6 && !memcmp(buf, "from a", 6),
	   "rename file over file: the target is replaced, the source gone");
	uses("rename");
	ok(inode(P("n/b")) == ino, "rename keeps the inode number");
	uses("rename");
	expect_err(rename(P("n/none"), P("n/x")), ENOENT, 0,
		   "rename of a missing name: ENOENT");
	link(P("n/b"), P("n/b2"));
	uses("link rename");
	ok(rename(P("n/b"), P("n/b2")) == 0 && access(P("n/b"), F_OK) == 0 &&
	   access(P("n/b2"), F_OK) == 0 && links(P("n/b")) == 2,
	   "rename onto a hard link of itself does nothing, both names stay");
	mkdirs(P("n/d1"));
	put(P("n/c"), "from c");	/* b's fate depends on link above */
	uses("rename");
	expect_err(rename(P("n/c"), P("n/d1")), EISDIR, 0,
		   "rename file over directory: EISDIR");
	uses("rename");
	expect_err(rename(P("n/d1"), P("n/c")), ENOTDIR, 0,
		   "rename directory over file: ENOTDIR");
}

static void rename_dirs(void)
{
	ino_t d1;

	mkdirs(P("n/e1"));
	mkdirs(P("n/e2"));
	put(P("n/e1/in"), "x");
	d1 = inode(P("n/e1"));
	uses("rename");
	ok(rename(P("n/e1"), P("n/e2")) == 0 && inode(P("n/e2")) == d1 &&
	   access(P("n/e2/in"), F_OK) == 0,
	   "rename directory over an empty directory replaces it");
	mkdirs(P("n/e3"));
	uses("rename");
	expect_err(rename(P("n/e3"), P("n/e2")), ENOTEMPTY, EEXIST,
		   "rename directory over a non-empty one: ENOTEMPTY");
	mkdirs(P("n/e2/sub"));
	uses("rename");
	expect_err(rename(P("n/e2"), P("n/e2/sub/own")), EINVAL, 0,
		   "rename a directory into its own subtree: EINVAL");
	mkdirs(P("n/p1"));
	mkdirs(P("n/p2"));
	mkdirs(P("n/p1/m"));
	uses("rename");
	ok(links(P("n/p1")) == 3 && rename(P("n/p1/m"), P("n/p2/m")) == 0 &&
	   links(P("n/p1")) == 2 && links(P("n/p2")) == 3,
	   "moving a directory moves a link from old parent to new");
	uses("rename");
	ok(inode(P("n/p2/m/..")) == inode(P("n/p2")),
	   "a moved directory's .. is its new parent");
}

static void link_counts(void)
{
	char buf[8];

	put(P("n/l"), "one");
	ok(links(P("n/l")) == 1, "a new file has one link");
	uses("link");
	ok(link(P("n/l"), P("n/l2")) == 0 && links(P("n/l")) == 2 &&
	   inode(P("n/l")) == inode(P("n/l2")),
	   "link adds a name to the same inode and counts it");
	put(P("n/l2"), "two");
	uses("link");
	ok(get(P("n/l"), buf, sizeof buf) == 3 && !memcmp(buf, "two", 3),
	   "hard links share the data");
	uses("link");
	ok(unlink(P("n/l2")) == 0 && links(P("n/l")) == 1,
	   "unlink of one name leaves the other with one link");
	uses("link");
	expect_err(link(P("n/l"), P("n/c")), EEXIST, 0,
		   "link to an existing name: EEXIST");
	mkdirs(P("n/ld"));
	ok(links(P("n/ld")) == 2, "a new directory has two links");
	uses("link");
	expect_err(link(P("n/ld"), P("n/ld2")), EPERM, 0,
		   "hard link to a directory: EPERM");
	mkdirs(P("n/ld/s"));
	ok(links(P("n/ld")) == 3, "a subdirectory adds a link to its parent");
	ok(rmdir(P("n/ld/s")) == 0 && links(P("n/ld")) == 2,
	   "rmdir of the subdirectory takes it back");
}

static void dirs(void)
{
	mkdirs(P("n/full"));
	put(P("n/full/x"), "x");
	expect_err(rmdir(P("n/full")), ENOTEMPTY, EEXIST,
		   "rmdir of a non-empty directory: ENOTEMPTY");
	expect_err(rmdir(P("n/full/.")), EINVAL, 0, "rmdir of \".\": EINVAL");
	expect_err(rmdir(P("n/full/x")), ENOTDIR, 0,
		   "rmdir of a file: ENOTDIR");
	expect_err(mkdir(P("n/full"), 0755), EEXIST, 0,
		   "mkdir of an existing name: EEXIST");
	expect_err(mkdir(P("n/nodir/sub"), 0755), ENOENT, 0,
		   "mkdir under a missing directory: ENOENT");
}

static void symlinks(void)
{
	struct stat st, lst;
	char buf[64];
	ssize_t n;

	put(P("n/target"), "pointed at");
	uses("symlink readlink");
	ok(symlink("target", P("n/sl")) == 0 &&
	   (n = readlink(P("n/sl"), buf, sizeof buf)) == 6 &&
	   !memcmp(buf, "target", 6), "readlink returns the target as written");
	uses("symlink");
	ok(lstat(P("n/sl"), &lst) == 0 && S_ISLNK(lst.st_mode) &&
	   lst.st_size == 6, "lstat sees the link, its size the target's length");
	uses("symlink");
	ok(stat(P("n/sl"), &st) == 0 && S_ISREG(st.st_mode) &&
	   st.st_ino == inode(P("n/target")), "stat follows it to the file");
	uses("symlink");
	ok(get(P("n/sl"), buf, sizeof buf) == 10, "open follows the symlink");
	symlink("missing", P("n/dang"));
	uses("symlink");
	ok(lstat(P("n/dang"), &lst) == 0 && stat(P("n/dang"), &st) != 0 &&
	   errno == ENOENT, "a dangling link: lstat works, stat says ENOENT");
	symlink("loop2", P("n/loop1"));
	symlink("loop1", P("n/loop2"));
	uses("symlink");
	expect_err(open(P("n/loop1"), O_RDONLY), ELOOP, 0,
		   "a symlink loop: ELOOP");
	uses("readlink");
	expect_err(readlink(P("n/target"), buf, sizeof buf), EINVAL, 0,
		   "readlink of a regular file: EINVAL");
	uses("symlink");
	expect_err(symlink("x", P("n/target")), EEXIST, 0,
		   "symlink over an existing name: EEXIST");
}

static void long_names(void)
{
	char name[300];
	int fd;

	memset(name, 'n', 255);
	name[255] = 0;
	fd = open(P("n/%s", name), O_WRONLY | O_CREAT, 0644);
	ok(fd >= 0 && access(P("n/%s", name), F_OK) == 0,
	   "a 255-byte name can be created and found");
	if (fd >= 0)
		close(fd);
	strcat(name, "n");
	expect_err(open(P("n/%s", name), O_WRONLY | O_CREAT, 0644),
		   ENAMETOOLONG, 0, "a 256-byte name: ENAMETOOLONG");
}

void test_names(void)
{
	mkdirs(P("n"));
	rename_files();
	rename_dirs();
	link_counts();
	dirs();
	symlinks();
	long_names();
	rmtree(P("n"));
}

/* posix-perm.c: what another user may do, checked from a child that has
 * become uid/gid PT_UID (only as uid 0; skipped otherwise).  Each child
 * tries one call and exits with its errno, which the parent compares. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "posix.h"

static int result(int rc)
{
	return rc < 0 ? errno : 0;
}

static int do_read(void *p)
{
	int fd = open(p, O_RDONLY);
	return fd < 0 ? errno : (close(fd), 0);
}

static int do_write(void *p)
{
	int fd = open(p, O_WRONLY);
	return fd < 0 ? errno : (close(fd), 0);
}

static int do_create(void *p)
{
	int fd = open(p, O_WRONLY | O_CREAT | O_EXCL, 0644);
	return fd < 0 ? errno : (close(fd), 0);
}

static int do_stat(void *p)
{
	struct stat st;
	return result(stat(p, &st));
}

static int do_append(void *p)
{
	int fd = open(p, O_WRONLY | O_APPEND), err;

	if (fd < 0)
		return errno;
	err = write(fd, "x", 1) == 1 ? 0 : errno;
	close(fd);
	return err;
}

static int do_unlink(void *p) { return result(unlink(p)); }
static int do_chmod(void *p) { return result(chmod(p, 0777)); }
static int do_rename_away(void *p) { return result(rename(p, P("u/sticky/stolen"))); }

/* create a file, then try to give it to root */
static int do_chown_own(void *p)
{
	int err = do_create(p);
	return err ? err : result(chown(p, 0, (gid_t)-1));
}

static int do_create_unlink(void *p)
{
	int err = do_create(p);
	return err ? err : result(unlink(p));
}

static int do_touch_now(void *p)
{
	return result(utimensat(AT_FDCWD, p, NULL, 0));
}

static int do_touch_explicit(void *p)
{
	struct timespec t[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
	return result(utimensat(AT_FDCWD, p, t, 0));
}

static int became;		/* as_other worked at least once */

/* One rule: as the other user, fn(path) must give `want` (0 or errno).
 * needs: the calls its setup made (see uses()). */
static void other(int (*fn)(void *), const char *path, int want,
		  const char *needs, const char *name)
{
	int got;

	if (!pt_root) {
		skip("needs uid 0 to become another user", "%s", name);
		return;
	}
	got = as_other(fn, (void *)path);
	if (got < 0) {
		skip(as_other_why, "%s", name);
		return;
	}
	became = 1;
	uses(needs);	/* the calls setup() made for this rule */
	ok(got == want, "%s (want %s, got %s)", name,
		   want ? strerror(want) : "success", got ? strerror(got) : "success");
}

static void setup(void)
{
	mkdirs(P("u"));
	chmod(P("u"), 0755);
	put(P("u/secret"), "s");
	chmod(P("u/secret"), 0600);
	put(P("u/public"), "p");
	mkdirs(P("u/private"));
	chmod(P("u/private"), 0700);
	put(P("u/private/f"), "f");
	mkdirs(P("u/sticky"));
	chmod(P("u/sticky"), 01777);
	put(P("u/sticky/rootfile"), "r");
	put(P("u/group"), "g");
	chmod(P("u/group"), 0640);
	chown(P("u/group"), 0, (gid_t)pt_uid);
	put(P("u/shared"), "w");
	chmod(P("u/shared"), 0666);
	put(P("u/setid"), "w");
	chmod(P("u/setid"), 06777);
	put(P("u/rootsetid"), "w");
	chmod(P("u/rootsetid"), 06755);
}

/* POSIX lets a write clear S_ISUID and S_ISGID; Linux (and libnetfs) do
 * it for every writer but uid 0, so that nobody plants code in a set-ID
 * program.  S_ISGID goes with it when the group may execute. */
static void setid_writes(void)
{
	struct stat st;
	int fd;

	other(do_append, P("u/setid"), 0, "chmod",
	      "another user may append to a 06777 file");
	uses("chmod");
	if (!pt_root || !became)
		skip(pt_root ? as_other_why : "needs uid 0 to become another user",
		     "a write by another user clears set-user-ID and set-group-ID");
	else {
		int got = stat(P("u/setid"), &st) == 0 ? (int)(st.st_mode & 07777) : -1;
		ok(got == 0777, "a write by another user clears set-user-ID "
		   "and set-group-ID (mode now %o)", (unsigned)got);
	}
	fd = open(P("u/rootsetid"), O_WRONLY | O_APPEND);
	uses("chmod");
	if (!pt_root)
		skip("needs uid 0", "a write by uid 0 keeps the set-ID bits");
	else
		ok(write(fd, "x", 1) == 1 && fstat(fd, &st) == 0 &&
		   (st.st_mode & 07777) == 06755,
		   "a write by uid 0 keeps the set-ID bits");
	if (fd >= 0)
		close(fd);
}

void test_perm(void)
{
	struct stat st;

	if (pt_root)
		setup();
	other(do_read, P("u/secret"), EACCES, "chmod",
	      "another user reading a 0600 file: EACCES");
	other(do_read, P("u/public"), 0, "",
	      "another user may read a 0644 file");
	other(do_write, P("u/public"), EACCES, "",
	      "another user writing a 0644 file: EACCES");
	other(do_read, P("u/group"), 0, "chmod chown",
	      "a member of the file's group may read 0640");
	other(do_create, P("u/mine"), EACCES, "",
	      "creating in a 0755 directory of root's: EACCES");
	other(do_stat, P("u/private/f"), EACCES, "chmod",
	      "no search permission on a 0700 directory: EACCES");
	other(do_unlink, P("u/sticky/rootfile"), EPERM, "chmod",
	      "sticky directory: another user's file cannot be unlinked");
	other(do_rename_away, P("u/sticky/rootfile"), EPERM, "chmod rename",
	      "sticky directory: another user's file cannot be renamed");
	other(do_create_unlink, P("u/sticky/own"), 0, "chmod",
	      "sticky directory: one's own file can be unlinked");
	other(do_chmod, P("u/public"), EPERM, "chmod",
	      "chmod by a non-owner: EPERM");
	other(do_chown_own, P("u/sticky/give"), EPERM, "chmod chown",
	      "chown to another uid by a non-root owner: EPERM");
	uses("chmod");		/* u/sticky is 01777 */
	if (!pt_root || !became)
		skip(pt_root ? as_other_why : "needs uid 0 to become another user",
		     "a new file belongs to its creator's uid and gid");
	else
		ok(stat(P("u/sticky/give"), &st) == 0 && st.st_uid == pt_uid &&
		   st.st_gid == (gid_t)pt_uid,
		   "a new file belongs to its creator's uid and gid");
	other(do_touch_now, P("u/shared"), 0, "chmod utimensat",
	      "a writer who is not the owner may set times to now");
	other(do_touch_explicit, P("u/shared"), EPERM, "chmod utimensat",
	      "but not to explicit times: EPERM");
	if (pt_root)
		chown(P("u/public"), pt_uid, (gid_t)-1);
	other(do_chmod, P("u/public"), 0, "chown chmod",
	      "after chown by root the new owner may chmod");
	setid_writes();
	rmtree(P("u"));
}

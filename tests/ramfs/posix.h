/* posix.h: a portable POSIX conformance test for a filesystem directory,
 * printing TAP.  The same sources build on the Linux host (run against
 * argot-ramfs mounted through FUSE) and for Argot with i686-argot-gcc
 * (run against /tmp or a ramfs attached with settrans): plain POSIX calls
 * only, no Linux headers.  Each check is one rule and one TAP line. */
#ifndef POSIX_TEST_H
#define POSIX_TEST_H

#include <stddef.h>
#include <sys/types.h>

/* posix-main.c: the TAP framework */
extern int pt_root;		/* running as uid 0: may test other users */
void ok(int cond, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void skip(const char *why, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* ok if rc is -1 with errno `want` (or `also`, 0 for none); prints what
 * happened instead. */
void expect_err(int rc, int want, int also, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void group(const char *name);	/* a group of checks begins */

/* posix-probe.c: calls this system lacks (ENOSYS).  uses("link pread")
 * names the probed calls the next check needs: if one is missing it is
 * reported as a SKIP saying which, and so is a failure with errno ENOSYS. */
void probe_calls(void);
int call_missing(const char *name);
void uses(const char *calls);
const char *enosys_why(int failed, int err);	/* NULL: the result stands */
void probe_reset(void);

/* the directory under test, and paths below it (a ring of buffers) */
const char *P(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int put(const char *path, const char *data);	/* create/replace: 0 or -1 */
ssize_t get(const char *path, char *buf, size_t size);
int mkdirs(const char *path);			/* mkdir 0755, 0 or -1 */
void rmtree(const char *path);

/* Runs fn(arg) in a child with uid/gid pt_uid and only that group; returns
 * what fn returned (an errno value or 0), or -1 if no such child could be
 * made, as_other_why saying why. */
extern uid_t pt_uid;
extern const char *as_other_why;
int as_other(int (*fn)(void *), void *arg);

/* the groups of tests, one file each */
void test_files(void);		/* posix-files.c: open, read/write, holes */
void test_io(void);		/* posix-io.c: offsets, modes, lookups */
void test_names(void);		/* posix-names.c: rename, links, symlinks */
void test_perm(void);		/* posix-perm.c: another user */
void test_meta(void);		/* posix-meta.c: times, statvfs, specials */
void test_dirs(void);		/* posix-dirs.c: readdir, concurrency */
void test_limit(void);		/* posix-limit.c: filling the filesystem */

#endif

/*
 * libc/personality/attr.c - changing a node's attributes: chmod, chown,
 * utimensat, truncate, by name or by descriptor.  By name, the path is
 * walked to an O_PATH handle (with O_NOFOLLOW for lchown and
 * AT_SYMLINK_NOFOLLOW): a handle on the node only, which asks for no read
 * or write access, so that the server alone judges the change by our
 * identity (file.h: owner or uid 0 for chmod and chown, write permission
 * for truncate and for "now" times).  Then one file_* request on it, and
 * the server's errno comes back as it is.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <argot/file.h>
#include <argot/io.h>
#include "px.h"

#define PX_UTIME_NOW  0x3fffffff   /* Linux's UTIME_NOW and UTIME_OMIT: */
#define PX_UTIME_OMIT 0x3ffffffe   /* the same values as FILE_UTIME_* */

/* The handle a call acts on: dirfd's own for an empty path with
 * AT_EMPTY_PATH or a NULL path (utimensat's futimens form), else a new
 * O_PATH handle on path's node, which *own says to close. */
static int px_attr_node(int dirfd, const char *path, int flags, int *h,
                        int *own)
{
	*own = 0;
	if (!path || (!path[0] && (flags & AT_EMPTY_PATH))) {
		*h = px_at(dirfd);
		return *h < 0 ? -EBADF : 0;
	}
	*own = 1;
	return px_node(dirfd, path, flags & AT_SYMLINK_NOFOLLOW, h);
}

/* ---- chmod ---- */

static long px_chmodat(int dirfd, const char *path, uint32_t mode)
{
	int h, own, r = px_attr_node(dirfd, path, 0, &h, &own);

	if (r < 0)
		return r;
	r = file_chmod(h, mode & 07777, ARGOT_FOREVER);
	if (own)
		argot_close(h);
	return r;
}

long px_sys_chmod(struct px_frame *f)
{
	return px_chmodat(AT_FDCWD, (void *)f->a1, f->a2);
}

/* musl handles AT_SYMLINK_NOFOLLOW itself and passes no flag here, as
 * Linux's fchmodat takes none */
long px_sys_fchmodat(struct px_frame *f)
{
	return px_chmodat(f->a1, (void *)f->a2, f->a3);
}

/* ---- chown (-1 leaves a field alone, in file.h as in Linux) ---- */

static long px_chownat(int dirfd, const char *path, uint32_t uid,
                       uint32_t gid, int flags)
{
	int h, own, r;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if ((r = px_attr_node(dirfd, path, flags, &h, &own)) < 0)
		return r;
	r = file_chown(h, uid, gid, ARGOT_FOREVER);
	if (own)
		argot_close(h);
	return r;
}

long px_sys_chown32(struct px_frame *f)
{
	return px_chownat(AT_FDCWD, (void *)f->a1, f->a2, f->a3, 0);
}

long px_sys_lchown32(struct px_frame *f)
{
	return px_chownat(AT_FDCWD, (void *)f->a1, f->a2, f->a3,
	                  AT_SYMLINK_NOFOLLOW);
}

long px_sys_fchownat(struct px_frame *f)
{
	return px_chownat(f->a1, (void *)f->a2, f->a3, f->a4, f->a5);
}

/* ---- utimensat: times NULL means both "now" ---- */

static int px_one_time(int64_t sec, long nsec, int64_t *s, uint32_t *ns)
{
	if (nsec != PX_UTIME_NOW && nsec != PX_UTIME_OMIT &&
	    (nsec < 0 || nsec >= 1000000000))
		return -EINVAL;
	*s = sec;
	*ns = (uint32_t)nsec;
	return 0;
}

/* t: {atime sec, nsec, mtime sec, nsec} in 64 bits, or NULL */
static long px_utimensat(int dirfd, const char *path, const int64_t *t,
                         int flags)
{
	struct file_utimes_req q = { 0, 0, FILE_UTIME_NOW, FILE_UTIME_NOW };
	int h, own, r;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (t && ((r = px_one_time(t[0], (long)t[1], &q.atime_sec,
	                           &q.atime_nsec)) < 0 ||
	          (r = px_one_time(t[2], (long)t[3], &q.mtime_sec,
	                           &q.mtime_nsec)) < 0))
		return r;
	if (!path && dirfd == AT_FDCWD)
		return -EFAULT;                  /* as Linux: no descriptor */
	if ((r = px_attr_node(dirfd, path, flags, &h, &own)) < 0)
		return r;
	r = file_utimes(h, &q, ARGOT_FOREVER);
	if (own)
		argot_close(h);
	return r;
}

/* i386's struct timespec: two 32-bit longs each */
long px_sys_utimensat(struct px_frame *f)
{
	const long *ts = (const long *)f->a3;
	int64_t t[4];

	if (ts)
		t[0] = ts[0], t[1] = ts[1], t[2] = ts[2], t[3] = ts[3];
	return px_utimensat(f->a1, (void *)f->a2, ts ? t : 0, f->a4);
}

/* musl's 64-bit form: long long[4] */
long px_sys_utimensat_time64(struct px_frame *f)
{
	return px_utimensat(f->a1, (void *)f->a2, (const int64_t *)f->a3,
	                    f->a4);
}

/* ---- truncate: the 64-bit length comes as two words (low, high) ---- */

static int64_t px_len(long lo, long hi)
{
	return (int64_t)(((uint64_t)(uint32_t)hi << 32) | (uint32_t)lo);
}

static long px_truncate(const char *path, int64_t len)
{
	int h, own, r;

	if (len < 0)
		return -EINVAL;
	if ((r = px_attr_node(AT_FDCWD, path, 0, &h, &own)) < 0)
		return r;
	r = file_truncate(h, len, ARGOT_FOREVER);
	if (own)
		argot_close(h);
	return r;
}

/* The server checks our identity, not the open: Linux wants the
 * descriptor itself open for writing (EINVAL, EBADF for O_PATH), which
 * costs asking its modes first. */
static long px_ftruncate(int fd, int64_t len)
{
	int h = px_fd_handle(fd), r;
	uint32_t modes;

	if (h < 0)
		return h;
	if (len < 0)
		return -EINVAL;
	if ((r = io_get_openmodes(h, &modes, ARGOT_FOREVER)) < 0)
		return r;
	if (modes & ARGOT_O_PATH)
		return -EBADF;
	if ((modes & ARGOT_O_ACCMODE) == ARGOT_O_RDONLY)
		return -EINVAL;
	return file_truncate(h, len, ARGOT_FOREVER);
}

long px_sys_truncate64(struct px_frame *f)
{
	return px_truncate((void *)f->a1, px_len(f->a2, f->a3));
}

long px_sys_ftruncate64(struct px_frame *f)
{
	return px_ftruncate(f->a1, px_len(f->a2, f->a3));
}

/* the old 32-bit forms: musl uses the 64 ones, other code may not */
long px_sys_truncate(struct px_frame *f)
{
	return px_truncate((void *)f->a1, (int64_t)f->a2);
}

long px_sys_ftruncate(struct px_frame *f)
{
	return px_ftruncate(f->a1, (int64_t)f->a2);
}

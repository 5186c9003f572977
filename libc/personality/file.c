/*
 * libc/personality/file.c - calls on names: open, the stat family,
 * access, directories (getdents64, mkdir, rmdir, unlink, rename, link,
 * symlink), readlink, the current directory and umask.  Each walks its path with
 * px_walk (path.c), then makes one RPC on the handle it got.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <argot/dir.h>
#include <argot/file.h>
#include <argot/io.h>
#include "px.h"

#define PX_O_LARGEFILE 0100000   /* musl adds it on i386; meaningless here */

static int px_cwd = ARGOT_NOHANDLE;
static char px_cwdpath[ARGOT_PATH_MAX] = "/";
static uint32_t px_umask = 022;

int px_root(void)
{
	return px.startup ? px.startup->root : ARGOT_NOHANDLE;
}

static int px_cwd_handle(void)
{
	if (px_cwd < 0 && px.startup)
		px_cwd = px.startup->cwd;
	if (px.startup && px_umask == 022)
		px_umask = px.startup->umask;
	return px_cwd;
}

int px_at(int dirfd)
{
	if (dirfd == AT_FDCWD) {
		int h = px_cwd_handle();
		return h < 0 ? -ENOENT : h;
	}
	return px_fd_handle(dirfd);
}

static long px_openat(int dirfd, const char *path, uint32_t flags,
                      uint32_t mode)
{
	int at = px_at(dirfd), h, fd, r;

	if (at < 0)
		return at;
	flags &= ~PX_O_LARGEFILE;
	r = px_walk(at, path, flags & ~ARGOT_O_CLOEXEC, mode & ~px_umask, &h);
	if (r < 0)
		return r;
	fd = px_fd_alloc(PX_FD_IO, h, (flags & ARGOT_O_CLOEXEC) != 0, 0);
	if (fd < 0)
		argot_close(h);
	return fd;
}

long px_sys_open(struct px_frame *f)
{
	return px_openat(AT_FDCWD, (void *)f->a1, f->a2, f->a3);
}

long px_sys_openat(struct px_frame *f)
{
	return px_openat(f->a1, (void *)f->a2, f->a3, f->a4);
}

/* a handle on path's node only (O_PATH), following symlinks unless
 * told; an empty path names nothing (Linux: ENOENT), where a lookup of
 * "" would answer with the directory itself */
int px_node(int dirfd, const char *path, int nofollow, int *h)
{
	int at = px_at(dirfd);

	if (at < 0)
		return at;
	if (!path[0])
		return -ENOENT;
	return px_walk(at, path, ARGOT_O_PATH | (nofollow ? ARGOT_O_NOFOLLOW : 0),
	               0, h);
}

static long px_statat(int dirfd, const char *path, void *kst, int flag)
{
	struct argot_stat s;
	int h, r;

	if (!path[0] && (flag & AT_EMPTY_PATH))
		return px_fd_handle(dirfd) < 0 ? -EBADF :
		       (r = io_stat(px_fd_handle(dirfd), &s, ARGOT_FOREVER)) < 0 ?
		       r : (px_stat_to_k(&s, kst), 0);
	r = px_node(dirfd, path, flag & AT_SYMLINK_NOFOLLOW, &h);
	if (r < 0)
		return r;
	r = io_stat(h, &s, ARGOT_FOREVER);
	argot_close(h);
	if (r < 0)
		return r;
	px_stat_to_k(&s, kst);
	return 0;
}

long px_sys_stat64(struct px_frame *f)
{
	return px_statat(AT_FDCWD, (void *)f->a1, (void *)f->a2, 0);
}

long px_sys_lstat64(struct px_frame *f)
{
	return px_statat(AT_FDCWD, (void *)f->a1, (void *)f->a2,
	                 AT_SYMLINK_NOFOLLOW);
}

long px_sys_fstatat64(struct px_frame *f)
{
	return px_statat(f->a1, (void *)f->a2, (void *)f->a3, f->a4);
}

/* The server checks permissions on open: ask for the access wanted. */
static long px_accessat(int dirfd, const char *path, int amode)
{
	uint32_t flags = ARGOT_O_PATH;
	int h, r, at = px_at(dirfd);

	if (at < 0)
		return at;
	if (amode & X_OK)
		flags = ARGOT_O_EXEC;
	else if ((amode & R_OK) && (amode & W_OK))
		flags = ARGOT_O_RDWR;
	else if (amode & W_OK)
		flags = ARGOT_O_WRONLY;
	else if (amode & R_OK)
		flags = ARGOT_O_RDONLY;
	r = px_walk(at, path, flags, 0, &h);
	if (r == -EISDIR && (amode & W_OK) == 0)
		r = px_walk(at, path, ARGOT_O_PATH, 0, &h);
	if (r < 0)
		return r;
	argot_close(h);
	return 0;
}

long px_sys_access(struct px_frame *f)
{
	return px_accessat(AT_FDCWD, (void *)f->a1, f->a2);
}

long px_sys_faccessat(struct px_frame *f)
{
	return px_accessat(f->a1, (void *)f->a2, f->a3);
}

/* Linux's struct linux_dirent64 from the server's packed entries.
 *
 * *pos is the server's cookie (dir.h: "entry to ask for next"), which is
 * the translator's own resume point, not a count: a ramfs leaves gaps
 * where names were removed.  So the next call starts at the reply's
 * `next`, never at pos + count.  When the caller's buffer takes only the
 * first i entries of a batch, the cookie after entry i is not in the
 * reply: ask again for exactly i entries from the same place to learn it
 * (rare: Linux records are at most 8 bytes longer than the server's). */
long px_sys_getdents64(struct px_frame *f)
{
	int h = px_fd_handle(f->a1);
	uint32_t *pos = px_fd_dirpos(f->a1), count, next, off = 0, i;
	char buf[4096], *out = (void *)f->a2;
	int n;

	if (h < 0)
		return h;
	n = dir_readdir(h, *pos, 0, buf, sizeof buf < (uint32_t)f->a3 ?
	                sizeof buf : (uint32_t)f->a3, &count, &next,
	                ARGOT_FOREVER);
	if (n < 0)
		return n;
	for (i = 0; i < count && off < (uint32_t)n; i++) {
		struct argot_dirent *e = (void *)(buf + off);
		uint32_t len = (19 + e->namelen + 1 + 7) & ~7u;
		char *d = out;
		if (len > (uint32_t)f->a3)
			break;
		*(uint64_t *)d = e->ino;
		*(int64_t *)(d + 8) = *pos + i + 1;
		*(uint16_t *)(d + 16) = len;
		d[18] = e->type;
		memcpy(d + 19, e->name, e->namelen + 1);
		out += len;
		off += e->reclen;
		f->a3 -= len;
	}
	if (i == 0 && count > 0)
		return -EINVAL;		/* Linux: the buffer is too small */
	if (i < count) {
		uint32_t again;
		n = dir_readdir(h, *pos, i, buf, sizeof buf, &again, &next,
		                ARGOT_FOREVER);
		if (n < 0)
			return n;
	}
	*pos = next;
	return out - (char *)f->a2;
}

/* One RPC on the parent directory of path with its last name. */
static long px_parent_op(int dirfd, const char *path, uint32_t mode,
                         int (*op)(int, const char *, uint32_t))
{
	char last[256];
	int dir, r, at = px_at(dirfd);

	if (at < 0)
		return at;
	r = px_walk_parent(at, path, &dir, last, sizeof last);
	if (r < 0)
		return r;
	r = op(dir, last, mode);
	argot_close(dir);
	return r;
}

static int px_op_mkdir(int d, const char *n, uint32_t m)
{
	/* "/" or "dir/": the directory we walked to exists, and Linux says
	 * EEXIST (BusyBox's mkdir -p starts with mkdir("/") and goes on
	 * only on EEXIST; dir_mkdir of "" is EINVAL) */
	if (!*n)
		return -EEXIST;
	return dir_mkdir(d, n, m & ~px_umask, ARGOT_FOREVER);
}
static int px_op_rmdir(int d, const char *n, uint32_t m)
{
	(void)m;
	return dir_rmdir(d, n, ARGOT_FOREVER);
}
static int px_op_unlink(int d, const char *n, uint32_t m)
{
	(void)m;
	return dir_unlink(d, n, ARGOT_FOREVER);
}

long px_sys_mkdir(struct px_frame *f)
{
	return px_parent_op(AT_FDCWD, (void *)f->a1, f->a2, px_op_mkdir);
}
long px_sys_mkdirat(struct px_frame *f)
{
	return px_parent_op(f->a1, (void *)f->a2, f->a3, px_op_mkdir);
}
long px_sys_rmdir(struct px_frame *f)
{
	return px_parent_op(AT_FDCWD, (void *)f->a1, 0, px_op_rmdir);
}
long px_sys_unlink(struct px_frame *f)
{
	return px_parent_op(AT_FDCWD, (void *)f->a1, 0, px_op_unlink);
}
long px_sys_unlinkat(struct px_frame *f)
{
	return px_parent_op(f->a1, (void *)f->a2, 0,
	                    (f->a3 & AT_REMOVEDIR) ? px_op_rmdir : px_op_unlink);
}

static long px_renameat(int olddir, const char *old, int newdir,
                        const char *new)
{
	char oname[256], nname[256];
	int od, nd, r, oat = px_at(olddir), nat = px_at(newdir);

	if (oat < 0 || nat < 0)
		return oat < 0 ? oat : nat;
	if ((r = px_walk_parent(oat, old, &od, oname, sizeof oname)) < 0)
		return r;
	if ((r = px_walk_parent(nat, new, &nd, nname, sizeof nname)) < 0) {
		argot_close(od);
		return r;
	}
	r = dir_rename(od, oname, nd, nname, 0, ARGOT_FOREVER);
	argot_close(od);
	argot_close(nd);
	return r;
}

long px_sys_rename(struct px_frame *f)
{
	return px_renameat(AT_FDCWD, (void *)f->a1, AT_FDCWD, (void *)f->a2);
}
long px_sys_renameat(struct px_frame *f)
{
	return px_renameat(f->a1, (void *)f->a2, f->a3, (void *)f->a4);
}

/* A second name for a node: DIR_LINK on the new name's directory with a
 * handle on the node, which must be on the same server (else EXDEV).
 * Linux links a symlink itself unless AT_SYMLINK_FOLLOW. */
static long px_linkat(int olddir, const char *old, int newdir,
                      const char *new, int flags)
{
	char last[256];
	int file, dir, r, at = px_at(newdir);

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (at < 0)
		return at;
	if (!old[0] && (flags & AT_EMPTY_PATH))
		r = px_fd_copy(olddir, &file);
	else
		r = px_node(olddir, old, !(flags & AT_SYMLINK_FOLLOW), &file);
	if (r < 0)
		return r;
	r = px_walk_parent(at, new, &dir, last, sizeof last);
	if (r == 0) {
		/* "/" or "dir/": a name that exists */
		r = last[0] ? dir_link(dir, file, last, 1, ARGOT_FOREVER)
		            : -EEXIST;
		argot_close(dir);
	}
	argot_close(file);
	return r;
}

long px_sys_link(struct px_frame *f)
{
	return px_linkat(AT_FDCWD, (void *)f->a1, AT_FDCWD, (void *)f->a2, 0);
}
long px_sys_linkat(struct px_frame *f)
{
	return px_linkat(f->a1, (void *)f->a2, f->a3, (void *)f->a4, f->a5);
}

/* The target is only text, never walked here (it may name nothing). */
static long px_symlinkat(const char *target, int newdir, const char *new)
{
	char last[256];
	int dir, r, at = px_at(newdir);

	if (at < 0)
		return at;
	if (!target[0])
		return -ENOENT;
	if (strlen(target) >= ARGOT_PATH_MAX)
		return -ENAMETOOLONG;
	if ((r = px_walk_parent(at, new, &dir, last, sizeof last)) < 0)
		return r;
	r = last[0] ? dir_symlink(dir, last, target, ARGOT_FOREVER) : -EEXIST;
	argot_close(dir);
	return r;
}

long px_sys_symlink(struct px_frame *f)
{
	return px_symlinkat((void *)f->a1, AT_FDCWD, (void *)f->a2);
}
long px_sys_symlinkat(struct px_frame *f)
{
	return px_symlinkat((void *)f->a1, f->a2, (void *)f->a3);
}

static long px_readlinkat(int dirfd, const char *path, char *buf, size_t cap)
{
	char tmp[ARGOT_PATH_MAX];
	int h, r = px_node(dirfd, path, 1, &h);

	if (r < 0)
		return r;
	r = file_readlink(h, tmp, sizeof tmp, ARGOT_FOREVER);
	argot_close(h);
	if (r < 0)
		return r;
	if ((size_t)r > cap)
		r = cap;
	memcpy(buf, tmp, r);             /* no NUL, as Linux */
	return r;
}

long px_sys_readlink(struct px_frame *f)
{
	return px_readlinkat(AT_FDCWD, (void *)f->a1, (void *)f->a2, f->a3);
}
long px_sys_readlinkat(struct px_frame *f)
{
	return px_readlinkat(f->a1, (void *)f->a2, (void *)f->a3, f->a4);
}

/* The current directory is a handle; its name is kept as text, made
 * from the paths given to chdir (no server walks ".." for us). */
static void px_cwd_name(const char *path)
{
	char out[ARGOT_PATH_MAX];
	const char *p = path;
	size_t len;

	strcpy(out, path[0] == '/' ? "/" : px_cwdpath);
	while (*p) {
		const char *e;
		while (*p == '/')
			p++;
		if (!*p)
			break;
		for (e = p; *e && *e != '/'; e++)
			;
		len = strlen(out);
		if (e - p == 2 && p[0] == '.' && p[1] == '.') {
			char *s = strrchr(out, '/');
			if (s == out) out[1] = 0; else if (s) *s = 0;
		} else if (!(e - p == 1 && p[0] == '.') &&
		           len + (e - p) + 2 < sizeof out) {
			if (out[len - 1] != '/')
				out[len++] = '/';
			memcpy(out + len, p, e - p);
			out[len + (e - p)] = 0;
		}
		p = e;
	}
	strcpy(px_cwdpath, out);
}

static void px_set_cwd(int h)
{
	if (px_cwd >= 0)
		argot_close(px_cwd);
	px_cwd = h;
}

long px_sys_chdir(struct px_frame *f)
{
	int h, r = px_walk(px_at(AT_FDCWD) < 0 ? px_root() : px_at(AT_FDCWD),
	                   (void *)f->a1, ARGOT_O_PATH | ARGOT_O_DIRECTORY, 0, &h);

	if (r < 0)
		return r;
	px_set_cwd(h);
	px_cwd_name((void *)f->a1);
	return 0;
}

long px_sys_fchdir(struct px_frame *f)
{
	int h, r = px_fd_copy(f->a1, &h);

	if (r < 0)
		return r;
	px_set_cwd(h);
	strcpy(px_cwdpath, "/");         /* name unknown: see doc/posix.md */
	return 0;
}

long px_sys_getcwd(struct px_frame *f)
{
	size_t len = strlen(px_cwdpath) + 1;

	if (len > (size_t)f->a2)
		return -ERANGE;
	memcpy((void *)f->a1, px_cwdpath, len);
	return len;
}

long px_sys_umask(struct px_frame *f)
{
	uint32_t old;

	px_cwd_handle();
	old = px_umask;
	px_umask = f->a1 & 0777;
	return old;
}

/* fork and execve hand the current directory on */
int px_cwd_get(void)
{
	return px_cwd_handle();
}

void px_cwd_set(int h)
{
	px_cwd = h;
}

uint32_t px_umask_get(void)
{
	px_cwd_handle();
	return px_umask;
}

/* dir.c: the FUSE handlers that change a directory.  Each checks, with the
 * shared rules of perm.c, that the client may write and search the
 * directory (and the sticky rule for what it removes) before the callback. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "nf.h"

/* Write and search permission on a directory the client changes. */
static int may_change(const struct netfs_cred *c, struct netfs_node *dir,
		      struct netfs_stat *st)
{
	int err;

	if (nf_readonly())
		return EROFS;
	if ((err = nf_getattr(dir, st)) != 0)
		return err;
	if (!S_ISDIR(st->mode))
		return ENOTDIR;
	return nf_access(c, st, NETFS_W | NETFS_X);
}

/* Owner of a new node: the client's uid; the directory's group when the
 * directory is set-group-ID (BSD/SysV semantics), else the client's. */
static void new_owner(const struct netfs_cred *c, const struct netfs_stat *d,
		      uint32_t *uid, uint32_t *gid, uint32_t *mode)
{
	*uid = c->uids[0];
	*gid = c->gids[0];
	if (d->mode & S_ISGID) {
		*gid = d->gid;
		if (S_ISDIR(*mode))
			*mode |= S_ISGID;
	}
}

/* mknod, mkdir, symlink and create share this: check, then make it. */
int nf_make(fuse_req_t req, struct netfs_node *dir, const char *name,
	    int kind, uint32_t mode, uint64_t rdev, const char *target,
	    struct netfs_node **out)
{
	const struct netfs_ops *o = nf.ops;
	struct netfs_cred c;
	struct netfs_stat d;
	uint32_t uid, gid;
	int err;

	nf_cred(req, &c);
	if ((err = may_change(&c, dir, &d)) != 0)
		return err;
	new_owner(&c, &d, &uid, &gid, &mode);
	switch (kind) {
	case MK_FILE:
		return o->create ? o->create(dir, name, mode, uid, gid, out)
				 : EOPNOTSUPP;
	case MK_DIR:
		return o->mkdir ? o->mkdir(dir, name, mode, uid, gid, out)
				: EOPNOTSUPP;
	case MK_LINK:
		return o->symlink ? o->symlink(dir, name, target, uid, gid,
					       out) : EOPNOTSUPP;
	default:
		return o->mknod ? o->mknod(dir, name, mode, rdev, uid, gid,
					   out) : EOPNOTSUPP;
	}
}

void nf_op_mknod(fuse_req_t req, fuse_ino_t parent, const char *name,
		 mode_t mode, dev_t rdev)
{
	struct netfs_node *np = NULL;
	int err;

	nf_lock();
	err = nf_make(req, nf_node(parent), name, S_ISREG(mode) ? MK_FILE :
		      MK_NOD, mode, rdev, NULL, &np);
	nf_reply_entry(req, err, np);
	nf_unlock();
}

void nf_op_mkdir(fuse_req_t req, fuse_ino_t parent, const char *name,
		 mode_t mode)
{
	struct netfs_node *np = NULL;
	int err;

	nf_lock();
	err = nf_make(req, nf_node(parent), name, MK_DIR,
		      S_IFDIR | (mode & 07777), 0, NULL, &np);
	nf_reply_entry(req, err, np);
	nf_unlock();
}

void nf_op_symlink(fuse_req_t req, const char *target, fuse_ino_t parent,
		   const char *name)
{
	struct netfs_node *np = NULL;
	int err;

	nf_lock();
	err = nf_make(req, nf_node(parent), name, MK_LINK, S_IFLNK | 0777, 0,
		      target, &np);
	nf_reply_entry(req, err, np);
	nf_unlock();
}

void nf_op_link(fuse_req_t req, fuse_ino_t ino, fuse_ino_t parent,
		const char *name)
{
	struct netfs_node *np = nf_node(ino), *dir = nf_node(parent);
	struct netfs_cred c;
	struct netfs_stat d;
	int err;

	nf_cred(req, &c);
	nf_lock();
	err = may_change(&c, dir, &d);
	if (!err)
		err = nf.ops->link ? nf.ops->link(dir, name, np) : EOPNOTSUPP;
	nf_reply_entry(req, err, np);
	nf_unlock();
}

/* The sticky rule needs the victim's owner, so look it up first. */
static int may_remove(const struct netfs_cred *c, struct netfs_node *dir,
		      const struct netfs_stat *d, const char *name,
		      struct netfs_stat *victim)
{
	struct netfs_node *np;
	int err;

	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return EINVAL;
	if ((err = nf_lookup(dir, name, &np)) != 0)
		return err;
	if ((err = nf_getattr(np, victim)) != 0)
		return err;
	return netfs_check_sticky(c, d, victim);
}

static void remove_entry(fuse_req_t req, fuse_ino_t parent, const char *name,
			 int isdir)
{
	struct netfs_node *dir = nf_node(parent);
	int (*fn)(struct netfs_node *, const char *);
	struct netfs_stat d, v;
	struct netfs_cred c;
	int err;

	fn = isdir ? nf.ops->rmdir : nf.ops->unlink;
	nf_cred(req, &c);
	nf_lock();
	err = may_change(&c, dir, &d);
	if (!err)
		err = may_remove(&c, dir, &d, name, &v);
	if (!err && isdir && !S_ISDIR(v.mode))
		err = ENOTDIR;
	if (!err && !isdir && S_ISDIR(v.mode))
		err = EISDIR;
	if (!err)
		err = fn ? fn(dir, name) : EOPNOTSUPP;
	nf_unlock();
	fuse_reply_err(req, err);
}

void nf_op_unlink(fuse_req_t req, fuse_ino_t parent, const char *name)
{
	remove_entry(req, parent, name, 0);
}

void nf_op_rmdir(fuse_req_t req, fuse_ino_t parent, const char *name)
{
	remove_entry(req, parent, name, 1);
}

/* Both directories writable, the sticky rule on the source and on a
 * replaced target, and a directory moving to a new parent must itself be
 * writable because its ".." changes. */
static int may_rename(const struct netfs_cred *c, struct netfs_node *from,
		      const char *fname, struct netfs_node *to,
		      const char *tname)
{
	struct netfs_stat fd, td, v, t;
	struct netfs_node *np;
	int err;

	if ((err = may_change(c, from, &fd)) != 0 ||
	    (err = may_change(c, to, &td)) != 0 ||
	    (err = may_remove(c, from, &fd, fname, &v)) != 0)
		return err;
	if (!strcmp(tname, ".") || !strcmp(tname, ".."))
		return EINVAL;
	if (nf_lookup(to, tname, &np) == 0 && nf_getattr(np, &t) == 0 &&
	    (err = netfs_check_sticky(c, &td, &t)) != 0)
		return err;
	if (S_ISDIR(v.mode) && from != to)
		return nf_access(c, &v, NETFS_W);
	return 0;
}

void nf_op_rename(fuse_req_t req, fuse_ino_t parent, const char *name,
		  fuse_ino_t newparent, const char *newname, unsigned int flags)
{
	struct netfs_node *from = nf_node(parent), *to = nf_node(newparent);
	struct netfs_cred c;
	int err;

	if (flags & ~RENAME_NOREPLACE) {
		fuse_reply_err(req, EINVAL);	/* RENAME_EXCHANGE, WHITEOUT */
		return;
	}
	nf_cred(req, &c);
	nf_lock();
	err = may_rename(&c, from, name, to, newname);
	if (!err)
		err = nf.ops->rename ? nf.ops->rename(from, name, to, newname,
				       !!(flags & RENAME_NOREPLACE)) : EOPNOTSUPP;
	nf_unlock();
	fuse_reply_err(req, err);
}

void nf_op_opendir(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	struct netfs_cred c;
	struct netfs_stat st;
	int err;

	nf_cred(req, &c);
	nf_lock();
	err = nf_getattr(nf_node(ino), &st);
	nf_unlock();
	if (!err && !S_ISDIR(st.mode))
		err = ENOTDIR;
	if (!err)
		err = nf_access(&c, &st, NETFS_R);
	if (err)
		fuse_reply_err(req, err);
	else
		fuse_reply_open(req, fi);
}

struct fill_ctx {
	fuse_req_t req;
	char *buf;
	size_t size, used;
};

static int fill(void *ctx, const char *name, uint64_t ino, uint32_t type,
		uint64_t next)
{
	struct fill_ctx *f = ctx;
	struct stat st;
	size_t n;

	memset(&st, 0, sizeof st);
	st.st_ino = ino;
	st.st_mode = type & S_IFMT;
	n = fuse_add_direntry(f->req, f->buf + f->used, f->size - f->used,
			      name, &st, (off_t)next);
	if (n > f->size - f->used)
		return 1;
	f->used += n;
	return 0;
}

void nf_op_readdir(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
		   struct fuse_file_info *fi)
{
	char buf[size ? size : 1];
	struct fill_ctx f = { req, buf, size, 0 };
	int err = ENOTDIR;

	(void)fi;
	nf_lock();
	if (nf.ops->readdir)
		err = nf.ops->readdir(nf_node(ino), (uint64_t)off, fill, &f);
	nf_unlock();
	if (err)
		fuse_reply_err(req, err);
	else
		fuse_reply_buf(req, buf, f.used);
}

void nf_op_releasedir(fuse_req_t req, fuse_ino_t ino,
		      struct fuse_file_info *fi)
{
	(void)ino;
	(void)fi;
	fuse_reply_err(req, 0);
}

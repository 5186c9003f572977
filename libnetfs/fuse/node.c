/* node.c: nodeids, references, credentials and attributes for the FUSE
 * backend, with the handlers that read or change one node. */
#include <errno.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include <sys/sysmacros.h>
#include "nf.h"

struct netfs_node *nf_node(fuse_ino_t ino)
{
	return ino == FUSE_ROOT_ID ? nf.root : (struct netfs_node *)ino;
}

fuse_ino_t nf_ino(struct netfs_node *np)
{
	return np == nf.root ? FUSE_ROOT_ID : (fuse_ino_t)np;
}

void nf_ref(struct netfs_node *np)
{
	pthread_mutex_lock(&nf.refs);
	np->refs++;
	pthread_mutex_unlock(&nf.refs);
}

/* The kernel forgot n lookups.  Called with the big lock held (or without
 * one in concurrent mode, where drop() must lock for itself). */
void nf_unref(struct netfs_node *np, uint64_t n)
{
	int last;

	pthread_mutex_lock(&nf.refs);
	np->refs = n >= np->refs ? 0 : np->refs - n;
	last = np->refs == 0;
	pthread_mutex_unlock(&nf.refs);
	if (last && np != nf.root && nf.ops->drop)
		nf.ops->drop(np);
}

/* The request's uid and gid.  Supplementary groups cost a read of
 * /proc/PID/status in libfuse, so they are fetched only when a check
 * would otherwise fail (nf_access) or needs them (setattr). */
static __thread fuse_req_t cur_req;

void nf_cred(fuse_req_t req, struct netfs_cred *c)
{
	const struct fuse_ctx *ctx = fuse_req_ctx(req);

	memset(c, 0, sizeof *c);
	c->nuids = 1;
	c->uids[0] = ctx->uid;
	c->ngids = 1;
	c->gids[0] = ctx->gid;
	cur_req = req;
}

void nf_cred_groups(struct netfs_cred *c)
{
	gid_t groups[NETFS_NIDS];
	int n, i;

	if (c->ngids != 1 || !cur_req)
		return;
	n = fuse_req_getgroups(cur_req, NETFS_NIDS - 1, groups);
	for (i = 0; i < n && i < NETFS_NIDS - 1; i++)
		if (groups[i] != c->gids[0])
			c->gids[c->ngids++] = groups[i];
}

int nf_access(const struct netfs_cred *c, const struct netfs_stat *st, int want)
{
	int err = netfs_access(c, st, want);

	if (err == EACCES && c->ngids == 1 && !netfs_cred_has_uid(c, st->uid)) {
		nf_cred_groups((struct netfs_cred *)c);	/* always a local */
		if (c->ngids > 1)
			err = netfs_access(c, st, want);
	}
	return err;
}

void nf_to_stat(const struct netfs_stat *st, struct stat *out)
{
	memset(out, 0, sizeof *out);
	out->st_ino = st->ino;
	out->st_mode = st->mode;
	out->st_nlink = st->nlink;
	out->st_uid = st->uid;
	out->st_gid = st->gid;
	out->st_size = st->size;
	out->st_blocks = st->blocks;
	out->st_blksize = st->blksize ? st->blksize : 4096;
	out->st_rdev = st->rdev;
	out->st_atim.tv_sec = st->atime.sec;
	out->st_atim.tv_nsec = st->atime.nsec;
	out->st_mtim.tv_sec = st->mtime.sec;
	out->st_mtim.tv_nsec = st->mtime.nsec;
	out->st_ctim.tv_sec = st->ctime.sec;
	out->st_ctim.tv_nsec = st->ctime.nsec;
}

int nf_getattr(struct netfs_node *np, struct netfs_stat *st)
{
	memset(st, 0, sizeof *st);
	if (!nf.ops->getattr)
		return EOPNOTSUPP;
	return nf.ops->getattr(np, st);
}

int nf_lookup(struct netfs_node *dir, const char *name,
	      struct netfs_node **out)
{
	if (!strcmp(name, ".")) {
		*out = dir;
		return 0;
	}
	if (!strcmp(name, "..") && dir == nf.root) {
		*out = dir;
		return 0;
	}
	return nf.ops->lookup ? nf.ops->lookup(dir, name, out) : ENOENT;
}

int nf_readonly(void)
{
	return nf.ops->flags & NETFS_READONLY;
}

void nf_reply_entry(fuse_req_t req, int err, struct netfs_node *np)
{
	struct fuse_entry_param e;
	struct netfs_stat st;

	if (!err)
		err = nf_getattr(np, &st);
	if (err) {
		fuse_reply_err(req, err);
		return;
	}
	memset(&e, 0, sizeof e);
	e.ino = nf_ino(np);
	nf_to_stat(&st, &e.attr);
	e.attr_timeout = nf.attr_timeout;
	e.entry_timeout = nf.entry_timeout;
	nf_ref(np);
	if (fuse_reply_entry(req, &e) != 0)
		nf_unref(np, 1);	/* the kernel never saw it */
}

/* Search permission on the directory, then the translator's lookup. */
void nf_op_lookup(fuse_req_t req, fuse_ino_t parent, const char *name)
{
	struct netfs_node *dir = nf_node(parent), *np = NULL;
	struct netfs_cred c;
	struct netfs_stat st;
	int err;

	nf_cred(req, &c);
	nf_lock();
	err = nf_getattr(dir, &st);
	if (!err && !S_ISDIR(st.mode))
		err = ENOTDIR;
	if (!err)
		err = nf_access(&c, &st, NETFS_X);
	if (!err)
		err = nf_lookup(dir, name, &np);
	nf_reply_entry(req, err, np);
	nf_unlock();
}

void nf_op_forget(fuse_req_t req, fuse_ino_t ino, uint64_t n)
{
	nf_lock();
	nf_unref(nf_node(ino), n);
	nf_unlock();
	fuse_reply_none(req);
}

void nf_op_forget_multi(fuse_req_t req, size_t count,
			struct fuse_forget_data *f)
{
	nf_lock();
	for (size_t i = 0; i < count; i++)
		nf_unref(nf_node(f[i].ino), f[i].nlookup);
	nf_unlock();
	fuse_reply_none(req);
}

static void reply_attr(fuse_req_t req, struct netfs_node *np)
{
	struct netfs_stat st;
	struct stat s;
	int err = nf_getattr(np, &st);

	if (err) {
		fuse_reply_err(req, err);
		return;
	}
	nf_to_stat(&st, &s);
	fuse_reply_attr(req, &s, nf.attr_timeout);
}

void nf_op_getattr(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	(void)fi;
	nf_lock();
	reply_attr(req, nf_node(ino));
	nf_unlock();
}

static void to_time(struct netfs_time *t, const struct timespec *ts)
{
	t->sec = ts->tv_sec;
	t->nsec = (uint32_t)ts->tv_nsec;
}

/* Translates FUSE's setattr into a netfs_setattr.  A truncate through a
 * descriptor opened for writing needs no write permission now: it was
 * checked at open. */
static void from_fuse(struct netfs_setattr *sa, const struct stat *a, int set)
{
	memset(sa, 0, sizeof *sa);
	if (set & FUSE_SET_ATTR_MODE)
		sa->mask |= NETFS_SET_MODE, sa->mode = a->st_mode & 07777;
	if (set & FUSE_SET_ATTR_UID)
		sa->mask |= NETFS_SET_UID, sa->uid = a->st_uid;
	if (set & FUSE_SET_ATTR_GID)
		sa->mask |= NETFS_SET_GID, sa->gid = a->st_gid;
	if (set & FUSE_SET_ATTR_SIZE)
		sa->mask |= NETFS_SET_SIZE, sa->size = a->st_size;
	if (set & FUSE_SET_ATTR_ATIME_NOW)
		sa->mask |= NETFS_SET_ATIME_NOW;
	else if (set & FUSE_SET_ATTR_ATIME)
		sa->mask |= NETFS_SET_ATIME, to_time(&sa->atime, &a->st_atim);
	if (set & FUSE_SET_ATTR_MTIME_NOW)
		sa->mask |= NETFS_SET_MTIME_NOW;
	else if (set & FUSE_SET_ATTR_MTIME)
		sa->mask |= NETFS_SET_MTIME, to_time(&sa->mtime, &a->st_mtim);
}

static int do_setattr(const struct netfs_cred *c, struct netfs_node *np,
		      struct netfs_setattr *sa, int fd_writable)
{
	struct netfs_stat st;
	struct netfs_time now;
	uint32_t size = sa->mask & NETFS_SET_SIZE;
	int err;

	if (nf_readonly())
		return EROFS;
	if ((err = nf_getattr(np, &st)) != 0)
		return err;
	if (fd_writable && size) {
		if (!S_ISREG(st.mode))
			return EINVAL;
		sa->mask &= ~size;
	}
	err = netfs_check_setattr(c, &st, sa);
	sa->mask |= fd_writable ? size : 0;
	if (err)
		return err;
	netfs_now(&now);
	if (sa->mask & NETFS_SET_ATIME_NOW)
		sa->mask |= NETFS_SET_ATIME, sa->atime = now;
	if (sa->mask & NETFS_SET_MTIME_NOW)
		sa->mask |= NETFS_SET_MTIME, sa->mtime = now;
	sa->mask &= ~(uint32_t)(NETFS_SET_ATIME_NOW | NETFS_SET_MTIME_NOW);
	if (!sa->mask)
		return 0;
	if (!nf.ops->setattr)
		return EOPNOTSUPP;
	if ((err = nf.ops->setattr(np, sa)) == 0 && size)
		netfs_drop_setid(nf.ops, c, np);   /* HANDLE_KILLPRIV: ours */
	return err;
}

void nf_op_setattr(fuse_req_t req, fuse_ino_t ino, struct stat *attr,
		   int to_set, struct fuse_file_info *fi)
{
	struct netfs_node *np = nf_node(ino);
	struct netfs_setattr sa;
	struct netfs_cred c;
	int wr = 0, err;

	if (fi && fi->fh) {
		int acc = ((struct nf_open *)fi->fh)->oflags & O_ACCMODE;
		wr = acc == O_WRONLY || acc == O_RDWR;
	}
	nf_cred(req, &c);
	nf_cred_groups(&c);	/* chown to a group, S_ISGID on chmod */
	from_fuse(&sa, attr, to_set);
	nf_lock();
	err = do_setattr(&c, np, &sa, wr);
	if (err)
		fuse_reply_err(req, err);
	else
		reply_attr(req, np);
	nf_unlock();
}

void nf_op_readlink(fuse_req_t req, fuse_ino_t ino)
{
	char buf[4097];
	size_t len = 0;
	int err = EINVAL;

	nf_lock();
	if (nf.ops->readlink)
		err = nf.ops->readlink(nf_node(ino), buf, sizeof buf - 1, &len);
	nf_unlock();
	if (err)
		fuse_reply_err(req, err);
	else {
		buf[len < sizeof buf ? len : sizeof buf - 1] = 0;
		fuse_reply_readlink(req, buf);
	}
}

void nf_op_access(fuse_req_t req, fuse_ino_t ino, int mask)
{
	struct netfs_cred c;
	struct netfs_stat st;
	int err;

	nf_cred(req, &c);
	nf_lock();
	err = nf_getattr(nf_node(ino), &st);
	nf_unlock();
	if (!err && (mask & W_OK) && nf_readonly())
		err = EROFS;
	if (!err && mask != F_OK)
		err = nf_access(&c, &st, mask & 7);
	fuse_reply_err(req, err);
}

void nf_op_statfs(fuse_req_t req, fuse_ino_t ino)
{
	struct netfs_statfs sf;
	struct statvfs v;
	int err = 0;

	(void)ino;
	memset(&sf, 0, sizeof sf);
	nf_lock();
	if (nf.ops->statfs)
		err = nf.ops->statfs(&sf);
	nf_unlock();
	if (err) {
		fuse_reply_err(req, err);
		return;
	}
	memset(&v, 0, sizeof v);
	v.f_bsize = v.f_frsize = sf.bsize ? sf.bsize : 4096;
	v.f_blocks = sf.blocks;
	v.f_bfree = sf.bfree;
	v.f_bavail = sf.bavail;
	v.f_files = sf.files;
	v.f_ffree = v.f_favail = sf.ffree;
	v.f_namemax = sf.namemax ? sf.namemax : 255;
	fuse_reply_statfs(req, &v);
}

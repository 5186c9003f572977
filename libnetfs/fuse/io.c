/* io.c: opening, reading and writing files through the FUSE backend.
 * The open-mode check happens once, at open (as on Argot, where the open
 * modes are fixed in the peropen); reads and writes then only need the
 * descriptor's mode, which the kernel enforces. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "nf.h"

static int may_open(const struct netfs_cred *c, struct netfs_node *np,
		    int oflags)
{
	struct netfs_stat st;
	int want = netfs_open_want(oflags), err;

	if ((err = nf_getattr(np, &st)) != 0)
		return err;
	if (S_ISDIR(st.mode) && (want & NETFS_W))
		return EISDIR;
	if ((want & NETFS_W) && nf_readonly())
		return EROFS;
	if ((err = nf_access(c, &st, want)) != 0)
		return err;
	if (nf.ops->open && (err = nf.ops->open(np, c, oflags)) != 0)
		return err;
	if ((oflags & O_TRUNC) && S_ISREG(st.mode) && st.size) {
		struct netfs_setattr sa = { .mask = NETFS_SET_SIZE };
		err = nf.ops->setattr ? nf.ops->setattr(np, &sa) : EOPNOTSUPP;
		if (!err)
			netfs_drop_setid(nf.ops, c, np);
	}
	return err;
}

/* NETFS_DIRECT_IO: the kernel must not trust the size (a device of size 0
 * reads forever) nor cache what the translator makes up at each read. */
static int attach_open(struct fuse_file_info *fi)
{
	struct nf_open *op = malloc(sizeof *op);

	if (!op)
		return ENOMEM;
	op->oflags = fi->flags;
	fi->fh = (uint64_t)op;
	if (nf.ops->flags & NETFS_DIRECT_IO)
		fi->direct_io = 1;
	return 0;
}

void nf_op_open(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	struct netfs_cred c;
	int err;

	nf_cred(req, &c);
	nf_lock();
	err = may_open(&c, nf_node(ino), fi->flags);
	nf_unlock();
	if (!err)
		err = attach_open(fi);
	if (err)
		fuse_reply_err(req, err);
	else if (fuse_reply_open(req, fi) != 0)
		free((void *)fi->fh);
}

/* open(O_CREAT): an existing file is opened (EEXIST with O_EXCL), a
 * missing one created; both under one lock so no one slips in between. */
void nf_op_create(fuse_req_t req, fuse_ino_t parent, const char *name,
		  mode_t mode, struct fuse_file_info *fi)
{
	struct netfs_node *dir = nf_node(parent), *np = NULL;
	struct fuse_entry_param e;
	struct netfs_stat st;
	struct netfs_cred c;
	int err;

	nf_cred(req, &c);
	nf_lock();
	err = nf_lookup(dir, name, &np);
	if (err == 0)
		err = (fi->flags & O_EXCL) ? EEXIST : may_open(&c, np, fi->flags);
	else if (err == ENOENT)
		err = nf_make(req, dir, name, MK_FILE,
			      S_IFREG | (mode & 07777), 0, NULL, &np);
	if (!err)
		err = nf_getattr(np, &st);
	if (!err)
		err = attach_open(fi);
	if (err) {
		nf_unlock();
		fuse_reply_err(req, err);
		return;
	}
	memset(&e, 0, sizeof e);
	e.ino = nf_ino(np);
	nf_to_stat(&st, &e.attr);
	e.attr_timeout = nf.attr_timeout;
	e.entry_timeout = nf.entry_timeout;
	nf_ref(np);
	if (fuse_reply_create(req, &e, fi) != 0) {
		nf_unref(np, 1);
		free((void *)fi->fh);
	}
	nf_unlock();
}

void nf_op_read(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
		struct fuse_file_info *fi)
{
	char *buf = malloc(size ? size : 1);
	size_t done = 0;
	int err = 0;

	(void)fi;
	if (!buf) {
		fuse_reply_err(req, ENOMEM);
		return;
	}
	nf_lock();
	/* short reads mean end of file to the kernel: fill the buffer */
	while (!err && done < size) {
		size_t n = size - done;
		err = nf.ops->read ? nf.ops->read(nf_node(ino),
			(uint64_t)off + done, buf + done, &n) : EINVAL;
		if (!err && n == 0)
			break;
		done += n;
	}
	nf_unlock();
	if (err && done == 0)
		fuse_reply_err(req, err);
	else
		fuse_reply_buf(req, buf, done);
	free(buf);
}

void nf_op_write(fuse_req_t req, fuse_ino_t ino, const char *buf,
		 size_t size, off_t off, struct fuse_file_info *fi)
{
	struct nf_open *op = (struct nf_open *)fi->fh;
	uint64_t at = (uint64_t)off;
	struct netfs_cred c;
	size_t n = size;
	int err = EBADF;

	if (op && (op->oflags & O_APPEND))
		at = NETFS_APPEND;
	nf_cred(req, &c);
	nf_lock();
	if (nf_readonly())
		err = EROFS;
	else if (nf.ops->write)
		err = nf.ops->write(nf_node(ino), at, buf, &n);
	if (!err && n)
		netfs_drop_setid(nf.ops, &c, nf_node(ino));
	nf_unlock();
	if (err)
		fuse_reply_err(req, err);
	else
		fuse_reply_write(req, n);
}

void nf_op_release(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	(void)ino;
	free((void *)fi->fh);
	fuse_reply_err(req, 0);
}

void nf_op_fsync(fuse_req_t req, fuse_ino_t ino, int datasync,
		 struct fuse_file_info *fi)
{
	int err = 0;

	(void)datasync;
	(void)fi;
	nf_lock();
	if (nf.ops->sync)
		err = nf.ops->sync(nf_node(ino));
	nf_unlock();
	fuse_reply_err(req, err);
}

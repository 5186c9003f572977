/* xattr.c: the Hurd's node records on the host, as extended attributes:
 *   gnu.translator  the passive translator record of any node (argz), the
 *                   name ext2 uses, so `getfattr -n gnu.translator` works;
 *   argot.options   on the root: the translator's options, what fsysopts
 *                   reads and changes inside Argot.
 * Setting either needs the owner of the node (or uid 0), as on Argot.
 *
 * Both values are argz vectors, as fsysopts and settrans pass them on
 * Argot: arguments separated (or ended) by NUL bytes, so an argument may
 * hold spaces ("--contents=Hello world").  A value with no NUL at all is
 * a single argument, spaces included, so that a plain
 * `setfattr -n argot.options -v --contents=Hi FILE` works. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "nf.h"

#define XA_TRANS "gnu.translator"
#define XA_OPTS "argot.options"

static void reply_value(fuse_req_t req, const char *v, size_t len, size_t size)
{
	if (size == 0)
		fuse_reply_xattr(req, len);
	else if (len > size)
		fuse_reply_err(req, ERANGE);
	else
		fuse_reply_buf(req, v, len);
}

static int get_trans(struct netfs_node *np, char *buf, size_t size,
		     size_t *len)
{
	*len = 0;
	if (!nf.ops->get_translator)
		return ENODATA;
	return nf.ops->get_translator(np, buf, size, len);
}

void nf_op_getxattr(fuse_req_t req, fuse_ino_t ino, const char *name,
		    size_t size)
{
	struct netfs_node *np = nf_node(ino);
	struct netfs_argz z = { 0 };
	char buf[4096];
	size_t len = 0;
	int err = ENODATA;

	nf_lock();
	if (!strcmp(name, XA_TRANS)) {
		err = get_trans(np, buf, sizeof buf, &len);
		if (!err && len == 0)
			err = ENODATA;
	} else if (!strcmp(name, XA_OPTS) && np == nf.root &&
		   nf.ops->get_options)
		err = nf.ops->get_options(&z);
	nf_unlock();
	if (err)
		fuse_reply_err(req, err);
	else if (z.buf)
		reply_value(req, z.buf, z.len, size);
	else
		reply_value(req, buf, len, size);
	free(z.buf);
}

/* The argz rule above: one argument per NUL-ended piece (the last NUL
 * may be missing); empty pieces are skipped, more than 63 is E2BIG. */
static int set_options(const char *value, size_t size)
{
	char *copy = malloc(size + 1), *argv[64], *p;
	int argc = 0, err = 0;

	if (!copy)
		return ENOMEM;
	memcpy(copy, value, size);
	copy[size] = 0;
	for (p = copy; p < copy + size; p += strlen(p) + 1) {
		if (!*p)
			continue;
		if (argc == 63) {
			err = E2BIG;
			break;
		}
		argv[argc++] = p;
	}
	argv[argc] = NULL;
	if (!err)
		err = nf.ops->set_options(argc, argv);
	free(copy);
	return err;
}

void nf_op_setxattr(fuse_req_t req, fuse_ino_t ino, const char *name,
		    const char *value, size_t size, int flags)
{
	struct netfs_node *np = nf_node(ino);
	struct netfs_cred c;
	struct netfs_stat st;
	int err;

	(void)flags;
	nf_cred(req, &c);
	nf_lock();
	err = nf_getattr(np, &st);
	if (!err)
		err = netfs_check_owner(&c, &st);
	if (err)
		;
	else if (!strcmp(name, XA_TRANS))
		err = nf.ops->set_translator ?
		      nf.ops->set_translator(np, value, size) : EOPNOTSUPP;
	else if (!strcmp(name, XA_OPTS) && np == nf.root)
		err = nf.ops->set_options ? set_options(value, size)
					  : EOPNOTSUPP;
	else
		err = EOPNOTSUPP;
	nf_unlock();
	fuse_reply_err(req, err);
}

void nf_op_removexattr(fuse_req_t req, fuse_ino_t ino, const char *name)
{
	struct netfs_node *np = nf_node(ino);
	struct netfs_cred c;
	struct netfs_stat st;
	int err;

	nf_cred(req, &c);
	nf_lock();
	err = nf_getattr(np, &st);
	if (!err)
		err = netfs_check_owner(&c, &st);
	if (!err && strcmp(name, XA_TRANS))
		err = ENODATA;
	if (!err)
		err = nf.ops->set_translator ?
		      nf.ops->set_translator(np, "", 0) : ENODATA;
	nf_unlock();
	fuse_reply_err(req, err);
}

void nf_op_listxattr(fuse_req_t req, fuse_ino_t ino, size_t size)
{
	struct netfs_node *np = nf_node(ino);
	char names[64], buf[4096];
	size_t len = 0, n = 0;

	nf_lock();
	if (get_trans(np, buf, sizeof buf, &len) == 0 && len > 0) {
		memcpy(names, XA_TRANS, sizeof XA_TRANS);
		n = sizeof XA_TRANS;
	}
	if (np == nf.root && nf.ops->get_options) {
		memcpy(names + n, XA_OPTS, sizeof XA_OPTS);
		n += sizeof XA_OPTS;
	}
	nf_unlock();
	reply_value(req, names, n, size);
}

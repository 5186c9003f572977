/* onnetfs.c: libtrivfs over libnetfs -- a one-node translator served as a
 * filesystem whose root is that node.  On the host the FUSE backend mounts
 * it over a regular file, so the node sits where settrans would put it. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "trivfs.h"
#include "netfs.h"

static const struct trivfs_ops *tops;
static struct netfs_node root;
static struct trivfs_time started;
static const char *tname = "trivfs";

static int t_getattr(struct netfs_node *np, struct netfs_stat *st)
{
	struct trivfs_stat ts = {
		.mode = S_IFREG | 0644, .uid = getuid(), .gid = getgid(),
		.atime = started, .mtime = started, .ctime = started,
	};
	int err = tops->stat ? tops->stat(&ts) : 0;

	(void)np;
	st->ino = 1;
	st->mode = ts.mode;
	st->nlink = 1;
	st->uid = ts.uid;
	st->gid = ts.gid;
	st->size = ts.size;
	st->blocks = (ts.size + 511) / 512;
	st->rdev = ts.rdev;
	st->atime = (struct netfs_time){ ts.atime.sec, ts.atime.nsec };
	st->mtime = (struct netfs_time){ ts.mtime.sec, ts.mtime.nsec };
	st->ctime = (struct netfs_time){ ts.ctime.sec, ts.ctime.nsec };
	return err;
}

static int t_setattr(struct netfs_node *np, const struct netfs_setattr *sa)
{
	(void)np;
	if (sa->mask & ~(uint32_t)(NETFS_SET_SIZE | NETFS_SET_ATIME |
				   NETFS_SET_MTIME))
		return EOPNOTSUPP;
	if (!(sa->mask & NETFS_SET_SIZE))
		return 0;	/* times: accepted, not kept (touch works) */
	if (tops->truncate)
		return tops->truncate(sa->size);
	/* a node nobody can write (hello) is read-only, so `echo x > node`
	 * says so, as its write does; a writable one just cannot be cut */
	return tops->write ? EOPNOTSUPP : EROFS;
}

static int t_open(struct netfs_node *np, const struct netfs_cred *c,
		  int oflags)
{
	struct trivfs_cred tc;

	(void)np;
	tc.nuids = c->nuids < TRIVFS_NIDS ? c->nuids : TRIVFS_NIDS;
	tc.ngids = c->ngids < TRIVFS_NIDS ? c->ngids : TRIVFS_NIDS;
	memcpy(tc.uids, c->uids, tc.nuids * sizeof tc.uids[0]);
	memcpy(tc.gids, c->gids, tc.ngids * sizeof tc.gids[0]);
	return tops->open(&tc, oflags);
}

static int t_read(struct netfs_node *np, uint64_t off, void *buf, size_t *len)
{
	(void)np;
	if (!tops->read) {
		*len = 0;
		return 0;
	}
	return tops->read(off, buf, len);
}

static int t_write(struct netfs_node *np, uint64_t off, const void *buf,
		   size_t *len)
{
	(void)np;
	return tops->write ? tops->write(off, buf, len) : EROFS;
}

static int t_get_options(struct netfs_argz *z)
{
	struct trivfs_argz tz = { 0 };
	int err = tops->get_options(&tz);

	z->buf = tz.buf;	/* same layout: hand the buffer over */
	z->len = tz.len;
	z->cap = tz.cap;
	return err;
}

static int t_goaway(int flags)
{
	return tops->goaway ? tops->goaway(flags) : 0;
}

int trivfs_argz_add(struct trivfs_argz *z, const char *arg)
{
	struct netfs_argz nz = { z->buf, z->len, z->cap };
	int err = netfs_argz_add(&nz, arg);

	z->buf = nz.buf;
	z->len = nz.len;
	z->cap = nz.cap;
	return err;
}

void trivfs_init(int *argc, char **argv)
{
	netfs_init(argc, argv);
}

int trivfs_serve(const struct trivfs_ops *ops)
{
	static struct netfs_ops nops;

	tops = ops;
	if (ops->name)
		tname = ops->name;
	netfs_now((struct netfs_time *)&started);
	nops.name = tname;
	/* a one-node translator makes its contents up at each read (zero
	 * is endless at size 0): sizes are no limit, nothing is cached */
	nops.flags = NETFS_DIRECT_IO |
		     ((ops->flags & TRIVFS_CONCURRENT) ? NETFS_CONCURRENT : 0);
	nops.open = ops->open ? t_open : NULL;
	nops.getattr = t_getattr;
	nops.setattr = t_setattr;
	nops.read = t_read;
	nops.write = t_write;
	nops.get_options = ops->get_options ? t_get_options : NULL;
	nops.set_options = ops->set_options;
	nops.goaway = t_goaway;
	netfs_node_init(&root);
	return netfs_serve(&nops, &root);
}

void trivfs_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "%s: ", tname);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

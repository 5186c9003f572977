/* ops.c: tarfs's libnetfs callbacks.  Permission checks are the
 * library's; these only change the tree and mark it for write-back. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "tarfs.h"

static void touch(struct tnode *n, int mtime)
{
	netfs_now(&n->ctime);
	if (mtime)
		n->mtime = n->ctime;
	tfs.dirty = 1;
}

static int t_lookup(struct netfs_node *dir, const char *name,
		    struct netfs_node **out)
{
	struct tnode *d = T(dir);
	struct tdirent *e;

	if (!strcmp(name, "..")) {
		*out = &(d->parent ? d->parent : tfs.root)->nn;
		return 0;
	}
	if (!(e = tree_find(d, name)))
		return ENOENT;
	*out = &e->node->nn;
	return 0;
}

static int t_getattr(struct netfs_node *np, struct netfs_stat *st)
{
	struct tnode *n = T(np);

	st->ino = n->ino;
	st->mode = n->mode;
	st->nlink = n->nlink;
	st->uid = n->uid;
	st->gid = n->gid;
	st->size = S_ISLNK(n->mode) ? strlen(n->link) : n->size;
	st->blocks = (st->size + 511) / 512;
	st->rdev = n->rdev;
	st->atime = n->atime;
	st->mtime = n->mtime;
	st->ctime = n->ctime;
	return 0;
}

static int t_setattr(struct netfs_node *np, const struct netfs_setattr *sa)
{
	struct tnode *n = T(np);
	int err;

	if (sa->mask & NETFS_SET_SIZE &&
	    (err = file_resize(n, sa->size)) != 0)
		return err;
	if (sa->mask & NETFS_SET_MODE)
		n->mode = (n->mode & S_IFMT) | (sa->mode & 07777);
	if (sa->mask & NETFS_SET_UID)
		n->uid = sa->uid, n->uname[0] = 0;	/* name no longer true */
	if (sa->mask & NETFS_SET_GID)
		n->gid = sa->gid, n->gname[0] = 0;
	touch(n, sa->mask & NETFS_SET_SIZE);
	if (sa->mask & NETFS_SET_ATIME)
		n->atime = sa->atime;
	if (sa->mask & NETFS_SET_MTIME)
		n->mtime = sa->mtime;
	return 0;
}

static int t_read(struct netfs_node *np, uint64_t off, void *buf, size_t *len)
{
	if (!S_ISREG(T(np)->mode))
		return EISDIR;
	return file_read(T(np), off, buf, len);
}

static int t_write(struct netfs_node *np, uint64_t off, const void *buf,
		   size_t *len)
{
	int err;

	if (!S_ISREG(T(np)->mode))
		return EISDIR;
	if ((err = file_write(T(np), off, buf, len)) == 0)
		touch(T(np), 1);
	return err;
}

static int t_readdir(struct netfs_node *dir, uint64_t start,
		     netfs_fill_fn fill, void *ctx)
{
	struct tnode *d = T(dir), *up = d->parent ? d->parent : tfs.root;

	if (start == 0 && fill(ctx, ".", d->ino, S_IFDIR, 1))
		return 0;
	if (start <= 1 && fill(ctx, "..", up->ino, S_IFDIR, 2))
		return 0;
	for (struct tdirent *e = d->first; e; e = e->next)
		if (e->cookie >= start &&
		    fill(ctx, e->name, e->node->ino, e->node->mode & S_IFMT,
			 e->cookie + 1))
			return 0;
	return 0;
}

/* Shared by create, mkdir, symlink, mknod. */
static int make(struct netfs_node *dir, const char *name, uint32_t mode,
		uint32_t uid, uint32_t gid, struct tnode **out)
{
	struct tnode *n;
	int err;

	if (tree_find(T(dir), name))
		return EEXIST;
	if (strlen(name) > 255)
		return ENAMETOOLONG;
	if (!(n = tree_new_node(mode, uid, gid)))
		return ENOMEM;
	n->inmem = 1;
	if ((err = tree_add(T(dir), name, n)) != 0) {
		tree_free_node(n);
		return err;
	}
	touch(T(dir), 1);
	*out = n;
	return 0;
}

static int t_create(struct netfs_node *dir, const char *name, uint32_t mode,
		    uint32_t uid, uint32_t gid, struct netfs_node **out)
{
	struct tnode *n;
	int err = make(dir, name, S_IFREG | (mode & 07777), uid, gid, &n);

	if (!err)
		*out = &n->nn;
	return err;
}

static int t_mkdir(struct netfs_node *dir, const char *name, uint32_t mode,
		   uint32_t uid, uint32_t gid, struct netfs_node **out)
{
	struct tnode *n;
	int err = make(dir, name, S_IFDIR | (mode & 07777), uid, gid, &n);

	if (!err)
		*out = &n->nn;
	return err;
}

static int t_symlink(struct netfs_node *dir, const char *name,
		     const char *target, uint32_t uid, uint32_t gid,
		     struct netfs_node **out)
{
	struct tnode *n;
	char *copy = strdup(target);
	int err = copy ? make(dir, name, S_IFLNK | 0777, uid, gid, &n) : ENOMEM;

	if (err) {
		free(copy);
		return err;
	}
	n->link = copy;
	*out = &n->nn;
	return 0;
}

static int t_mknod(struct netfs_node *dir, const char *name, uint32_t mode,
		   uint64_t rdev, uint32_t uid, uint32_t gid,
		   struct netfs_node **out)
{
	struct tnode *n;
	int err;

	if (!S_ISCHR(mode) && !S_ISBLK(mode) && !S_ISFIFO(mode))
		return EINVAL;
	if ((err = make(dir, name, mode, uid, gid, &n)) == 0) {
		n->rdev = rdev;
		*out = &n->nn;
	}
	return err;
}

static int t_link(struct netfs_node *dir, const char *name,
		  struct netfs_node *target)
{
	int err;

	if (S_ISDIR(T(target)->mode))
		return EPERM;
	if (tree_find(T(dir), name))
		return EEXIST;
	if ((err = tree_add(T(dir), name, T(target))) == 0) {
		touch(T(dir), 1);
		touch(T(target), 0);
	}
	return err;
}

static int t_unlink(struct netfs_node *dir, const char *name)
{
	struct tdirent *e = tree_find(T(dir), name);

	if (!e)
		return ENOENT;
	if (S_ISDIR(e->node->mode))
		return EISDIR;
	touch(e->node, 0);
	tree_unlink(e);
	touch(T(dir), 1);
	return 0;
}

static int t_rmdir(struct netfs_node *dir, const char *name)
{
	struct tdirent *e = tree_find(T(dir), name);

	if (!e)
		return ENOENT;
	if (!S_ISDIR(e->node->mode))
		return ENOTDIR;
	if (e->node->first)
		return ENOTEMPTY;
	tree_unlink(e);
	touch(T(dir), 1);
	return 0;
}

static int t_readlink(struct netfs_node *np, char *buf, size_t size,
		      size_t *len)
{
	struct tnode *n = T(np);
	size_t l;

	if (!S_ISLNK(n->mode))
		return EINVAL;
	l = strlen(n->link);
	*len = l < size ? l : size;
	memcpy(buf, n->link, *len);
	return 0;
}

int tarfs_rename(struct netfs_node *, const char *, struct netfs_node *,
		 const char *, int);
int tarfs_statfs(struct netfs_statfs *);
int tarfs_sync(struct netfs_node *);
int tarfs_get_options(struct netfs_argz *);
int tarfs_set_options(int, char **);
int tarfs_goaway(int);
void tarfs_drop(struct netfs_node *);

const struct netfs_ops tarfs_ops = {
	.name = "tarfs",
	.lookup = t_lookup,
	.getattr = t_getattr,
	.setattr = t_setattr,
	.read = t_read,
	.write = t_write,
	.readdir = t_readdir,
	.create = t_create,
	.mkdir = t_mkdir,
	.symlink = t_symlink,
	.mknod = t_mknod,
	.link = t_link,
	.unlink = t_unlink,
	.rmdir = t_rmdir,
	.rename = tarfs_rename,
	.readlink = t_readlink,
	.sync = tarfs_sync,
	.statfs = tarfs_statfs,
	.get_options = tarfs_get_options,
	.set_options = tarfs_set_options,
	.goaway = tarfs_goaway,
	.drop = tarfs_drop,
};

/* ns.c: the namespace callbacks -- lookup, making nodes, links and their
 * removal.  The library has already checked permissions and the sticky
 * rule; here are the errors only the tree knows, and the link counts:
 * a file counts its names, a directory its name, its "." and the ".." of
 * each subdirectory. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "ramfs.h"

#define RAMFS_LINK_MAX 65000u
#define RAMFS_SYMLINK_MAX 4095u

/* A directory that can still get entries: a removed one cannot. */
static int live_dir(struct ramfs_node *dir)
{
	if (!S_ISDIR(dir->mode))
		return ENOTDIR;
	return dir->nlink ? 0 : ENOENT;
}

static int check_name(const char *name)
{
	size_t len = strlen(name);

	if (len == 0)
		return ENOENT;
	if (len > RAMFS_NAME_MAX)
		return ENAMETOOLONG;
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return EEXIST;
	return strchr(name, '/') ? EINVAL : 0;
}

int ramfs_lookup(struct netfs_node *np, const char *name,
		 struct netfs_node **out)
{
	struct ramfs_node *dir = R(np);
	struct ramfs_dirent *de;
	int err;

	if ((err = live_dir(dir)) != 0)
		return err;
	if (!strcmp(name, "..")) {
		*out = &(dir->u.dir.parent ? dir->u.dir.parent : dir)->nn;
		return 0;
	}
	if (strlen(name) > RAMFS_NAME_MAX)
		return ENAMETOOLONG;
	if (!(de = ramfs_dir_find(dir, name)))
		return ENOENT;
	*out = &de->node->nn;
	return 0;
}

/* The common part of every way to make a node: check the name, allocate
 * the node, let init() give it its content, then name it. */
static int make(struct netfs_node *np, const char *name, uint32_t mode,
		uint32_t uid, uint32_t gid, const void *arg,
		int (*init)(struct ramfs_node *, struct ramfs_node *,
			    const void *), struct netfs_node **out)
{
	struct ramfs_node *dir = R(np), *n;
	int err;

	if ((err = live_dir(dir)) != 0 || (err = check_name(name)) != 0)
		return err;
	if (ramfs_dir_find(dir, name))
		return EEXIST;
	if (S_ISDIR(mode) && dir->nlink >= RAMFS_LINK_MAX)
		return EMLINK;
	if (!(n = ramfs_node_new(mode, uid, gid)))
		return ENOSPC;
	if ((init && (err = init(n, dir, arg)) != 0) ||
	    (err = ramfs_dir_add(dir, name, n)) != 0) {
		ramfs_node_free(n);
		return err;
	}
	n->nlink = 1;
	if (S_ISDIR(mode)) {
		n->nlink++;		/* its "." */
		dir->nlink++;		/* its ".." */
	}
	ramfs_touch(dir, 0, 1, 1);
	*out = &n->nn;
	return 0;
}

int ramfs_create(struct netfs_node *dir, const char *name, uint32_t mode,
		 uint32_t uid, uint32_t gid, struct netfs_node **out)
{
	mode = S_IFREG | (mode & 07777);
	return make(dir, name, mode, uid, gid, NULL, NULL, out);
}

static int init_dir(struct ramfs_node *n, struct ramfs_node *parent,
		    const void *arg)
{
	(void)arg;
	return ramfs_dir_init(n, parent);
}

int ramfs_mkdir(struct netfs_node *dir, const char *name, uint32_t mode,
		uint32_t uid, uint32_t gid, struct netfs_node **out)
{
	mode = S_IFDIR | (mode & 07777);
	return make(dir, name, mode, uid, gid, NULL, init_dir, out);
}

static int init_symlink(struct ramfs_node *n, struct ramfs_node *parent,
			const void *arg)
{
	size_t len = strlen(arg);

	(void)parent;
	if (len > RAMFS_SYMLINK_MAX)
		return ENAMETOOLONG;
	if (ramfs_charge(len + 1) != 0)
		return ENOSPC;
	if (!(n->u.target = strdup(arg))) {
		ramfs_release(len + 1);
		return ENOMEM;
	}
	n->size = len;
	return 0;
}

int ramfs_symlink(struct netfs_node *dir, const char *name,
		  const char *target, uint32_t uid, uint32_t gid,
		  struct netfs_node **out)
{
	return make(dir, name, S_IFLNK | 0777, uid, gid, target, init_symlink,
		    out);
}

static int init_special(struct ramfs_node *n, struct ramfs_node *parent,
			const void *arg)
{
	(void)parent;
	n->rdev = *(const uint64_t *)arg;
	return 0;
}

/* Device nodes, FIFOs and sockets only hold their attributes: opening
 * them is the client's business (a device's server, a pipe). */
int ramfs_mknod(struct netfs_node *dir, const char *name, uint32_t mode,
		uint64_t rdev, uint32_t uid, uint32_t gid,
		struct netfs_node **out)
{
	switch (mode & S_IFMT) {
	case S_IFREG:
		return ramfs_create(dir, name, mode, uid, gid, out);
	case S_IFCHR: case S_IFBLK:
		break;
	case S_IFIFO: case S_IFSOCK:
		rdev = 0;
		break;
	default:
		return EINVAL;
	}
	return make(dir, name, mode, uid, gid, &rdev, init_special, out);
}

int ramfs_link(struct netfs_node *np, const char *name,
	       struct netfs_node *target)
{
	struct ramfs_node *dir = R(np), *n = R(target);
	int err;

	if ((err = live_dir(dir)) != 0 || (err = check_name(name)) != 0)
		return err;
	if (S_ISDIR(n->mode))
		return EPERM;		/* no hard links to directories */
	if (n->nlink == 0)
		return ENOENT;		/* an unlinked file stays unlinked */
	if (n->nlink >= RAMFS_LINK_MAX)
		return EMLINK;
	if (ramfs_dir_find(dir, name))
		return EEXIST;
	if ((err = ramfs_dir_add(dir, name, n)) != 0)
		return err;
	n->nlink++;
	ramfs_touch(n, 0, 0, 1);
	ramfs_touch(dir, 0, 1, 1);
	return 0;
}

int ramfs_unlink(struct netfs_node *np, const char *name)
{
	struct ramfs_node *dir = R(np), *n;
	struct ramfs_dirent *de;

	if (!S_ISDIR(dir->mode))
		return ENOTDIR;
	if (!(de = ramfs_dir_find(dir, name)))
		return ENOENT;
	n = de->node;
	if (S_ISDIR(n->mode))
		return EISDIR;
	ramfs_dir_remove(dir, de);
	n->nlink--;
	ramfs_touch(n, 0, 0, 1);
	ramfs_touch(dir, 0, 1, 1);
	ramfs_node_unlinked(n);
	return 0;
}

int ramfs_rmdir(struct netfs_node *np, const char *name)
{
	struct ramfs_node *dir = R(np), *n;
	struct ramfs_dirent *de;

	if (!S_ISDIR(dir->mode))
		return ENOTDIR;
	if (!strcmp(name, "."))
		return EINVAL;
	if (!strcmp(name, ".."))
		return ENOTEMPTY;
	if (!(de = ramfs_dir_find(dir, name)))
		return ENOENT;
	n = de->node;
	if (!S_ISDIR(n->mode))
		return ENOTDIR;
	if (n->u.dir.count)
		return ENOTEMPTY;
	ramfs_dir_remove(dir, de);
	n->nlink = 0;			/* its name and its "." */
	n->u.dir.parent = NULL;
	dir->nlink--;			/* its ".." */
	ramfs_touch(n, 0, 0, 1);
	ramfs_touch(dir, 0, 1, 1);
	ramfs_node_unlinked(n);
	return 0;
}

int ramfs_readlink(struct netfs_node *np, char *buf, size_t size,
		   size_t *len)
{
	struct ramfs_node *n = R(np);

	if (!S_ISLNK(n->mode))
		return EINVAL;
	*len = n->size < size ? n->size : size;
	memcpy(buf, n->u.target, *len);
	ramfs_touch(n, 1, 0, 0);
	return 0;
}

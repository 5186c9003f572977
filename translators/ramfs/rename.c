/* rename.c: POSIX rename, the one namespace change that touches two
 * directories.  Every check comes before the first change, and the only
 * step that can fail for lack of memory (naming the node in its new
 * directory) comes before anything is removed, so a failed rename leaves
 * the tree as it was. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include "ramfs.h"

static int dot_or_dotdot(const char *name)
{
	return !strcmp(name, ".") || !strcmp(name, "..");
}

/* 1 if dir is n or lies below it: n would become its own ancestor. */
static int is_within(struct ramfs_node *dir, struct ramfs_node *n)
{
	for (struct ramfs_node *p = dir; p; p = p->u.dir.parent) {
		if (p == n)
			return 1;
		if (p == ramfs.root)
			break;
	}
	return 0;
}

/* What replacing `old` by `n` would break: the POSIX errors. */
static int check_replace(struct ramfs_node *n, struct ramfs_node *old)
{
	if (S_ISDIR(n->mode) && !S_ISDIR(old->mode))
		return ENOTDIR;
	if (!S_ISDIR(n->mode) && S_ISDIR(old->mode))
		return EISDIR;
	if (S_ISDIR(old->mode) && old->u.dir.count)
		return ENOTEMPTY;
	return 0;
}

/* The replaced node loses a name (a directory: its name and its "."). */
static void forget_replaced(struct ramfs_node *to, struct ramfs_node *old)
{
	if (S_ISDIR(old->mode)) {
		old->nlink = 0;
		old->u.dir.parent = NULL;
		to->nlink--;		/* its ".." */
	} else
		old->nlink--;
	ramfs_touch(old, 0, 0, 1);
	ramfs_node_unlinked(old);
}

int ramfs_rename(struct netfs_node *fromdir, const char *fromname,
		 struct netfs_node *todir, const char *toname, int noreplace)
{
	struct ramfs_node *from = R(fromdir), *to = R(todir), *n, *old = NULL;
	struct ramfs_dirent *src, *dst;
	int err;

	if (!S_ISDIR(from->mode) || !S_ISDIR(to->mode))
		return ENOTDIR;
	if (dot_or_dotdot(fromname) || dot_or_dotdot(toname))
		return EINVAL;
	if (strlen(toname) > RAMFS_NAME_MAX)
		return ENAMETOOLONG;
	if (!(src = ramfs_dir_find(from, fromname)))
		return ENOENT;
	if (to->nlink == 0)
		return ENOENT;		/* the target directory was removed */
	n = src->node;
	if ((dst = ramfs_dir_find(to, toname))) {
		old = dst->node;
		if (old == n)
			return 0;	/* two names of one file: no-op */
		if (noreplace)
			return EEXIST;
	}
	if (S_ISDIR(n->mode) && is_within(to, n))
		return EINVAL;
	if (old && (err = check_replace(n, old)) != 0)
		return err;

	/* Name n at its new place: reuse the entry of a replaced node (no
	 * allocation, so this cannot fail), else add one. */
	if (dst)
		dst->node = n;
	else if ((err = ramfs_dir_add(to, toname, n)) != 0)
		return err;
	ramfs_dir_remove(from, src);
	if (S_ISDIR(n->mode) && from != to) {
		from->nlink--;
		to->nlink++;
		n->u.dir.parent = to;
	}
	if (old)
		forget_replaced(to, old);
	ramfs_touch(n, 0, 0, 1);
	ramfs_touch(from, 0, 1, 1);
	ramfs_touch(to, 0, 1, 1);
	return 0;
}

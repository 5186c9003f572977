/* node.c: ramfs nodes -- their life, their attributes, and the size limit
 * every allocation is charged against. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "ramfs.h"

struct ramfs ramfs = { .next_ino = 1 };

/* Reserve bytes of the limit before allocating them.  The check is done in
 * a way that cannot overflow, whatever the request. */
int ramfs_charge(uint64_t bytes)
{
	if (bytes > ramfs.limit || ramfs.used > ramfs.limit - bytes)
		return ENOSPC;
	ramfs.used += bytes;
	return 0;
}

void ramfs_release(uint64_t bytes)
{
	ramfs.used = bytes > ramfs.used ? 0 : ramfs.used - bytes;
}

void ramfs_touch(struct ramfs_node *n, int atime, int mtime, int ctime)
{
	struct netfs_time now;

	netfs_now(&now);
	if (atime)
		n->atime = now;
	if (mtime)
		n->mtime = now;
	if (ctime)
		n->ctime = now;
}

/* A new node, not yet named anywhere (nlink 0: the caller links it). */
struct ramfs_node *ramfs_node_new(uint32_t mode, uint32_t uid, uint32_t gid)
{
	struct ramfs_node *n;

	if (ramfs_charge(RAMFS_NODE_COST) != 0)
		return NULL;
	if (!(n = calloc(1, sizeof *n))) {
		ramfs_release(RAMFS_NODE_COST);
		return NULL;
	}
	netfs_node_init(&n->nn);
	n->ino = ramfs.next_ino++;
	n->mode = mode;
	n->uid = uid;
	n->gid = gid;
	ramfs_touch(n, 1, 1, 1);
	ramfs.nodes++;
	return n;
}

void ramfs_node_free(struct ramfs_node *n)
{
	if (S_ISREG(n->mode))
		ramfs_file_free(n);
	else if (S_ISDIR(n->mode))
		ramfs_dir_free(n);
	else if (S_ISLNK(n->mode) && n->u.target) {
		ramfs_release(strlen(n->u.target) + 1);
		free(n->u.target);
	}
	ramfs_release(n->translen);
	free(n->trans);
	ramfs_release(RAMFS_NODE_COST);
	ramfs.nodes--;
	free(n);
}

/* The last name of n is gone.  Clients may still hold it open (read an
 * unlinked file, sit in a removed directory): then drop() frees it later. */
void ramfs_node_unlinked(struct ramfs_node *n)
{
	if (n->nlink == 0 && !netfs_node_busy(&n->nn) && n != ramfs.root)
		ramfs_node_free(n);
}

void ramfs_drop(struct netfs_node *np)
{
	ramfs_node_unlinked(R(np));
}

int ramfs_getattr(struct netfs_node *np, struct netfs_stat *st)
{
	struct ramfs_node *n = R(np);

	st->ino = n->ino;
	st->mode = n->mode;
	st->nlink = n->nlink;
	st->uid = n->uid;
	st->gid = n->gid;
	st->size = n->size;
	st->blocks = S_ISREG(n->mode) ? n->u.file.npages * (RAMFS_PAGE / 512)
				      : 0;
	st->blksize = RAMFS_PAGE;
	st->rdev = n->rdev;
	st->atime = n->atime;
	st->mtime = n->mtime;
	st->ctime = n->ctime;
	return 0;
}

/* The library has checked who may change what; we apply it.  The size is
 * done first because only it can fail, so a failed call changes nothing. */
int ramfs_setattr(struct netfs_node *np, const struct netfs_setattr *sa)
{
	struct ramfs_node *n = R(np);
	int err;

	if (sa->mask & NETFS_SET_SIZE) {
		if (S_ISDIR(n->mode))
			return EISDIR;
		if (!S_ISREG(n->mode))
			return EINVAL;
		if ((err = ramfs_file_truncate(n, sa->size)) != 0)
			return err;
		ramfs_touch(n, 0, 1, 0);	/* truncate changes mtime */
	}
	if (sa->mask & NETFS_SET_MODE)
		n->mode = (n->mode & S_IFMT) | (sa->mode & 07777);
	if (sa->mask & NETFS_SET_UID)
		n->uid = sa->uid;
	if (sa->mask & NETFS_SET_GID)
		n->gid = sa->gid;
	if (sa->mask & NETFS_SET_ATIME)
		n->atime = sa->atime;
	if (sa->mask & NETFS_SET_MTIME)
		n->mtime = sa->mtime;
	ramfs_touch(n, 0, 0, 1);
	return 0;
}

int ramfs_get_translator(struct netfs_node *np, char *buf, size_t size,
			 size_t *len)
{
	struct ramfs_node *n = R(np);

	if (n->translen > size)
		return ERANGE;
	memcpy(buf, n->trans, n->translen);
	*len = n->translen;
	return 0;
}

/* The record is stored as given (argz: NUL-separated words); the library
 * has checked that the client owns the node. */
int ramfs_set_translator(struct netfs_node *np, const char *argz, size_t len)
{
	struct ramfs_node *n = R(np);
	char *copy = NULL;

	if (len > 0) {
		if (ramfs_charge(len) != 0)
			return ENOSPC;
		if (!(copy = malloc(len))) {
			ramfs_release(len);
			return ENOMEM;
		}
		memcpy(copy, argz, len);
	}
	ramfs_release(n->translen);
	free(n->trans);
	n->trans = copy;
	n->translen = len;
	ramfs_touch(n, 0, 0, 1);
	return 0;
}

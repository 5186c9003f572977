/* tree.c: nodes and directory entries of tarfs, with one hash table of
 * entries keyed by (directory, name) so that lookups stay O(1) however
 * large a directory is. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "tarfs.h"

static struct tdirent **table;
static size_t tsize, tcount;

static size_t hash(const struct tnode *dir, const char *name)
{
	uint64_t h = (uintptr_t)dir * 0x9e3779b97f4a7c15ull;

	while (*name)
		h = (h ^ (unsigned char)*name++) * 0x100000001b3ull;
	return (size_t)(h ^ (h >> 29)) & (tsize - 1);
}

int tree_init(void)
{
	tsize = 1024;
	table = calloc(tsize, sizeof *table);
	return table ? 0 : ENOMEM;
}

static void grow(void)
{
	struct tdirent **old = table;
	size_t osize = tsize;

	table = calloc(osize * 2, sizeof *table);
	if (!table) {		/* keep the old one: only slower */
		table = old;
		return;
	}
	tsize = osize * 2;
	for (size_t i = 0; i < osize; i++)
		for (struct tdirent *d = old[i], *nx; d; d = nx) {
			size_t h = hash(d->dir, d->name);
			nx = d->hnext;
			d->hnext = table[h];
			table[h] = d;
		}
	free(old);
}

struct tnode *tree_new_node(uint32_t mode, uint32_t uid, uint32_t gid)
{
	struct tnode *n = calloc(1, sizeof *n);

	if (!n)
		return NULL;
	netfs_node_init(&n->nn);
	n->ino = tfs.next_ino++;
	n->mode = mode;
	n->uid = uid;
	n->gid = gid;
	n->nlink = S_ISDIR(mode) ? 2 : 0;	/* names add to it */
	n->seq = 2;				/* 0 ".", 1 ".." */
	netfs_now(&n->mtime);
	n->atime = n->ctime = n->mtime;
	tfs.nfiles++;
	return n;
}

void tree_free_node(struct tnode *n)
{
	free(n->mem);
	free(n->link);
	free(n->save_path);
	free(n);
	tfs.nfiles--;
}

struct tdirent *tree_find(struct tnode *dir, const char *name)
{
	if (!tsize)
		return NULL;
	for (struct tdirent *d = table[hash(dir, name)]; d; d = d->hnext)
		if (d->dir == dir && !strcmp(d->name, name))
			return d;
	return NULL;
}

/* Adds a name for n in dir (the caller checked it is free). */
int tree_add(struct tnode *dir, const char *name, struct tnode *n)
{
	struct tdirent *d = calloc(1, sizeof *d);
	size_t h;

	if (!d || !(d->name = strdup(name))) {
		free(d);
		return ENOMEM;
	}
	if (tcount + 1 > tsize)
		grow();
	d->dir = dir;
	d->node = n;
	d->cookie = dir->seq++;
	d->prev = dir->last;
	if (dir->last)
		dir->last->next = d;
	else
		dir->first = d;
	dir->last = d;
	h = hash(dir, name);
	d->hnext = table[h];
	table[h] = d;
	tcount++;
	if (S_ISDIR(n->mode)) {
		n->parent = dir;
		dir->nlink++;
	} else
		n->nlink++;
	return 0;
}

/* Takes the entry out of its directory and the table; frees only it. */
void tree_remove(struct tdirent *d)
{
	struct tdirent **p = &table[hash(d->dir, d->name)];

	while (*p != d)
		p = &(*p)->hnext;
	*p = d->hnext;
	if (d->prev)
		d->prev->next = d->next;
	else
		d->dir->first = d->next;
	if (d->next)
		d->next->prev = d->prev;
	else
		d->dir->last = d->prev;
	if (S_ISDIR(d->node->mode))
		d->dir->nlink--;
	tcount--;
	free(d->name);
	free(d);
}

/* Removes a name and the link it held; a node with no name left and no
 * client holding it is freed now (else when the library drops it). */
void tree_unlink(struct tdirent *d)
{
	struct tnode *n = d->node;

	tree_remove(d);
	if (S_ISDIR(n->mode))
		n->nlink = 0;
	else if (n->nlink)
		n->nlink--;
	if (n->nlink == 0 && !netfs_node_busy(&n->nn))
		tree_free_node(n);
}

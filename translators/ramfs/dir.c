/* dir.c: the entries of a directory.
 *
 * Names are found through a hash table (chains, doubled when fuller than
 * one entry a bucket), so lookup stays constant-time in big directories.
 * For readdir each entry also has a position, increasing in creation
 * order, kept in a sorted array of slots: a readdir cookie is a position,
 * found again by binary search, and stays valid when entries are added or
 * removed between two calls -- every entry present throughout is listed
 * exactly once.  Link counts are not touched here (see ns.c). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "ramfs.h"

#define DIRENT_SIZE 32		/* reported st_size per entry, as tmpfs does */

static uint32_t hash_name(const char *s)
{
	uint32_t h = 2166136261u;	/* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

int ramfs_dir_init(struct ramfs_node *dir, struct ramfs_node *parent)
{
	struct ramfs_dir *d = &dir->u.dir;

	memset(d, 0, sizeof *d);
	d->parent = parent;
	d->nextpos = 2;			/* 0 is ".", 1 is ".." */
	dir->size = 2 * DIRENT_SIZE;
	return 0;
}

struct ramfs_dirent *ramfs_dir_find(struct ramfs_node *dir, const char *name)
{
	struct ramfs_dir *d = &dir->u.dir;
	struct ramfs_dirent *de;

	if (!d->nbuckets)
		return NULL;
	for (de = d->hash[hash_name(name) % d->nbuckets]; de; de = de->hnext)
		if (!strcmp(de->name, name))
			return de;
	return NULL;
}

static int grow_hash(struct ramfs_dir *d)
{
	size_t nb = d->nbuckets ? d->nbuckets * 2 : 8;
	struct ramfs_dirent **h = calloc(nb, sizeof *h), *de, *next;

	if (!h)
		return ENOMEM;
	for (size_t i = 0; i < d->nbuckets; i++)
		for (de = d->hash[i]; de; de = next) {
			next = de->hnext;
			de->hnext = h[hash_name(de->name) % nb];
			h[hash_name(de->name) % nb] = de;
		}
	free(d->hash);
	d->hash = h;
	d->nbuckets = nb;
	return 0;
}

/* Drops the slots of removed entries; positions (cookies) do not change. */
static void compact(struct ramfs_dir *d)
{
	size_t out = 0;

	for (size_t i = 0; i < d->nslots; i++)
		if (d->slots[i].de)
			d->slots[out++] = d->slots[i];
	d->nslots = out;
}

static int room_for_slot(struct ramfs_dir *d)
{
	struct ramfs_slot *s;
	size_t cap;

	if (d->nslots < d->slotcap)
		return 0;
	if (d->count < d->nslots / 2) {
		compact(d);
		return 0;
	}
	cap = d->slotcap ? d->slotcap * 2 : 8;
	if (!(s = realloc(d->slots, cap * sizeof *s)))
		return ENOMEM;
	d->slots = s;
	d->slotcap = cap;
	return 0;
}

/* Adds name -> n.  The caller has checked that name is new and valid. */
int ramfs_dir_add(struct ramfs_node *dir, const char *name,
		  struct ramfs_node *n)
{
	struct ramfs_dir *d = &dir->u.dir;
	size_t len = strlen(name);
	struct ramfs_dirent *de;
	uint32_t b;
	int err;

	if ((err = ramfs_charge(RAMFS_NAME_COST(len))) != 0)
		return err;
	err = ENOMEM;
	if ((d->count >= d->nbuckets && grow_hash(d) != 0) ||
	    room_for_slot(d) != 0 || !(de = malloc(sizeof *de + len + 1))) {
		ramfs_release(RAMFS_NAME_COST(len));
		return err;
	}
	memcpy(de->name, name, len + 1);
	de->node = n;
	de->pos = d->nextpos++;
	b = hash_name(name) % d->nbuckets;
	de->hnext = d->hash[b];
	d->hash[b] = de;
	d->slots[d->nslots].pos = de->pos;
	d->slots[d->nslots++].de = de;
	d->count++;
	dir->size = (d->count + 2) * DIRENT_SIZE;
	return 0;
}

/* Index of the first slot whose position is >= pos. */
static size_t slot_at(const struct ramfs_dir *d, uint64_t pos)
{
	size_t lo = 0, hi = d->nslots;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->slots[mid].pos < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void ramfs_dir_remove(struct ramfs_node *dir, struct ramfs_dirent *de)
{
	struct ramfs_dir *d = &dir->u.dir;
	struct ramfs_dirent **pp = &d->hash[hash_name(de->name) % d->nbuckets];
	size_t i = slot_at(d, de->pos);

	while (*pp != de)
		pp = &(*pp)->hnext;
	*pp = de->hnext;
	if (i < d->nslots && d->slots[i].de == de)
		d->slots[i].de = NULL;
	d->count--;
	dir->size = (d->count + 2) * DIRENT_SIZE;
	ramfs_release(RAMFS_NAME_COST(strlen(de->name)));
	free(de);
}

void ramfs_dir_free(struct ramfs_node *dir)
{
	struct ramfs_dir *d = &dir->u.dir;

	for (size_t i = 0; i < d->nslots; i++)
		if (d->slots[i].de) {
			ramfs_release(RAMFS_NAME_COST(strlen(d->slots[i].de->name)));
			free(d->slots[i].de);
		}
	free(d->slots);
	free(d->hash);
	memset(d, 0, sizeof *d);
}

static uint32_t type_of(const struct ramfs_node *n)
{
	return n->mode & S_IFMT;
}

int ramfs_readdir(struct netfs_node *np, uint64_t start, netfs_fill_fn fill,
		  void *ctx)
{
	struct ramfs_node *dir = R(np);
	struct ramfs_dir *d = &dir->u.dir;
	struct ramfs_node *up = d->parent ? d->parent : dir;

	if (!S_ISDIR(dir->mode))
		return ENOTDIR;
	ramfs_touch(dir, 1, 0, 0);
	if (start == 0 && fill(ctx, ".", dir->ino, S_IFDIR, 1))
		return 0;
	if (start <= 1 && fill(ctx, "..", up->ino, S_IFDIR, 2))
		return 0;
	for (size_t i = slot_at(d, start); i < d->nslots; i++) {
		struct ramfs_dirent *de = d->slots[i].de;
		if (de && fill(ctx, de->name, de->node->ino, type_of(de->node),
			       de->pos + 1))
			break;
	}
	return 0;
}

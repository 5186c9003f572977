/* tarfs.h: the tarfs translator's tree.  A node is a member of the
 * archive; regular files keep only where their bytes lie in the archive
 * until someone writes them, then a private copy in memory.  Names are
 * directory entries (several for hard links) found through one hash
 * table keyed by (directory, name). */
#ifndef TARFS_H
#define TARFS_H

#include <stdint.h>
#include "netfs.h"
#include "tar.h"

struct tnode {
	struct netfs_node nn;	/* first: the library's header */
	uint64_t ino;
	uint32_t mode, nlink, uid, gid;
	uint64_t rdev;
	struct netfs_time atime, mtime, ctime;
	char uname[33], gname[33];

	uint64_t size;		/* regular files */
	uint64_t off;		/* content offset in the source, if !mem */
	char *mem;		/* private copy after a change */
	uint64_t cap;
	int inmem;

	char *link;		/* symlink target */

	struct tdirent *first, *last;	/* directories: entries in order */
	uint64_t seq;			/* next readdir cookie */
	struct tnode *parent;		/* directories: the one parent */

	uint64_t save_gen;	/* write-back: written in this pass at */
	char *save_path;	/* ... this path (for hard links) */
	uint64_t save_off;	/* ... with content at this offset */
};

struct tdirent {
	struct tnode *dir, *node;
	char *name;
	uint64_t cookie;
	struct tdirent *prev, *next;	/* in dir's list */
	struct tdirent *hnext;		/* hash chain */
};

struct tarfs {
	const char *archive;	/* absolute path */
	int gz;			/* write back compressed */
	int readonly;
	int damaged;		/* errors while loading: refuse write-back */
	int dirty;		/* changed since the last write-back */
	int srcfd;		/* uncompressed archive, read on demand */
	struct tar_src src;
	uint64_t next_ino;
	uint64_t nfiles;
	struct tnode *root;
};

extern struct tarfs tfs;
extern const struct netfs_ops tarfs_ops;

static inline struct tnode *T(struct netfs_node *np)
{
	return (struct tnode *)np;
}

/* tree.c */
struct tnode *tree_new_node(uint32_t mode, uint32_t uid, uint32_t gid);
void tree_free_node(struct tnode *n);
struct tdirent *tree_find(struct tnode *dir, const char *name);
int tree_add(struct tnode *dir, const char *name, struct tnode *n);
void tree_remove(struct tdirent *d);
void tree_unlink(struct tdirent *d);	/* remove, drop a link, maybe free */
int tree_init(void);

/* load.c, save.c */
int tarfs_load(int create);
int tarfs_save(void);
int tarfs_src_read(void *ctx, uint64_t off, void *buf, size_t len);
int tarfs_scratch(void);

/* file.c: contents */
int file_read(struct tnode *n, uint64_t off, void *buf, size_t *len);
int file_write(struct tnode *n, uint64_t off, const void *buf, size_t *len);
int file_resize(struct tnode *n, uint64_t size);

#endif

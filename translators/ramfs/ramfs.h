/* ramfs.h: /hurd/ramfs, a POSIX filesystem kept in memory.
 *
 * Each file, directory, symlink, device node or FIFO is a struct ramfs_node
 * that embeds libnetfs's node header.  Files keep their data in 4 KiB pages
 * found through a radix tree (holes are absent pages); directories index
 * their entries by a hash of the name and keep them in creation order for
 * readdir.  Every allocation the limit should see goes through
 * ramfs_charge(), so the filesystem says ENOSPC at --size instead of running
 * the machine out of memory. */
#ifndef RAMFS_H
#define RAMFS_H

#include <stddef.h>
#include <stdint.h>
#include "netfs.h"

#define RAMFS_PAGE 4096u
#define RAMFS_NAME_MAX 255
#define RAMFS_MAX_FILE (UINT64_C(1) << 43)	/* 8 TiB: EFBIG beyond */

/* What a node and a name cost against the size limit (approximately what
 * they take in memory), so that empty files cannot exhaust it for free. */
#define RAMFS_NODE_COST 256u
#define RAMFS_NAME_COST(len) (64u + (len))

struct ramfs_dirent {
	struct ramfs_dirent *hnext;	/* hash chain */
	struct ramfs_node *node;
	uint64_t pos;			/* readdir cookie, increasing */
	char name[];
};

/* One slot per entry in creation order; removed entries leave a NULL
 * until the array is compacted, so cookies stay valid meanwhile. */
struct ramfs_slot {
	uint64_t pos;
	struct ramfs_dirent *de;
};

struct ramfs_dir {
	struct ramfs_node *parent;	/* NULL once removed */
	struct ramfs_dirent **hash;
	size_t nbuckets, count;		/* count: live entries */
	struct ramfs_slot *slots;
	size_t nslots, slotcap;
	uint64_t nextpos;
};

struct ramfs_file {
	void *root;			/* radix tree of pages */
	unsigned height;		/* levels: 0 means no tree */
	uint64_t npages;		/* allocated pages */
};

struct ramfs_node {
	struct netfs_node nn;		/* first: netfs casts to us */
	uint64_t ino;
	uint32_t mode, nlink, uid, gid;
	uint64_t size, rdev;
	struct netfs_time atime, mtime, ctime;
	char *trans;			/* passive translator record (argz) */
	size_t translen;
	union {
		struct ramfs_file file;
		struct ramfs_dir dir;
		char *target;		/* symlink */
	} u;
};

#define R(np) ((struct ramfs_node *)(np))

/* the whole filesystem */
struct ramfs {
	struct ramfs_node *root;
	uint64_t limit, used;		/* bytes */
	uint64_t nodes, next_ino;
};
extern struct ramfs ramfs;

/* node.c: nodes, attributes, the size limit */
int ramfs_charge(uint64_t bytes);
void ramfs_release(uint64_t bytes);
struct ramfs_node *ramfs_node_new(uint32_t mode, uint32_t uid, uint32_t gid);
void ramfs_node_free(struct ramfs_node *n);
void ramfs_node_unlinked(struct ramfs_node *n);
void ramfs_touch(struct ramfs_node *n, int atime, int mtime, int ctime);
int ramfs_getattr(struct netfs_node *np, struct netfs_stat *st);
int ramfs_setattr(struct netfs_node *np, const struct netfs_setattr *sa);
void ramfs_drop(struct netfs_node *np);
int ramfs_get_translator(struct netfs_node *np, char *buf, size_t size,
			 size_t *len);
int ramfs_set_translator(struct netfs_node *np, const char *argz, size_t len);

/* file.c: page storage of regular files */
int ramfs_read(struct netfs_node *np, uint64_t off, void *buf, size_t *len);
int ramfs_write(struct netfs_node *np, uint64_t off, const void *buf,
		size_t *len);
int ramfs_file_truncate(struct ramfs_node *n, uint64_t size);
void ramfs_file_free(struct ramfs_node *n);

/* dir.c: the entries of one directory */
int ramfs_dir_init(struct ramfs_node *dir, struct ramfs_node *parent);
void ramfs_dir_free(struct ramfs_node *dir);
struct ramfs_dirent *ramfs_dir_find(struct ramfs_node *dir, const char *name);
int ramfs_dir_add(struct ramfs_node *dir, const char *name,
		  struct ramfs_node *n);
void ramfs_dir_remove(struct ramfs_node *dir, struct ramfs_dirent *de);
int ramfs_readdir(struct netfs_node *np, uint64_t start, netfs_fill_fn fill,
		  void *ctx);

/* ns.c: namespace callbacks (lookup, create, link, unlink, rename...) */
int ramfs_lookup(struct netfs_node *dir, const char *name,
		 struct netfs_node **out);
int ramfs_create(struct netfs_node *dir, const char *name, uint32_t mode,
		 uint32_t uid, uint32_t gid, struct netfs_node **out);
int ramfs_mkdir(struct netfs_node *dir, const char *name, uint32_t mode,
		uint32_t uid, uint32_t gid, struct netfs_node **out);
int ramfs_symlink(struct netfs_node *dir, const char *name,
		  const char *target, uint32_t uid, uint32_t gid,
		  struct netfs_node **out);
int ramfs_mknod(struct netfs_node *dir, const char *name, uint32_t mode,
		uint64_t rdev, uint32_t uid, uint32_t gid,
		struct netfs_node **out);
int ramfs_link(struct netfs_node *dir, const char *name,
	       struct netfs_node *target);
int ramfs_unlink(struct netfs_node *dir, const char *name);
int ramfs_rmdir(struct netfs_node *dir, const char *name);
int ramfs_readlink(struct netfs_node *np, char *buf, size_t size,
		   size_t *len);

/* rename.c */
int ramfs_rename(struct netfs_node *fromdir, const char *fromname,
		 struct netfs_node *todir, const char *toname, int noreplace);

#endif

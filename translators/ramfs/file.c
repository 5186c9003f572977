/* file.c: the data of regular files, in 4 KiB pages.
 *
 * Pages hang off a radix tree (512 slots a level, grown in height as the
 * file grows), so a write costs at most a page and a few tree nodes, never
 * a copy of the file, and a hole is simply a missing page that reads as
 * zeros and costs nothing.  Invariant: the bytes of the last page past the
 * end of file are zero, so extending with truncate needs no work. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "ramfs.h"

#define BITS 9
#define FANOUT (1u << BITS)
#define TREE_COST (FANOUT * sizeof(void *))

/* pages a subtree of `level` levels covers: 512^level */
static uint64_t span(unsigned level)
{
	return level >= 7 ? UINT64_MAX : UINT64_C(1) << (BITS * level);
}

static void **tree_new(void)
{
	void **t;

	if (ramfs_charge(TREE_COST) != 0)
		return NULL;
	if (!(t = calloc(FANOUT, sizeof *t)))
		ramfs_release(TREE_COST);
	return t;
}

/* Frees a subtree of `level` levels (level 0: one page). */
static void free_tree(struct ramfs_file *f, void *t, unsigned level)
{
	if (!t)
		return;
	if (level == 0) {
		free(t);
		f->npages--;
		ramfs_release(RAMFS_PAGE);
		return;
	}
	for (unsigned i = 0; i < FANOUT; i++)
		free_tree(f, ((void **)t)[i], level - 1);
	free(t);
	ramfs_release(TREE_COST);
}

/* The slot holding page idx, or NULL if a tree node on the way is missing
 * and create is 0 (a hole).  With create, missing tree nodes are added,
 * and NULL means ENOSPC. */
static void **page_slot(struct ramfs_file *f, uint64_t idx, int create)
{
	void **t;

	/* grow (at least one level): the old root becomes the leftmost child */
	while (f->height == 0 || idx >= span(f->height)) {
		if (!create)
			return NULL;
		if (f->root) {
			void **up = tree_new();
			if (!up)
				return NULL;
			up[0] = f->root;
			f->root = up;
		}
		f->height++;
	}
	if (!f->root && !(create && (f->root = tree_new())))
		return NULL;
	t = f->root;
	for (unsigned level = f->height; level > 1; level--) {
		void **slot = &t[(idx / span(level - 1)) % FANOUT];
		if (!*slot && !(create && (*slot = tree_new())))
			return NULL;
		t = *slot;
	}
	return &t[idx % FANOUT];
}

static char *page_get(struct ramfs_file *f, uint64_t idx)
{
	void **slot = page_slot(f, idx, 0);

	return slot ? *slot : NULL;
}

/* The page idx, allocated (zeroed) if it was a hole; NULL: ENOSPC. */
static char *page_make(struct ramfs_file *f, uint64_t idx)
{
	void **slot = page_slot(f, idx, 1);

	if (!slot)
		return NULL;
	if (!*slot) {
		if (ramfs_charge(RAMFS_PAGE) != 0)
			return NULL;
		if (!(*slot = calloc(1, RAMFS_PAGE))) {
			ramfs_release(RAMFS_PAGE);
			return NULL;
		}
		f->npages++;
	}
	return *slot;
}

int ramfs_read(struct netfs_node *np, uint64_t off, void *buf, size_t *len)
{
	struct ramfs_node *n = R(np);
	size_t done = 0;

	if (!S_ISREG(n->mode))
		return S_ISDIR(n->mode) ? EISDIR : EINVAL;
	if (off >= n->size)
		*len = 0;
	else if (*len > n->size - off)
		*len = n->size - off;
	while (done < *len) {
		uint64_t at = off + done;
		size_t in = at % RAMFS_PAGE, k = RAMFS_PAGE - in;
		char *page = page_get(&n->u.file, at / RAMFS_PAGE);

		if (k > *len - done)
			k = *len - done;
		if (page)
			memcpy((char *)buf + done, page + in, k);
		else
			memset((char *)buf + done, 0, k);	/* a hole */
		done += k;
	}
	ramfs_touch(n, 1, 0, 0);
	return 0;
}

/* Writes what fits: a write cut short by the size limit reports the bytes
 * it stored (as POSIX asks), and ENOSPC only if it stored none. */
int ramfs_write(struct netfs_node *np, uint64_t off, const void *buf,
		size_t *len)
{
	struct ramfs_node *n = R(np);
	size_t done = 0;

	if (!S_ISREG(n->mode))
		return S_ISDIR(n->mode) ? EISDIR : EINVAL;
	if (*len == 0)
		return 0;	/* POSIX: "no other results" (no size, no mtime) */
	if (off == NETFS_APPEND)
		off = n->size;		/* atomic: callbacks do not overlap */
	if (off >= RAMFS_MAX_FILE)
		return *len ? EFBIG : 0;
	if (*len > RAMFS_MAX_FILE - off)
		*len = RAMFS_MAX_FILE - off;
	while (done < *len) {
		uint64_t at = off + done;
		size_t in = at % RAMFS_PAGE, k = RAMFS_PAGE - in;
		char *page = page_make(&n->u.file, at / RAMFS_PAGE);

		if (!page)
			break;
		if (k > *len - done)
			k = *len - done;
		memcpy(page + in, (const char *)buf + done, k);
		done += k;
	}
	if (done == 0 && *len > 0)
		return ENOSPC;
	*len = done;
	if (off + done > n->size)
		n->size = off + done;
	ramfs_touch(n, 0, 1, 1);
	return 0;
}

/* Frees the pages from index `first` on in a subtree covering pages
 * [base, base + span(level)). */
static void trim(struct ramfs_file *f, void **t, unsigned level,
		 uint64_t base, uint64_t first)
{
	uint64_t s = span(level - 1);

	for (unsigned i = 0; i < FANOUT; i++) {
		uint64_t b = base + i * s;
		if (b >= first) {
			free_tree(f, t[i], level - 1);
			t[i] = NULL;
		} else if (t[i] && level > 1 && first < b + s)
			trim(f, t[i], level - 1, b, first);
	}
}

int ramfs_file_truncate(struct ramfs_node *n, uint64_t size)
{
	struct ramfs_file *f = &n->u.file;
	uint64_t first = (size + RAMFS_PAGE - 1) / RAMFS_PAGE;
	char *last;

	if (size > RAMFS_MAX_FILE)
		return EFBIG;
	if (size < n->size) {
		if (first == 0) {
			free_tree(f, f->root, f->height);
			f->root = NULL;
			f->height = 0;
		} else if (f->root)
			trim(f, f->root, f->height, 0, first);
		/* keep the invariant: zeros past the end of the last page */
		if (size % RAMFS_PAGE && (last = page_get(f, size / RAMFS_PAGE)))
			memset(last + size % RAMFS_PAGE, 0,
			       RAMFS_PAGE - size % RAMFS_PAGE);
	}
	n->size = size;
	return 0;
}

void ramfs_file_free(struct ramfs_node *n)
{
	struct ramfs_file *f = &n->u.file;

	free_tree(f, f->root, f->height);
	f->root = NULL;
	f->height = 0;
}

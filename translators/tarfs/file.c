/* file.c: contents of regular files.  Unchanged files are read from the
 * archive on demand; the first change copies a file into memory, which is
 * what the next write-back stores. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tarfs.h"

int tarfs_src_read(void *ctx, uint64_t off, void *buf, size_t len)
{
	int fd = *(int *)ctx;
	char *p = buf;

	while (len > 0) {
		ssize_t n = pread(fd, p, len, (off_t)off);
		if (n <= 0)
			return -1;
		p += n;
		off += (uint64_t)n;
		len -= (size_t)n;
	}
	return 0;
}

static int reserve(struct tnode *n, uint64_t size)
{
	uint64_t cap = n->cap ? n->cap : 4096;
	char *m;

	if (size <= n->cap)
		return 0;
	if (size > SIZE_MAX / 2)
		return EFBIG;
	while (cap < size)
		cap *= 2;
	if (!(m = realloc(n->mem, (size_t)cap)))
		return ENOSPC;
	n->mem = m;
	n->cap = cap;
	return 0;
}

/* Brings the content into memory before its first change. */
static int to_memory(struct tnode *n)
{
	int err;

	if (n->inmem)
		return 0;
	if ((err = reserve(n, n->size)) != 0)
		return err;
	if (n->size && tfs.src.read(tfs.src.ctx, n->off, n->mem,
				    (size_t)n->size) != 0)
		return EIO;
	n->inmem = 1;
	return 0;
}

int file_read(struct tnode *n, uint64_t off, void *buf, size_t *len)
{
	size_t want = *len;

	*len = 0;
	if (off >= n->size)
		return 0;
	if (want > n->size - off)
		want = (size_t)(n->size - off);
	if (n->inmem)
		memcpy(buf, n->mem + off, want);
	else if (tfs.src.read(tfs.src.ctx, n->off + off, buf, want) != 0)
		return EIO;
	*len = want;
	return 0;
}

int file_resize(struct tnode *n, uint64_t size)
{
	int err;

	if (size == 0 && !n->inmem)
		n->inmem = 1;	/* nothing to copy */
	if ((err = to_memory(n)) != 0 || (err = reserve(n, size)) != 0)
		return err;
	if (size > n->size)
		memset(n->mem + n->size, 0, (size_t)(size - n->size));
	n->size = size;
	tfs.dirty = 1;
	return 0;
}

int file_write(struct tnode *n, uint64_t off, const void *buf, size_t *len)
{
	uint64_t end;
	int err;

	if (off == NETFS_APPEND)
		off = n->size;
	if (off > UINT64_MAX - *len)
		return EFBIG;
	end = off + *len;
	if ((err = to_memory(n)) != 0)
		return err;
	if (end > n->size && (err = file_resize(n, end)) != 0)
		return err;
	memcpy(n->mem + off, buf, *len);
	tfs.dirty = 1;
	return 0;
}

/* tar.h: the read side of libtar -- POSIX ustar, GNU (long names and
 * links, base-256 numbers) and pax (path, linkpath, size, mtime, uid, gid,
 * uname, gname) -- over any random-access byte source.
 *
 * This half is freestanding: it needs only <stdint.h> and <stddef.h>, no
 * malloc and no libc (the bootstrap server serves the initrd with it).  The
 * caller provides the storage (struct tar_iter, a few KiB) and the source.
 * Everything read from the archive is bounds-checked against src->size: a
 * corrupt archive yields an error code, never a read outside it.
 *
 * The writer (tar-write.h) and gzip (tar-gz.h) are host-only files. */
#ifndef TAR_H
#define TAR_H

#include <stddef.h>
#include <stdint.h>

#define TAR_BLOCK 512
#define TAR_PATH_MAX 4096	/* longest path or link target, with NUL */

/* Where the archive's bytes come from.  read() copies len bytes at off
 * into buf and returns 0, or nonzero on an I/O error; the library never
 * asks for bytes past size. */
struct tar_src {
	int (*read)(void *ctx, uint64_t off, void *buf, size_t len);
	void *ctx;
	uint64_t size;
};

/* A source over an archive already in memory (the initrd). */
struct tar_mem {
	const unsigned char *base;
};
void tar_src_mem(struct tar_src *src, struct tar_mem *m, const void *base,
		 uint64_t size);

/* Entry types after normalisation ('\0' and '7' become TAR_REG, GNU's
 * dumpdir 'D' becomes TAR_DIR). */
enum {
	TAR_REG = '0', TAR_LNK = '1', TAR_SYM = '2', TAR_CHR = '3',
	TAR_BLK = '4', TAR_DIR = '5', TAR_FIFO = '6',
};

struct tar_entry {
	/* Relative path, cleaned: no leading "/" or "./", no "." or empty
	 * components, no trailing "/"; "" is the archive's root ("./"). */
	char name[TAR_PATH_MAX];
	char link[TAR_PATH_MAX];	/* symlink target, or hard link path */
	char type;			/* TAR_* */
	uint32_t mode;			/* permission bits only (07777) */
	uint32_t uid, gid;
	uint64_t size;			/* bytes of content (TAR_REG) */
	int64_t mtime;
	uint32_t mtime_nsec;
	uint32_t devmajor, devminor;
	char uname[33], gname[33];
	uint64_t header;		/* offset of its first header block */
	uint64_t offset;		/* offset of its content */
};

/* Results of tar_next().  Negative values are errors; the iterator has
 * already moved past the bad entry, so the caller may report it and call
 * tar_next() again (after TAR_EBADSUM it looks for the next valid
 * header, as GNU tar does; after TAR_ETRUNC and TAR_EIO it ends). */
enum {
	TAR_OK = 0,		/* *entry is valid */
	TAR_END = 1,		/* a zero block or the end of the source */
	TAR_EBADSUM = -1,	/* header checksum mismatch */
	TAR_ETRUNC = -2,	/* the archive ends inside a header or data */
	TAR_EPATH = -3,		/* absolute path, or a ".." component */
	TAR_ENAME = -4,		/* name empty, too long or unterminated */
	TAR_EPAX = -5,		/* malformed pax extended header */
	TAR_ENUM = -6,		/* malformed numeric field */
	TAR_ETYPE = -7,		/* entry type not supported (skipped) */
	TAR_EIO = -8,		/* the source's read() failed */
};

const char *tar_strerror(int code);

/* Reading state: one per pass over an archive. */
struct tar_iter {
	const struct tar_src *src;
	uint64_t pos;		/* next header */
	int done;		/* END or fatal error reached */
	int resync;		/* after a bad checksum: skip bad blocks */
	unsigned char block[TAR_BLOCK];
	char rec[TAR_PATH_MAX + 64];	/* one pax record */
	struct tar_entry ent;	/* the entry tar_next() returns */
};

void tar_iter_init(struct tar_iter *it, const struct tar_src *src);
/* Reads the next entry into it->ent (also valid for naming the entry in a
 * message after TAR_EPATH/TAR_ENAME/TAR_ETYPE). */
int tar_next(struct tar_iter *it);

/* Finds the last entry named `path` (cleaned as above); last, because a
 * later member replaces an earlier one.  Returns TAR_OK or TAR_END if it
 * is absent; errors in other members are skipped. */
int tar_lookup(struct tar_iter *it, const char *path, struct tar_entry *out);

/* Reads content: len bytes at off within the entry, bounded by its size.
 * Returns the number of bytes read, or a negative TAR_E* code. */
long tar_read(const struct tar_src *src, const struct tar_entry *e,
	      uint64_t off, void *buf, size_t len);

/* ---- pieces exposed for tests and the writer ---- */

/* 1 if the block's checksum field matches (unsigned or old signed sum). */
int tar_checksum_ok(const unsigned char *block);
uint32_t tar_checksum(const unsigned char *block);
/* Octal (NUL/space terminated) or GNU base-256; 0 or TAR_ENUM. */
int tar_number(const unsigned char *field, size_t len, int64_t *out);
/* Cleans a path in place (see tar_entry.name); 0, TAR_EPATH or TAR_ENAME. */
int tar_clean_path(char *path);

/* freestanding helpers */
void tar_memcpy(void *dst, const void *src, size_t n);
void tar_memset(void *dst, int c, size_t n);
size_t tar_strnlen(const char *s, size_t max);
int tar_strcmp(const char *a, const char *b);

#endif

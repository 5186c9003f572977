/* tar-write.h: writing archives (host side of libtar; uses libc strings).
 * Members are written in POSIX ustar, with a pax extended header for what
 * ustar cannot hold (long names and links, big sizes and ids, mtimes with
 * nanoseconds or out of range), which GNU tar and every modern reader
 * understand. */
#ifndef TAR_WRITE_H
#define TAR_WRITE_H

#include "tar.h"

struct tar_out {
	/* writes all len bytes or returns nonzero */
	int (*write)(void *ctx, const void *buf, size_t len);
	void *ctx;
	uint64_t pos;		/* bytes written so far */
};

/* The header(s) of a member; for TAR_REG, e->size bytes of content must
 * follow through tar_write_data() and then tar_write_pad().  Directories
 * get a trailing "/" (GNU convention); e->name "" writes "./".
 * Returns 0 or -1 (write error).  On return o->pos is the content offset. */
int tar_write_header(struct tar_out *o, const struct tar_entry *e);
int tar_write_data(struct tar_out *o, const void *buf, size_t len);
int tar_write_pad(struct tar_out *o);		/* to the next block */
int tar_write_end(struct tar_out *o);		/* two zero blocks */

/* Builds one ustar header block (exposed for tests). */
void tar_make_header(unsigned char *b, const char *name, const char *link,
		     const struct tar_entry *e, int type, uint64_t size);

#endif

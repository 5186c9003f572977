/* tar-int.h: shared between iter.c and pax.c, not part of the API. */
#ifndef TAR_INT_H
#define TAR_INT_H
#include "tar.h"

/* Values from extension headers, for the member that follows them. */
struct ext {
	int path, link, has_size, has_mtime, has_uid, has_gid;
	uint64_t size;
	int64_t mtime;
	uint32_t nsec, uid, gid;
	int err;		/* a bad extension: skip the member */
};

int tar_pax_parse(struct tar_iter *it, uint64_t off, uint64_t len,
		  struct ext *x);
#endif

/* tar-gz.h: gzip for archives, over zlib (host side of libtar). */
#ifndef TAR_GZ_H
#define TAR_GZ_H

#include <stddef.h>
#include <stdint.h>

/* 1 if the bytes start like a gzip stream (1f 8b). */
int tar_gz_magic(const void *buf, size_t len);

/* Decompresses in -> out (concatenated gzip members included).
 * in() fills up to size bytes and sets *got (0 at end), returns nonzero on
 * error; out() writes all len bytes or returns nonzero.  Returns 0, or -1
 * with a message in *why. */
int tar_gunzip(int (*in)(void *ctx, void *buf, size_t size, size_t *got),
	       void *inctx, int (*out)(void *ctx, const void *buf, size_t len),
	       void *outctx, const char **why);

/* A compressing writer: bytes written go out gzip-compressed. */
struct tar_gz;
struct tar_gz *tar_gz_writer(int (*out)(void *ctx, const void *buf,
					size_t len), void *ctx, int level);
int tar_gz_write(void *gz, const void *buf, size_t len);	/* tar_out-style */
/* Flushes, frees; 0 or -1. */
int tar_gz_finish(struct tar_gz *gz);

#endif

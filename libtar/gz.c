/* gz.c: gzip streams through zlib, for .tar.gz archives.  tarfs inflates
 * a compressed archive once into a scratch file it can read at random,
 * and deflates the whole archive again when it writes back. */
#include <stdlib.h>
#include <zlib.h>
#include "tar-gz.h"

#define CHUNK 65536

int tar_gz_magic(const void *buf, size_t len)
{
	const unsigned char *b = buf;

	return len >= 2 && b[0] == 0x1f && b[1] == 0x8b;
}

static int drain(z_stream *z, unsigned char *obuf,
		 int (*out)(void *, const void *, size_t), void *ctx)
{
	size_t have = CHUNK - z->avail_out;

	z->next_out = obuf;
	z->avail_out = CHUNK;
	return have ? out(ctx, obuf, have) : 0;
}

/* 16 + MAX_WBITS: gzip framing; after Z_STREAM_END, reset and go on so
 * concatenated members (what `cat a.gz b.gz` makes) decompress whole. */
static int inflate_loop(z_stream *z, unsigned char *ibuf, unsigned char *obuf,
			int (*in)(void *, void *, size_t, size_t *), void *ictx,
			int (*out)(void *, const void *, size_t), void *octx,
			const char **why)
{
	int r, eof = 0, ended = 0;

	for (;;) {
		if (z->avail_in == 0 && !eof) {
			size_t got = 0;
			if (in(ictx, ibuf, CHUNK, &got))
				return *why = "read error", -1;
			z->next_in = ibuf;
			z->avail_in = (uInt)got;
			eof = got == 0;
		}
		if (z->avail_in == 0 && eof)
			break;
		r = inflate(z, Z_NO_FLUSH);
		if (r == Z_STREAM_END) {
			if (drain(z, obuf, out, octx))
				return *why = "write error", -1;
			inflateReset(z);
			ended = 1;
			continue;
		}
		if (r == Z_DATA_ERROR && ended && z->total_out == 0)
			break;		/* padding after the last member */
		if (r != Z_OK && r != Z_BUF_ERROR)
			return *why = z->msg ? z->msg : "corrupt gzip data", -1;
		if (z->total_in)
			ended = 0;
		if (z->avail_out == 0 && drain(z, obuf, out, octx))
			return *why = "write error", -1;
	}
	if (!ended)
		return *why = "truncated gzip data", -1;
	return 0;
}

int tar_gunzip(int (*in)(void *, void *, size_t, size_t *), void *ictx,
	       int (*out)(void *, const void *, size_t), void *octx,
	       const char **why)
{
	unsigned char *ibuf = malloc(CHUNK), *obuf = malloc(CHUNK);
	z_stream z = { 0 };
	int r = -1;

	*why = "out of memory";
	if (ibuf && obuf && inflateInit2(&z, 16 + MAX_WBITS) == Z_OK) {
		z.next_out = obuf;
		z.avail_out = CHUNK;
		r = inflate_loop(&z, ibuf, obuf, in, ictx, out, octx, why);
		inflateEnd(&z);
	}
	free(ibuf);
	free(obuf);
	return r;
}

struct tar_gz {
	z_stream z;
	int (*out)(void *, const void *, size_t);
	void *ctx;
	unsigned char buf[CHUNK];
};

struct tar_gz *tar_gz_writer(int (*out)(void *, const void *, size_t),
			     void *ctx, int level)
{
	struct tar_gz *g = calloc(1, sizeof *g);

	if (!g)
		return NULL;
	if (deflateInit2(&g->z, level, Z_DEFLATED, 16 + MAX_WBITS, 8,
			 Z_DEFAULT_STRATEGY) != Z_OK) {
		free(g);
		return NULL;
	}
	g->out = out;
	g->ctx = ctx;
	g->z.next_out = g->buf;
	g->z.avail_out = CHUNK;
	return g;
}

static int pump(struct tar_gz *g, int flush)
{
	int r;

	do {
		r = deflate(&g->z, flush);
		if (r == Z_STREAM_ERROR)
			return -1;
		if ((g->z.avail_out == 0 || flush == Z_FINISH) &&
		    drain(&g->z, g->buf, g->out, g->ctx))
			return -1;
	} while (g->z.avail_in > 0 || (flush == Z_FINISH && r != Z_STREAM_END));
	return 0;
}

int tar_gz_write(void *gz, const void *buf, size_t len)
{
	struct tar_gz *g = gz;

	while (len > 0) {
		uInt n = len > 0x40000000 ? 0x40000000 : (uInt)len;
		g->z.next_in = (unsigned char *)buf;
		g->z.avail_in = n;
		if (pump(g, Z_NO_FLUSH))
			return -1;
		buf = (const unsigned char *)buf + n;
		len -= n;
	}
	return 0;
}

int tar_gz_finish(struct tar_gz *g)
{
	int r = pump(g, Z_FINISH);

	deflateEnd(&g->z);
	free(g);
	return r;
}

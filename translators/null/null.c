/* null.c: /hurd/null -- the bit bucket.  Reads see end of file at once;
 * writes succeed and the bytes vanish, wherever the file pointer is.
 *
 *   settrans -c /dev/null /hurd/null
 *
 * Everyone may read and write it (mode 0666), so the library's permission
 * check lets every client through; there is nothing to protect. */
#include <stdio.h>
#include <sys/stat.h>
#include "trivfs.h"

static int null_stat(struct trivfs_stat *st)
{
	st->mode = S_IFREG | 0666;
	return 0;
}

static int null_read(uint64_t off, void *buf, size_t *len)
{
	(void)off;
	(void)buf;
	*len = 0;
	return 0;
}

/* Swallow everything: report it all written, keep nothing. */
static int null_write(uint64_t off, const void *buf, size_t *len)
{
	(void)off;
	(void)buf;
	(void)len;		/* unchanged: all of it "written" */
	return 0;
}

/* O_TRUNC and ftruncate succeed: `cmd > /dev/null` opens with O_TRUNC. */
static int null_truncate(uint64_t size)
{
	(void)size;
	return 0;
}

static const struct trivfs_ops null_ops = {
	.name = "null",
	.flags = TRIVFS_CONCURRENT,	/* no state: no need to serialize */
	.stat = null_stat,
	.read = null_read,
	.write = null_write,
	.truncate = null_truncate,
};

int main(int argc, char **argv)
{
	trivfs_init(&argc, argv);
	if (argc > 1) {
		fprintf(stderr, "usage: %s (no options)\n", argv[0]);
		return 2;
	}
	return trivfs_serve(&null_ops);
}

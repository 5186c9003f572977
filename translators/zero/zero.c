/* zero.c: /hurd/zero -- an endless source of zero bytes.  Reads fill the
 * whole buffer with zeros at any offset; writes succeed and are dropped.
 *
 *   settrans -c /dev/zero /hurd/zero
 *   dd if=/dev/zero of=blank bs=1k count=64 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "trivfs.h"

static int zero_stat(struct trivfs_stat *st)
{
	st->mode = S_IFREG | 0666;
	return 0;
}

static int zero_read(uint64_t off, void *buf, size_t *len)
{
	(void)off;
	memset(buf, 0, *len);
	return 0;
}

static int zero_write(uint64_t off, const void *buf, size_t *len)
{
	(void)off;
	(void)buf;
	(void)len;		/* unchanged: all of it "written" */
	return 0;
}

static int zero_truncate(uint64_t size)
{
	(void)size;
	return 0;
}

static const struct trivfs_ops zero_ops = {
	.name = "zero",
	.flags = TRIVFS_CONCURRENT,
	.stat = zero_stat,
	.read = zero_read,
	.write = zero_write,
	.truncate = zero_truncate,
};

int main(int argc, char **argv)
{
	trivfs_init(&argc, argv);
	if (argc > 1) {
		fprintf(stderr, "usage: %s (no options)\n", argv[0]);
		return 2;
	}
	return trivfs_serve(&zero_ops);
}

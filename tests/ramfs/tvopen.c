/* tvopen.c: a one-node translator for tests/ramfs/trivfs.sh that shows
 * what libtrivfs's open() callback was given.  A read returns the last
 * open's effective uid and access mode ("uid 1000 wronly"); an open with
 * O_APPEND is refused with EBUSY, to see a refusal reach the client. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "trivfs.h"

static char last[64] = "no open seen\n";

static int tv_stat(struct trivfs_stat *st)
{
	st->mode = S_IFREG | 0666;
	return 0;
}

static int tv_open(const struct trivfs_cred *c, int oflags)
{
	static const char *acc[] = { "rdonly", "wronly", "rdwr", "?" };

	if (oflags & O_APPEND)
		return EBUSY;
	snprintf(last, sizeof last, "uid %u %s\n",
		 c->nuids ? (unsigned)c->uids[0] : 99999u,
		 acc[oflags & O_ACCMODE]);
	return 0;
}

static int tv_read(uint64_t off, void *buf, size_t *len)
{
	size_t n = strlen(last);

	n = off >= n ? 0 : n - off;
	if (*len > n)
		*len = n;
	memcpy(buf, last + (off < sizeof last ? off : 0), *len);
	return 0;
}

static int tv_write(uint64_t off, const void *buf, size_t *len)
{
	(void)off;
	(void)buf;
	(void)len;
	return 0;
}

static const struct trivfs_ops tv_ops = {
	.name = "tvopen",
	.stat = tv_stat,
	.open = tv_open,
	.read = tv_read,
	.write = tv_write,
};

int main(int argc, char **argv)
{
	trivfs_init(&argc, argv);
	return trivfs_serve(&tv_ops);
}

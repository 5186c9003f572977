/* ramfs.c: /hurd/ramfs [--size=SIZE] [--mode=OCTAL] -- a POSIX filesystem
 * in memory: its options (at start and through fsysopts), statfs, and the
 * callback table.  See doc/ramfs.md. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "ramfs.h"

#define DEFAULT_LIMIT (UINT64_C(64) << 20)	/* if memory size is unknown */

struct ramfs_opts {
	uint64_t limit;
	uint32_t mode;		/* of the root directory */
};

/* "4096", "512K", "4M", "1G": bytes, binary multiples. */
static int parse_size(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;
	unsigned shift = 0;

	if (*s < '0' || *s > '9')
		return EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s)
		return EINVAL;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	case 't': case 'T': shift = 40; end++; break;
	}
	if (*end || v > (UINT64_MAX >> shift))
		return EINVAL;
	*out = (uint64_t)v << shift;
	return 0;
}

static int parse_mode(const char *s, uint32_t *out)
{
	char *end;
	unsigned long v = strtoul(s, &end, 8);

	if (!*s || *end || v > 07777)
		return EINVAL;
	*out = (uint32_t)v;
	return 0;
}

/* Parses into o without applying anything: a bad option changes nothing. */
static int parse_opts(int argc, char **argv, struct ramfs_opts *o)
{
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		int err = EINVAL;
		if (!strncmp(a, "--size=", 7))
			err = parse_size(a + 7, &o->limit);
		else if (!strncmp(a, "--mode=", 7))
			err = parse_mode(a + 7, &o->mode);
		if (err)
			return err;
	}
	return 0;
}

/* fsysopts NODE --size=... --mode=...: shrinking below what is stored is
 * refused (EBUSY) rather than leaving the filesystem over its limit. */
static int ramfs_set_options(int argc, char **argv)
{
	struct ramfs_opts o = { ramfs.limit, ramfs.root->mode & 07777 };
	int err = parse_opts(argc, argv, &o);

	if (err)
		return err;
	if (o.limit < ramfs.used)
		return EBUSY;
	ramfs.limit = o.limit;
	ramfs.root->mode = S_IFDIR | o.mode;
	ramfs_touch(ramfs.root, 0, 0, 1);
	return 0;
}

static int ramfs_get_options(struct netfs_argz *z)
{
	char buf[64];
	int err;

	snprintf(buf, sizeof buf, "--size=%llu",
		 (unsigned long long)ramfs.limit);
	if ((err = netfs_argz_add(z, buf)) != 0)
		return err;
	snprintf(buf, sizeof buf, "--mode=%o",
		 (unsigned)(ramfs.root->mode & 07777));
	return netfs_argz_add(z, buf);
}

/* Blocks are the limit's pages; files, the nodes the limit could hold. */
static int ramfs_statfs(struct netfs_statfs *sf)
{
	uint64_t left = ramfs.limit - ramfs.used;

	sf->bsize = RAMFS_PAGE;
	sf->blocks = ramfs.limit / RAMFS_PAGE;
	sf->bfree = sf->bavail = left / RAMFS_PAGE;
	sf->files = ramfs.nodes + left / RAMFS_NODE_COST;
	sf->ffree = left / RAMFS_NODE_COST;
	sf->namemax = RAMFS_NAME_MAX;
	return 0;
}

/* Half the machine's memory, as Linux's tmpfs does. */
static uint64_t default_limit(void)
{
#if defined(_SC_PHYS_PAGES) && defined(_SC_PAGESIZE)
	long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);

	if (pages > 0 && size > 0)
		return (uint64_t)pages * (uint64_t)size / 2;
#endif
	return DEFAULT_LIMIT;
}

static const struct netfs_ops ramfs_ops = {
	.name = "ramfs",
	.lookup = ramfs_lookup,
	.getattr = ramfs_getattr,
	.setattr = ramfs_setattr,
	.read = ramfs_read,
	.write = ramfs_write,
	.readdir = ramfs_readdir,
	.create = ramfs_create,
	.mkdir = ramfs_mkdir,
	.symlink = ramfs_symlink,
	.mknod = ramfs_mknod,
	.link = ramfs_link,
	.unlink = ramfs_unlink,
	.rmdir = ramfs_rmdir,
	.rename = ramfs_rename,
	.readlink = ramfs_readlink,
	.statfs = ramfs_statfs,
	.get_translator = ramfs_get_translator,
	.set_translator = ramfs_set_translator,
	.get_options = ramfs_get_options,
	.set_options = ramfs_set_options,
	.drop = ramfs_drop,
};

int main(int argc, char **argv)
{
	struct ramfs_opts o = { default_limit(), 01777 };

	netfs_init(&argc, argv);
	if (parse_opts(argc - 1, argv + 1, &o) != 0) {
		fprintf(stderr, "usage: %s [--size=BYTES[K|M|G|T]] "
			"[--mode=OCTAL]\n", argv[0]);
		return 2;
	}
	ramfs.limit = o.limit;
	ramfs.root = ramfs_node_new(S_IFDIR | o.mode, getuid(), getgid());
	if (!ramfs.root || ramfs_dir_init(ramfs.root, NULL) != 0) {
		fprintf(stderr, "ramfs: --size too small for the root\n");
		return 1;
	}
	ramfs.root->nlink = 2;
	return netfs_serve(&ramfs_ops, &ramfs.root->nn);
}

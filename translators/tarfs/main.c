/* main.c: /hurd/tarfs ARCHIVE -- a tar archive (ustar, GNU, pax, gzip) as
 * a directory tree, read and write.  Changes are written back on sync and
 * when the translator goes away, by replacing the archive atomically. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "tarfs.h"

struct tarfs tfs = { .next_ino = 1 };
static struct netfs_ops ops;

/* POSIX rename: replace a compatible target; refuse to move a directory
 * into itself. */
int tarfs_rename(struct netfs_node *from, const char *fname,
		 struct netfs_node *to, const char *tname, int noreplace)
{
	struct tdirent *src = tree_find(T(from), fname), *dst;
	struct tnode *n;

	if (!src)
		return ENOENT;
	n = src->node;
	dst = tree_find(T(to), tname);
	if (dst && dst->node == n)
		return 0;		/* same file: nothing to do */
	if (dst && noreplace)
		return EEXIST;
	if (S_ISDIR(n->mode))
		for (struct tnode *p = T(to); p; p = p->parent)
			if (p == n)
				return EINVAL;
	if (dst && S_ISDIR(n->mode) && !S_ISDIR(dst->node->mode))
		return ENOTDIR;
	if (dst && !S_ISDIR(n->mode) && S_ISDIR(dst->node->mode))
		return EISDIR;
	if (dst && S_ISDIR(dst->node->mode) && dst->node->first)
		return ENOTEMPTY;
	if (strlen(tname) > 255)
		return ENAMETOOLONG;
	if (dst)
		tree_unlink(dst);
	tree_remove(src);
	if (tree_add(T(to), tname, n) != 0)
		return ENOMEM;
	if (!S_ISDIR(n->mode))
		n->nlink--;	/* a name moved: tree_add counted a new one */
	netfs_now(&n->ctime);
	netfs_now(&T(from)->mtime);
	T(to)->mtime = T(from)->mtime;
	tfs.dirty = 1;
	return 0;
}

int tarfs_statfs(struct netfs_statfs *sf)
{
	sf->bsize = 512;
	sf->blocks = (tfs.src.size + 511) / 512;
	sf->files = tfs.nfiles;
	sf->namemax = 255;
	return 0;
}

int tarfs_sync(struct netfs_node *np)
{
	(void)np;
	return tarfs_save();
}

int tarfs_get_options(struct netfs_argz *z)
{
	int err = 0;

	if (tfs.readonly)
		err |= netfs_argz_add(z, "--readonly");
	if (tfs.gz)
		err |= netfs_argz_add(z, "--gzip");
	err |= netfs_argz_add(z, tfs.archive);
	return err ? ENOMEM : 0;
}

static void set_readonly(int ro)
{
	tfs.readonly = ro;
	ops.flags = ro ? ops.flags | NETFS_READONLY
		       : ops.flags & ~NETFS_READONLY;
}

/* fsysopts: --readonly, --writable (refused if the archive had errors),
 * --gzip / --no-gzip (the format of the next write-back), --sync. */
int tarfs_set_options(int argc, char **argv)
{
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--readonly") || !strcmp(a, "-r"))
			set_readonly(1);
		else if (!strcmp(a, "--writable") || !strcmp(a, "-w")) {
			if (tfs.damaged)
				return EROFS;
			set_readonly(0);
		} else if (!strcmp(a, "--gzip") || !strcmp(a, "-z"))
			tfs.gz = tfs.dirty = 1;
		else if (!strcmp(a, "--no-gzip"))
			tfs.gz = 0, tfs.dirty = 1;
		else if (!strcmp(a, "--sync")) {
			int err = tarfs_save();
			if (err)
				return err;
		} else
			return EINVAL;
	}
	return 0;
}

int tarfs_goaway(int flags)
{
	if (flags & NETFS_GOAWAY_NOSYNC)
		return 0;
	return tarfs_save();
}

void tarfs_drop(struct netfs_node *np)
{
	if (T(np)->nlink == 0)
		tree_free_node(T(np));
}

static void usage(const char *prog)
{
	fprintf(stderr, "usage: %s [-r|--readonly] [-c|--create] [-z|--gzip] "
		"ARCHIVE\n", prog);
	exit(2);
}

/* The archive by absolute path: a FUSE daemon changes to "/". */
static char *absolute(const char *path)
{
	char *dir = strdup(path), *slash, *res, *out;
	const char *base;

	if ((res = realpath(path, NULL)))
		return free(dir), res;
	slash = strrchr(dir, '/');
	base = slash ? path + (slash - dir) + 1 : path;
	if (slash)
		*slash = 0;
	res = realpath(slash ? (*dir ? dir : "/") : ".", NULL);
	if (!res || asprintf(&out, "%s/%s", res, base) < 0)
		out = NULL;
	free(res);
	free(dir);
	return out;
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "readonly", no_argument, 0, 'r' },
		{ "create", no_argument, 0, 'c' },
		{ "gzip", no_argument, 0, 'z' },
		{ 0, 0, 0, 0 } };
	int c, create = 0, gzip = 0;

	netfs_init(&argc, argv);
	while ((c = getopt_long(argc, argv, "rcz", lo, NULL)) != -1) {
		if (c == 'r')
			tfs.readonly = 1;
		else if (c == 'c')
			create = 1;
		else if (c == 'z')
			gzip = 1;
		else
			usage(argv[0]);
	}
	if (optind != argc - 1)
		usage(argv[0]);
	if (!(tfs.archive = absolute(argv[optind]))) {
		fprintf(stderr, "tarfs: %s: %s\n", argv[optind], strerror(errno));
		return 1;
	}
	if (tarfs_load(create) != 0)
		return 1;
	tfs.gz |= gzip;
	ops = tarfs_ops;
	set_readonly(tfs.readonly);
	return netfs_serve(&ops, &tfs.root->nn);
}

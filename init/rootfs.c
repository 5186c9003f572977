/*
 * init/rootfs.c - start /hurd/ramfs as the root filesystem and fill it
 * from the initrd (rootfs.h).  Every entry becomes the same kind of node
 * through dir/io/file RPCs, as any client would make it: bootstrap holds
 * uid 0, so the owners, modes and times are the archive's.  Directories'
 * times are set last, since filling them changed them.
 */
#include "bootfs.h"
#include "rootfs.h"
#include "walk.h"
#include <argot/io.h>
#include <argot/dir.h>
#include <argot/file.h>
#include <argot/fsys.h>

#define T 10000
#define STARTUP_T 30000   /* ms for ramfs to call FSYS_STARTUP */

static struct tar_iter fit;          /* big: not on our stack */
static char parent[TAR_PATH_MAX];
static const unsigned char *base;
static uint32_t nfiles, ndirs, nlinks, nskipped;

static void set_meta(int node, const struct tar_entry *e, int times)
{
	/* chown first: it may clear set-ID bits that chmod then restores */
	file_chown(node, e->uid, e->gid, T);
	file_chmod(node, e->mode, T);
	if (times) {
		struct file_utimes_req t = {
			.atime_sec = e->mtime, .mtime_sec = e->mtime,
			.atime_nsec = e->mtime_nsec, .mtime_nsec = e->mtime_nsec };
		file_utimes(node, &t, T);
	}
}

static int write_all(int node, const struct tar_entry *e)
{
	uint64_t off = 0;
	while (off < e->size) {
		uint32_t n = e->size - off > IO_MAX ? IO_MAX
		                                    : (uint32_t)(e->size - off);
		int r = io_write(node, (int64_t)off, base + e->offset + off, n, T);
		if (r <= 0)
			return r < 0 ? r : -5;   /* EIO */
		off += (uint32_t)r;
	}
	return 0;
}

/* The node for one archive entry, made in its parent directory. */
static int make(const struct walk *w, const struct tar_entry *e, int *node)
{
	const char *name = e->name, *slash = 0;
	int dir, r;
	for (const char *c = name; *c; c++)
		if (*c == '/')
			slash = c;
	uint32_t plen = slash ? (uint32_t)(slash - name) : 0;
	rpc_copy(parent, name, plen);
	parent[plen] = 0;
	const char *last = slash ? slash + 1 : name;
	if (!name[0])      /* the archive's root: our root */
		return walk_open(w, "/", ARGOT_O_RDONLY, 0, node);
	if ((r = walk_open(w, parent, ARGOT_O_RDONLY | ARGOT_O_DIRECTORY, 0,
	                   &dir)) < 0)
		return r;
	switch (e->type) {
	case TAR_DIR:
		r = dir_mkdir(dir, last, e->mode, T);
		if (r == 0 || r == -ARGOT_EEXIST)
			r = walk_open(w, name, ARGOT_O_RDONLY | ARGOT_O_NOTRANS,
			              0, node);
		ndirs += r == 0;
		break;
	case TAR_REG:
		r = walk_open(w, name, ARGOT_O_WRONLY | ARGOT_O_CREAT |
		              ARGOT_O_TRUNC, e->mode, node);
		if (r == 0 && (r = write_all(*node, e)) < 0)
			argot_close(*node);
		nfiles += r == 0;
		break;
	case TAR_SYM:
		r = dir_symlink(dir, last, e->link, T);
		if (r == 0)
			r = walk_open(w, name, ARGOT_O_PATH | ARGOT_O_NOFOLLOW,
			              0, node);
		nlinks += r == 0;
		break;
	case TAR_LNK: {    /* a second name: owner and mode are the first's */
		int file;
		r = walk_open(w, e->link, ARGOT_O_PATH | ARGOT_O_NOFOLLOW, 0,
		              &file);
		if (r == 0) {
			r = dir_link(dir, file, last, 0, T);
			argot_close(file);
		}
		*node = ARGOT_NOHANDLE;
		nfiles += r == 0;
		break;
	}
	default:           /* devices and FIFOs: the servers provide those */
		r = -ARGOT_ENOTSUP;
	}
	argot_close(dir);
	return r;
}

static void fill(const struct walk *w)
{
	const struct tar_src *src = bootfs_archive(&base);
	int node, r;
	tar_iter_init(&fit, src);
	while ((r = tar_next(&fit)) != TAR_END) {
		int e = r < 0 ? -ARGOT_EINVAL : make(w, &fit.ent, &node);
		if (e < 0) {
			if (nskipped++ < 5)   /* a few say why; the count says all */
				rt_printf("bootstrap: root filesystem: /%s "
				          "skipped: %s\n", fit.ent.name,
				          r < 0 ? tar_strerror(r) : argot_strerror(e));
			continue;
		}
		if (node != ARGOT_NOHANDLE) {
			set_meta(node, &fit.ent, fit.ent.type != TAR_DIR);
			argot_close(node);
		}
	}
	tar_iter_init(&fit, src);   /* directories' times, now final */
	while ((r = tar_next(&fit)) != TAR_END)
		if (r == 0 && fit.ent.type == TAR_DIR &&
		    walk_open(w, fit.ent.name[0] ? fit.ent.name : "/",
		              ARGOT_O_RDONLY | ARGOT_O_NOTRANS, 0, &node) == 0) {
			set_meta(node, &fit.ent, 1);
			argot_close(node);
		}
}

/* Our /dev (the terminals) on the new root's /dev. */
static int attach_dev(const struct walk *w, int auth)
{
	int root, dev, ctl, r;
	if (walk_open(w, "/", ARGOT_O_RDONLY, 0, &root) == 0) {
		dir_mkdir(root, "dev", 0755, T);   /* EEXIST is fine */
		argot_close(root);
	}
	if ((r = walk_open(w, "/dev", ARGOT_O_RDONLY | ARGOT_O_NOTRANS, 0,
	                   &dev)) < 0)
		return r;
	if ((r = bootfs_dev_control(auth, &ctl)) == 0) {
		struct file_settrans_req q = { .active_flags = FS_TRANS_SET };
		r = file_set_translator(dev, &q, "", ctl, T);
		argot_close(ctl);   /* the root filesystem keeps its copy */
	}
	argot_close(dev);
	return r;
}

static int start_ramfs(const struct rootfs_env *env, int *control)
{
	uint32_t retry;
	char rest[8];
	int file, r;
	r = dir_lookup(env->bootroot, "hurd/ramfs", ARGOT_O_RDONLY |
	               ARGOT_O_EXEC, 0, &retry, rest, sizeof rest, &file, T);
	if (r < 0)
		return r;
	/* not registered with proc, like auth, proc and exec: init must be
	 * pid 1, which orphans are given to */
	struct argot_spawn sp = {
		.kernel = env->kernel, .auth = env->auth, .proc = ARGOT_NOHANDLE,
		.exec = env->exec, .cwd = env->bootroot, .root = env->bootroot,
		.console = env->console, .nfds = 3,
		.fds = { ARGOT_NOHANDLE, env->console, env->console },
		.timeout = T,
	};
	/* half the memory, as tmpfs does (ramfs cannot ask the system yet) */
	char size[32];
	rt_snprintf(size, sizeof size, "--size=%uK", env->mem_kib / 2);
	const char *argv[] = { "/hurd/ramfs", "--mode=755", size, 0 };
	const char *envp[] = { "PATH=/bin:/sbin:/hurd", 0 };
	r = walk_start_translator(&sp, file, argv, envp, ARGOT_NOHANDLE,
	                          STARTUP_T, control);
	argot_close(file);
	return r;
}

int rootfs_start(const struct rootfs_env *env, int *root, int *control)
{
	uint32_t retry;
	char rest[8];
	int h, r;
	const char *what = "starting /hurd/ramfs";
	if ((r = start_ramfs(env, control)) < 0)
		goto fail;
	what = "its root";
	r = fsys_getroot(*control, ARGOT_NOHANDLE, ARGOT_O_RDONLY, &retry, rest,
	                 sizeof rest, &h, T);
	if (r == 0) {
		/* a root from getroot has no identity until we show ours */
		r = rpc_reauth(h, IO_REAUTH, env->auth, root, T);
		argot_close(h);
	}
	if (r < 0) {
		argot_close(*control);
		goto fail;
	}
	struct walk w = { *root, *root, env->auth, T };
	fill(&w);
	if ((r = attach_dev(&w, env->auth)) < 0)
		rt_printf("bootstrap: no terminals on the root's /dev: %s\n",
		          argot_strerror(r));
	rt_printf("bootstrap: root filesystem: ramfs with %u files, %u "
	          "directories, %u symlinks from the initrd (%u skipped)\n",
	          nfiles, ndirs, nlinks, nskipped);
	return 0;
fail:
	rt_printf("bootstrap: WARNING: root filesystem: %s failed (%s); "
	          "the root is the read-only initrd\n", what, argot_strerror(r));
	return r;
}

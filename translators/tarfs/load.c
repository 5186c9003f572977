/* load.c: reading the archive into the tree.  Only headers are read;
 * contents stay in the archive (or, for gzip, in an unlinked scratch file
 * holding the inflated archive) and are read on demand.  Bad members are
 * skipped with a message; an archive with any error is served read-only,
 * because writing it back would silently drop what was skipped. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include "tarfs.h"
#include "tar-gz.h"

static int fd_in(void *ctx, void *buf, size_t size, size_t *got)
{
	ssize_t n = read(*(int *)ctx, buf, size);

	if (n < 0)
		return -1;
	*got = (size_t)n;
	return 0;
}

static int fd_out(void *ctx, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(*(int *)ctx, p, len);
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* An unlinked scratch file next to nothing: it vanishes with us. */
int tarfs_scratch(void)
{
	const char *dir = getenv("TMPDIR");
	int fd = open(dir ? dir : "/tmp", O_TMPFILE | O_RDWR, 0600);

	if (fd < 0) {
		FILE *f = tmpfile();
		fd = f ? dup(fileno(f)) : -1;
		if (f)
			fclose(f);
	}
	return fd;
}

static int inflate_to_scratch(int fd)
{
	const char *why;
	int out = tarfs_scratch();

	if (out < 0) {
		netfs_log("%s: no scratch file: %s", tfs.archive,
			  strerror(errno));
		return -1;
	}
	lseek(fd, 0, SEEK_SET);
	if (tar_gunzip(fd_in, &fd, fd_out, &out, &why) != 0) {
		netfs_log("%s: %s", tfs.archive, why);
		close(out);
		return -1;
	}
	return out;
}

/* Walks dir components of path (not following symlinks: an archive must
 * not reach outside itself through one), creating missing directories
 * like tar -x does.  Leaves the last component in *leaf. */
static struct tnode *parent_of(char *path, char **leaf,
			       const struct tar_entry *e)
{
	struct tnode *dir = tfs.root;
	char *p = path, *slash;

	while ((slash = strchr(p, '/'))) {
		struct tdirent *d;
		*slash = 0;
		d = tree_find(dir, p);
		if (!d) {
			struct tnode *n = tree_new_node(S_IFDIR | 0755, e->uid,
							e->gid);
			if (!n || tree_add(dir, p, n))
				return NULL;
			n->mtime = n->atime = n->ctime = tfs.root->mtime;
			d = tree_find(dir, p);
		}
		*slash = '/';
		if (!S_ISDIR(d->node->mode))
			return NULL;
		dir = d->node;
		p = slash + 1;
	}
	*leaf = p;
	return dir;
}

/* The node at path, not following symlinks; NULL if absent. */
static struct tnode *resolve(const char *path)
{
	char buf[TAR_PATH_MAX], *save, *c;
	struct tnode *n = tfs.root;

	snprintf(buf, sizeof buf, "%s", path);
	for (c = strtok_r(buf, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
		struct tdirent *d;
		if (!S_ISDIR(n->mode) || !(d = tree_find(n, c)))
			return NULL;
		n = d->node;
	}
	return n;
}

static void set_attrs(struct tnode *n, const struct tar_entry *e)
{
	n->mode = (n->mode & S_IFMT) | e->mode;
	n->uid = e->uid;
	n->gid = e->gid;
	n->mtime.sec = e->mtime;
	n->mtime.nsec = e->mtime_nsec;
	n->atime = n->ctime = n->mtime;
	memcpy(n->uname, e->uname, sizeof n->uname);
	memcpy(n->gname, e->gname, sizeof n->gname);
}

static uint32_t type_bits(int type)
{
	switch (type) {
	case TAR_DIR: return S_IFDIR;
	case TAR_SYM: return S_IFLNK;
	case TAR_CHR: return S_IFCHR;
	case TAR_BLK: return S_IFBLK;
	case TAR_FIFO: return S_IFIFO;
	default: return S_IFREG;
	}
}

static int skip(const struct tar_entry *e, const char *why)
{
	netfs_log("%s: skipping member %s at offset %llu: %s", tfs.archive,
		  e->name[0] ? e->name : "(unnamed)",
		  (unsigned long long)e->header, why);
	tfs.damaged = 1;
	return 0;
}

/* Makes the node a member describes (a hard link reuses its target). */
static struct tnode *make_node(const struct tar_entry *e)
{
	struct tnode *n;

	if (e->type == TAR_LNK) {
		n = resolve(e->link);
		return n && !S_ISDIR(n->mode) ? n : NULL;
	}
	if (!(n = tree_new_node(type_bits(e->type), e->uid, e->gid)))
		return NULL;
	set_attrs(n, e);
	if (e->type == TAR_REG) {
		n->off = e->offset;
		n->size = e->size;
	} else if (e->type == TAR_SYM && !(n->link = strdup(e->link))) {
		tree_free_node(n);
		return NULL;
	} else if (e->type == TAR_CHR || e->type == TAR_BLK)
		n->rdev = makedev(e->devmajor, e->devminor);
	return n;
}

/* Adds one member.  A later member replaces an earlier one of the same
 * name, as with tar -x; an explicit directory only updates attributes. */
static int add_entry(struct tar_entry *e)
{
	char *leaf;
	struct tnode *dir, *n;
	struct tdirent *old;

	if (!e->name[0])
		return e->type == TAR_DIR ? (set_attrs(tfs.root, e), 0)
					  : skip(e, "not a directory");
	if (!(dir = parent_of(e->name, &leaf, e)))
		return skip(e, "a parent is not a directory");
	old = tree_find(dir, leaf);
	if (old && e->type == TAR_DIR && S_ISDIR(old->node->mode))
		return set_attrs(old->node, e), 0;
	if (old && S_ISDIR(old->node->mode) && old->node->first)
		return skip(e, "would replace a non-empty directory");
	if (e->type == TAR_LNK && old && resolve(e->link) == old->node)
		return 0;	/* a link to itself: already there */
	if (!(n = make_node(e)))
		return skip(e, e->type == TAR_LNK ? "hard link target missing"
			    : "out of memory");
	if (old)
		tree_unlink(old);
	if (tree_add(dir, leaf, n) != 0)
		return ENOMEM;
	return 0;
}

static int scan(void)
{
	struct tar_iter *it = malloc(sizeof *it);
	int r, err = 0;

	if (!it)
		return ENOMEM;
	tar_iter_init(it, &tfs.src);
	while (!err && (r = tar_next(it)) != TAR_END) {
		if (r == TAR_OK)
			err = add_entry(&it->ent);
		else if (r == TAR_EBADSUM || r == TAR_ETRUNC || r == TAR_EIO) {
			netfs_log("%s: at offset %llu: %s", tfs.archive,
				  (unsigned long long)it->ent.header,
				  tar_strerror(r));
			tfs.damaged = 1;
		} else
			skip(&it->ent, tar_strerror(r));
	}
	free(it);
	return err;
}

static int open_source(int create)
{
	unsigned char magic[2] = { 0, 0 };
	struct stat st;
	int fd = open(tfs.archive, O_RDONLY | O_CLOEXEC);

	if (fd < 0 && errno == ENOENT && create) {
		fd = tarfs_scratch();	/* empty: written at first sync */
		tfs.dirty = 1;
	}
	if (fd < 0) {
		netfs_log("%s: %s", tfs.archive, strerror(errno));
		return -1;
	}
	if (pread(fd, magic, 2, 0) == 2 && tar_gz_magic(magic, 2)) {
		int raw = inflate_to_scratch(fd);
		close(fd);
		if (raw < 0)
			return -1;
		fd = raw;
		tfs.gz = 1;
	}
	fstat(fd, &st);
	tfs.srcfd = fd;
	tfs.src.read = tarfs_src_read;
	tfs.src.ctx = &tfs.srcfd;
	tfs.src.size = (uint64_t)st.st_size;
	return 0;
}

int tarfs_load(int create)
{
	struct stat st;
	int err;

	if (tree_init() || !(tfs.root = tree_new_node(S_IFDIR | 0755,
						      getuid(), getgid())))
		return ENOMEM;
	if (stat(tfs.archive, &st) == 0) {	/* the root looks like it */
		tfs.root->mode = S_IFDIR | (st.st_mode & 0777) |
			((st.st_mode & 0444) >> 2);	/* r -> x */
		tfs.root->uid = st.st_uid;
		tfs.root->gid = st.st_gid;
		tfs.root->mtime.sec = st.st_mtime;
		tfs.root->atime = tfs.root->ctime = tfs.root->mtime;
	}
	if (open_source(create) != 0)
		return EIO;
	if ((err = scan()) != 0)
		netfs_log("%s: %s", tfs.archive, strerror(err));
	if (tfs.damaged && !tfs.readonly) {
		netfs_log("%s: the archive has errors; serving it read-only so "
			  "that writing back cannot lose the skipped members",
			  tfs.archive);
		tfs.readonly = 1;
	}
	return err;
}

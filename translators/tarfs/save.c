/* save.c: write-back.  The whole tree is written as a new archive next to
 * the old one, flushed, and renamed over it: a crash leaves either the
 * old archive or the new one, never half of one.  Unchanged contents are
 * copied from the old archive; afterwards every node points into the new
 * one and the in-memory copies are released. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include "tarfs.h"
#include "tar-write.h"
#include "tar-gz.h"

/* Where the bytes go: the new archive file (maybe through gzip) and, for
 * gzip, an uncompressed scratch copy to serve reads from afterwards. */
struct sink {
	int fd, rawfd;
	struct tar_gz *gz;
};

static int fd_write(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int raw_out(void *ctx, const void *buf, size_t len)
{
	return fd_write(*(int *)ctx, buf, len);
}

static int sink_write(void *ctx, const void *buf, size_t len)
{
	struct sink *s = ctx;

	if (!s->gz)
		return fd_write(s->fd, buf, len);
	if (fd_write(s->rawfd, buf, len))
		return -1;
	return tar_gz_write(s->gz, buf, len);
}

static uint64_t gen;	/* this pass, to spot hard links seen before */

static int type_of(uint32_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR: return TAR_DIR;
	case S_IFLNK: return TAR_SYM;
	case S_IFCHR: return TAR_CHR;
	case S_IFBLK: return TAR_BLK;
	case S_IFIFO: return TAR_FIFO;
	default: return TAR_REG;
	}
}

static int copy_content(struct tar_out *o, struct tnode *n)
{
	char buf[65536];

	for (uint64_t at = 0; at < n->size;) {
		size_t len = sizeof buf;
		if (file_read(n, at, buf, &len) != 0 || len == 0)
			return -1;
		if (tar_write_data(o, buf, len))
			return -1;
		at += len;
	}
	return tar_write_pad(o);
}

static int write_node(struct tar_out *o, struct tar_entry *e, struct tnode *n)
{
	memset(e->link, 0, sizeof e->link);
	e->type = (char)type_of(n->mode);
	e->mode = n->mode & 07777;
	e->uid = n->uid;
	e->gid = n->gid;
	e->mtime = n->mtime.sec;
	e->mtime_nsec = n->mtime.nsec;
	e->size = e->type == TAR_REG ? n->size : 0;
	e->devmajor = major(n->rdev);
	e->devminor = minor(n->rdev);
	memcpy(e->uname, n->uname, sizeof e->uname);
	memcpy(e->gname, n->gname, sizeof e->gname);
	if (e->type == TAR_REG && n->save_gen == gen) {
		e->type = TAR_LNK;	/* written before under another name */
		e->size = 0;
		snprintf(e->link, sizeof e->link, "%s", n->save_path);
		return tar_write_header(o, e);
	}
	if (e->type == TAR_SYM)
		snprintf(e->link, sizeof e->link, "%s", n->link);
	if (tar_write_header(o, e))
		return -1;
	if (e->type != TAR_REG)
		return 0;
	n->save_gen = gen;
	n->save_off = o->pos;
	free(n->save_path);
	if (n->nlink > 1 && !(n->save_path = strdup(e->name)))
		return -1;
	return copy_content(o, n);
}

/* Preorder, so that tar -x makes each directory before its contents. */
static int write_dir(struct tar_out *o, struct tar_entry *e, struct tnode *dir,
		     size_t plen)
{
	for (struct tdirent *d = dir->first; d; d = d->next) {
		size_t nlen = strlen(d->name);
		if (plen + nlen + 2 > TAR_PATH_MAX) {
			errno = ENAMETOOLONG;
			return -1;
		}
		if (plen)
			e->name[plen] = '/';
		memcpy(e->name + plen + !!plen, d->name, nlen + 1);
		if (write_node(o, e, d->node))
			return -1;
		if (S_ISDIR(d->node->mode) &&
		    write_dir(o, e, d->node, plen + !!plen + nlen))
			return -1;
		e->name[plen] = 0;
	}
	return 0;
}

static int write_all(struct sink *s)
{
	struct tar_out o = { sink_write, s, 0 };
	struct tar_entry *e = calloc(1, sizeof *e);
	int err = -1;

	if (!e)
		return -1;
	gen++;
	if (write_node(&o, e, tfs.root) == 0 && write_dir(&o, e, tfs.root, 0) == 0)
		err = tar_write_end(&o);
	free(e);
	return err;
}

/* Every file's content now lives at save_off in the new source. */
static void repoint(struct tnode *dir)
{
	for (struct tdirent *d = dir->first; d; d = d->next) {
		struct tnode *n = d->node;
		if (S_ISREG(n->mode) && n->save_gen == gen) {
			n->off = n->save_off;
			free(n->mem);
			n->mem = NULL;
			n->cap = 0;
			n->inmem = 0;
		}
		if (S_ISDIR(n->mode))
			repoint(n);
	}
}

static int open_temp(char *tmp, size_t size)
{
	struct stat st;
	int fd;

	snprintf(tmp, size, "%s.XXXXXX", tfs.archive);
	if ((fd = mkostemp(tmp, O_CLOEXEC)) < 0)
		return -1;
	if (stat(tfs.archive, &st) == 0) {	/* keep mode and owner */
		fchmod(fd, st.st_mode & 07777);
		(void)!fchown(fd, st.st_uid, st.st_gid); /* root only */
	}
	return fd;
}

static int finish(struct sink *s, const char *tmp)
{
	if (s->gz && tar_gz_finish(s->gz) != 0)
		return s->gz = NULL, -1;
	s->gz = NULL;
	if (fsync(s->fd) != 0 || rename(tmp, tfs.archive) != 0)
		return -1;
	return 0;
}

int tarfs_save(void)
{
	struct sink s = { -1, -1, NULL };
	char tmp[4200];
	int err;

	if (!tfs.dirty || tfs.readonly)
		return 0;
	if ((s.fd = open_temp(tmp, sizeof tmp)) < 0)
		return errno;
	if (tfs.gz && ((s.rawfd = tarfs_scratch()) < 0 ||
		       !(s.gz = tar_gz_writer(raw_out, &s.fd, 6))))
		goto fail;
	if (write_all(&s) != 0 || finish(&s, tmp) != 0)
		goto fail;
	/* the new archive (or its uncompressed twin) is the source now */
	close(tfs.srcfd);
	tfs.srcfd = tfs.gz ? s.rawfd : s.fd;
	if (tfs.gz)
		close(s.fd);
	tfs.src.size = (uint64_t)lseek(tfs.srcfd, 0, SEEK_END);
	repoint(tfs.root);
	tfs.dirty = 0;
	return 0;
fail:
	err = errno ? errno : EIO;
	netfs_log("%s: write-back failed: %s", tfs.archive, strerror(err));
	if (s.gz)
		tar_gz_finish(s.gz);
	unlink(tmp);
	close(s.fd);
	if (s.rawfd >= 0)
		close(s.rawfd);
	return err;
}

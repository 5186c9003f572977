/*
 * libc/personality/fd.c - file descriptors.  A descriptor names an io
 * handle (include/argot/io.h) plus its close-on-exec flag; the open
 * modes and file pointer live in the server, shared by every handle on
 * the same open, so dup is a copy of the handle.  The first process has
 * no servers: its 0, 1 and 2 are the polled COM1 console.
 */
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <string.h>
#include <argot/file.h>
#include <argot/io.h>
#include <argot/term.h>
#include "px.h"

enum { PX_FD_FREE, PX_FD_IO_ = PX_FD_IO, PX_FD_COM1 };

struct px_fd {
	int kind;
	int handle;
	int cloexec;
	uint32_t dirpos;         /* getdents64: the server's next cookie */
};

static struct px_fd px_fds[PX_MAXFD];
static px_lock_t px_fd_lock;

void px_fd_init(void)
{
	const struct argot_startup *s = px.startup;
	uint32_t i;

	if (px.first) {
		for (i = 0; i < 3; i++)
			px_fds[i] = (struct px_fd){ PX_FD_COM1, ARGOT_NOHANDLE, 0, 0 };
		return;
	}
	for (i = 0; s && i < s->nfds && i < ARGOT_STARTUP_MAXFDS; i++)
		if (s->fds[i].handle >= 0)
			px_fds[i] = (struct px_fd){ PX_FD_IO, s->fds[i].handle,
			                            s->fds[i].cloexec != 0, 0 };
}

static struct px_fd *px_fd(long fd)
{
	if (fd < 0 || fd >= PX_MAXFD || px_fds[fd].kind == PX_FD_FREE)
		return 0;
	return &px_fds[fd];
}

/* Install a handle at the lowest free descriptor >= min. */
int px_fd_alloc(int kind, int handle, int cloexec, int min)
{
	int fd;

	px_lock(&px_fd_lock);
	for (fd = min; fd < PX_MAXFD; fd++)
		if (px_fds[fd].kind == PX_FD_FREE) {
			px_fds[fd] = (struct px_fd){ kind, handle, cloexec, 0 };
			px_unlock(&px_fd_lock);
			return fd;
		}
	px_unlock(&px_fd_lock);
	return -EMFILE;
}

int px_fd_handle(int fd)
{
	struct px_fd *d = px_fd(fd);

	return d && d->kind == PX_FD_IO ? d->handle : -EBADF;
}

uint32_t *px_fd_dirpos(int fd)
{
	struct px_fd *d = px_fd(fd);

	return d ? &d->dirpos : 0;
}

/* A short count from a server means "that much fits now" (a pipe
 * writes what fits above PIPE_BUF): go on until all is written or an
 * error (EAGAIN for a non-blocking descriptor).  EPIPE raises SIGPIPE. */
static long px_write_all(int h, const char *buf, uint32_t len)
{
	uint32_t done = 0;
	int r;

	do {
		r = io_write(h, IO_FILEPTR, buf + done, len - done, ARGOT_FOREVER);
		if (r == -EPIPE)
			px_sig_pipe();
		if (r <= 0)
			return done ? (long)done : (r ? r : 0);
		done += r;
	} while (done < len);
	return done;
}

long px_sys_write(struct px_frame *f)
{
	struct px_fd *d = px_fd(f->a1);

	if (!d)
		return -EBADF;
	if (d->kind == PX_FD_COM1)
		return px_console_write((void *)f->a2, f->a3);
	return px_write_all(d->handle, (const char *)f->a2, f->a3);
}

long px_sys_read(struct px_frame *f)
{
	struct px_fd *d = px_fd(f->a1);

	if (!d)
		return -EBADF;
	if (d->kind == PX_FD_COM1)
		return 0;                /* no input before a terminal server */
	return io_read(d->handle, IO_FILEPTR, (void *)f->a2,
	               (uint32_t)f->a3 > IO_MAX ? IO_MAX : (uint32_t)f->a3, ARGOT_FOREVER);
}

/* pread64/pwrite64(fd, buf, count, offset low, offset high): the io
 * protocol takes an offset per call and leaves the file pointer alone
 * then, so these are single RPCs; a negative offset would read as
 * IO_FILEPTR, hence EINVAL first, as Linux. */
static long px_prw_fd(struct px_frame *f, struct px_fd **d, int64_t *off)
{
	*d = px_fd(f->a1);
	*off = (int64_t)(((uint64_t)(uint32_t)f->a5 << 32) | (uint32_t)f->a4);
	if (!*d)
		return -EBADF;
	if ((*d)->kind == PX_FD_COM1)
		return -ESPIPE;
	return *off < 0 ? -EINVAL : 0;
}

long px_sys_pread64(struct px_frame *f)
{
	struct px_fd *d;
	int64_t off;
	long r = px_prw_fd(f, &d, &off);

	if (r < 0)
		return r;
	return io_read(d->handle, off, (void *)f->a2,
	               (uint32_t)f->a3 > IO_MAX ? IO_MAX : (uint32_t)f->a3, ARGOT_FOREVER);
}

long px_sys_pwrite64(struct px_frame *f)
{
	struct px_fd *d;
	int64_t off;
	long r = px_prw_fd(f, &d, &off);

	if (r < 0)
		return r;
	return io_write(d->handle, off, (const void *)f->a2, (uint32_t)f->a3,
	                ARGOT_FOREVER);
}

/* fsync, fdatasync, fchmod, fchown32: the file protocol on the
 * descriptor's handle, which names the node it was opened on. */
static struct px_fd *px_fd_file(long fd, long *err)
{
	struct px_fd *d = px_fd(fd);

	*err = !d ? -EBADF : d->kind == PX_FD_COM1 ? -EINVAL : 0;
	return *err ? 0 : d;
}

long px_sys_fsync(struct px_frame *f)
{
	long r;
	struct px_fd *d = px_fd_file(f->a1, &r);

	return d ? file_sync(d->handle, 1, ARGOT_FOREVER) : r;
}

long px_sys_fdatasync(struct px_frame *f) { return px_sys_fsync(f); }

long px_sys_fchmod(struct px_frame *f)
{
	long r;
	struct px_fd *d = px_fd_file(f->a1, &r);

	return d ? file_chmod(d->handle, (uint32_t)f->a2 & 07777, ARGOT_FOREVER) : r;
}

long px_sys_fchown32(struct px_frame *f)
{
	long r;
	struct px_fd *d = px_fd_file(f->a1, &r);

	return d ? file_chown(d->handle, (uint32_t)f->a2, (uint32_t)f->a3,
	                      ARGOT_FOREVER) : r;
}

/* readv/writev: one call per piece; a short transfer ends the loop as
 * it would end a single read or write. */
static long px_vec(struct px_frame *f, long (*one)(struct px_frame *))
{
	const struct iovec *iov = (void *)f->a2;
	long total = 0, r = 0;
	int i;

	for (i = 0; i < (int)f->a3; i++) {
		struct px_frame g = { .a1 = f->a1, .a2 = (long)iov[i].iov_base,
		                      .a3 = iov[i].iov_len };
		if (!iov[i].iov_len)
			continue;
		r = one(&g);
		if (r < 0)
			return total ? total : r;
		total += r;
		if ((size_t)r < iov[i].iov_len)
			break;
	}
	return total;
}

long px_sys_writev(struct px_frame *f) { return px_vec(f, px_sys_write); }
long px_sys_readv(struct px_frame *f) { return px_vec(f, px_sys_read); }

long px_sys_close(struct px_frame *f)
{
	struct px_fd *d = px_fd(f->a1);
	int h;

	if (!d)
		return -EBADF;
	h = d->handle;
	d->kind = PX_FD_FREE;
	if (h >= 0)
		argot_close(h);
	return 0;
}

/* A second handle on the same open (shared file pointer and modes). */
static int px_copy_handle(struct px_fd *d, int *h)
{
	if (d->kind != PX_FD_IO) {
		*h = ARGOT_NOHANDLE;
		return 0;
	}
	return k_proc_handle_take(px.self, d->handle, h);
}

int px_fd_copy(int fd, int *h)
{
	struct px_fd *d = px_fd(fd);

	if (!d || d->kind != PX_FD_IO)
		return -EBADF;
	return px_copy_handle(d, h);
}

static long px_dup_to(long oldfd, long newfd, int cloexec)
{
	struct px_fd *d = px_fd(oldfd), old;
	int h, r;

	if (!d || newfd < 0 || newfd >= PX_MAXFD)
		return -EBADF;
	if ((r = px_copy_handle(d, &h)) < 0)
		return r;
	px_lock(&px_fd_lock);
	old = px_fds[newfd];
	px_fds[newfd] = (struct px_fd){ d->kind, h, cloexec, 0 };
	px_unlock(&px_fd_lock);
	if (old.kind != PX_FD_FREE && old.handle >= 0)
		argot_close(old.handle);
	return newfd;
}

long px_sys_dup(struct px_frame *f)
{
	struct px_fd *d = px_fd(f->a1);
	int h, r;

	if (!d)
		return -EBADF;
	if ((r = px_copy_handle(d, &h)) < 0)
		return r;
	r = px_fd_alloc(d->kind, h, 0, 0);
	if (r < 0 && h >= 0)
		argot_close(h);
	return r;
}

long px_sys_dup2(struct px_frame *f)
{
	if (f->a1 == f->a2)
		return px_fd(f->a1) ? f->a2 : -EBADF;
	return px_dup_to(f->a1, f->a2, 0);
}

long px_sys_dup3(struct px_frame *f)
{
	if (f->a1 == f->a2)
		return -EINVAL;
	return px_dup_to(f->a1, f->a2, (f->a3 & O_CLOEXEC) != 0);
}

long px_sys_fcntl64(struct px_frame *f)
{
	struct px_fd *d = px_fd(f->a1);
	uint32_t modes;
	int h, r;

	if (!d)
		return -EBADF;
	switch (f->a2) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if ((r = px_copy_handle(d, &h)) < 0)
			return r;
		r = px_fd_alloc(d->kind, h, f->a2 == F_DUPFD_CLOEXEC, f->a3);
		if (r < 0 && h >= 0)
			argot_close(h);
		return r;
	case F_GETFD:
		return d->cloexec ? FD_CLOEXEC : 0;
	case F_SETFD:
		d->cloexec = (f->a3 & FD_CLOEXEC) != 0;
		return 0;
	case F_GETFL:
		if (d->kind == PX_FD_COM1)
			return O_WRONLY;
		r = io_get_openmodes(d->handle, &modes, ARGOT_FOREVER);
		return r < 0 ? r : (long)modes;
	case F_SETFL:
		if (d->kind == PX_FD_COM1)
			return 0;
		return io_set_openmodes(d->handle, f->a3, ARGOT_FOREVER);
	case F_GETLK: case F_SETLK: case F_SETLKW:
		return -ENOLCK;          /* no lock server yet */
	}
	return -EINVAL;
}

static long px_seek(long fd, int64_t off, int whence, int64_t *pos)
{
	struct px_fd *d = px_fd(fd);

	if (!d)
		return -EBADF;
	if (d->kind == PX_FD_COM1)
		return -ESPIPE;
	/* a directory's place is ours (getdents64 keeps the server's
	 * cookie here): rewinddir is lseek(fd, 0, SEEK_SET) */
	if (whence == SEEK_SET && off >= 0 && off <= 0xffffffff)
		d->dirpos = (uint32_t)off;
	return io_seek(d->handle, off, whence, pos, ARGOT_FOREVER);
}

long px_sys_lseek(struct px_frame *f)
{
	int64_t pos;
	long r = px_seek(f->a1, (int32_t)f->a2, f->a3, &pos);

	if (r < 0)
		return r;
	return pos > 0x7fffffff ? -EOVERFLOW : (long)pos;
}

/* _llseek(fd, high, low, &result, whence) */
long px_sys__llseek(struct px_frame *f)
{
	int64_t off = ((int64_t)f->a2 << 32) | (uint32_t)f->a3, pos;
	long r = px_seek(f->a1, off, f->a5, &pos);

	if (r < 0)
		return r;
	*(int64_t *)f->a4 = pos;
	return 0;
}

long px_sys_ioctl(struct px_frame *f)
{
	struct px_fd *d = px_fd(f->a1);

	if (!d)
		return -EBADF;
	if (d->kind == PX_FD_COM1) {
		if (f->a2 == TIOCGWINSZ) {       /* a terminal: line buffering */
			struct winsize *w = (void *)f->a3;
			*w = (struct winsize){ .ws_row = 24, .ws_col = 80 };
			return 0;
		}
		return -ENOTTY;
	}
	switch (f->a2) {
	case TCGETS:
		return term_get_modes(d->handle, (void *)f->a3, ARGOT_FOREVER);
	case TCSETS: case TCSETSW: case TCSETSF:
		return term_set_modes(d->handle, f->a2 - TCSETS, (void *)f->a3,
		                      ARGOT_FOREVER);
	case TIOCGWINSZ:
		return term_get_winsize(d->handle, (void *)f->a3, ARGOT_FOREVER);
	case TIOCSWINSZ:
		return term_set_winsize(d->handle, (void *)f->a3, ARGOT_FOREVER);
	case TIOCGPGRP:
		return term_get_pgrp(d->handle, (void *)f->a3, ARGOT_FOREVER);
	case TIOCSPGRP:
		return term_set_pgrp(d->handle, *(int *)f->a3, ARGOT_FOREVER);
	}
	return -ENOTTY;
}

/* The io server's stat, in musl's kstat layout (arch/i386/kstat.h:
 * Linux's struct stat64). */
struct px_kstat {
	uint64_t dev; int32_t pad1; int32_t ino32;
	uint32_t mode, nlink, uid, gid;
	uint64_t rdev; int32_t pad2;
	int64_t size; int32_t blksize; int64_t blocks;
	int32_t atime, atime_ns, mtime, mtime_ns, ctime, ctime_ns;
	uint64_t ino;
} __attribute__((packed));

void px_stat_to_k(const void *stat, void *out)
{
	const struct argot_stat *s = stat;
	struct px_kstat *k = out;

	memset(k, 0, sizeof *k);
	k->dev = s->dev; k->ino = s->ino; k->ino32 = (int32_t)s->ino;
	k->mode = s->mode; k->nlink = s->nlink; k->uid = s->uid; k->gid = s->gid;
	k->rdev = s->rdev; k->size = s->size; k->blksize = s->blksize;
	k->blocks = s->blocks;
	k->atime = s->atime_sec; k->atime_ns = s->atime_nsec;
	k->mtime = s->mtime_sec; k->mtime_ns = s->mtime_nsec;
	k->ctime = s->ctime_sec; k->ctime_ns = s->ctime_nsec;
}

long px_sys_fstat64(struct px_frame *f)
{
	struct px_fd *d = px_fd(f->a1);
	struct argot_stat s = { 0 };
	int r;

	if (!d)
		return -EBADF;
	if (d->kind == PX_FD_COM1) {
		s.mode = ARGOT_S_IFCHR | 0620;
		s.blksize = 1;
	} else if ((r = io_stat(d->handle, &s, ARGOT_FOREVER)) < 0) {
		return r;
	}
	px_stat_to_k(&s, (void *)f->a2);
	return 0;
}

/* poll: each descriptor is asked with IO_SELECT, without waiting, until
 * one is ready or the timeout passes.  The console is always writable. */
long px_sys_poll(struct px_frame *f)
{
	struct pollfd *p = (void *)f->a1;
	unsigned long n = f->a2, i;
	int timeout = f->a3, ready = 0;
	uint64_t end = px_now_ns() + (uint64_t)(timeout > 0 ? timeout : 0) * 1000000;

	for (;;) {
		for (i = 0; i < n; i++) {
			struct px_fd *d = px_fd(p[i].fd);
			uint32_t want = 0, got = 0;
			p[i].revents = 0;
			if (p[i].fd < 0)
				continue;
			if (!d) {
				p[i].revents = POLLNVAL;
			} else if (d->kind == PX_FD_COM1) {
				p[i].revents = p[i].events & POLLOUT;
			} else {
				if (p[i].events & POLLIN) want |= IO_SELECT_READ;
				if (p[i].events & POLLOUT) want |= IO_SELECT_WRITE;
				if (io_select(d->handle, want, 0, &got, ARGOT_FOREVER) < 0)
					p[i].revents = POLLERR;
				if (got & IO_SELECT_READ) p[i].revents |= POLLIN;
				if (got & IO_SELECT_WRITE) p[i].revents |= POLLOUT;
			}
			ready += p[i].revents != 0;
		}
		if (ready || timeout == 0 || (timeout > 0 && px_now_ns() >= end))
			return ready;
		px_nap_ms(10);
	}
}

/* fork: a copy of every descriptor's handle in the child; nums[fd] is
 * its number there (NOHANDLE for a free slot). */
int px_fd_give(int child, int32_t *nums)
{
	int fd, r = 0;

	px_lock(&px_fd_lock);
	for (fd = 0; fd < PX_MAXFD; fd++) {
		nums[fd] = ARGOT_NOHANDLE;
		if (px_fds[fd].kind == PX_FD_IO && r >= 0)
			r = k_proc_handle_give(child, px_fds[fd].handle, &nums[fd]);
	}
	px_unlock(&px_fd_lock);
	return r;
}

/* In the child: the same table, with the numbers fork gave. */
void px_fd_forked(const int32_t *nums)
{
	int fd;

	px_fd_lock = 0;
	for (fd = 0; fd < PX_MAXFD; fd++)
		if (px_fds[fd].kind == PX_FD_IO)
			px_fds[fd].handle = nums[fd];
}

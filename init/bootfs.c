/*
 * init/bootfs.c - the initrd as a read-only filesystem: io and dir on
 * nodes of the archive, enough for exec to read programs and for init to
 * read its configuration until the root filesystem runs.  One thread;
 * each open is an object with its own file pointer.
 */
#include "bootfs.h"
#include <argot/io.h>
#include <argot/dir.h>
#include <argot/auth.h>
#include <argot/fsys.h>

#define EROFS 30
#define ENOTDIR 20
#define EISDIR 21
#define MAXMAGIC 8

struct srv bootfs_srv = { .name = "bootfs" };
static struct tar_src src;
static struct tar_mem mem;
static struct tar_iter it;   /* one thread: one iterator */
static struct tar_entry found_ent;  /* tar_lookup's answer (not it.ent:
                                       the search goes on past a match) */
static struct { char path[32]; int h; } magic[MAXMAGIC];

struct bnode {
	struct srv_obj o;
	char type;
	uint32_t mode, uid, gid, size;
	uint64_t offset;
	int64_t mtime, pos;
	uint32_t flags;
	char path[];           /* cleaned, "" for the root */
};

static const struct srv_class node_class, console_class, dev_class;
static int bootfs_auth = ARGOT_NOHANDLE;   /* ours, for IO_REAUTH */

int bootfs_init(const void *base, uint32_t size, const char **why)
{
	int r, n = 0;
	tar_src_mem(&src, &mem, base, size);
	tar_iter_init(&it, &src);
	while ((r = tar_next(&it)) != TAR_END) {
		if (r < 0) {
			*why = tar_strerror(r);
			return r;
		}
		n++;
	}
	*why = n ? 0 : "empty archive";
	return n ? 0 : TAR_ETRUNC;
}

static int find(const char *path, struct tar_entry **e)
{
	tar_iter_init(&it, &src);
	if (tar_lookup(&it, path, &found_ent) != TAR_OK)
		return -ARGOT_ENOENT;
	*e = &found_ent;
	return 0;
}

const struct tar_src *bootfs_archive(const unsigned char **base)
{
	*base = mem.base;
	return &src;
}

const void *bootfs_file(const char *path, uint32_t *size)
{
	struct tar_entry *e;
	if (find(path, &e) < 0 || e->type != TAR_REG)
		return 0;
	*size = (uint32_t)e->size;
	return mem.base + e->offset;
}

static struct bnode *node_new(const struct tar_entry *e, const char *path,
                              int *send)
{
	uint32_t n = rpc_strnlen(path, TAR_PATH_MAX);
	struct bnode *b = rt_malloc(sizeof *b + n + 1);
	if (!b)
		return 0;
	rpc_zero(b, sizeof *b);
	b->type = e ? e->type : TAR_DIR;
	b->mode = e ? e->mode : 0755;
	if (e) {
		b->uid = e->uid; b->gid = e->gid; b->mtime = e->mtime;
		b->size = (uint32_t)e->size; b->offset = e->offset;
	}
	rpc_copy(b->path, path, n);
	b->path[n] = 0;
	if (srv_obj_add(&bootfs_srv, &b->o, &node_class, send) < 0) {
		rt_free(b);
		return 0;
	}
	return b;
}

int bootfs_root(int *send)
{
	struct tar_entry *e;
	return node_new(find("", &e) == 0 ? e : 0, "", send) ? 0
	                                                     : -ARGOT_ENOMEM;
}

void bootfs_magic(const char *path, int h)
{
	for (int i = 0; i < MAXMAGIC; i++)
		if (!magic[i].path[0]) {
			rpc_copy(magic[i].path, path, rpc_strnlen(path, 31));
			magic[i].h = h;
			return;
		}
}

/* dir + "/" + rel, with "." and ".." resolved; 0 or -ENAMETOOLONG */
static int join(char *out, const char *dir, const char *rel)
{
	uint32_t n = 0;
	const char *parts[2] = { dir, rel };
	for (int k = 0; k < 2; k++) {
		const char *p = parts[k];
		while (*p) {
			while (*p == '/')
				p++;
			const char *c = p;
			while (*p && *p != '/')
				p++;
			uint32_t l = (uint32_t)(p - c);
			if (l == 0 || (l == 1 && c[0] == '.'))
				continue;
			if (l == 2 && c[0] == '.' && c[1] == '.') {
				while (n > 0 && out[n - 1] != '/')
					n--;
				if (n > 0)
					n--;   /* ".." at the root stays there */
				continue;
			}
			if (n + l + 2 > TAR_PATH_MAX)
				return -36;
			if (n)
				out[n++] = '/';
			rpc_copy(out + n, c, l);
			n += l;
		}
	}
	out[n] = 0;
	return 0;
}

static int reply_handle(struct srv_req *r, int h, int move)
{
	struct dir_lookup_rep *rep = r->rbuf;
	rep->retry = DIR_RETRY_NORMAL;
	((char *)r->rbuf)[sizeof *rep] = 0;
	r->rlen = sizeof *rep + 1;
	r->rh[0] = move ? h | ARGOT_HMOVE : h;
	r->rnh = 1;
	return 0;
}

static int h_lookup(struct srv_req *r)
{
	struct bnode *d = (struct bnode *)r->obj;
	const struct dir_lookup_req *q = r->data;
	const char *rel = (const char *)r->data + sizeof *q;
	uint32_t len = r->len - sizeof *q;
	char *path = (char *)r->rbuf + 64;    /* scratch in the reply space */
	struct tar_entry *e;
	int send;
	if (len == 0 || rpc_strnlen(rel, len) == len)
		return -ARGOT_EINVAL;
	if (d->type != TAR_DIR)
		return -ENOTDIR;
	if (join(path, d->path, rel) < 0)
		return -36;
	for (int i = 0; i < MAXMAGIC; i++)
		if (magic[i].path[0] && !strcmp(magic[i].path, path))
			return reply_handle(r, magic[i].h, 0);
	if ((q->flags & (ARGOT_O_CREAT | ARGOT_O_TRUNC)) ||
	    (q->flags & ARGOT_O_ACCMODE) != ARGOT_O_RDONLY)
		return -EROFS;
	int found = find(path, &e) == 0;
	if (!found && path[0])
		return -ARGOT_ENOENT;
	if (!found)
		e = 0;    /* an archive without "./": the root is implicit */
	if ((q->flags & ARGOT_O_DIRECTORY) && e && e->type != TAR_DIR)
		return -ENOTDIR;
	struct bnode *b = node_new(e, path, &send);
	if (!b)
		return -ARGOT_ENOMEM;
	b->flags = q->flags;
	return reply_handle(r, send, 1);
}

static int h_read(struct srv_req *r)
{
	struct bnode *b = (struct bnode *)r->obj;
	const struct io_read_req *q = r->data;
	if (b->type == TAR_DIR)
		return -EISDIR;
	int64_t off = q->offset == IO_FILEPTR ? b->pos : q->offset;
	if (off < 0)
		return -ARGOT_EINVAL;
	uint32_t n = q->amount > IO_MAX ? IO_MAX : q->amount;
	if ((uint64_t)off >= b->size)
		n = 0;
	else if (n > b->size - off)
		n = b->size - (uint32_t)off;
	rpc_copy(r->rbuf, mem.base + b->offset + off, n);
	r->rlen = n;
	if (q->offset == IO_FILEPTR)
		b->pos += n;
	return 0;
}

static int h_seek(struct srv_req *r)
{
	struct bnode *b = (struct bnode *)r->obj;
	const struct io_seek_req *q = r->data;
	int64_t base = q->whence == IO_SEEK_SET ? 0 :
	               q->whence == IO_SEEK_CUR ? b->pos :
	               q->whence == IO_SEEK_END ? (int64_t)b->size : -1;
	if (base < 0 || base + q->offset < 0)
		return -ARGOT_EINVAL;
	b->pos = base + q->offset;
	struct io_seek_rep *rep = r->rbuf;
	rep->pos = b->pos;
	r->rlen = sizeof *rep;
	return 0;
}

static int h_stat(struct srv_req *r)
{
	struct bnode *b = (struct bnode *)r->obj;
	struct argot_stat *st = r->rbuf;
	rpc_zero(st, sizeof *st);
	st->dev = 1;
	st->ino = b->offset / 512 + 1;
	st->mode = b->mode | (b->type == TAR_DIR ? ARGOT_S_IFDIR :
	           b->type == TAR_SYM ? ARGOT_S_IFLNK : ARGOT_S_IFREG);
	st->nlink = 1;
	st->uid = st->author = b->uid;
	st->gid = b->gid;
	st->size = b->size;
	st->blksize = 512;
	st->blocks = (b->size + 511) / 512;
	st->atime_sec = st->mtime_sec = st->ctime_sec = b->mtime;
	r->rlen = sizeof *st;
	return 0;
}

static int h_duplicate(struct srv_req *r)
{
	int send;
	int e = srv_obj_send(r->obj, &send);
	if (e < 0)
		return e;
	r->rh[0] = send | ARGOT_HMOVE;
	r->rnh = 1;
	return 0;
}

static int h_getmodes(struct srv_req *r)
{
	struct io_modes *m = r->rbuf;
	m->flags = ((struct bnode *)r->obj)->flags;
	r->rlen = sizeof *m;
	return 0;
}

/* The n-th direct child of dir, counting from entry. */
static int h_readdir(struct srv_req *r)
{
	struct bnode *d = (struct bnode *)r->obj;
	const struct dir_readdir_req *q = r->data;
	struct dir_readdir_rep *rep = r->rbuf;
	char *out = (char *)r->rbuf + sizeof *rep;
	uint32_t cap = q->bufsize < IO_MAX ? q->bufsize : IO_MAX, used = 0;
	uint32_t dl = rpc_strnlen(d->path, TAR_PATH_MAX), idx = 0;
	if (d->type != TAR_DIR)
		return -ENOTDIR;
	rep->count = 0;
	tar_iter_init(&it, &src);
	while (tar_next(&it) != TAR_END) {
		const char *n = it.ent.name;
		if (!n[0] || (dl && (strncmp(n, d->path, dl) || n[dl] != '/')))
			continue;
		const char *base = dl ? n + dl + 1 : n;
		if (strchr(base, '/') || idx++ < q->entry)
			continue;
		uint32_t bl = rpc_strnlen(base, 255);
		uint32_t rec = (sizeof(struct argot_dirent) + bl + 1 + 7) & ~7u;
		if (used + rec > cap || (q->nentries && rep->count == q->nentries))
			break;
		struct argot_dirent *de = (void *)(out + used);
		de->ino = it.ent.header / 512 + 1;
		de->reclen = (uint16_t)rec;
		de->type = it.ent.type == TAR_DIR ? 4 : it.ent.type == TAR_SYM ? 10 : 8;
		de->namelen = (uint8_t)bl;
		rpc_copy(de->name, base, bl);
		de->name[bl] = 0;
		used += rec;
		rep->count++;
	}
	rep->next = q->entry + rep->count;
	r->rlen = sizeof *rep + used;
	return 0;
}

/* IO_REAUTH: a client crossing into us from the root filesystem (our
 * /dev is a translator there) shows its identity.  We serve the same
 * read-only view to everyone, so we only complete the rendezvous with a
 * new open of the same node.  One thread: a client that never comes
 * holds us up to AUTH_RENDEZVOUS_TTL. */
static int h_reauth(struct srv_req *r)
{
	struct bnode *b = (struct bnode *)r->obj, *n;
	struct argot_idset ids;
	int send;
	if (bootfs_auth == ARGOT_NOHANDLE || !(n = node_new(0, b->path, &send)))
		return SRV_DEFER;   /* the client's wait times out */
	n->type = b->type; n->mode = b->mode; n->uid = b->uid; n->gid = b->gid;
	n->size = b->size; n->offset = b->offset; n->mtime = b->mtime;
	n->flags = b->flags;
	auth_server_authenticate(bootfs_auth, r->h[0], send, &ids,
	                         AUTH_RENDEZVOUS_TTL);
	argot_close(send);   /* the client has its copy, if it came */
	return SRV_DEFER;    /* one-way: no reply */
}

static int h_rofs(struct srv_req *r)
{
	(void)r;
	return -EROFS;
}

static void node_gone(struct srv_obj *o)
{
	rt_free(o);
}

#define IOF(id) [(id) - ARGOT_RPC_IO]
#define DIRF(id) [(id) - ARGOT_RPC_DIR]
static const srv_fn io_fns[IO_END - ARGOT_RPC_IO] = {
	IOF(IO_READ) = h_read, IOF(IO_WRITE) = h_rofs, IOF(IO_SEEK) = h_seek,
	IOF(IO_STAT) = h_stat, IOF(IO_DUPLICATE) = h_duplicate,
	IOF(IO_GET_OPENMODES) = h_getmodes, IOF(IO_REAUTH) = h_reauth,
};
static const srv_fn dir_fns[DIR_END - ARGOT_RPC_DIR] = {
	DIRF(DIR_LOOKUP) = h_lookup, DIRF(DIR_READDIR) = h_readdir,
	DIRF(DIR_MKDIR) = h_rofs, DIRF(DIR_RMDIR) = h_rofs,
	DIRF(DIR_UNLINK) = h_rofs, DIRF(DIR_LINK) = h_rofs,
	DIRF(DIR_RENAME) = h_rofs, DIRF(DIR_MKFILE) = h_rofs,
	DIRF(DIR_SYMLINK) = h_rofs,
};
static const struct srv_iface io_iface = { &rpc_io_proto, io_fns };
static const struct srv_iface dir_iface = { &rpc_dir_proto, dir_fns };
static const struct srv_iface *const node_ifaces[] = { &io_iface, &dir_iface, 0 };
static const struct srv_class node_class = { node_ifaces, node_gone, 0 };

/* The boot console: writes go to COM1 through rt until a terminal runs,
 * then to the terminal, so the two never fight over the UART. */
static int cons_term = ARGOT_NOHANDLE;

void bootfs_console_to(int term)
{
	cons_term = term;
}

static int h_cons_write(struct srv_req *r)
{
	const char *p = (const char *)r->data + sizeof(struct io_write_req);
	uint32_t n = r->len - sizeof(struct io_write_req);
	if (cons_term == ARGOT_NOHANDLE ||
	    io_write(cons_term, IO_FILEPTR, p, n, 10000) < 0)
		for (uint32_t i = 0; i < n; i++)
			rt_putc(p[i]);
	struct io_count *c = r->rbuf;
	c->count = n;
	r->rlen = sizeof *c;
	return 0;
}

static const srv_fn cons_fns[IO_END - ARGOT_RPC_IO] = {
	IOF(IO_WRITE) = h_cons_write, IOF(IO_DUPLICATE) = h_duplicate,
};
static const struct srv_iface cons_iface = { &rpc_io_proto, cons_fns };
static const struct srv_iface *const cons_ifaces[] = { &cons_iface, 0 };
static const struct srv_class console_class = { cons_ifaces, 0, 0 };

int bootfs_console(int *send)
{
	static struct srv_obj cons;
	return srv_obj_add(&bootfs_srv, &cons, &console_class, send);
}

/* /dev/null and /dev/zero.  Served here rather than by /hurd/null and
 * /hurd/zero: they hold no state, so one object each answers every open
 * (bootfs_magic hands out copies of its handle), and they then exist
 * before the root filesystem and need no translator started through
 * exec.  Reads give end of file (null) or zeros (zero); writes are
 * swallowed; both are always ready. */
struct devnode { struct srv_obj o; int zero; };
static struct devnode dev_null, dev_zero = { .zero = 1 };

static int h_dev_read(struct srv_req *r)
{
	const struct io_read_req *q = r->data;
	uint32_t n = q->amount > IO_MAX ? IO_MAX : q->amount;
	if (!((struct devnode *)r->obj)->zero)
		n = 0;
	rpc_zero(r->rbuf, n);
	r->rlen = n;
	return 0;
}

static int h_dev_write(struct srv_req *r)
{
	struct io_count *c = r->rbuf;
	c->count = r->len - sizeof(struct io_write_req);
	r->rlen = sizeof *c;
	return 0;
}

static int h_dev_seek(struct srv_req *r)
{
	struct io_seek_rep *rep = r->rbuf;
	rep->pos = 0;             /* Linux: seeking these always gives 0 */
	r->rlen = sizeof *rep;
	return 0;
}

static int h_dev_stat(struct srv_req *r)
{
	struct argot_stat *st = r->rbuf;
	int zero = ((struct devnode *)r->obj)->zero;
	rpc_zero(st, sizeof *st);
	st->dev = 1;
	st->ino = zero ? 3 : 2;   /* not archive offsets: those give 1 + k */
	st->mode = ARGOT_S_IFCHR | 0666;
	st->nlink = 1;
	st->rdev = zero ? (1 << 8 | 5) : (1 << 8 | 3);   /* Linux's 1,3 1,5 */
	st->blksize = 4096;
	r->rlen = sizeof *st;
	return 0;
}

static int h_dev_modes(struct srv_req *r)
{
	struct io_modes *m = r->rbuf;
	m->flags = ARGOT_O_RDWR;   /* one object for all opens: no own modes */
	r->rlen = sizeof *m;
	return 0;
}

static int h_dev_select(struct srv_req *r)
{
	const struct io_select_req *q = r->data;
	struct io_select_rep *rep = r->rbuf;
	rep->ready = q->which & (IO_SELECT_READ | IO_SELECT_WRITE);
	r->rlen = sizeof *rep;
	return 0;
}

/* A process that changes identity reauthenticates its descriptors: hand
 * back another handle on the same object (everyone may use it). */
static int h_dev_reauth(struct srv_req *r)
{
	struct argot_idset ids;
	int send;
	if (bootfs_auth == ARGOT_NOHANDLE || srv_obj_send(r->obj, &send) < 0)
		return SRV_DEFER;
	auth_server_authenticate(bootfs_auth, r->h[0], send, &ids,
	                         AUTH_RENDEZVOUS_TTL);
	argot_close(send);
	return SRV_DEFER;
}

static const srv_fn devnode_fns[IO_END - ARGOT_RPC_IO] = {
	IOF(IO_READ) = h_dev_read, IOF(IO_WRITE) = h_dev_write,
	IOF(IO_SEEK) = h_dev_seek, IOF(IO_STAT) = h_dev_stat,
	IOF(IO_DUPLICATE) = h_duplicate, IOF(IO_GET_OPENMODES) = h_dev_modes,
	IOF(IO_SELECT) = h_dev_select, IOF(IO_REAUTH) = h_dev_reauth,
};
static const struct srv_iface devnode_iface = { &rpc_io_proto, devnode_fns };
static const struct srv_iface *const devnode_ifaces[] = { &devnode_iface, 0 };
static const struct srv_class devnode_class = { devnode_ifaces, 0, 0 };

int bootfs_devnodes(void)
{
	int h;
	if (srv_obj_add(&bootfs_srv, &dev_null.o, &devnode_class, &h) < 0)
		return -ARGOT_ENOMEM;
	bootfs_magic("dev/null", h);
	if (srv_obj_add(&bootfs_srv, &dev_zero.o, &devnode_class, &h) < 0)
		return -ARGOT_ENOMEM;
	bootfs_magic("dev/zero", h);
	return 0;
}

/* /dev on the root filesystem: a translator whose root is our "dev"
 * directory, where the terminals answer (bootfs_magic).  FSYS_GETROOT
 * opens it afresh; ".." from it leads to the initrd's root, not the root
 * filesystem's (we do not keep the parent's handle). */
static int h_dev_getroot(struct srv_req *r)
{
	const struct fsys_getroot_req *q = r->data;
	struct tar_entry *e;
	int send;
	struct bnode *b = node_new(find("dev", &e) == 0 ? e : 0, "dev", &send);
	if (!b)
		return -ARGOT_ENOMEM;
	b->type = TAR_DIR;
	b->flags = q->flags;
	return reply_handle(r, send, 1);
}

#define FSYSF(id) [(id) - ARGOT_RPC_FSYS]
static const srv_fn dev_fns[FSYS_END - ARGOT_RPC_FSYS] = {
	FSYSF(FSYS_GETROOT) = h_dev_getroot,
};
static const struct srv_iface dev_iface = { &rpc_fsys_proto, dev_fns };
static const struct srv_iface *const dev_ifaces[] = { &dev_iface, 0 };
static const struct srv_class dev_class = { dev_ifaces, 0, 0 };

int bootfs_dev_control(int auth, int *control)
{
	static struct srv_obj dev;
	bootfs_auth = auth;
	return srv_obj_add(&bootfs_srv, &dev, &dev_class, control);
}

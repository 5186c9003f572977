/* procfs.c: /hurd/procfs on libnetfs (procfs.h, doc/procfs.md).
 *
 *   /proc/PID/{cmdline,comm,stat,status}   one directory per live process
 *   /proc/{meminfo,uptime,version}
 *
 * Nodes are small records made by lookup and freed when the library drops
 * them; a node only names what it shows (a kind and a pid).  Every stat,
 * read and listing asks proc again, so a process that died after a
 * readdir, or while a file was open, gives ENOENT and never stale text.
 * Usage: settrans -a /proc /hurd/procfs (no options). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "netfs.h"
#include "procfs.h"

enum kind {
	K_ROOT, K_PIDDIR,
	K_CMDLINE, K_COMM, K_STAT, K_STATUS,	/* in a pid's directory */
	K_MEMINFO, K_UPTIME, K_VERSION,		/* at the top */
};

struct pf_node {
	struct netfs_node nn;	/* first: the library's pointer is ours */
	enum kind kind;
	int32_t pid;		/* K_PIDDIR and the files in it */
};

struct entry { const char *name; enum kind kind; };
/* sorted, as ls would show them */
static const struct entry pid_files[] = {
	{ "cmdline", K_CMDLINE }, { "comm", K_COMM },
	{ "stat", K_STAT }, { "status", K_STATUS },
};
static const struct entry top_files[] = {
	{ "meminfo", K_MEMINFO }, { "uptime", K_UPTIME },
	{ "version", K_VERSION },
};
#define NPID (sizeof pid_files / sizeof pid_files[0])
#define NTOP (sizeof top_files / sizeof top_files[0])

static struct pf_node root = { .kind = K_ROOT };

/* Inode numbers: fixed for the top, then 16 per pid (its directory and
 * its files), so the same name always has the same number. */
static uint64_t ino_of(enum kind k, int32_t pid)
{
	if (k == K_ROOT)
		return 1;
	if (k >= K_MEMINFO)
		return 2 + (uint64_t)(k - K_MEMINFO);
	return ((uint64_t)pid + 1) << 4 | (uint64_t)(k - K_PIDDIR);
}

static int node_new(enum kind k, int32_t pid, struct netfs_node **out)
{
	struct pf_node *n = calloc(1, sizeof *n);

	if (!n)
		return ENOMEM;
	netfs_node_init(&n->nn);
	n->kind = k;
	n->pid = pid;
	*out = &n->nn;
	return 0;
}

static const struct entry *find(const struct entry *t, size_t n,
				const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(t[i].name, name))
			return &t[i];
	return NULL;
}

static int pf_lookup(struct netfs_node *dirp, const char *name,
		     struct netfs_node **out)
{
	struct pf_node *dir = (struct pf_node *)dirp;
	const struct entry *e;
	struct pf_proc p;
	int32_t pid;
	int err;

	if (dir->kind != K_ROOT && dir->kind != K_PIDDIR)
		return ENOTDIR;
	if (!strcmp(name, "..")) {
		*out = &root.nn;
		return 0;
	}
	if (dir->kind == K_ROOT) {
		if ((e = find(top_files, NTOP, name)))
			return node_new(e->kind, 0, out);
		if ((pid = pf_parse_pid(name)) <= 0)
			return ENOENT;
		if ((err = pf_proc_get(pid, &p)))
			return err;
		return node_new(K_PIDDIR, pid, out);
	}
	/* in /proc/PID: only while the process lives */
	if ((err = pf_proc_get(dir->pid, &p)))
		return err;
	if (!(e = find(pid_files, NPID, name)))
		return ENOENT;
	return node_new(e->kind, dir->pid, out);
}

static int pf_getattr(struct netfs_node *np, struct netfs_stat *st)
{
	struct pf_node *n = (struct pf_node *)np;
	struct pf_proc p;
	int err;

	memset(st, 0, sizeof *st);
	st->ino = ino_of(n->kind, n->pid);
	netfs_now(&st->mtime);
	st->atime = st->ctime = st->mtime;
	if (n->kind == K_ROOT || n->kind == K_PIDDIR) {
		st->mode = S_IFDIR | 0555;
		st->nlink = 2;
	} else {
		st->mode = S_IFREG | 0444;	/* size 0, as on Linux */
		st->nlink = 1;
	}
	if (n->kind == K_ROOT || n->kind >= K_MEMINFO)
		return 0;	/* root's */
	/* a process's nodes belong to its owner, and vanish with it */
	if ((err = pf_proc_get(n->pid, &p)))
		return err;
	st->uid = pf_owner_uid(&p);
	st->gid = pf_owner_gid(&p);
	return 0;
}

/* The whole text of a file, made now. */
static int render(const struct pf_node *n, char *buf, size_t cap,
		  size_t *len)
{
	struct pf_proc p;
	struct pf_mem m;
	struct pf_version v;
	uint64_t ms;
	int err;

	switch (n->kind) {
	case K_MEMINFO:
		if ((err = pf_mem_get(&m)))
			return err;
		*len = pf_fmt_meminfo(buf, cap, &m);
		return 0;
	case K_UPTIME:
		if ((err = pf_uptime_ms(&ms)))
			return err;
		*len = pf_fmt_uptime(buf, cap, ms);
		return 0;
	case K_VERSION:
		if ((err = pf_version_get(&v)))
			return err;
		*len = pf_fmt_version(buf, cap, &v);
		return 0;
	case K_ROOT:
	case K_PIDDIR:
		return EISDIR;
	default:
		break;
	}
	/* a file read after its process died: ESRCH, as Linux answers */
	if ((err = pf_proc_get(n->pid, &p)))
		return err == ENOENT ? ESRCH : err;
	switch (n->kind) {
	case K_CMDLINE: *len = pf_fmt_cmdline(buf, cap, &p); break;
	case K_COMM: *len = pf_fmt_comm(buf, cap, &p); break;
	case K_STAT: *len = pf_fmt_stat(buf, cap, &p); break;
	default: *len = pf_fmt_status(buf, cap, &p); break;
	}
	return 0;
}

static int pf_read(struct netfs_node *np, uint64_t off, void *buf,
		   size_t *len)
{
	static char text[2048];	/* every file fits; callbacks are serial */
	size_t n = 0;
	int err = render((struct pf_node *)np, text, sizeof text, &n);

	if (err)
		return err;
	if (off >= n) {
		*len = 0;
		return 0;
	}
	if (*len > n - off)
		*len = n - (size_t)off;
	memcpy(buf, text + off, *len);
	return 0;
}

/* Positions in /proc: 0 ".", 1 "..", 2.. the top files, then PIDBASE + k
 * for the k-th live pid.  Plain indices, because the protocol's readdir
 * position is an entry index (include/argot/dir.h) and clients count
 * entries to resume; the price is that a process dying between two
 * batches of a listing shifts the rest by one (a live pid may be missed
 * once; a new listing is right again). */
#define PIDBASE (2 + NTOP)

static int list_root(uint64_t start, netfs_fill_fn fill, void *ctx)
{
	int32_t pids[64], first = 1;
	uint64_t c;
	unsigned n;
	int err;

	for (c = start; c < PIDBASE; c++) {
		const char *name = c == 0 ? "." : c == 1 ? ".." :
		    top_files[c - 2].name;
		uint32_t type = c < 2 ? S_IFDIR : S_IFREG;
		uint64_t ino = c < 2 ? 1 : ino_of(top_files[c - 2].kind, 0);
		if (fill(ctx, name, ino, type, c + 1))
			return 0;
	}
	/* proc lists pids in order from a first one: page through them,
	 * counting positions until start */
	for (uint64_t pos = PIDBASE;; first = pids[n - 1] + 1) {
		if ((err = pf_proc_list(first, pids, 64, &n)))
			return err;
		if (!n)
			return 0;
		for (unsigned i = 0; i < n; i++, pos++) {
			char name[12];
			if (pos < c)
				continue;
			snprintf(name, sizeof name, "%d", (int)pids[i]);
			if (fill(ctx, name, ino_of(K_PIDDIR, pids[i]), S_IFDIR,
				 pos + 1))
				return 0;
		}
	}
}

static int pf_readdir(struct netfs_node *dirp, uint64_t start,
		      netfs_fill_fn fill, void *ctx)
{
	struct pf_node *dir = (struct pf_node *)dirp;
	struct pf_proc p;
	int err;

	if (dir->kind == K_ROOT)
		return list_root(start, fill, ctx);
	if (dir->kind != K_PIDDIR)
		return ENOTDIR;
	if ((err = pf_proc_get(dir->pid, &p)))
		return err;
	for (uint64_t c = start; c < 2 + NPID; c++) {
		const char *name = c == 0 ? "." : c == 1 ? ".." :
		    pid_files[c - 2].name;
		uint64_t ino = c == 0 ? ino_of(K_PIDDIR, dir->pid) : c == 1 ? 1 :
		    ino_of(pid_files[c - 2].kind, dir->pid);
		if (fill(ctx, name, ino, c < 2 ? S_IFDIR : S_IFREG, c + 1))
			return 0;
	}
	return 0;
}

static int pf_statfs(struct netfs_statfs *sf)
{
	memset(sf, 0, sizeof *sf);
	sf->bsize = PF_PAGE;
	return 0;
}

static void pf_drop(struct netfs_node *np)
{
	if (np != &root.nn)
		free(np);
}

static const struct netfs_ops ops = {
	.name = "procfs",
	.flags = NETFS_READONLY,
	.lookup = pf_lookup,
	.getattr = pf_getattr,
	.read = pf_read,
	.readdir = pf_readdir,
	.statfs = pf_statfs,
	.drop = pf_drop,
};

int main(int argc, char **argv)
{
	int err;

	netfs_init(&argc, argv);
	if (argc > 1) {
		fprintf(stderr, "usage: %s (no options)\n", argv[0]);
		return 2;
	}
	if ((err = pf_source_init())) {
		fprintf(stderr, "procfs: no proc server handle: %s\n",
			strerror(err));
		return 1;
	}
	netfs_node_init(&root.nn);
	return netfs_serve(&ops, &root.nn);
}

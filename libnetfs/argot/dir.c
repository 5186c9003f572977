/* dir.c: the dir protocol (dir.h) but lookup: listing and changing the
 * names in a directory.  The POSIX rules (write and search permission,
 * sticky directories, who owns a new node) are decided here with perm.c,
 * before the translator's callback runs. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <argot/dir.h>
#include "na.h"

int na_may_change(const struct netfs_cred *c, struct netfs_node *dir,
                  struct netfs_stat *st)
{
	int err;

	if (na_ops->flags & NETFS_READONLY)
		return EROFS;
	if ((err = na_getattr(dir, st)))
		return err;
	if (!S_ISDIR(st->mode))
		return ENOTDIR;
	return netfs_access(c, st, NETFS_W | NETFS_X);
}

/* The creator's effective uid; the directory's group if it is set-group-ID
 * (BSD and System V agree on directories marked so), else the creator's. */
void na_new_owner(const struct netfs_cred *c, const struct netfs_stat *d,
                  uint32_t *uid, uint32_t *gid)
{
	*uid = c->nuids ? c->uids[0] : 65534;
	*gid = (d->mode & S_ISGID) ? d->gid : c->ngids ? c->gids[0] : 65534;
}

/* the name in a request's tail, checked: one component */
static const char *na_name(struct srv_req *r, uint32_t skip, int *err)
{
	const char *s = (const char *)r->data + skip;
	uint32_t n = r->len - skip;

	*err = 0;
	if (!n || !memchr(s, 0, n) || !*s || strchr(s, '/'))
		*err = EINVAL;
	else if (strlen(s) > 255)
		*err = ENAMETOOLONG;
	return s;
}

struct na_fill {
	char *buf;
	uint32_t cap, used, count, max;
	uint64_t next;
};

static int na_fill(void *ctx, const char *name, uint64_t ino, uint32_t type,
                   uint64_t next)
{
	struct na_fill *f = ctx;
	size_t len = strlen(name);
	uint32_t rec = (uint32_t)((sizeof(struct argot_dirent) + len + 1 + 7) &
	                          ~(size_t)7);
	struct argot_dirent d = { .ino = ino, .reclen = (uint16_t)rec,
	                          .type = (uint8_t)((type >> 12) & 15),
	                          .namelen = (uint8_t)len };

	if ((f->max && f->count >= f->max) || f->used + rec > f->cap || len > 255)
		return 1;
	memset(f->buf + f->used, 0, rec);
	memcpy(f->buf + f->used, &d, sizeof d);
	memcpy(f->buf + f->used + sizeof d, name, len);
	f->used += rec;
	f->count++;
	f->next = next;
	return 0;
}

static int na_readdir(struct srv_req *r)
{
	struct na_prot *p = na_prot(r);
	const struct dir_readdir_req *q = r->data;
	struct dir_readdir_rep rep;
	uint32_t room = ARGOT_MSG_MAXDATA - (uint32_t)sizeof rep;
	struct na_fill f = { .buf = (char *)r->rbuf + sizeof rep,
	                     .cap = q->bufsize < room ? q->bufsize : room,
	                     .max = q->nentries, .next = q->entry };
	int err;

	if ((err = na_can(p, 0)) < 0)
		return err;
	na_enter();
	err = na_ops->readdir ? na_ops->readdir(p->po->np, q->entry, na_fill, &f)
	                      : EOPNOTSUPP;
	na_leave();
	if (err)
		return -err;
	rep.count = f.count;
	rep.next = (uint32_t)f.next;
	memcpy(r->rbuf, &rep, sizeof rep);
	r->rlen = (uint32_t)sizeof rep + f.used;
	return 0;
}

/* mkdir and symlink: the new node is not kept (the client looks it up) */
static int na_make(struct srv_req *r, const char *name, uint32_t mode,
                   const char *target)
{
	struct na_prot *p = na_prot(r);
	struct netfs_node *dir = p->po->np, *np = NULL;
	struct netfs_stat d;
	uint32_t uid, gid;
	int err;

	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return -EEXIST;
	if ((err = na_may_change(&p->cred, dir, &d)))
		return -err;
	na_new_owner(&p->cred, &d, &uid, &gid);
	na_enter();
	if (target)
		err = na_ops->symlink ? na_ops->symlink(dir, name, target, uid,
		                                        gid, &np) : EOPNOTSUPP;
	else
		err = na_ops->mkdir ? na_ops->mkdir(dir, name, mode & 07777, uid,
		                                    gid, &np) : EOPNOTSUPP;
	na_leave();
	return -err;
}

static int na_mkdir(struct srv_req *r)
{
	const struct dir_mode_req *q = r->data;
	int err;
	const char *name = na_name(r, sizeof *q, &err);

	return err ? -err : na_make(r, name, q->mode, NULL);
}

static int na_symlink_rpc(struct srv_req *r)
{
	const char *name = r->data, *end = (const char *)r->data + r->len;
	const char *target;
	int err;

	na_name(r, 0, &err);
	if (err)
		return -err;
	target = name + strlen(name) + 1;
	if (target >= end || !memchr(target, 0, (size_t)(end - target)))
		return -EINVAL;
	return na_make(r, name, 0777, target);
}

/* The sticky rule needs the victim's owner, so look it up first. */
static int na_victim(const struct netfs_cred *c, struct netfs_node *dir,
                     const struct netfs_stat *d, const char *name,
                     struct netfs_stat *v)
{
	struct netfs_node *np;
	int err;

	na_enter();
	err = na_ops->lookup ? na_ops->lookup(dir, name, &np) : EOPNOTSUPP;
	if (!err)
		err = na_ops->getattr(np, v);
	na_leave();
	return err ? err : netfs_check_sticky(c, d, v);
}

static int na_remove(struct srv_req *r, int isdir)
{
	struct na_prot *p = na_prot(r);
	struct netfs_node *dir = p->po->np;
	struct netfs_stat d, v;
	int err;
	const char *name = na_name(r, 0, &err);

	if (!err && (!strcmp(name, ".") || !strcmp(name, "..")))
		err = isdir ? (name[1] ? ENOTEMPTY : EINVAL) : EISDIR;
	if (!err)
		err = na_may_change(&p->cred, dir, &d);
	if (!err)
		err = na_victim(&p->cred, dir, &d, name, &v);
	if (!err && isdir && !S_ISDIR(v.mode))
		err = ENOTDIR;
	if (!err && !isdir && S_ISDIR(v.mode))
		err = EISDIR;
	if (err)
		return -err;
	na_enter();
	if (isdir)
		err = na_ops->rmdir ? na_ops->rmdir(dir, name) : EOPNOTSUPP;
	else
		err = na_ops->unlink ? na_ops->unlink(dir, name) : EOPNOTSUPP;
	na_leave();
	return -err;
}

static int na_rmdir(struct srv_req *r) { return na_remove(r, 1); }
static int na_unlink(struct srv_req *r) { return na_remove(r, 0); }

static int na_link(struct srv_req *r)
{
	struct na_prot *p = na_prot(r), *f = na_ours(r->h[0]);
	struct netfs_stat d, st;
	struct netfs_node *np;
	int err;
	const char *name = na_name(r, sizeof(struct dir_link_req), &err);

	if (!err && !f)
		err = EXDEV;	/* not one of ours */
	if (!err)
		err = na_may_change(&p->cred, p->po->np, &d);
	if (!err && !(err = na_getattr(f->po->np, &st)) && S_ISDIR(st.mode))
		err = EPERM;
	if (err)
		return -err;
	na_enter();
	if (na_ops->lookup && na_ops->lookup(p->po->np, name, &np) == 0)
		err = EEXIST;
	else
		err = na_ops->link ? na_ops->link(p->po->np, name, f->po->np)
		                   : EOPNOTSUPP;
	na_leave();
	return -err;
}

static int na_rename(struct srv_req *r)
{
	const struct dir_rename_req *q = r->data;
	const char *from = (const char *)r->data + sizeof *q, *to;
	uint32_t n = r->len - (uint32_t)sizeof *q;
	struct na_prot *p = na_prot(r), *t = na_ours(r->h[0]);
	struct netfs_stat fd, td, v, w;
	int err;

	if (q->oldlen == 0 || q->oldlen >= n || from[q->oldlen - 1] ||
	    !memchr(from + q->oldlen, 0, n - q->oldlen))
		return -EINVAL;
	to = from + q->oldlen;
	if (!*from || !*to || strchr(from, '/') || strchr(to, '/') ||
	    !strcmp(from, ".") || !strcmp(from, "..") || !strcmp(to, ".") ||
	    !strcmp(to, ".."))
		return -EINVAL;
	if (!t)
		return -EXDEV;
	if ((err = na_may_change(&p->cred, p->po->np, &fd)) ||
	    (err = na_may_change(&p->cred, t->po->np, &td)) ||
	    (err = na_victim(&p->cred, p->po->np, &fd, from, &v)))
		return -err;
	/* an existing target is removed: the sticky rule applies to it too */
	err = na_victim(&p->cred, t->po->np, &td, to, &w);
	if (err && err != ENOENT)
		return -err;
	/* a directory moving elsewhere changes its "..": it must be ours to
	 * write, as on Linux */
	if (S_ISDIR(v.mode) && p->po->np != t->po->np &&
	    (err = netfs_access(&p->cred, &v, NETFS_W)))
		return -err;
	na_enter();
	err = na_ops->rename ? na_ops->rename(p->po->np, from, t->po->np, to,
	                                      (int)q->excl) : EOPNOTSUPP;
	na_leave();
	return -err;
}

static int na_mkfile(struct srv_req *r)
{
	(void)r;
	return -EOPNOTSUPP;	/* netfs has no unnamed nodes */
}

static const srv_fn na_dir_fns[DIR_END - ARGOT_RPC_DIR] = {
	[DIR_LOOKUP - ARGOT_RPC_DIR] = na_lookup,
	[DIR_READDIR - ARGOT_RPC_DIR] = na_readdir,
	[DIR_MKDIR - ARGOT_RPC_DIR] = na_mkdir,
	[DIR_RMDIR - ARGOT_RPC_DIR] = na_rmdir,
	[DIR_UNLINK - ARGOT_RPC_DIR] = na_unlink,
	[DIR_LINK - ARGOT_RPC_DIR] = na_link,
	[DIR_RENAME - ARGOT_RPC_DIR] = na_rename,
	[DIR_MKFILE - ARGOT_RPC_DIR] = na_mkfile,
	[DIR_SYMLINK - ARGOT_RPC_DIR] = na_symlink_rpc,
};

const struct srv_iface na_dir_iface = { &rpc_dir_proto, na_dir_fns };

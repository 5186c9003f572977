/* lookup.c: DIR_LOOKUP.  We walk as much of the path as is ours and
 * answer with a retry (dir.h), so the client, not we, walks across
 * servers:
 *   - relative symlinks are expanded here and the walk goes on; absolute
 *     ones come back MAGICAL "/target/rest" (the client's root, not ours);
 *   - a node with a translator is crossed: its root comes back REAUTH
 *     with the rest of the path (trans.c);
 *   - ".." at our root comes back REAUTH with the handle our parent gave
 *     us for it, so the client leaves through the directory holding us.
 * Every directory on the way needs search permission for the client. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <argot/dir.h>
#include "na.h"

#define NA_MAXSYMLINKS 32

/* reply: retry, then a + "/" + b as the name (either may be empty) */
int na_reply_retry(struct srv_req *r, uint32_t retry, const char *a,
                   const char *b, int h)
{
	struct dir_lookup_rep rep = { retry };
	char *out = (char *)r->rbuf + sizeof rep;
	size_t la = strlen(a), lb = strlen(b);

	if (sizeof rep + la + lb + 2 > ARGOT_PATH_MAX + sizeof rep)
		return -ENAMETOOLONG;
	memcpy(r->rbuf, &rep, sizeof rep);
	memcpy(out, a, la);
	if (la && lb)
		out[la++] = '/';
	memcpy(out + la, b, lb + 1);
	r->rlen = (uint32_t)(sizeof rep + la + lb + 1);
	if (h != ARGOT_NOHANDLE) {
		r->rh[0] = h;
		r->rnh = 1;
	}
	return 0;
}

/* a node of ours, referenced, or a positive errno */
static int na_child(struct netfs_node *dir, const char *name,
                    struct netfs_node **out)
{
	int err;

	na_enter();
	err = na_ops->lookup ? na_ops->lookup(dir, name, out) : EOPNOTSUPP;
	if (!err)
		na_node_ref(*out);
	na_leave();
	return err;
}

/* O_CREAT of a missing last name: the new node, referenced */
static int na_create(struct na_prot *p, struct netfs_node *dir,
                     const char *name, uint32_t mode, struct netfs_node **out)
{
	struct netfs_stat d;
	uint32_t uid, gid;
	int err;

	if ((err = na_may_change(&p->cred, dir, &d)))
		return err;
	na_new_owner(&p->cred, &d, &uid, &gid);
	na_enter();
	err = na_ops->create ? na_ops->create(dir, name, S_IFREG | (mode & 07777),
	                                      uid, gid, out) : EOPNOTSUPP;
	if (!err)
		na_node_ref(*out);
	na_leave();
	return err;
}

/* The walk's end: a new open of np for the client, with its identity. */
static int na_open_result(struct srv_req *r, struct na_prot *p,
                          struct netfs_node *np, uint32_t flags, int created)
{
	struct na_open *po;
	struct na_prot *q;
	int send, err;

	if (p->authed && (err = na_check_open(&p->cred, np, flags, created)))
		return -err;
	if ((flags & ARGOT_O_TRUNC) && !(flags & ARGOT_O_PATH) && !created) {
		struct netfs_setattr sa = { .mask = NETFS_SET_SIZE };
		na_enter();
		err = na_ops->setattr ? na_ops->setattr(np, &sa) : EOPNOTSUPP;
		if (!err)	/* a truncation is a write: set-ID bits go */
			netfs_drop_setid(na_ops, &p->cred, np);
		na_leave();
		if (err)
			return -err;
	}
	flags &= ~(uint32_t)(ARGOT_O_CREAT | ARGOT_O_EXCL | ARGOT_O_TRUNC |
	                     ARGOT_O_NOFOLLOW | ARGOT_O_CLOEXEC |
	                     ARGOT_O_NOTRANS | ARGOT_O_NOCTTY);
	if (!(po = na_open_new(np, flags, p->po->dotdot)))
		return -ENOMEM;
	po->unchecked = !p->authed;
	if ((err = na_prot_new(po, p->authed ? &p->cred : NULL, &send, &q)) < 0)
		return err;
	q->denied = p->denied;
	return na_reply_retry(r, DIR_RETRY_NORMAL, "", "", send | ARGOT_HMOVE);
}

/* Symlink met with more path to walk (or followed at the end): a
 * relative target replaces the name in path; an absolute one goes back
 * to the client.  Returns 1 when the reply is made. */
static int na_symlink(struct srv_req *r, struct netfs_node *np, char *path,
                      const char *rest, int *err)
{
	char target[ARGOT_PATH_MAX], tmp[ARGOT_PATH_MAX];
	size_t len = 0;

	na_enter();
	*err = na_ops->readlink ? na_ops->readlink(np, target, sizeof target - 1,
	                                           &len) : EOPNOTSUPP;
	na_leave();
	if (*err)
		return 0;
	target[len] = 0;
	if (target[0] == '/') {
		*err = -na_reply_retry(r, DIR_RETRY_MAGICAL, target, rest,
		                       ARGOT_NOHANDLE);
		return 1;
	}
	if (len + strlen(rest) + 2 > sizeof tmp) {
		*err = ENAMETOOLONG;
		return 0;
	}
	strcpy(tmp, target);
	if (*rest)
		strcat(strcat(tmp, "/"), rest);
	strcpy(path, tmp);
	return 0;
}

struct na_walk {
	struct srv_req *r;
	struct na_prot *p;
	uint32_t flags, mode;
	struct netfs_node *dir;	/* referenced */
	int nsyms;
};

/* One step: name in walk->dir, rest after it.  0: go on with path
 * (updated), 1: replied, else a positive errno. */
static int na_step(struct na_walk *w, char *path)
{
	char name[256];
	const char *slash = strchr(path, '/'), *rest;
	size_t n = slash ? (size_t)(slash - path) : strlen(path);
	struct netfs_node *np = NULL;
	struct netfs_stat st;
	int last, created = 0, err;

	rest = slash ? slash : path + n;
	while (*rest == '/')
		rest++;
	last = !*rest;
	if (n >= sizeof name)
		return ENAMETOOLONG;
	memcpy(name, path, n);
	name[n] = 0;
	if ((err = na_getattr(w->dir, &st)))
		return err;
	if (!S_ISDIR(st.mode))
		return ENOTDIR;
	if ((err = netfs_access(&w->p->cred, &st, NETFS_X)))
		return err;
	if (!strcmp(name, ".")) {
		memmove(path, rest, strlen(rest) + 1);
		return 0;
	}
	if (!strcmp(name, "..") && w->dir == na_root) {
		struct na_ref *dd = w->p->po->dotdot;
		if (dd)	/* leave through the directory holding us */
			return -na_reply_retry(w->r, DIR_RETRY_REAUTH, "", rest,
			                       dd->h) ? ENAMETOOLONG : 1;
		memmove(path, rest, strlen(rest) + 1);	/* / has no parent */
		return 0;
	}
	err = na_child(w->dir, name, &np);
	if (err == ENOENT && last && (w->flags & ARGOT_O_CREAT)) {
		err = na_create(w->p, w->dir, name, w->mode, &np);
		created = !err;
		if (err == EEXIST && !(w->flags & ARGOT_O_EXCL))
			err = na_child(w->dir, name, &np);
	} else if (!err && last && (w->flags & ARGOT_O_CREAT) &&
	           (w->flags & ARGOT_O_EXCL)) {
		err = EEXIST;
	}
	if (err)
		goto out;
	if ((err = na_getattr(np, &st)))
		goto out;
	if (S_ISLNK(st.mode) && (!last || slash ||
	                         !(w->flags & ARGOT_O_NOFOLLOW))) {
		if (++w->nsyms > NA_MAXSYMLINKS)
			err = ELOOP;
		else if (na_symlink(w->r, np, path, rest, &err))
			err = err ? err : -1;
		goto out;
	}
	if (S_ISLNK(st.mode) && !(w->flags & ARGOT_O_PATH)) {
		err = ELOOP;	/* open(O_NOFOLLOW) of a symlink */
		goto out;
	}
	if (na_trans_on(np) && !(last && (w->flags & ARGOT_O_NOTRANS))) {
		uint32_t f = last ? w->flags : ARGOT_O_PATH | ARGOT_O_DIRECTORY;
		err = na_trans_cross(np, w->dir, w->p->po, f, rest, w->r);
		err = err < 0 ? -err : -1;
		goto out;
	}
	if (last) {
		uint32_t f = w->flags | (slash ? ARGOT_O_DIRECTORY : 0);
		err = na_open_result(w->r, w->p, np, f, created);
		err = err < 0 ? -err : -1;
		goto out;
	}
	na_node_unref(w->dir);	/* descend */
	w->dir = np;
	np = NULL;
	memmove(path, rest, strlen(rest) + 1);
out:
	if (np)
		na_node_unref(np);
	return err == -1 ? 1 : err;
}

int na_lookup(struct srv_req *r)
{
	const struct dir_lookup_req *q = r->data;
	const char *tail = (const char *)r->data + sizeof *q;
	uint32_t tlen = r->len - (uint32_t)sizeof *q;
	struct na_walk w = { .r = r, .p = na_prot(r), .flags = q->flags,
	                     .mode = q->mode };
	char *path;
	int err = 0;

	if (!tlen || tail[tlen - 1] || strlen(tail) >= ARGOT_PATH_MAX)
		return -EINVAL;
	if (w.p->denied)
		return -w.p->denied;
	if ((q->flags & (ARGOT_O_CREAT | ARGOT_O_TRUNC)) &&
	    (na_ops->flags & NETFS_READONLY))
		return -EROFS;
	if (!(path = malloc(ARGOT_PATH_MAX)))
		return -ENOMEM;
	strcpy(path, tail);
	w.dir = w.p->po->np;
	na_node_ref(w.dir);
	while (err == 0) {
		while (*path == '/')
			memmove(path, path + 1, strlen(path));
		if (!*path) {	/* the walk ended on a directory */
			err = na_open_result(r, w.p, w.dir, w.flags, 0);
			err = err < 0 ? -err : 1;
			break;
		}
		err = na_step(&w, path);
	}
	na_node_unref(w.dir);
	free(path);
	return err == 1 ? 0 : -err;
}

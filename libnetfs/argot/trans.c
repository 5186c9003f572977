/* trans.c: translators on our nodes.  The passive record is the
 * translator's business (its get/set_translator callbacks store it); the
 * active translator is ours: a control handle kept in the node's backend
 * state.  Only the node's owner or uid 0 may change either.
 *
 * Crossing a node: FSYS_GETROOT on the control handle, bounded by a
 * timeout so a translator that never answers costs a client an error,
 * not a hang, and never holds a lock of ours.  A dead control handle
 * (-EPIPE) is forgotten; the passive record, if any, is started again. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <argot/dir.h>
#include <argot/file.h>
#include <argot/fsys.h>
#include "na.h"
#include "nat.h"

pthread_mutex_t na_tlock = PTHREAD_MUTEX_INITIALIZER;

/* np's translator state, made on first use (call with na_tlock held) */
struct na_tnode *na_tnode(struct netfs_node *np)
{
	struct na_tnode *t = np->backend;

	if (!t && (t = calloc(1, sizeof *t))) {
		t->control = ARGOT_NOHANDLE;
		t->boot.control = ARGOT_NOHANDLE;
		np->backend = t;
	}
	return t;
}

/* a copy of np's active control handle, or NOHANDLE */
static int na_active(struct netfs_node *np)
{
	int h = ARGOT_NOHANDLE;
	struct na_tnode *t;

	pthread_mutex_lock(&na_tlock);
	t = np->backend;
	if (t && t->control >= 0 &&
	    k_proc_handle_take(na_st->self, t->control, &h) < 0)
		h = ARGOT_NOHANDLE;
	pthread_mutex_unlock(&na_tlock);
	return h;
}

/* Replace np's active control handle with h (NOHANDLE: none); returns
 * the old one for the caller to close. */
static int na_swap(struct netfs_node *np, int h)
{
	int old = ARGOT_NOHANDLE;
	struct na_tnode *t;

	pthread_mutex_lock(&na_tlock);
	if ((t = na_tnode(np))) {
		old = t->control;
		t->control = h;
	}
	pthread_mutex_unlock(&na_tlock);
	return old;
}

static uint32_t na_passive_len(struct netfs_node *np)
{
	char buf[ARGOT_PATH_MAX];
	size_t len = 0;

	if (!na_ops->get_translator)
		return 0;
	na_enter();
	if (na_ops->get_translator(np, buf, sizeof buf, &len))
		len = 0;
	na_leave();
	return (uint32_t)len;
}

int na_trans_flags(struct netfs_node *np)
{
	struct na_tnode *t = np->backend;
	int f = 0;

	if (t && t->control >= 0)
		f |= ARGOT_ST_TRANS_ACTIVE;
	if (na_passive_len(np))
		f |= ARGOT_ST_TRANS_PASSIVE;
	return f;
}

int na_trans_on(struct netfs_node *np)
{
	return na_trans_flags(np) != 0;
}

/* An unauthenticated handle on dir, for ".." at the translator's root. */
static int na_dotdot(struct netfs_node *dir, struct na_open *dirpo, int *h)
{
	struct na_open *po = na_open_new(dir, ARGOT_O_PATH | ARGOT_O_DIRECTORY,
	                                 dirpo->dotdot);

	if (!po)
		return -ENOMEM;
	return na_prot_new(po, NULL, h, NULL);
}

int na_trans_cross(struct netfs_node *np, struct netfs_node *dir,
                   struct na_open *dirpo, uint32_t flags, const char *rest,
                   struct srv_req *r)
{
	char rname[ARGOT_PATH_MAX];
	uint32_t retry;
	int ctl, dd, root, err = -ENOENT;

	for (int tries = 0; tries < 2; tries++) {
		if ((ctl = na_active(np)) < 0 &&
		    (err = na_start_passive(np, &ctl)) < 0)
			return err;
		if ((err = na_dotdot(dir, dirpo, &dd)) < 0) {
			argot_close(ctl);
			return err;
		}
		err = fsys_getroot(ctl, dd, flags & ~(uint32_t)ARGOT_O_NOTRANS,
		                   &retry, rname, sizeof rname, &root,
		                   NA_GETROOT_TIMEOUT);
		argot_close(dd);	/* the translator keeps its copy */
		if (err != -EPIPE && err != -EBADF) {
			argot_close(ctl);
			break;
		}
		/* it died: forget it (unless someone set a new one) and start
		 * the passive record again, once */
		pthread_mutex_lock(&na_tlock);
		struct na_tnode *t = np->backend;
		int same = t && t->control >= 0;
		pthread_mutex_unlock(&na_tlock);
		argot_close(ctl);
		if (same && (ctl = na_swap(np, ARGOT_NOHANDLE)) >= 0)
			argot_close(ctl);
		if (!na_passive_len(np))
			return -EPIPE;
	}
	if (err < 0)
		return err;
	/* whatever the child said, the client must not take our word for
	 * who it is over there */
	if (retry == DIR_RETRY_NORMAL)
		retry = DIR_RETRY_REAUTH;
	err = na_reply_retry(r, retry, rname, rest,
	                     root < 0 ? ARGOT_NOHANDLE : root | ARGOT_HMOVE);
	if (err < 0 && root >= 0)
		argot_close(root);
	return err;
}

/* FILE_SET_TRANSLATOR: the owner or uid 0 only. */
int na_trans_set(struct srv_req *r)
{
	struct na_prot *p = na_prot(r);
	const struct file_settrans_req *q = r->data;
	const char *argz = (const char *)r->data + sizeof *q;
	struct netfs_node *np = p->po->np;
	struct netfs_stat st;
	int err, old;

	if (q->len != r->len - sizeof *q || (q->len && argz[q->len - 1]))
		return -EINVAL;
	if ((err = na_getattr(np, &st)) || (err = netfs_check_owner(&p->cred,
	                                                            &st)))
		return -err;
	if ((q->passive_flags & FS_TRANS_SET) &&
	    (q->passive_flags & FS_TRANS_EXCL) && na_passive_len(np))
		return -EBUSY;
	if (q->active_flags & FS_TRANS_SET) {
		if ((old = na_active(np)) >= 0 &&
		    (q->active_flags & FS_TRANS_EXCL)) {
			argot_close(old);
			return -EBUSY;
		}
		if (old >= 0 && !(q->active_flags & FS_TRANS_ORPHAN)) {
			uint32_t g = q->goaway_flags;
			if (q->active_flags & FS_TRANS_FORCE)
				g |= FSYS_GOAWAY_FORCE;
			err = fsys_goaway(old, g, NA_GOAWAY_TIMEOUT);
			if (err < 0 && err != -EPIPE && err != -EBADF) {
				argot_close(old);
				return err;	/* busy: it keeps running */
			}
		}
		if (old >= 0)
			argot_close(old);
		old = na_swap(np, r->nh ? r->h[0] : ARGOT_NOHANDLE);
		if (r->nh)
			r->h[0] = ARGOT_NOHANDLE;	/* kept */
		if (old >= 0)
			argot_close(old);
	}
	if (q->passive_flags & FS_TRANS_SET) {
		if (!na_ops->set_translator)
			return -EOPNOTSUPP;
		if (na_ops->flags & NETFS_READONLY)
			return -EROFS;
		na_enter();
		err = na_ops->set_translator(np, argz, q->len);
		na_leave();
		return -err;
	}
	return 0;
}

int na_trans_get(struct srv_req *r)
{
	struct na_prot *p = na_prot(r);
	struct file_len fl = { 0 };
	size_t len = 0;
	int err = 0;

	if (na_ops->get_translator) {
		na_enter();
		err = na_ops->get_translator(p->po->np, (char *)r->rbuf + sizeof fl,
		                             ARGOT_MSG_MAXDATA - sizeof fl, &len);
		na_leave();
	}
	if (err)
		return -err;
	fl.len = (uint32_t)len;
	memcpy(r->rbuf, &fl, sizeof fl);
	r->rlen = (uint32_t)(sizeof fl + len);
	return 0;
}

/* FILE_GET_TRANSLATOR_CNTL: the control handle, to the owner only (it
 * can make the translator go away). */
int na_trans_cntl(struct srv_req *r)
{
	struct na_prot *p = na_prot(r);
	struct netfs_stat st;
	int err, h;

	if ((err = na_getattr(p->po->np, &st)) ||
	    (err = netfs_check_owner(&p->cred, &st)))
		return -err;
	if ((h = na_active(p->po->np)) < 0)
		return -ENXIO;
	r->rh[0] = h | ARGOT_HMOVE;
	r->rnh = 1;
	return 0;
}

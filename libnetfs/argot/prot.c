/* prot.c: opens and protids (na.h), the identity a client shows, and
 * the conversions between netfs's view of a node and the protocol's.
 *
 * A translator learns a client's IDs only through the auth rendezvous
 * (IO_REAUTH), never from the parent filesystem's word: a protid made by
 * FSYS_GETROOT has no identity, and the open mode asked with it is
 * checked only when the client reauthenticates (na_reauth). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <argot/auth.h>
#include "na.h"

int na_nprots;
static pthread_mutex_t na_plock = PTHREAD_MUTEX_INITIALIZER;

struct na_ref *na_ref_new(int h)
{
	struct na_ref *r = malloc(sizeof *r);

	if (r) {
		r->h = h;
		r->refs = 1;
	}
	return r;
}

void na_ref_put(struct na_ref *r)
{
	int last;

	if (!r)
		return;
	pthread_mutex_lock(&na_plock);
	last = --r->refs == 0;
	pthread_mutex_unlock(&na_plock);
	if (last) {
		argot_close(r->h);
		free(r);
	}
}

struct na_open *na_open_new(struct netfs_node *np, uint32_t flags,
                            struct na_ref *dotdot)
{
	struct na_open *po = calloc(1, sizeof *po);

	if (!po)
		return NULL;
	pthread_mutex_init(&po->lock, NULL);
	po->np = np;
	po->flags = flags;
	po->dotdot = dotdot;
	if (dotdot) {
		pthread_mutex_lock(&na_plock);
		dotdot->refs++;
		pthread_mutex_unlock(&na_plock);
	}
	na_node_ref(np);
	return po;
}

void na_open_unref(struct na_open *po)
{
	int last;

	pthread_mutex_lock(&na_plock);
	last = --po->refs <= 0;
	pthread_mutex_unlock(&na_plock);
	if (!last)
		return;
	na_ref_put(po->dotdot);
	na_node_unref(po->np);
	free(po);
}

static void na_prot_gone(struct srv_obj *o)
{
	struct na_prot *p = (struct na_prot *)o;

	na_open_unref(p->po);
	free(p);
	__atomic_sub_fetch(&na_nprots, 1, __ATOMIC_RELAXED);
}

static const struct srv_iface *const na_prot_ifaces[] = {
	&na_io_iface, &na_file_iface, &na_dir_iface, NULL
};

const struct srv_class na_prot_class = {
	.ifaces = na_prot_ifaces,
	.nosenders = na_prot_gone,
};

int na_prot_new(struct na_open *po, const struct netfs_cred *cred,
                int *send, struct na_prot **out)
{
	struct na_prot *p = calloc(1, sizeof *p);
	int r;

	if (!p)
		return -ENOMEM;
	p->po = po;
	if (cred) {
		p->cred = *cred;
		p->authed = 1;
	}
	pthread_mutex_lock(&na_plock);
	po->refs++;
	pthread_mutex_unlock(&na_plock);
	if ((r = srv_obj_add(&na_srv, &p->obj, &na_prot_class, send)) < 0) {
		na_open_unref(po);
		free(p);
		return r;
	}
	__atomic_add_fetch(&na_nprots, 1, __ATOMIC_RELAXED);
	if (out)
		*out = p;
	return 0;
}

/* Effective IDs first (uids[0] owns what the client creates), then the
 * available ones: a client holding a uid may use it, as in the Hurd. */
void na_cred_from_ids(struct netfs_cred *c, const struct argot_idset *s)
{
	memset(c, 0, sizeof *c);
	for (uint32_t i = 0; i < s->neuids && i < ARGOT_IDS_MAX; i++)
		c->uids[c->nuids++] = s->euids[i];
	for (uint32_t i = 0; i < s->nauids && i < ARGOT_IDS_MAX; i++)
		c->uids[c->nuids++] = s->auids[i];
	for (uint32_t i = 0; i < s->negids && i < ARGOT_IDS_MAX; i++)
		c->gids[c->ngids++] = s->egids[i];
	for (uint32_t i = 0; i < s->nagids && i < ARGOT_IDS_MAX; i++)
		c->gids[c->ngids++] = s->agids[i];
}

int na_getattr(struct netfs_node *np, struct netfs_stat *st)
{
	int err;

	memset(st, 0, sizeof *st);
	na_enter();
	err = na_ops->getattr ? na_ops->getattr(np, st) : EOPNOTSUPP;
	na_leave();
	return err;
}

void na_stat_out(const struct netfs_stat *in, struct netfs_node *np,
                 struct argot_stat *out)
{
	memset(out, 0, sizeof *out);
	out->dev = (uint64_t)na_st->pid << 8 | 0x4e;	/* one id per server */
	out->ino = in->ino;
	out->mode = in->mode;
	out->nlink = in->nlink;
	out->uid = out->author = in->uid;
	out->gid = in->gid;
	out->rdev = in->rdev;
	out->size = (int64_t)in->size;
	out->blksize = in->blksize ? in->blksize : 4096;
	out->blocks = in->blocks;
	out->atime_sec = in->atime.sec;
	out->atime_nsec = in->atime.nsec;
	out->mtime_sec = in->mtime.sec;
	out->mtime_nsec = in->mtime.nsec;
	out->ctime_sec = in->ctime.sec;
	out->ctime_nsec = in->ctime.nsec;
	out->flags = (uint32_t)na_trans_flags(np) |
	             (np == na_root ? ARGOT_ST_ROOT : 0);
}

/* May c open np with flags?  A file just created by this open may be
 * opened for writing whatever its mode says (POSIX open(O_CREAT)). */
int na_check_open(const struct netfs_cred *c, struct netfs_node *np,
                  uint32_t flags, int created)
{
	struct netfs_stat st;
	int want, err;

	if ((err = na_getattr(np, &st)))
		return err;
	if ((flags & ARGOT_O_DIRECTORY) && !S_ISDIR(st.mode))
		return ENOTDIR;
	if (flags & ARGOT_O_PATH)
		return 0;
	if (S_ISDIR(st.mode) && ((flags & ARGOT_O_ACCMODE) != ARGOT_O_RDONLY ||
	                         (flags & ARGOT_O_TRUNC)))
		return EISDIR;
	if (!created) {
		want = netfs_open_want((int)flags);
		if (flags & ARGOT_O_EXEC)
			want |= NETFS_X;
		if ((err = netfs_access(c, &st, want)))
			return err;
	}
	/* the translator's own say (as the FUSE backend asks it) */
	if (!na_ops->open)
		return 0;
	na_enter();
	err = na_ops->open(np, c, (int)flags);
	na_leave();
	return err;
}

/* The protid a request came on, once it is ready: a protid made by
 * IO_REAUTH reaches the client before auth has told us who the client is,
 * so a request that races ahead waits here for na_reauth to finish. */
struct na_prot *na_prot(struct srv_req *r)
{
	struct na_prot *p = (struct na_prot *)r->obj;
	struct timespec ms = { 0, 1000000 };

	for (int i = 0; i < 2000 && __atomic_load_n(&p->pending,
	                                            __ATOMIC_ACQUIRE); i++)
		nanosleep(&ms, NULL);
	return p;
}

/* 0 if the protid may read (w = 0) or write (w = 1) its open */
int na_can(struct na_prot *p, int w)
{
	uint32_t acc = p->po->flags & ARGOT_O_ACCMODE;

	if (p->denied)
		return -p->denied;
	if (p->po->unchecked && !p->authed)
		return -EACCES;	/* reauthenticate first (fsys.h) */
	if (p->po->flags & ARGOT_O_PATH)
		return -EBADF;
	if (w ? acc == ARGOT_O_RDONLY : acc == ARGOT_O_WRONLY)
		return -EBADF;
	return 0;
}

/* IO_REAUTH (one-way): meet the client at the auth server with a new
 * protid on the same open; what auth tells us is its identity.  An open
 * made by FSYS_GETROOT is checked now, against that identity.
 *
 * The client may close the old handle as soon as auth has given it the
 * new one, and our reply from auth can come after that: everything
 * needed of the old protid is read before we block, and the open is
 * held by the new protid (the server loop also keeps the old one until
 * we return, srv.c). */
int na_reauth(struct srv_req *r)
{
	struct na_prot *old = na_prot(r), *p;
	struct na_open *po = old->po;
	int denied = old->denied, check = po->unchecked;
	struct argot_idset ids;
	int send, ret;

	if (na_prot_new(po, NULL, &send, &p) < 0)
		return SRV_DEFER;	/* the client's AUTH_USER_AUTH times out */
	p->pending = 1;
	ret = auth_server_authenticate(na_st->auth, r->h[0], send, &ids,
	                               AUTH_RENDEZVOUS_TTL);
	if (ret == 0) {
		na_cred_from_ids(&p->cred, &ids);
		p->authed = 1;
		if (denied)
			p->denied = denied;
		else if (check)
			p->denied = na_check_open(&p->cred, po->np,
			                          po->flags, 0);
	} else {
		p->denied = EACCES;	/* nobody should hold it anyway */
	}
	__atomic_store_n(&p->pending, 0, __ATOMIC_RELEASE);
	/* only now: while we hold a send handle, p cannot get no-senders
	 * and be freed under us (a client that dies at once, or never came) */
	argot_close(send);
	return SRV_DEFER;	/* one-way: no reply */
}

/* IO_RESTRICT_AUTH: a protid on the same open with the IDs both this
 * one and the request hold. */
int na_restrict_auth(struct srv_req *r)
{
	struct na_prot *p = na_prot(r), *q;
	const struct argot_idset *want = r->data;
	struct netfs_cred in, out;
	int send, ret;

	na_cred_from_ids(&in, want);
	memset(&out, 0, sizeof out);
	for (uint32_t i = 0; i < p->cred.nuids; i++)
		if (netfs_cred_has_uid(&in, p->cred.uids[i]))
			out.uids[out.nuids++] = p->cred.uids[i];
	for (uint32_t i = 0; i < p->cred.ngids; i++)
		if (netfs_cred_has_gid(&in, p->cred.gids[i]))
			out.gids[out.ngids++] = p->cred.gids[i];
	if ((ret = na_prot_new(p->po, p->authed ? &out : NULL, &send, &q)) < 0)
		return ret;
	q->denied = p->denied;
	r->rh[0] = send | ARGOT_HMOVE;
	r->rnh = 1;
	return 0;
}

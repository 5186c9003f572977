/* file.c: the file protocol (file.h) on a protid: attribute changes go
 * through perm.c's rules and then the translator's setattr; readlink;
 * exec_auth for set-ID programs.  The translator calls are in trans.c. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <argot/file.h>
#include <argot/auth.h>
#include "na.h"

static int na_setattr(struct srv_req *r, struct netfs_setattr *sa)
{
	struct na_prot *p = na_prot(r);
	struct netfs_node *np = p->po->np;
	struct netfs_stat st;
	struct netfs_time now;
	int err;

	if (na_ops->flags & NETFS_READONLY)
		return -EROFS;
	if ((err = na_getattr(np, &st)))
		return -err;
	if ((err = netfs_check_setattr(&p->cred, &st, sa)))
		return -err;
	/* perm.c judged "now" apart from explicit times; the callback only
	 * sees explicit ones */
	netfs_now(&now);
	if (sa->mask & NETFS_SET_ATIME_NOW)
		sa->atime = now, sa->mask |= NETFS_SET_ATIME;
	if (sa->mask & NETFS_SET_MTIME_NOW)
		sa->mtime = now, sa->mask |= NETFS_SET_MTIME;
	sa->mask &= ~(uint32_t)(NETFS_SET_ATIME_NOW | NETFS_SET_MTIME_NOW);
	if (!sa->mask)
		return 0;
	na_enter();
	err = na_ops->setattr ? na_ops->setattr(np, sa) : EOPNOTSUPP;
	na_leave();
	return -err;
}

static int na_chmod(struct srv_req *r)
{
	const struct file_chmod_req *q = r->data;
	struct netfs_setattr sa = { .mask = NETFS_SET_MODE, .mode = q->mode };

	return na_setattr(r, &sa);
}

static int na_chown(struct srv_req *r)
{
	const struct file_chown_req *q = r->data;
	struct netfs_setattr sa = { .uid = q->uid, .gid = q->gid };

	if (q->uid != (uint32_t)-1)
		sa.mask |= NETFS_SET_UID;
	if (q->gid != (uint32_t)-1)
		sa.mask |= NETFS_SET_GID;
	return na_setattr(r, &sa);
}

static void na_one_time(uint32_t nsec, int64_t sec, uint32_t set,
                        uint32_t now, struct netfs_time *t, uint32_t *mask)
{
	if (nsec == FILE_UTIME_OMIT)
		return;
	if (nsec == FILE_UTIME_NOW) {
		*mask |= now;
		return;
	}
	t->sec = sec;
	t->nsec = nsec;
	*mask |= set;
}

static int na_utimes(struct srv_req *r)
{
	const struct file_utimes_req *q = r->data;
	struct netfs_setattr sa = { 0 };

	na_one_time(q->atime_nsec, q->atime_sec, NETFS_SET_ATIME,
	            NETFS_SET_ATIME_NOW, &sa.atime, &sa.mask);
	na_one_time(q->mtime_nsec, q->mtime_sec, NETFS_SET_MTIME,
	            NETFS_SET_MTIME_NOW, &sa.mtime, &sa.mask);
	return na_setattr(r, &sa);
}

static int na_truncate(struct srv_req *r)
{
	const struct file_truncate_req *q = r->data;
	struct netfs_setattr sa = { .mask = NETFS_SET_SIZE,
	                            .size = (uint64_t)q->size };

	int err;

	if (q->size < 0)
		return -EINVAL;
	if ((err = na_setattr(r, &sa)) < 0)
		return err;
	/* a truncation is a write: set-ID bits go, as after io_write */
	na_enter();
	netfs_drop_setid(na_ops, &na_prot(r)->cred, na_prot(r)->po->np);
	na_leave();
	return 0;
}

static int na_sync(struct srv_req *r)
{
	struct na_prot *p = na_prot(r);
	int err = 0;

	if (na_ops->sync) {
		na_enter();
		err = na_ops->sync(p->po->np);
		na_leave();
	}
	return -err;
}

static int na_readlink(struct srv_req *r)
{
	struct na_prot *p = na_prot(r);
	struct netfs_stat st;
	struct file_len fl;
	size_t len = 0;
	int err;

	if ((err = na_getattr(p->po->np, &st)))
		return -err;
	if (!S_ISLNK(st.mode))
		return -EINVAL;
	na_enter();
	err = na_ops->readlink ? na_ops->readlink(p->po->np,
	        (char *)r->rbuf + sizeof fl, ARGOT_PATH_MAX, &len) : EOPNOTSUPP;
	na_leave();
	if (err)
		return -err;
	fl.len = (uint32_t)len;
	memcpy(r->rbuf, &fl, sizeof fl);
	r->rlen = sizeof fl + fl.len;
	return 0;
}

/* The auth a program from this file runs with: the caller's own, or for
 * a set-ID file one we build from the caller's IDs and the file's owner,
 * which needs us to hold that owner's ID (exec holds nothing). */
static int na_exec_auth(struct srv_req *r)
{
	struct na_prot *p = na_prot(r);
	struct netfs_stat st;
	struct argot_idset ids;
	int32_t caller = r->h[0];
	int newauth, err;

	if (!(p->po->flags & ARGOT_O_EXEC) || p->denied)
		return -EACCES;
	if ((err = na_getattr(p->po->np, &st)))
		return -err;
	if (!(st.mode & (S_ISUID | S_ISGID))) {
		r->rh[0] = caller;	/* copied back, ours closed after */
		r->rnh = 1;
		return 0;
	}
	if ((err = auth_getids(caller, &ids, NA_GETROOT_TIMEOUT)) < 0)
		return err;
	if ((st.mode & S_ISUID) && ids.neuids)
		ids.euids[0] = st.uid;
	if ((st.mode & S_ISGID) && ids.negids)
		ids.egids[0] = st.gid;
	err = auth_makeauth(na_st->auth, &caller, 1, &ids, &newauth,
	                    NA_GETROOT_TIMEOUT);
	if (err < 0)
		return err;
	r->rh[0] = newauth | ARGOT_HMOVE;
	r->rnh = 1;
	return 0;
}

static const srv_fn na_file_fns[FILE_END - ARGOT_RPC_FILE] = {
	[FILE_CHMOD - ARGOT_RPC_FILE] = na_chmod,
	[FILE_CHOWN - ARGOT_RPC_FILE] = na_chown,
	[FILE_UTIMES - ARGOT_RPC_FILE] = na_utimes,
	[FILE_TRUNCATE - ARGOT_RPC_FILE] = na_truncate,
	[FILE_SYNC - ARGOT_RPC_FILE] = na_sync,
	[FILE_SET_TRANSLATOR - ARGOT_RPC_FILE] = na_trans_set,
	[FILE_GET_TRANSLATOR - ARGOT_RPC_FILE] = na_trans_get,
	[FILE_GET_TRANSLATOR_CNTL - ARGOT_RPC_FILE] = na_trans_cntl,
	[FILE_READLINK - ARGOT_RPC_FILE] = na_readlink,
	[FILE_EXEC_AUTH - ARGOT_RPC_FILE] = na_exec_auth,
};

const struct srv_iface na_file_iface = { &rpc_file_proto, na_file_fns };

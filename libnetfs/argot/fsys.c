/* fsys.c: the fsys protocol on our own control pipe (fsys.h): the parent
 * asks for our root, and the owner (through get_translator_cntl) for our
 * options or for us to go away.  FSYS_STARTUP is for bootstrap pipes
 * (start.c), not for this one. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <argot/dir.h>
#include <argot/file.h>
#include <argot/fsys.h>
#include "na.h"

static struct srv_obj na_control;

/* FSYS_GETROOT: an open of our root with no identity (only "other"
 * permissions) until the client reauthenticates; its open mode is
 * checked then (prot.c).  in[0] is where ".." at our root leads. */
static int na_getroot(struct srv_req *r)
{
	const struct fsys_getroot_req *q = r->data;
	struct na_ref *dd = NULL;
	struct na_open *po;
	uint32_t flags = q->flags & ~(uint32_t)(ARGOT_O_CREAT | ARGOT_O_EXCL |
	                                        ARGOT_O_NOFOLLOW |
	                                        ARGOT_O_CLOEXEC);
	int send, err;

	if (r->nh) {
		if (!(dd = na_ref_new(r->h[0])))
			return -ENOMEM;
		r->h[0] = ARGOT_NOHANDLE;
	}
	po = na_open_new(na_root, flags & ~(uint32_t)ARGOT_O_TRUNC, dd);
	na_ref_put(dd);	/* the open holds it now */
	if (!po)
		return -ENOMEM;
	po->unchecked = 1;
	if ((err = na_prot_new(po, NULL, &send, NULL)) < 0)
		return err;
	return na_reply_retry(r, DIR_RETRY_REAUTH, "", "", send | ARGOT_HMOVE);
}

/* Busy: a client holds a handle on one of our nodes.  Forced, we go
 * whatever the translator says. */
static int na_goaway(struct srv_req *r)
{
	const struct fsys_flags *q = r->data;
	int force = (q->flags & FSYS_GOAWAY_FORCE) != 0;
	int f = (force ? NETFS_GOAWAY_FORCE : 0) |
	        ((q->flags & FSYS_GOAWAY_NOSYNC) ? NETFS_GOAWAY_NOSYNC : 0);
	int err = 0;

	if (!force && __atomic_load_n(&na_nprots, __ATOMIC_RELAXED) > 0)
		return -EBUSY;
	if (na_ops->goaway) {
		na_enter();
		err = na_ops->goaway(f);
		na_leave();
	} else if (na_ops->sync && !(q->flags & FSYS_GOAWAY_NOSYNC)) {
		na_enter();
		na_ops->sync(NULL);
		na_leave();
	}
	if (err && !force)
		return -err;
	srv_reply(r->reply, 0, NULL, 0, NULL, 0);
	r->reply = ARGOT_NOHANDLE;
	exit(0);
}

static int na_get_options(struct srv_req *r)
{
	struct netfs_argz z = { 0 };
	struct file_len fl;
	int err = 0;

	if (na_ops->get_options) {
		na_enter();
		err = na_ops->get_options(&z);
		na_leave();
	}
	if (!err && z.len > ARGOT_MSG_MAXDATA - sizeof fl)
		err = E2BIG;
	if (!err) {
		fl.len = (uint32_t)z.len;
		memcpy(r->rbuf, &fl, sizeof fl);
		if (z.len)
			memcpy((char *)r->rbuf + sizeof fl, z.buf, z.len);
		r->rlen = (uint32_t)(sizeof fl + z.len);
	}
	free(z.buf);
	return -err;
}

static int na_set_options(struct srv_req *r)
{
	const struct fsys_options_req *q = r->data;
	char *argz = (char *)r->data + sizeof *q, *argv[64];
	int argc = 0, err;

	if (q->len != r->len - sizeof *q || (q->len && argz[q->len - 1]))
		return -EINVAL;
	if (!na_ops->set_options)
		return -EOPNOTSUPP;
	for (uint32_t i = 0; i < q->len && argc < 63;
	     i += (uint32_t)strlen(argz + i) + 1)
		argv[argc++] = argz + i;
	argv[argc] = NULL;
	na_enter();
	err = na_ops->set_options(argc, argv);
	na_leave();
	return -err;
}

static int na_syncfs(struct srv_req *r)
{
	int err = 0;

	(void)r;
	if (na_ops->sync) {
		na_enter();
		err = na_ops->sync(NULL);
		na_leave();
	}
	return -err;
}

/* Nobody holds our control handle any more (the parent forgot us, with
 * settrans -o or because it died): serve who still has a handle, and
 * leave when the last of them goes. */
static void na_control_gone(struct srv_obj *o)
{
	(void)o;
	if (__atomic_load_n(&na_nprots, __ATOMIC_RELAXED) == 0)
		exit(0);
}

static const srv_fn na_fsys_fns[FSYS_END - ARGOT_RPC_FSYS] = {
	[FSYS_GETROOT - ARGOT_RPC_FSYS] = na_getroot,
	[FSYS_GOAWAY - ARGOT_RPC_FSYS] = na_goaway,
	[FSYS_GET_OPTIONS - ARGOT_RPC_FSYS] = na_get_options,
	[FSYS_SET_OPTIONS - ARGOT_RPC_FSYS] = na_set_options,
	[FSYS_SYNCFS - ARGOT_RPC_FSYS] = na_syncfs,
};
static const struct srv_iface na_fsys_iface = { &rpc_fsys_proto, na_fsys_fns };
static const struct srv_iface *const na_fsys_ifaces[] = { &na_fsys_iface,
                                                          NULL };
static const struct srv_class na_control_class = {
	.ifaces = na_fsys_ifaces, .nosenders = na_control_gone,
};

int na_control_init(int *send)
{
	return srv_obj_add(&na_srv, &na_control, &na_control_class, send);
}

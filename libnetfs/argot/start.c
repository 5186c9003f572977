/* start.c: a passive translator started on first lookup, as the node's
 * owner: an auth made for the owner's uid and gid (we must hold them:
 * a filesystem run by a user starts translators only for that user's
 * nodes, one run by root for anyone's), the program opened through our
 * own root, and a bootstrap pipe served by our loop.  The starter waits
 * for FSYS_STARTUP at most NA_STARTUP_TIMEOUT, then kills the child.
 * One start at a time per node: others wait for its outcome. */
#include <errno.h>
#include <string.h>
#include <time.h>
#include <argot/auth.h>
#include <argot/fsys.h>
#include "na.h"
#include "nat.h"
#include "tstart.h"

#define NA_POLL_MS 5

static void na_nap(void)
{
	struct timespec t = { 0, NA_POLL_MS * 1000000L };

	nanosleep(&t, NULL);
}

/* FSYS_STARTUP on a bootstrap pipe: keep the control handle, answer
 * with the node, opened as its owner sees it. */
static int na_boot_startup(struct srv_req *r)
{
	struct na_boot *b = (struct na_boot *)r->obj;
	struct netfs_stat st;
	struct netfs_cred owner = { .nuids = 1, .ngids = 1 };
	struct na_open *po;
	uint32_t flags = ARGOT_O_RDONLY;
	int send, err;

	if ((err = na_getattr(b->np, &st)))
		return -err;
	owner.uids[0] = st.uid;
	owner.gids[0] = st.gid;
	if (netfs_access(&owner, &st, NETFS_R) == 0 &&
	    netfs_access(&owner, &st, NETFS_W) == 0 && !(st.mode & 0040000))
		flags = ARGOT_O_RDWR;
	if (!(po = na_open_new(b->np, flags, NULL)))
		return -ENOMEM;
	if ((err = na_prot_new(po, &owner, &send, NULL)) < 0)
		return err;
	pthread_mutex_lock(&na_tlock);
	if (b->control < 0) {
		b->control = r->h[0];
		r->h[0] = ARGOT_NOHANDLE;
	}
	pthread_mutex_unlock(&na_tlock);
	r->rh[0] = send | ARGOT_HMOVE;
	r->rnh = 1;
	return 0;
}

static void na_boot_gone(struct srv_obj *o)
{
	struct na_boot *b = (struct na_boot *)o;

	pthread_mutex_lock(&na_tlock);
	b->gone = 1;
	pthread_mutex_unlock(&na_tlock);
}

static const srv_fn na_boot_fns[FSYS_END - ARGOT_RPC_FSYS] = {
	[FSYS_STARTUP - ARGOT_RPC_FSYS] = na_boot_startup,
};
static const struct srv_iface na_boot_iface = { &rpc_fsys_proto, na_boot_fns };
static const struct srv_iface *const na_boot_ifaces[] = { &na_boot_iface,
                                                          NULL };
const struct srv_class na_boot_class = { .ifaces = na_boot_ifaces,
                                         .nosenders = na_boot_gone };

/* Spawn np's passive record as its owner; 0 and the child's process. */
static int na_spawn(struct netfs_node *np, struct na_boot *b,
                    struct argot_spawned *out)
{
	char rec[ARGOT_PATH_MAX], *argv[64];
	struct netfs_stat st;
	struct argot_idset ids;
	size_t len = 0;
	int err, bsend, file, auth;

	na_enter();
	err = na_ops->get_translator(np, rec, sizeof rec - 1, &len);
	na_leave();
	if (err || !len)
		return err ? -err : -ENOENT;
	if (tstart_argv(rec, (uint32_t)len, argv, 64) < 0)
		return -ENOEXEC;
	if ((err = na_getattr(np, &st)))
		return -err;
	idset_single(&ids, st.uid, st.gid);
	if ((err = auth_makeauth(na_st->auth, NULL, 0, &ids, &auth, 10000)) < 0)
		return err;	/* we do not hold the owner's IDs */
	if ((err = tstart_open(argv[0], ARGOT_O_RDONLY | ARGOT_O_EXEC,
	                          &file)) < 0) {
		argot_close(auth);
		return err;
	}
	b->np = np;
	b->control = ARGOT_NOHANDLE;
	b->gone = 0;
	if ((err = srv_obj_add(&na_srv, &b->obj, &na_boot_class, &bsend)) == 0) {
		struct tstart t = { .st = na_st, .auth = auth, .uid = st.uid,
		                    .gid = st.gid, .file = file, .argv = argv,
		                    .bootstrap = bsend };
		err = tstart_spawn(&t, out);
		argot_close(bsend);	/* the child's copy is the only one */
		if (err < 0)
			srv_obj_del(&na_srv, &b->obj);
	}
	argot_close(file);
	argot_close(auth);
	return err;
}

/* Wait for the child's FSYS_STARTUP; its control handle or -errno. */
static int na_await(struct na_boot *b, int process)
{
	int ctl = ARGOT_NOHANDLE, gone = 0;

	for (uint32_t ms = 0; ms < NA_STARTUP_TIMEOUT; ms += NA_POLL_MS) {
		pthread_mutex_lock(&na_tlock);
		ctl = b->control;
		gone = b->gone;
		pthread_mutex_unlock(&na_tlock);
		if (ctl >= 0 || gone)
			break;
		na_nap();
	}
	srv_obj_del(&na_srv, &b->obj);
	if (ctl >= 0)
		return ctl;
	netfs_log("translator %s", gone ? "died before its startup"
	                                 : "did not start in time: killed");
	k_proc_kill(process);
	return gone ? -EPIPE : -ETIMEDOUT;
}

int na_start_passive(struct netfs_node *np, int *control)
{
	struct argot_spawned child;
	struct na_tnode *t;
	int err, mine = 0;

	/* one starter per node; the others wait for its outcome */
	for (;;) {
		pthread_mutex_lock(&na_tlock);
		if (!(t = na_tnode(np))) {
			pthread_mutex_unlock(&na_tlock);
			return -ENOMEM;
		}
		if (t->control >= 0 || !t->starting) {
			if (t->control < 0)
				t->starting = mine = 1;
			else if (k_proc_handle_take(na_st->self, t->control,
			                            control) < 0)
				*control = ARGOT_NOHANDLE;
			pthread_mutex_unlock(&na_tlock);
			break;
		}
		pthread_mutex_unlock(&na_tlock);
		na_nap();
	}
	if (!mine)
		return *control >= 0 ? 0 : -EPIPE;
	err = na_spawn(np, &t->boot, &child);
	if (err == 0) {
		err = na_await(&t->boot, child.process);
		argot_close(child.process);
		if (child.proc >= 0)
			argot_close(child.proc);
	}
	pthread_mutex_lock(&na_tlock);
	t->starting = 0;
	if (err >= 0) {
		t->control = err;
		if (k_proc_handle_take(na_st->self, err, control) < 0)
			err = -EPIPE;
	}
	pthread_mutex_unlock(&na_tlock);
	return err < 0 ? err : 0;
}

/*
 * login/password.c - /hurd/password, the password server
 * (include/argot/password.h).  Started by /etc/rc as an active translator
 * on /servers/password, as root: the auth handle it starts with is uid
 * 0's, and that is what lets it make an identity for any user who proves
 * they know their password.
 *
 * It trusts its own root filesystem for /etc/passwd, /etc/group and
 * /etc/shadow, and the auth server; it trusts nothing a client says but
 * the password.  The check is musl's crypt(3) against the shadow hash.
 */
#include <crypt.h>
#include <errno.h>
#include <grp.h>
#include <pthread.h>
#include <pwd.h>
#include <shadow.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <time.h>
#include <unistd.h>
#include <argot/auth.h>
#include <argot/dir.h>
#include <argot/fsys.h>
#include <argot/io.h>
#include <argot/password.h>
#include <argot/startup.h>
#include "server/rpc.h"
#include "kcall.h"

#define T 10000
#define NTHREADS 4   /* a client in its failure delay holds one */

static const struct argot_startup *st;
static struct srv pw_srv = { .name = "password", .tick = ARGOT_FOREVER };
/* getpwnam, getspnam and crypt keep static state */
static pthread_mutex_t pw_lock = PTHREAD_MUTEX_INITIALIZER;

struct pw_node { struct srv_obj o; };
static const struct srv_class node_class, control_class;

/* The IDs for pw: its uid; its primary group then the groups /etc/group
 * lists it in.  (Not getgrouplist: musl's asks nscd first and fails when
 * there are no sockets.)  Called under pw_lock. */
static void ids_for(const struct passwd *pw, struct argot_idset *ids)
{
	struct group *g;

	memset(ids, 0, sizeof *ids);
	ids->neuids = ids->nauids = ids->nagids = ids->negids = 1;
	ids->euids[0] = ids->auids[0] = pw->pw_uid;
	ids->egids[0] = ids->agids[0] = pw->pw_gid;
	setgrent();
	while ((g = getgrent()) && ids->negids < ARGOT_IDS_MAX) {
		if (g->gr_gid == pw->pw_gid)
			continue;
		for (char **m = g->gr_mem; m && *m; m++)
			if (!strcmp(*m, pw->pw_name)) {
				ids->egids[ids->negids++] = g->gr_gid;
				break;
			}
	}
	endgrent();
}

/* 0 and the user's IDs if password is theirs, else -EACCES. */
static int check(const char *name, uint32_t uid, const char *password,
                 struct argot_idset *ids)
{
	int ok = 0;

	pthread_mutex_lock(&pw_lock);
	struct passwd *pw = name[0] ? getpwnam(name) : getpwuid(uid);
	struct spwd *sp = pw ? getspnam(pw->pw_name) : NULL;
	const char *hash = sp ? sp->sp_pwdp : NULL;
	/* only real crypt hashes: "", "*", "!..." never match */
	if (hash && hash[0] == '$') {
		const char *c = crypt(password, hash);
		ok = c && !strcmp(c, hash);
	}
	if (ok)
		ids_for(pw, ids);
	pthread_mutex_unlock(&pw_lock);
	return ok ? 0 : -EACCES;
}

static int h_check_user(struct srv_req *r)
{
	const struct password_req *q = r->data;
	const char *name = (const char *)r->data + sizeof *q, *pass;
	uint32_t len = r->len - (uint32_t)sizeof *q, nl;
	struct argot_idset ids;
	int auth, err;

	nl = rpc_strnlen(name, len);
	if (nl >= len || nl >= PASSWORD_MAX)
		return -EINVAL;
	pass = name + nl + 1;
	if (rpc_strnlen(pass, len - nl - 1) >= len - nl - 1)
		return -EINVAL;
	err = check(name, q->uid, pass, &ids);
	if (err == 0)
		err = auth_makeauth(st->auth, NULL, 0, &ids, &auth, T);
	if (err < 0) {
		struct timespec d = { PASSWORD_DELAY_MS / 1000,
		                      PASSWORD_DELAY_MS % 1000 * 1000000L };
		nanosleep(&d, NULL);   /* guessing must be slow */
		return -EACCES;
	}
	struct password_rep *rep = r->rbuf;
	rep->uid = ids.euids[0];
	rep->gid = ids.egids[0];
	r->rlen = sizeof *rep;
	r->rh[0] = auth | ARGOT_HMOVE;
	r->rnh = 1;
	return 0;
}

/* a fresh handle on a new node object (each freed at no-senders) */
static int new_node(int *send)
{
	struct pw_node *n = calloc(1, sizeof *n);

	if (!n)
		return -ENOMEM;
	if (srv_obj_add(&pw_srv, &n->o, &node_class, send) < 0) {
		free(n);
		return -ENOMEM;
	}
	return 0;
}

/* IO_REAUTH: we serve everyone alike, so we only complete the
 * rendezvous, handing the client a new handle. */
static int h_reauth(struct srv_req *r)
{
	struct argot_idset ids;
	int send;

	if (new_node(&send) < 0)
		return SRV_DEFER;
	auth_server_authenticate(st->auth, r->h[0], send, &ids,
	                         AUTH_RENDEZVOUS_TTL);
	argot_close(send);
	return SRV_DEFER;   /* one-way */
}

static int h_stat(struct srv_req *r)
{
	struct argot_stat *s = r->rbuf;

	memset(s, 0, sizeof *s);
	s->mode = ARGOT_S_IFCHR | 0666;   /* like the Hurd's: a service */
	s->nlink = 1;
	s->blksize = 512;
	r->rlen = sizeof *s;
	return 0;
}

/* FSYS_GETROOT on our control handle: a lookup crossing our node. */
static int h_getroot(struct srv_req *r)
{
	struct dir_lookup_rep *rep = r->rbuf;
	int send, err;

	if ((err = new_node(&send)) < 0)
		return err;
	rep->retry = DIR_RETRY_NORMAL;
	((char *)r->rbuf)[sizeof *rep] = 0;
	r->rlen = sizeof *rep + 1;
	r->rh[0] = send | ARGOT_HMOVE;
	r->rnh = 1;
	return 0;
}

static void node_gone(struct srv_obj *o)
{
	free(o);
}

#define PASSWORD_ENTRY(id, s, tl, mn, mx) \
	[(id) - ARGOT_RPC_PASSWORD] = { (id), sizeof(s), (tl), (mn), (mx) },
static const struct rpc_spec pw_spec[PASSWORD_END - ARGOT_RPC_PASSWORD] = {
	PASSWORD_RPCS(PASSWORD_ENTRY)
};
static const struct rpc_proto pw_proto = { ARGOT_RPC_PASSWORD,
	PASSWORD_END - ARGOT_RPC_PASSWORD, pw_spec };
static const srv_fn pw_fns[] = { h_check_user };
static const srv_fn io_fns[IO_END - ARGOT_RPC_IO] = {
	[IO_REAUTH - ARGOT_RPC_IO] = h_reauth,
	[IO_STAT - ARGOT_RPC_IO] = h_stat,
};
static const srv_fn fsys_fns[FSYS_END - ARGOT_RPC_FSYS] = {
	[FSYS_GETROOT - ARGOT_RPC_FSYS] = h_getroot,
};
static const struct srv_iface pw_iface = { &pw_proto, pw_fns };
static const struct srv_iface io_iface = { &rpc_io_proto, io_fns };
static const struct srv_iface fsys_iface = { &rpc_fsys_proto, fsys_fns };
static const struct srv_iface *const node_ifaces[] = { &pw_iface, &io_iface,
                                                       NULL };
static const struct srv_iface *const control_ifaces[] = { &fsys_iface, NULL };
static const struct srv_class node_class = { node_ifaces, node_gone, NULL };
static const struct srv_class control_class = { control_ifaces, NULL, NULL };

/* libargot's server loop starts its threads through this hook */
struct tramp { void (*fn)(void *); void *arg; };

static void *tramp(void *p)
{
	struct tramp t = *(struct tramp *)p;

	free(p);
	t.fn(t.arg);
	return NULL;
}

static int start_thread(void (*fn)(void *), void *arg)
{
	struct tramp *t = malloc(sizeof *t);
	pthread_t id;

	if (!t)
		return -ENOMEM;
	*t = (struct tramp){ fn, arg };
	if (pthread_create(&id, NULL, tramp, t)) {
		free(t);
		return -EAGAIN;
	}
	pthread_detach(id);
	return 0;
}

int main(void)
{
	static struct srv_obj control;
	int ctl, boot, node, r;

	st = (const void *)getauxval(AT_ARGOT_STARTUP);
	if (!st || st->magic != ARGOT_STARTUP_MAGIC ||
	    st->nfds <= FSYS_BOOTSTRAP_FD ||
	    (boot = st->fds[FSYS_BOOTSTRAP_FD].handle) < 0) {
		fprintf(stderr, "password: start me as a translator\n");
		return 1;
	}
	argot_hooks.alloc = malloc;
	argot_hooks.free = free;
	argot_hooks.thread = start_thread;
	argot_hooks.kernel = st->kernel;
	if (srv_obj_add(&pw_srv, &control, &control_class, &ctl) < 0)
		return 1;
	r = fsys_startup(boot, ctl, 0, &node, T);
	close(FSYS_BOOTSTRAP_FD);
	argot_close(ctl);   /* our parent holds it now */
	if (r < 0) {
		fprintf(stderr, "password: fsys_startup: %s\n", strerror(-r));
		return 1;
	}
	r = srv_run(&pw_srv, NTHREADS);
	fprintf(stderr, "password: server loop ended: %s\n", strerror(-r));
	return 1;
}

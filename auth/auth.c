/*
 * auth/auth.c - the auth server: identities as pipes.  Holding a send
 * handle on an identity's pipe is holding that identity; the label says
 * which.  One thread, event-driven: requests that must wait for another
 * party (the two halves of a rendezvous, probes) keep their reply handle
 * and are answered later, so nobody blocks the server.
 */
#include "auth.h"

struct srv auth_srv = { .name = "auth", .tick = 250 };

static int getids(struct srv_req *r)
{
	struct auth_ident *id = (struct auth_ident *)r->obj;
	rpc_copy(r->rbuf, &id->ids, sizeof id->ids);
	r->rlen = sizeof id->ids;
	return 0;
}

static const srv_fn ident_fns[AUTH_END - ARGOT_RPC_AUTH] = {
	[AUTH_GETIDS - ARGOT_RPC_AUTH] = getids,
	[AUTH_MAKEAUTH - ARGOT_RPC_AUTH] = auth_do_makeauth,
	[AUTH_RENDEZVOUS - ARGOT_RPC_AUTH] = auth_rdv_make,
	[AUTH_USER_AUTH - ARGOT_RPC_AUTH] = auth_rdv_user,
	[AUTH_SERVER_AUTH - ARGOT_RPC_AUTH] = auth_rdv_server,
};
static const struct srv_iface ident_iface = { &rpc_auth_proto, ident_fns };
static const struct srv_iface *const ident_ifaces[] = { &ident_iface, 0 };

static void ident_gone(struct srv_obj *o)
{
	rt_free(o);
}

const struct srv_class auth_ident_class = {
	ident_ifaces, ident_gone, auth_ident_probe,
};

struct auth_ident *auth_ident_new(const struct argot_idset *ids, int *send)
{
	struct auth_ident *id = rt_malloc(sizeof *id);
	if (!id)
		return 0;
	id->ids = *ids;
	if (srv_obj_add(&auth_srv, &id->o, &auth_ident_class, send) < 0) {
		rt_free(id);
		return 0;
	}
	return id;
}

/* Nonces only need to be unpredictable to other processes: the TSC at
 * start mixed through xorshift. */
uint64_t auth_nonce(void)
{
	static uint64_t x;
	if (!x)
		x = rdtsc() | 1;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return x ^ rdtsc();
}

uint64_t auth_now(void)
{
	return rt_now_ns();
}

/* Send ourselves a probe through h; it comes back only if h reaches one
 * of our own pipes, and then with that pipe's label. */
int auth_probe(int h, uint64_t nonce)
{
	struct argot_msg m = { .tag = ARGOT_RPC_PROBE, .timeout = 0,
	                       .sbuf = &nonce, .slen = sizeof nonce };
	return argot_send(h, &m, 0);
}

static void tick(struct srv *s)
{
	(void)s;
	uint64_t now = auth_now();
	auth_rdv_expire(now);
	auth_makeauth_expire(now);
}

/* Started by bootstrap with rt_spawn: h[0] is the receive end of the
 * root identity (uid 0, gid 0), whose send handle bootstrap keeps. */
int rt_main(void *arg)
{
	struct rt_spawn_args *a = arg;
	rt_init_spawned(a);
	argot_rt_hooks();
	auth_srv.idle = tick;
	struct auth_ident *root = rt_malloc(sizeof *root);
	if (!root || a->nh < 1)
		return 1;
	idset_single(&root->ids, 0, 0);
	if (srv_obj_adopt(&auth_srv, &root->o, &auth_ident_class, a->h[0]) < 0)
		return 2;
	return srv_run(&auth_srv, 1) < 0 ? 3 : 0;
}

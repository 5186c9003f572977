/*
 * auth/auth.c - the auth server: identities as pipes.  Holding a send
 * handle on an identity's pipe is holding that identity; the label says
 * which.  One thread, event-driven: requests that must wait for another
 * party (the two halves of a rendezvous) keep their reply handle and are
 * answered later, so nobody blocks the server.
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

const struct srv_class auth_ident_class = { ident_ifaces, ident_gone, 0 };

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

uint64_t auth_now(void)
{
	return rt_now_ns();
}

/* The object of class cls that a send handle a client gave us reaches,
 * or NULL if it reaches none of ours.  The kernel says which of our
 * pipes it is (K_PIPE_IDENTIFY); the label then finds the object exactly
 * as the server loop finds it for a request on that pipe.  The client's
 * handle keeps the object alive until the request is answered. */
struct srv_obj *auth_own(int h, const struct srv_class *cls)
{
	uint32_t label;
	if (k_pipe_identify(rt.kernel, h, &label) < 0)
		return 0;
	struct srv_obj *o = srv_obj_find(&auth_srv, label);
	return o && o->cls == cls ? o : 0;
}

static void tick(struct srv *s)
{
	(void)s;
	uint64_t now = auth_now();
	auth_rdv_expire(now);
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

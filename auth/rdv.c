/*
 * auth/rdv.c - the rendezvous: how a client shows its identity to a
 * server without either trusting the other (include/argot/auth.h).
 *
 * The server presents the rendezvous handle R on its own auth handle.
 * A handle's number says nothing, so we ask the kernel which of our
 * pipes R reaches (K_PIPE_IDENTIFY, through auth_own): a handle that is
 * not one of our live rendezvous is refused at once.
 */
#include "auth.h"

#define NS_PER_MS 1000000ull

static void rdv_gone(struct srv_obj *o);
static const struct srv_iface *const no_ifaces[] = { 0 };
const struct srv_class auth_rdv_class = { no_ifaces, rdv_gone, 0 };

static void rdv_free(struct auth_meet *v, int err)
{
	if (v->user_reply != ARGOT_NOHANDLE)
		srv_reply(v->user_reply, err, 0, 0, 0, 0);
	if (v->server_reply != ARGOT_NOHANDLE)
		srv_reply(v->server_reply, err, 0, 0, 0, 0);
	if (v->newh != ARGOT_NOHANDLE)
		argot_close(v->newh);
	srv_obj_del(&auth_srv, &v->o);
	rt_free(v);
}

/* Everyone dropped R: the rendezvous can never complete. */
static void rdv_gone(struct srv_obj *o)
{
	struct auth_meet *v = (struct auth_meet *)o;
	if (v->server_reply == ARGOT_NOHANDLE)
		rdv_free(v, -ARGOT_ETIMEDOUT);
	/* else the server half is in: wait for the user or the deadline */
}

int auth_rdv_make(struct srv_req *r)
{
	struct auth_ident *id = (struct auth_ident *)r->obj;
	struct auth_meet *v = rt_malloc(sizeof *v);
	int send;
	if (!v)
		return -ARGOT_ENOMEM;
	v->maker = id->o.label;
	v->ids = id->ids;
	v->user_reply = v->server_reply = v->newh = ARGOT_NOHANDLE;
	v->deadline = auth_now() + AUTH_RENDEZVOUS_TTL * NS_PER_MS;
	if (srv_obj_add(&auth_srv, &v->o, &auth_rdv_class, &send) < 0) {
		rt_free(v);
		return -ARGOT_ENOMEM;
	}
	struct auth_rdv rep = { v->o.label };
	rpc_copy(r->rbuf, &rep, sizeof rep);
	r->rlen = sizeof rep;
	r->rh[0] = send | ARGOT_HMOVE;
	r->rnh = 1;
	return 0;
}

/* Both halves are in: the handle to the user, the IDs to the server. */
static void complete(struct auth_meet *v)
{
	int32_t h = v->newh | ARGOT_HMOVE;
	if (srv_reply(v->user_reply, 0, 0, 0, &h, 1) < 0)
		argot_close(v->newh);
	srv_reply(v->server_reply, 0, &v->ids, sizeof v->ids, 0, 0);
	v->user_reply = v->server_reply = v->newh = ARGOT_NOHANDLE;
	rdv_free(v, 0);
}

int auth_rdv_user(struct srv_req *r)
{
	const struct auth_rdv *q = r->data;
	struct srv_obj *o = srv_obj_find(&auth_srv, q->id);
	struct auth_meet *v = (struct auth_meet *)o;
	/* only through the identity that made it, and only once */
	if (!o || o->cls != &auth_rdv_class || v->maker != r->obj->label ||
	    v->user_reply != ARGOT_NOHANDLE)
		return -ARGOT_EINVAL;
	v->user_reply = r->reply;
	r->reply = ARGOT_NOHANDLE;
	if (v->server_reply != ARGOT_NOHANDLE)
		complete(v);
	return SRV_DEFER;
}

/* R was genuine if it reaches one of our live rendezvous; a used one is
 * gone (rdv_free closed its pipe), so it is refused like a forged one. */
int auth_rdv_server(struct srv_req *r)
{
	struct auth_meet *v = (struct auth_meet *)auth_own(r->h[0],
	                                                   &auth_rdv_class);
	if (!v || v->server_reply != ARGOT_NOHANDLE)
		return -ARGOT_EINVAL;   /* not ours, or a rendezvous serves
		                           one server */
	v->server_reply = r->reply;
	v->newh = r->h[1];
	r->reply = ARGOT_NOHANDLE;
	r->h[1] = ARGOT_NOHANDLE;
	if (v->user_reply != ARGOT_NOHANDLE)
		complete(v);
	return SRV_DEFER;
}

void auth_rdv_expire(uint64_t now)
{
	for (uint32_t i = 1; i < SRV_MAXOBJ; i++) {
		struct srv_obj *o = auth_srv.objs[i];
		if (o && o->cls == &auth_rdv_class &&
		    now > ((struct auth_meet *)o)->deadline)
			rdv_free((struct auth_meet *)o, -ARGOT_ETIMEDOUT);
	}
}

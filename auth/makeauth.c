/*
 * auth/makeauth.c - AUTH_MAKEAUTH: a new identity from the IDs the caller
 * can show.  Other auth handles presented with the request are recognised
 * by probing them (as rendezvous are, rdv.c): each probe that comes back
 * on an identity pipe adds that identity's IDs to what may be asked for.
 */
#include "auth.h"

#define MAXPENDING 16
#define PROBE_TTL 1000000000ull

static struct mk {
	int used;
	uint64_t nonce, deadline;
	uint32_t want, got;
	int32_t reply;
	struct argot_idset ask, have;
} mk[MAXPENDING];

static int member(const uint32_t *v, uint32_t n, uint32_t x)
{
	for (uint32_t i = 0; i < n; i++)
		if (v[i] == x)
			return 1;
	return 0;
}

static void add(uint32_t *v, uint32_t *n, uint32_t x)
{
	if (!member(v, *n, x) && *n < ARGOT_IDS_MAX)
		v[(*n)++] = x;
}

/* The union, flattened into the available sets: every ID held, effective
 * or available, may go into any set of the new identity.  A shown root
 * is marked by effective uid 0 in the union. */
static void add_ids(struct argot_idset *u, const struct argot_idset *s)
{
	for (uint32_t i = 0; i < s->neuids && i < ARGOT_IDS_MAX; i++)
		add(u->auids, &u->nauids, s->euids[i]);
	for (uint32_t i = 0; i < s->nauids && i < ARGOT_IDS_MAX; i++)
		add(u->auids, &u->nauids, s->auids[i]);
	for (uint32_t i = 0; i < s->negids && i < ARGOT_IDS_MAX; i++)
		add(u->agids, &u->nagids, s->egids[i]);
	for (uint32_t i = 0; i < s->nagids && i < ARGOT_IDS_MAX; i++)
		add(u->agids, &u->nagids, s->agids[i]);
	if (idset_is_root(s)) {
		u->euids[0] = 0;
		u->neuids = 1;
	}
}

static int subset(const uint32_t *v, uint32_t n, const uint32_t *of,
                  uint32_t nof)
{
	for (uint32_t i = 0; i < n; i++)
		if (!member(of, nof, v[i]))
			return 0;
	return 1;
}

/* May `ask` be made from `have` (the flattened union)? */
static int allowed(const struct argot_idset *ask,
                   const struct argot_idset *have)
{
	if (have->neuids == 1 && have->euids[0] == 0)
		return 1;
	return subset(ask->euids, ask->neuids, have->auids, have->nauids) &&
	       subset(ask->auids, ask->nauids, have->auids, have->nauids) &&
	       subset(ask->egids, ask->negids, have->agids, have->nagids) &&
	       subset(ask->agids, ask->nagids, have->agids, have->nagids);
}

static int well_formed(const struct argot_idset *s)
{
	return s->neuids <= ARGOT_IDS_MAX && s->nauids <= ARGOT_IDS_MAX &&
	       s->negids <= ARGOT_IDS_MAX && s->nagids <= ARGOT_IDS_MAX;
}

/* Make the identity and answer. */
static int finish(int32_t reply, const struct argot_idset *ask,
                  const struct argot_idset *have, struct srv_req *r)
{
	int send;
	int err = allowed(ask, have) ? 0 : -ARGOT_EPERM;
	if (!err && !auth_ident_new(ask, &send))
		err = -ARGOT_ENOMEM;
	if (r) {                     /* answered by the loop */
		if (!err) {
			r->rh[0] = send | ARGOT_HMOVE;
			r->rnh = 1;
		}
		return err;
	}
	int32_t h = send | ARGOT_HMOVE;
	if (srv_reply(reply, err, 0, 0, &h, err ? 0 : 1) < 0 && !err)
		argot_close(send);
	return 0;
}

int auth_do_makeauth(struct srv_req *r)
{
	const struct argot_idset *ask = r->data;
	struct auth_ident *self = (struct auth_ident *)r->obj;
	struct mk *m = 0;
	if (!well_formed(ask))
		return -ARGOT_EINVAL;
	struct argot_idset have;
	rpc_zero(&have, sizeof have);
	add_ids(&have, &self->ids);
	if (r->nh == 0)
		return finish(ARGOT_NOHANDLE, ask, &have, r);
	for (int i = 0; i < MAXPENDING && !m; i++)
		if (!mk[i].used)
			m = &mk[i];
	if (!m)
		return -ARGOT_EAGAIN;
	m->nonce = auth_nonce();
	for (uint32_t i = 0; i < r->nh; i++)
		if (auth_probe(r->h[i], m->nonce) < 0)
			return -ARGOT_EINVAL;
	m->used = 1;
	m->want = r->nh;
	m->got = 0;
	m->ask = *ask;
	m->have = have;
	m->deadline = auth_now() + PROBE_TTL;
	m->reply = r->reply;
	r->reply = ARGOT_NOHANDLE;
	return SRV_DEFER;
}

/* A probe came back on an identity pipe. */
void auth_ident_probe(struct srv_req *r)
{
	uint64_t nonce;
	if (r->id != ARGOT_RPC_PROBE || r->len != sizeof nonce)
		return;
	rpc_copy(&nonce, r->data, sizeof nonce);
	for (int i = 0; i < MAXPENDING; i++) {
		struct mk *m = &mk[i];
		if (!m->used || m->nonce != nonce)
			continue;
		add_ids(&m->have, &((struct auth_ident *)r->obj)->ids);
		if (++m->got == m->want) {
			m->used = 0;
			finish(m->reply, &m->ask, &m->have, 0);
		}
		return;
	}
}

void auth_makeauth_expire(uint64_t now)
{
	for (int i = 0; i < MAXPENDING; i++)
		if (mk[i].used && now > mk[i].deadline) {
			/* a handle presented was not an identity */
			mk[i].used = 0;
			srv_reply(mk[i].reply, -ARGOT_EINVAL, 0, 0, 0, 0);
		}
}

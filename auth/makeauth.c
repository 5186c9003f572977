/*
 * auth/makeauth.c - AUTH_MAKEAUTH: a new identity from the IDs the caller
 * can show.  Other auth handles presented with the request count only if
 * the kernel says they reach one of our identity pipes (auth_own, as
 * rendezvous are recognised in rdv.c): each adds that identity's IDs to
 * what may be asked for; any other handle refuses the request.
 */
#include "auth.h"

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

/* Make the identity; the reply carries its send handle. */
static int finish(const struct argot_idset *ask,
                  const struct argot_idset *have, struct srv_req *r)
{
	int send;
	if (!allowed(ask, have))
		return -ARGOT_EPERM;
	if (!auth_ident_new(ask, &send))
		return -ARGOT_ENOMEM;
	r->rh[0] = send | ARGOT_HMOVE;
	r->rnh = 1;
	return 0;
}

int auth_do_makeauth(struct srv_req *r)
{
	const struct argot_idset *ask = r->data;
	struct auth_ident *self = (struct auth_ident *)r->obj;
	if (!well_formed(ask))
		return -ARGOT_EINVAL;
	struct argot_idset have;
	rpc_zero(&have, sizeof have);
	add_ids(&have, &self->ids);
	for (uint32_t i = 0; i < r->nh; i++) {
		struct auth_ident *id = (struct auth_ident *)
			auth_own(r->h[i], &auth_ident_class);
		if (!id)
			return -ARGOT_EINVAL;   /* not an identity of ours */
		add_ids(&have, &id->ids);
	}
	return finish(ask, &have, r);
}

/*
 * libargot/server/stub_auth.c - client stubs of the auth protocol, the
 * identity-set helpers, and the client half of reauthentication.
 */
#include "rpc.h"
#include "kcall.h"
#include <argot/auth.h>

int auth_getids(int auth, struct argot_idset *ids, uint32_t timeout)
{
	return rpc_simple(auth, AUTH_GETIDS, 0, 0, ids, sizeof *ids, timeout);
}

int auth_makeauth(int auth, const int *others, unsigned nothers,
                  const struct argot_idset *ids, int *newauth,
                  uint32_t timeout)
{
	int32_t hin[7], hout = ARGOT_NOHANDLE;
	if (nothers > 7)
		return -ARGOT_EINVAL;
	for (unsigned i = 0; i < nothers; i++)
		hin[i] = others[i];
	struct rpc c = { .id = AUTH_MAKEAUTH, .req = ids, .reqlen = sizeof *ids,
	                 .hin = hin, .nin = nothers, .hout = &hout, .nout = 1,
	                 .timeout = timeout };
	int r = rpc_call(auth, &c);
	if (r == 0 && c.nhout != 1)
		r = -ARGOT_EINVAL;
	*newauth = r == 0 ? hout : ARGOT_NOHANDLE;
	return r;
}

int auth_rendezvous(int auth, int *rendezvous, uint32_t *id,
                    uint32_t timeout)
{
	struct auth_rdv rep;
	int32_t hout = ARGOT_NOHANDLE;
	struct rpc c = { .id = AUTH_RENDEZVOUS, .rep = &rep,
	                 .repcap = sizeof rep, .hout = &hout, .nout = 1,
	                 .timeout = timeout };
	int r = rpc_call(auth, &c);
	if (r == 0 && (c.nhout != 1 || c.replen != sizeof rep))
		r = -ARGOT_EINVAL;
	*rendezvous = r == 0 ? hout : ARGOT_NOHANDLE;
	if (r == 0)
		*id = rep.id;
	return r;
}

int auth_user_authenticate(int auth, uint32_t id, int *newh,
                           uint32_t timeout)
{
	struct auth_rdv q = { id };
	return rpc_get_handle(auth, AUTH_USER_AUTH, &q, sizeof q, newh,
	                      timeout);
}

int auth_server_authenticate(int auth, int rendezvous, int newh,
                             struct argot_idset *ids, uint32_t timeout)
{
	int32_t hin[2] = { rendezvous, newh };
	struct rpc c = { .id = AUTH_SERVER_AUTH, .hin = hin, .nin = 2,
	                 .rep = ids, .repcap = sizeof *ids, .timeout = timeout };
	int r = rpc_call(auth, &c);
	return r == 0 && c.replen != sizeof *ids ? -ARGOT_EINVAL : r;
}

int rpc_reauth(int target, uint32_t reauth_id, int auth, int *newh,
               uint32_t timeout)
{
	int rdv, r;
	uint32_t id;
	if ((r = auth_rendezvous(auth, &rdv, &id, timeout)) < 0)
		return r;
	int32_t hin = rdv;
	struct rpc c = { .id = reauth_id, .hin = &hin, .nin = 1,
	                 .timeout = timeout };
	r = rpc_send(target, &c);
	argot_close(rdv);
	if (r < 0)
		return r;
	return auth_user_authenticate(auth, id, newh, timeout);
}

/* ---- identity sets --------------------------------------------------- */
static int in(const uint32_t *v, uint32_t n, uint32_t x)
{
	for (uint32_t i = 0; i < n && i < ARGOT_IDS_MAX; i++)
		if (v[i] == x)
			return 1;
	return 0;
}

int idset_has_uid(const struct argot_idset *s, uint32_t uid)
{
	return in(s->euids, s->neuids, uid);
}

int idset_has_gid(const struct argot_idset *s, uint32_t gid)
{
	return in(s->egids, s->negids, gid);
}

int idset_is_root(const struct argot_idset *s)
{
	return idset_has_uid(s, 0);
}

void idset_single(struct argot_idset *s, uint32_t uid, uint32_t gid)
{
	rpc_zero(s, sizeof *s);
	s->neuids = s->nauids = s->negids = s->nagids = 1;
	s->euids[0] = s->auids[0] = uid;
	s->egids[0] = s->agids[0] = gid;
}

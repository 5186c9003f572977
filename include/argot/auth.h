/*
 * include/argot/auth.h - the auth protocol: identities and the rendezvous.
 *
 * An identity is four sets of IDs: effective uids, available uids,
 * effective gids, available gids (as in the Hurd).  Each auth handle is a
 * send handle on a pipe of the auth server whose label names one identity;
 * holding the handle is holding the identity.
 *
 * Authenticating to a server (io, proc, fsys...) without either side
 * trusting the other:
 *   1. the client asks its own auth handle A for a rendezvous
 *      (AUTH_RENDEZVOUS): a fresh send handle R on a pipe of the auth
 *      server and its number, remembered as "made through A";
 *   2. the client gives R to the server (e.g. IO_REAUTH, one-way) and calls
 *      AUTH_USER_AUTH with that number on A (not on R: whoever holds R
 *      may only serve it), waiting for the server's answer;
 *   3. the server calls AUTH_SERVER_AUTH on ITS OWN auth handle, passing R
 *      and a new handle H for the client.  The auth server asks the
 *      kernel which of its pipes R reaches (kernel.h:
 *      ARGOT_K_PIPE_IDENTIFY): a handle that is not one of its live
 *      rendezvous fails the call at once.  It then hands H to the client
 *      (the reply of step 2) and the client's identity to the server.
 * The server learns exactly the identity the client made R with (use
 * AUTH_MAKEAUTH first to show less); H goes only to whoever waits on R,
 * so relaying someone else's rendezvous gains nothing.  A rendezvous is
 * used once and expires after AUTH_RENDEZVOUS_TTL ms.
 */
#ifndef ARGOT_AUTH_H
#define ARGOT_AUTH_H

#include <argot/rpc.h>

#define ARGOT_IDS_MAX 16   /* per set */
#define AUTH_RENDEZVOUS_TTL 10000u

struct argot_idset {
	uint32_t neuids, nauids, negids, nagids;
	uint32_t euids[ARGOT_IDS_MAX];
	uint32_t auids[ARGOT_IDS_MAX];
	uint32_t egids[ARGOT_IDS_MAX];
	uint32_t agids[ARGOT_IDS_MAX];
};

struct auth_rdv { uint32_t id; };

enum {
	AUTH_GETIDS = ARGOT_RPC_AUTH, /* reply argot_idset */
	AUTH_MAKEAUTH,    /* req argot_idset, in[0..6]: more auth handles.
	                     The new identity must be a subset of the union
	                     of this handle's IDs and those of the handles
	                     given (all available+effective IDs may be used
	                     in any set), unless one of them holds effective
	                     uid 0.  reply out[0]: the new auth handle;
	                     -EPERM otherwise */
	AUTH_RENDEZVOUS,  /* reply auth_rdv, out[0]: a rendezvous made
	                     through this handle */
	AUTH_USER_AUTH,   /* req auth_rdv: a rendezvous made through this
	                     same handle; reply out[0]: the handle the server
	                     passed (waits for the server up to the TTL;
	                     -ETIMEDOUT if it never came) */
	AUTH_SERVER_AUTH, /* in[0]: rendezvous, in[1]: the handle for the
	                     client; reply argot_idset: the client's identity.
	                     -EINVAL for a handle that is not a live
	                     rendezvous, -ETIMEDOUT if the client never came */
	AUTH_END
};

#define AUTH_RPCS(X) \
	X(AUTH_GETIDS,      struct rpc_empty,   RPC_FIXED, 0, 0) \
	X(AUTH_MAKEAUTH,    struct argot_idset, RPC_FIXED, 0, 7) \
	X(AUTH_RENDEZVOUS,  struct rpc_empty,   RPC_FIXED, 0, 0) \
	X(AUTH_USER_AUTH,   struct auth_rdv,    RPC_FIXED, 0, 0) \
	X(AUTH_SERVER_AUTH, struct rpc_empty,   RPC_FIXED, 2, 2)

/* client stubs */
int auth_getids(int auth, struct argot_idset *ids, uint32_t timeout);
int auth_makeauth(int auth, const int *others, unsigned nothers,
                  const struct argot_idset *ids, int *newauth,
                  uint32_t timeout);
int auth_rendezvous(int auth, int *rendezvous, uint32_t *id,
                    uint32_t timeout);
int auth_user_authenticate(int auth, uint32_t id, int *newh,
                           uint32_t timeout);
int auth_server_authenticate(int auth, int rendezvous, int newh,
                             struct argot_idset *ids, uint32_t timeout);

/* helpers over identity sets (pure, in libargot) */
int idset_has_uid(const struct argot_idset *s, uint32_t uid); /* eff */
int idset_has_gid(const struct argot_idset *s, uint32_t gid); /* eff */
int idset_is_root(const struct argot_idset *s);
void idset_single(struct argot_idset *s, uint32_t uid, uint32_t gid);

#endif /* ARGOT_AUTH_H */

/*
 * tests/core/auth.c - the auth rules: no IDs one does not hold; a server
 * learns only what the client shows; forged and stale rendezvous fail.
 */
#include "ct.h"

static int make(int auth, const int *others, unsigned n, uint32_t uid,
                uint32_t gid, int *out)
{
	struct argot_idset s;
	idset_single(&s, uid, gid);
	return auth_makeauth(auth, others, n, &s, out, CT_T);
}

/* the server half of a rendezvous, in its own thread */
static struct srvhalf {
	int auth, rdv, r;
	struct argot_idset ids;
	volatile int done;
} sh;

static void server_half(void *arg)
{
	(void)arg;
	int rh, sh_send;
	k_pipe_create(ct_st->kernel, 0, &rh, &sh_send);
	sh.r = auth_server_authenticate(sh.auth, sh.rdv, sh_send, &sh.ids,
	                                CT_T);
	sh.done = 1;
}

static int run_server_half(int auth, int rdv)
{
	int th;
	sh.auth = auth;
	sh.rdv = rdv;
	sh.done = 0;
	return rt_thread_create(server_half, 0, 0, 0, &th);
}

static void wait_half(void)
{
	for (int i = 0; i < 500 && !sh.done; i++)
		rt_sleep(10);
}

void ct_auth(void)
{
	struct argot_idset ids;
	int a1, a2, bad, rdv, got, r;
	uint32_t id;

	r = auth_getids(ct_st->auth, &ids, CT_T);
	ct_check("auth-getids-root", r == 0 && idset_is_root(&ids),
	         "r=%d", r);
	r = make(ct_st->auth, 0, 0, 1000, 100, &a1);
	CHECK_EQ("auth-root-makes-any", r, 0);
	r = auth_getids(a1, &ids, CT_T);
	ct_check("auth-getids-user", r == 0 && ids.neuids == 1 &&
	         ids.euids[0] == 1000 && !idset_is_root(&ids), "r=%d", r);
	CHECK_EQ("auth-user-cannot-become-root",
	         make(a1, 0, 0, 0, 0, &bad), -ARGOT_EPERM);
	CHECK_EQ("auth-user-cannot-take-other-uid",
	         make(a1, 0, 0, 1001, 100, &bad), -ARGOT_EPERM);
	make(ct_st->auth, 0, 0, 1001, 101, &a2);
	struct argot_idset both;
	idset_single(&both, 1000, 100);
	both.auids[both.nauids++] = 1001;
	both.agids[both.nagids++] = 101;
	CHECK_EQ("auth-union-of-presented", auth_makeauth(a1, &a2, 1, &both,
	         &bad, CT_T), 0);
	CHECK_EQ("auth-presented-forged-handle",
	         make(a1, &ct_st->console, 1, 1001, 101, &bad), -ARGOT_EINVAL);

	/* a server holding root learns only the uid the client shows */
	r = auth_rendezvous(a1, &rdv, &id, CT_T);
	CHECK_EQ("auth-rendezvous", r, 0);
	run_server_half(ct_st->auth, rdv);
	r = auth_user_authenticate(a1, id, &got, CT_T);
	wait_half();
	ct_check("auth-user-gets-server-handle", r == 0 && got >= 0,
	         "r=%d", r);
	ct_check("auth-server-learns-only-shown", sh.r == 0 &&
	         sh.ids.neuids == 1 && sh.ids.euids[0] == 1000,
	         "r=%d n=%u uid=%u", sh.r, sh.ids.neuids, sh.ids.euids[0]);
	/* the same rendezvous again: stale */
	run_server_half(ct_st->auth, rdv);
	wait_half();
	CHECK_EQ("auth-stale-rendezvous-server", sh.r, -ARGOT_EINVAL);
	CHECK_EQ("auth-stale-rendezvous-user",
	         auth_user_authenticate(a1, id, &got, CT_T), -ARGOT_EINVAL);
	/* a handle that is not a rendezvous */
	int fr, fs;
	k_pipe_create(ct_st->kernel, 0, &fr, &fs);
	run_server_half(ct_st->auth, fs);
	wait_half();
	CHECK_EQ("auth-forged-rendezvous", sh.r, -ARGOT_EINVAL);
	/* a rendezvous can only be claimed through the identity that made it */
	auth_rendezvous(a1, &rdv, &id, CT_T);
	CHECK_EQ("auth-rendezvous-other-identity",
	         auth_user_authenticate(ct_st->auth, id, &got, CT_T),
	         -ARGOT_EINVAL);
	argot_close(rdv);
}

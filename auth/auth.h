/*
 * auth/auth.h - the auth server's objects: identities and rendezvous.
 */
#ifndef AUTH_AUTH_H
#define AUTH_AUTH_H

#include "rt.h"
#include "kcall.h"
#include "server/rpc.h"
#include "server/start/start.h"
#include <argot/auth.h>

struct auth_ident {
	struct srv_obj o;
	struct argot_idset ids;
};

struct auth_meet {
	struct srv_obj o;
	uint32_t maker;            /* label of the identity that made it */
	struct argot_idset ids;    /* its IDs, copied at creation */
	int32_t user_reply;        /* a waiting AUTH_USER_AUTH, or NOHANDLE */
	int32_t server_reply;      /* a waiting AUTH_SERVER_AUTH */
	int32_t newh;              /* the server's handle for the user */
	uint64_t deadline;         /* ns */
};

extern struct srv auth_srv;
extern const struct srv_class auth_ident_class, auth_rdv_class;

uint64_t auth_now(void);
struct srv_obj *auth_own(int h, const struct srv_class *cls);

/* rdv.c */
int auth_rdv_make(struct srv_req *r);
int auth_rdv_user(struct srv_req *r);
int auth_rdv_server(struct srv_req *r);
void auth_rdv_expire(uint64_t now);

/* makeauth.c */
int auth_do_makeauth(struct srv_req *r);
struct auth_ident *auth_ident_new(const struct argot_idset *ids, int *send);

#endif

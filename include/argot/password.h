/*
 * include/argot/password.h - the password protocol: trading a password for
 * an identity.
 *
 * The password server (login/password.c, attached at /servers/password)
 * holds uid 0's auth handle and reads /etc/passwd, /etc/group and
 * /etc/shadow.  A client that knows a user's password asks it for an auth
 * handle carrying that user's IDs: effective and available uid the
 * user's, effective gids the primary group then the supplementary groups
 * of /etc/group, available gid the primary group.  So a program that
 * logs people in (login, addauth) needs no privilege of its own: the
 * password is the privilege.
 *
 * A wrong password, an unknown user or an account without a usable hash
 * all answer -EACCES, after PASSWORD_DELAY_MS, so that guessing is slow
 * and the answer does not tell which it was.
 *
 * The server's node is reached like any translator's root (lookup, then
 * IO_REAUTH); the request goes on that handle.
 */
#ifndef ARGOT_PASSWORD_H
#define ARGOT_PASSWORD_H

#include <argot/rpc.h>

#define ARGOT_RPC_PASSWORD 0x1B00u   /* after pipe.h's 0x1A00 */
#define PASSWORD_DELAY_MS  2000u
#define PASSWORD_MAX       256u     /* longest name or password, NUL incl. */

enum {
	PASSWORD_CHECK_USER = ARGOT_RPC_PASSWORD, /* req password_req +
	                           "name\0password\0" (an empty name means
	                           the user whose uid is req.uid); reply
	                           password_rep, out[0]: the new auth handle */
	PASSWORD_END
};

struct password_req { uint32_t uid; };
struct password_rep { uint32_t uid, gid; };   /* whom the handle is for */

#define PASSWORD_RPCS(X) \
	X(PASSWORD_CHECK_USER, struct password_req, RPC_TAIL, 0, 0)

#endif /* ARGOT_PASSWORD_H */

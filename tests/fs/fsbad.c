/* fsbad: translators that misbehave on purpose, for tests/fs.
 *
 *   fsbad nostart   never calls FSYS_STARTUP (startup timeout)
 *   fsbad hang      starts, then never answers its control handle
 *                   (getroot timeout: the parent must not hang)
 *   fsbad crash     answers getroot and the reauthentication, then
 *                   dies on the first request to its root (the client
 *                   must get an error; the parent must notice)
 */
#include <string.h>
#include <unistd.h>
#include <argot/auth.h>
#include <argot/dir.h>
#include <argot/fsys.h>
#include <argot/io.h>
#include "argot/tstart.h"
#include "server/rpc.h"
#include "kcall.h"

#define CONTROL_LABEL 1
#define ROOT_LABEL 2

static void forever(void)
{
	for (;;)
		sleep(1000);
}

/* answer one request of the crash translator; returns to keep going */
static void crash_serve(const struct argot_startup *st, int rootrecv,
                        struct argot_msg *m, int32_t *h)
{
	if (m->label == CONTROL_LABEL && m->tag == FSYS_GETROOT) {
		char rep[8] = { 0 };	/* retry REAUTH, empty name */
		int32_t root;
		uint32_t retry = DIR_RETRY_REAUTH;
		memcpy(rep, &retry, 4);
		k_pipe_make_send(rootrecv, &root);
		srv_reply(m->reply, 0, rep, 5, &root, 1);
		argot_close(root);
	} else if (m->label == ROOT_LABEL && m->tag == IO_REAUTH) {
		struct argot_idset ids;
		int32_t root;
		k_pipe_make_send(rootrecv, &root);
		auth_server_authenticate(st->auth, h[0], root, &ids, 10000);
		argot_close(root);
	} else if (m->label == ROOT_LABEL && m->tag < 0xFFFE0000u) {
		*(volatile int *)0 = 0;	/* the crash */
	} else if (m->reply >= 0) {
		srv_reply(m->reply, -ARGOT_ENOSYS, 0, 0, 0, 0);
	}
	for (uint32_t i = 0; i < m->rnhnd; i++)
		argot_close(h[i]);
}

int main(int argc, char **argv)
{
	const struct argot_startup *st = tstart_init();
	int crecv, csend, rrecv, rsend, real;
	char buf[256];
	int32_t h[ARGOT_MSG_MAXHANDLES];

	if (!st || argc < 2 || !strcmp(argv[1], "nostart"))
		forever();
	k_pipe_create(st->kernel, CONTROL_LABEL, &crecv, &csend);
	/* rsend stays open: the root pipe must never see no-senders */
	k_pipe_create(st->kernel, ROOT_LABEL, &rrecv, &rsend);
	if (fsys_startup(st->fds[FSYS_BOOTSTRAP_FD].handle, csend, 0, &real,
	                 10000) < 0)
		return 1;
	if (!strcmp(argv[1], "hang"))
		forever();
	for (;;) {
		struct argot_msg m = { .timeout = ARGOT_FOREVER, .rbuf = buf,
		                       .rcap = sizeof buf, .rhnd = h,
		                       .rhcap = ARGOT_MSG_MAXHANDLES };
		if (argot_recv(ARGOT_ANY, &m, 0) < 0)
			continue;
		crash_serve(st, rrecv, &m, h);
	}
}

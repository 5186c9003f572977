/* tstart.c: spawn a translator with a bootstrap handle (tstart.h).  The
 * translator is an ordinary program: proc registers it as our child, exec
 * loads it, and the only thing that makes it a translator is the handle
 * it finds as descriptor 31. */
#include <errno.h>
#include <string.h>
#include <argot/fsys.h>
#include <argot/io.h>
#include "tstart.h"
#include "server/rpc.h"
#include "kcall.h"

int tstart_argv(char *argz, uint32_t len, char **argv, int max)
{
	int n = 0;
	uint32_t i = 0;

	if (!len || argz[len - 1])
		return -EINVAL;
	while (i < len && n < max - 1) {
		argv[n++] = argz + i;
		i += (uint32_t)strlen(argz + i) + 1;
	}
	argv[n] = NULL;
	return n && argv[0][0] ? n : -EINVAL;
}

int tstart_spawn(const struct tstart *t, struct argot_spawned *out)
{
	const char *envp[] = { "PATH=/bin:/sbin:/hurd", NULL };
	struct argot_spawn sp = {
		.kernel = t->st->kernel, .auth = t->auth, .proc = t->st->proc,
		.exec = t->st->exec, .cwd = t->st->root, .root = t->st->root,
		.console = t->st->console, .nfds = ARGOT_STARTUP_MAXFDS,
		.ids = { t->uid, t->uid, t->gid, t->gid }, .timeout = 10000,
	};

	/* stdout and stderr on the console, so a translator can say why it
	 * failed; nothing on stdin; the bootstrap handle as fd 31 */
	for (int i = 0; i < ARGOT_STARTUP_MAXFDS; i++)
		sp.fds[i] = ARGOT_NOHANDLE;
	sp.fds[1] = sp.fds[2] = t->st->console;
	sp.fds[FSYS_BOOTSTRAP_FD] = t->bootstrap;
	return argot_spawn(&sp, t->file, (const char *const *)t->argv, envp, out);
}

/* One FSYS_STARTUP received by hand.  Anything else on the pipe is
 * answered with an error and ignored. */
int tstart_wait(int recv, int realnode, uint32_t timeout, int *control)
{
	struct fsys_flags fl;
	int32_t h[ARGOT_MSG_MAXHANDLES];

	for (;;) {
		struct argot_msg m = { .timeout = timeout, .rbuf = &fl,
		                       .rcap = sizeof fl, .rhnd = h,
		                       .rhcap = ARGOT_MSG_MAXHANDLES };
		int r = argot_recv(recv, &m, 0);
		if (r == -ARGOT_EMSGSIZE)
			return -EINVAL;	/* left queued: give up on this child */
		if (r < 0)
			return r;
		if (m.tag == ARGOT_MSG_NOSENDERS)
			return -EPIPE;	/* it died without calling */
		if (m.tag == FSYS_STARTUP && m.rlen == sizeof fl && m.rnhnd == 1) {
			int32_t node = realnode;
			*control = h[0];
			srv_reply(m.reply, 0, NULL, 0, &node,
			          realnode < 0 ? 0 : 1);
			return 0;
		}
		for (uint32_t i = 0; i < m.rnhnd; i++)
			argot_close(h[i]);
		if (m.reply >= 0)
			srv_reply(m.reply, -EINVAL, NULL, 0, NULL, 0);
	}
}

/*
 * init/walk.c - path walking with lookup retries, and a translator's
 * start (walk.h).  Only libargot calls: this file builds both into the
 * freestanding init and into musl programs (login).
 */
#include "walk.h"
#include "kcall.h"
#include "server/rpc.h"
#include <argot/io.h>
#include <argot/dir.h>
#include <argot/fsys.h>

#define WALK_BUF 1024   /* our programs walk short paths */

int walk_open(const struct walk *w, const char *path, uint32_t flags,
              uint32_t mode, int *out)
{
	char a[WALK_BUF], b[WALK_BUF], *cur = a, *rest = b, *t;
	int h = *path == '/' ? w->root : w->cwd, owned = 0, nh, r;
	uint32_t retry, n = rpc_strnlen(path, WALK_BUF);

	if (n >= WALK_BUF)
		return -36;   /* ENAMETOOLONG */
	rpc_copy(cur, path, n + 1);
	for (int tries = 0; tries <= DIR_MAXRETRIES; tries++) {
		while (*cur == '/')
			cur++;
		/* "" would be refused: "." names the directory itself */
		r = dir_lookup(h, *cur ? cur : ".", flags, mode, &retry, rest,
		               WALK_BUF, &nh, w->timeout);
		if (owned)
			argot_close(h);   /* the root and cwd are borrowed */
		owned = 0;
		if (r < 0)
			return r;
		if (retry == DIR_RETRY_MAGICAL) {
			if (nh != ARGOT_NOHANDLE)
				argot_close(nh);
			if (rest[0] != '/')
				return -ARGOT_ENOENT;  /* fd/N, tty: not for us */
			h = w->root;      /* an absolute symlink */
		} else {
			if (retry == DIR_RETRY_REAUTH) {
				/* another server: show it our own identity */
				int ah;
				r = rpc_reauth(nh, IO_REAUTH, w->auth, &ah,
				               w->timeout);
				argot_close(nh);
				if (r < 0)
					return r;
				nh = ah;
			} else if (retry != DIR_RETRY_NORMAL) {
				argot_close(nh);
				return -ARGOT_EINVAL;
			}
			if (!rest[0]) {
				*out = nh;
				return 0;
			}
			h = nh;
			owned = 1;
		}
		t = cur; cur = rest; rest = t;
	}
	if (owned)
		argot_close(h);
	return -40;   /* ELOOP */
}

/* One FSYS_STARTUP received by hand; anything else is refused. */
static int await_startup(int recv, int realnode, uint32_t timeout,
                         int *control)
{
	struct fsys_flags fl;
	int32_t h[ARGOT_MSG_MAXHANDLES];

	for (;;) {
		struct argot_msg m = { .timeout = timeout, .rbuf = &fl,
		                       .rcap = sizeof fl, .rhnd = h,
		                       .rhcap = ARGOT_MSG_MAXHANDLES };
		int r = argot_recv(recv, &m, 0);
		if (r < 0)
			return r;
		if (m.tag == ARGOT_MSG_NOSENDERS)
			return -ARGOT_EPIPE;   /* it died without calling */
		if (m.tag == FSYS_STARTUP && m.rlen == sizeof fl &&
		    m.rnhnd == 1) {
			int32_t node = realnode;
			*control = h[0];
			srv_reply(m.reply, 0, 0, 0, &node,
			          realnode == ARGOT_NOHANDLE ? 0 : 1);
			return 0;
		}
		for (uint32_t i = 0; i < m.rnhnd; i++)
			argot_close(h[i]);
		if (m.reply >= 0)
			srv_reply(m.reply, -ARGOT_EINVAL, 0, 0, 0, 0);
	}
}

int walk_start_translator(struct argot_spawn *sp, int file,
                          const char *const *argv, const char *const *envp,
                          int realnode, uint32_t timeout, int *control)
{
	struct argot_spawned child;
	int recv, send, r;

	if ((r = k_pipe_create(sp->kernel, 0, &recv, &send)) < 0)
		return r;
	for (uint32_t i = sp->nfds; i < ARGOT_STARTUP_MAXFDS; i++)
		sp->fds[i] = ARGOT_NOHANDLE;
	sp->nfds = ARGOT_STARTUP_MAXFDS;
	sp->fds[FSYS_BOOTSTRAP_FD] = send;
	r = argot_spawn(sp, file, argv, envp, &child);
	argot_close(send);   /* the child's copy is the only one: if it dies
	                        first, we hear of it (NOSENDERS) */
	sp->fds[FSYS_BOOTSTRAP_FD] = ARGOT_NOHANDLE;
	if (r == 0) {
		r = await_startup(recv, realnode, timeout, control);
		if (r < 0)
			k_proc_kill(child.process);
		argot_close(child.process);
		if (child.proc != ARGOT_NOHANDLE)
			argot_close(child.proc);
	}
	argot_close(recv);
	return r;
}

/* main.c: libnetfs's Argot backend starts here.  netfs_serve() fills
 * libargot's hooks from musl, makes our control pipe, hands it to whoever
 * started us (FSYS_STARTUP on the bootstrap handle, startup fd 31) and
 * runs the server loop in a pool of threads, so that a client stuck in a
 * slow callback or waiting for a child translator does not stop the
 * others.  Also the big lock and node reference counts. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <argot/fsys.h>
#include "na.h"

#define NA_THREADS 8

const struct netfs_ops *na_ops;
struct netfs_node *na_root;
struct srv na_srv = { .name = "netfs", .tick = ARGOT_FOREVER };
const struct argot_startup *na_st;

static pthread_mutex_t na_big = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t na_refs = PTHREAD_MUTEX_INITIALIZER;

void na_enter(void)
{
	if (!(na_ops->flags & NETFS_CONCURRENT))
		pthread_mutex_lock(&na_big);
}

void na_leave(void)
{
	if (!(na_ops->flags & NETFS_CONCURRENT))
		pthread_mutex_unlock(&na_big);
}

void na_node_ref(struct netfs_node *np)
{
	pthread_mutex_lock(&na_refs);
	np->refs++;
	pthread_mutex_unlock(&na_refs);
}

/* Called without the big lock: drop() is a callback and needs it.  The
 * count falls under the big lock too, as lookups (which take a node from
 * the translator and reference it under that lock) raise it: else two
 * threads could each see the count reach 0 (one after a lookup between
 * them) and both drop the node, or one drop it under the other's feet. */
void na_node_unref(struct netfs_node *np)
{
	int last;

	na_enter();
	pthread_mutex_lock(&na_refs);
	last = --np->refs == 0;
	pthread_mutex_unlock(&na_refs);
	if (last && np != na_root && na_ops->drop)
		na_ops->drop(np);
	na_leave();
}

/* ---- libargot's hooks, served by musl ---- */
struct na_tramp {
	void (*fn)(void *);
	void *arg;
};

static void *na_tramp(void *p)
{
	struct na_tramp t = *(struct na_tramp *)p;

	free(p);
	t.fn(t.arg);
	return NULL;
}

static int na_thread(void (*fn)(void *), void *arg)
{
	struct na_tramp *t = malloc(sizeof *t);
	pthread_attr_t at;
	pthread_t id;
	int err;

	if (!t)
		return -ENOMEM;
	t->fn = fn;
	t->arg = arg;
	pthread_attr_init(&at);
	pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&at, 256 * 1024);
	err = pthread_create(&id, &at, na_tramp, t);
	pthread_attr_destroy(&at);
	if (err)
		free(t);
	return -err;
}

void netfs_init(int *argc, char **argv)
{
	/* nothing of argv is ours on Argot: the bootstrap handle comes in
	 * the startup block */
	(void)argc;
	netfs_name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
}

/* Give our control handle to the parent; it answers with the node we
 * sit on, which we keep only so that it stays alive while we run. */
static int na_handshake(int control)
{
	int boot = ARGOT_NOHANDLE, realnode, r;

	if (na_st->nfds > FSYS_BOOTSTRAP_FD)
		boot = na_st->fds[FSYS_BOOTSTRAP_FD].handle;
	if (boot < 0) {
		netfs_log("no bootstrap handle: start me with settrans");
		return -EINVAL;
	}
	r = fsys_startup(boot, control, 0, &realnode, NA_STARTUP_TIMEOUT);
	/* the parent needs it no more; our descriptor 31 goes with it */
	close(FSYS_BOOTSTRAP_FD);
	if (r < 0)
		netfs_log("fsys_startup: %s", strerror(-r));
	return r;
}

int netfs_serve(const struct netfs_ops *ops, struct netfs_node *root)
{
	int control, r;

	na_ops = ops;
	na_root = root;
	if (ops->name)
		netfs_name = ops->name;
	na_srv.name = netfs_name;
	if (!(na_st = tstart_startup())) {
		netfs_log("not started by Argot (no startup block)");
		return 1;
	}
	argot_hooks.alloc = malloc;
	argot_hooks.free = free;
	argot_hooks.thread = na_thread;
	argot_hooks.kernel = na_st->kernel;
	na_node_ref(root);
	if ((r = na_control_init(&control)) < 0) {
		netfs_log("control pipe: %s", strerror(-r));
		return 1;
	}
	if (na_handshake(control) < 0)
		return 1;
	argot_close(control);	/* the parent holds it now */
	r = srv_run(&na_srv, NA_THREADS);
	netfs_log("server loop ended: %s", strerror(-r));
	return 1;
}

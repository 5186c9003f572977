/* main.c: the FUSE backend's arguments, session and mount.
 * netfs_init() takes the FUSE arguments out of argv; netfs_serve() mounts,
 * optionally daemonizes, runs the request loop, and on SIGTERM/SIGINT or
 * an outside `fusermount3 -u` asks the translator to go away and unmounts. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "nf.h"

struct nf_state nf = {
	.big = PTHREAD_MUTEX_INITIALIZER,
	.refs = PTHREAD_MUTEX_INITIALIZER,
};

static struct {
	const char *prog, *mountpoint;
	int foreground, debug, single;
	char opts[1024];
} cfg;

static void usage(void)
{
	fprintf(stderr, "usage: %s [ARGS...] MOUNTPOINT [-f] [-d] [-s] "
		"[-o FUSE-OPTIONS]\n"
		"  -f  stay in the foreground   -d  debug (implies -f)\n"
		"  -s  single-threaded          -o  mount options "
		"(ro, allow_other...)\n", cfg.prog);
	exit(2);
}

static void add_opts(const char *o)
{
	size_t n = strlen(cfg.opts);

	if (n + strlen(o) + 2 > sizeof cfg.opts) {
		fprintf(stderr, "%s: -o options too long\n", cfg.prog);
		exit(2);
	}
	snprintf(cfg.opts + n, sizeof cfg.opts - n, "%s%s", n ? "," : "", o);
}

/* Backend arguments may come anywhere; the mount point is the last word
 * that is not an option (nor the value of -o). */
void netfs_init(int *argc, char **argv)
{
	int i, out = 1, mp = -1, dashdash = 0;

	cfg.prog = argv[0];
	netfs_name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	for (i = 1; i < *argc; i++) {
		const char *a = argv[i];
		if (dashdash || a[0] != '-')
			mp = i;
		else if (!strcmp(a, "--"))
			dashdash = 1;
		else if (!strcmp(a, "-o") && i + 1 < *argc)
			i++;
	}
	if (mp < 0)
		usage();
	cfg.mountpoint = argv[mp];
	dashdash = 0;
	for (i = 1; i < *argc; i++) {
		const char *a = argv[i];
		if (i == mp)
			continue;
		if (!dashdash && !strcmp(a, "-f"))
			cfg.foreground = 1;
		else if (!dashdash && !strcmp(a, "-d"))
			cfg.debug = cfg.foreground = 1;
		else if (!dashdash && !strcmp(a, "-s"))
			cfg.single = 1;
		else if (!dashdash && !strcmp(a, "-o")) {
			if (++i >= *argc)
				usage();
			add_opts(argv[i]);
		} else if (!dashdash && !strncmp(a, "-o", 2))
			add_opts(a + 2);
		else {
			if (!strcmp(a, "--"))
				dashdash = 1;
			argv[out++] = argv[i];
		}
	}
	argv[out] = NULL;
	*argc = out;
}

void nf_lock(void)
{
	if (!nf.concurrent)
		pthread_mutex_lock(&nf.big);
}

void nf_unlock(void)
{
	if (!nf.concurrent)
		pthread_mutex_unlock(&nf.big);
}

static const char *nf_prog_name(void)
{
	const char *p = strrchr(cfg.prog, '/');
	return p ? p + 1 : cfg.prog;
}

/* Builds libfuse's own argv: the mount options plus what we add.  Other
 * users can reach the mount only with allow_other, which an unprivileged
 * user gets only through /etc/fuse.conf, so we ask for it as root. */
static void build_args(struct fuse_args *fa)
{
	static char opts[1400];

	fuse_opt_add_arg(fa, cfg.prog);
	if (cfg.debug)
		fuse_opt_add_arg(fa, "-d");
	snprintf(opts, sizeof opts, "fsname=%s,subtype=%s%s%s%s",
		 nf_prog_name(), nf.ops->name ? nf.ops->name : "netfs",
		 getuid() == 0 && !strstr(cfg.opts, "allow_other") ?
		 ",allow_other" : "", cfg.opts[0] ? "," : "", cfg.opts);
	nf.multiuser = strstr(opts, "allow_other") != NULL;
	fuse_opt_add_arg(fa, "-o");
	fuse_opt_add_arg(fa, opts);
}

/* With other users on the mount the kernel must ask us at every path walk:
 * without default_permissions it does not check search permission itself,
 * so a cached name would let a second user skip our lookup check.
 * Attributes may be cached: no permission decision rests on them. */
static void set_timeouts(void)
{
	nf.entry_timeout = nf.multiuser ? 0.0 : 1.0;
	nf.attr_timeout = 1.0;
}

/* The kernel leaves clearing set-ID bits after write, truncate and chown
 * to us (perm.c, netfs_drop_setid).  Otherwise it sends a chmod of its own
 * as the writer, which our rules refuse to a non-owner, failing the write. */
void nf_op_init(void *data, struct fuse_conn_info *conn)
{
	(void)data;
	if (conn->capable & FUSE_CAP_HANDLE_KILLPRIV)
		conn->want |= FUSE_CAP_HANDLE_KILLPRIV;
}

static int run_loop(struct fuse_session *se)
{
	if (cfg.single)
		return fuse_session_loop(se);
	return fuse_session_loop_mt(se, 0);
}

static int goaway(void)
{
	int err = 0;

	if (!nf.ops->goaway)
		return 0;
	nf_lock();
	err = nf.ops->goaway(NETFS_GOAWAY_FORCE);
	nf_unlock();
	if (err)
		netfs_log("goaway: %s", strerror(err));
	return err;
}

int netfs_serve(const struct netfs_ops *ops, struct netfs_node *root)
{
	struct fuse_args fa = FUSE_ARGS_INIT(0, NULL);
	struct fuse_session *se;
	int status = 1;

	nf.ops = ops;
	nf.root = root;
	nf.concurrent = !!(ops->flags & NETFS_CONCURRENT);
	if (ops->name)
		netfs_name = ops->name;
	build_args(&fa);
	set_timeouts();
	se = fuse_session_new(&fa, &nf_ll_ops, sizeof nf_ll_ops, NULL);
	fuse_opt_free_args(&fa);
	if (!se)
		return 1;
	if (fuse_set_signal_handlers(se) != 0)
		goto out_destroy;
	if (fuse_session_mount(se, cfg.mountpoint) != 0)
		goto out_signals;
	if (fuse_daemonize(cfg.foreground) != 0)
		goto out_unmount;
	status = run_loop(se) < 0;	/* >0: stopped by a signal */
	if (goaway())
		status = 1;
out_unmount:
	fuse_session_unmount(se);
out_signals:
	fuse_remove_signal_handlers(se);
out_destroy:
	fuse_session_destroy(se);
	return status;
}

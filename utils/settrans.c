/* settrans: set, start or stop the translator of a node.
 *
 *   settrans [-pasLcxokgRfS] [-t SEC] NODE [PROG ARGS...]
 *
 * By default the passive record becomes PROG ARGS (none: removed) and
 * the running translator is stopped; -a starts PROG ourselves, as the
 * calling user, and installs it as the active translator; -k keeps the
 * running one; -g only stops it.  doc/translators.md has the rules. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <argot/io.h>
#include <argot/auth.h>
#include <argot/file.h>
#include <argot/fsys.h>
#include "argot/tstart.h"
#include "kcall.h"

#define O_NOTRANS ARGOT_O_NOTRANS /* the node itself (include/argot/io.h) */

static struct {
	int passive, active, start, stack, create, excl, orphan, keep;
	int goaway;
	uint32_t gflags, timeout_ms;
} o = { .timeout_ms = 60000 };

static void usage(void)
{
	fprintf(stderr, "usage: settrans [-pasLcxokgRfS] [-t SEC] NODE "
	        "[PROG ARGS...]\n");
	exit(2);
}

static void die(const char *what, int err)
{
	fprintf(stderr, "settrans: %s: %s\n", what, strerror(err < 0 ? -err : err));
	exit(1);
}

/* PROG ARGS as an argz record */
static uint32_t argz(int argc, char **argv, char *buf, size_t cap)
{
	size_t len = 0;

	for (int i = 0; i < argc; i++) {
		size_t n = strlen(argv[i]) + 1;
		if (len + n > cap)
			die("command line", E2BIG);
		memcpy(buf + len, argv[i], n);
		len += n;
	}
	return (uint32_t)len;
}

/* Start argv as the calling user on a bootstrap pipe of ours and wait
 * for it to hand over its control handle. */
static int start_active(const struct argot_startup *st, char **argv,
                        int realnode)
{
	struct argot_idset ids;
	struct argot_spawned child;
	int file, recv, bsend, control, r;

	if ((r = tstart_open(argv[0], O_RDONLY | 040 /* ARGOT_O_EXEC */,
	                     &file)) < 0)
		die(argv[0], r);
	if ((r = auth_getids(st->auth, &ids, 10000)) < 0)
		die("auth", r);
	if ((r = k_pipe_create(st->kernel, 0, &recv, &bsend)) < 0)
		die("pipe", r);
	struct tstart t = {
		.st = st, .auth = st->auth, .file = file, .argv = argv,
		.uid = ids.neuids ? ids.euids[0] : 65534,
		.gid = ids.negids ? ids.egids[0] : 65534, .bootstrap = bsend,
	};
	if ((r = tstart_spawn(&t, &child)) < 0)
		die(argv[0], r);
	argot_close(bsend);	/* its death then shows as no-senders */
	r = tstart_wait(recv, realnode, o.timeout_ms, &control);
	if (r < 0) {
		k_proc_kill(child.process);
		die(r == -ETIMEDOUT ? "translator did not start in time"
		                    : "translator died at startup", r);
	}
	argot_close(recv);
	return control;
}

static void options(int argc, char **argv)
{
	int c;

	while ((c = getopt(argc, argv, "pasLcxokgRfSt:")) != -1) {
		switch (c) {
		case 'p': o.passive = 1; break;
		case 'a': o.active = 1; break;
		case 's': o.start = 1; break;
		case 'L': o.stack = o.active = 1; break;
		case 'c': o.create = 1; break;
		case 'x': o.excl = 1; break;
		case 'o': o.orphan = 1; break;
		case 'k': o.keep = 1; break;
		case 'g': o.goaway = 1; break;
		case 'R': o.gflags |= FSYS_GOAWAY_RECURSE; break;
		case 'f': o.gflags |= FSYS_GOAWAY_FORCE; break;
		case 'S': o.gflags |= FSYS_GOAWAY_NOSYNC; break;
		case 't': o.timeout_ms = (uint32_t)atoi(optarg) * 1000u; break;
		default: usage();
		}
	}
	if (optind >= argc)
		usage();
	if (!o.active && !o.goaway)
		o.passive = 1;	/* the default */
}

int main(int argc, char **argv)
{
	const struct argot_startup *st = tstart_init();
	struct file_settrans_req q = { 0 };
	char rec[4096];
	const char *node;
	int h, real = -1, control = ARGOT_NOHANDLE, r;

	options(argc, argv);
	node = argv[optind];
	if (!st)
		die("not started by Argot", ENOSYS);
	if (o.create && (r = open(node, O_CREAT | O_RDONLY, 0666)) >= 0)
		close(r);
	if ((r = tstart_open(node, O_PATH | O_NOTRANS, &h)) < 0)
		die(node, r);
	char **prog = argv + optind + 1;
	int nprog = argc - optind - 1;
	if (o.active && !nprog)
		usage();
	if (o.active) {
		/* -L: the new translator sits on the old one's root */
		if (o.stack && (r = tstart_open(node, O_PATH, &real)) < 0)
			die(node, r);
		control = start_active(st, prog, o.stack ? real : h);
		if (o.stack)
			o.orphan = 1;	/* the old one goes on, underneath */
	}
	if (o.passive) {
		q.passive_flags = FS_TRANS_SET | (o.excl ? FS_TRANS_EXCL : 0);
		q.len = argz(nprog, prog, rec, sizeof rec);
	}
	if (o.active || o.goaway || (o.passive && !o.keep))
		q.active_flags = FS_TRANS_SET | (o.excl ? FS_TRANS_EXCL : 0) |
		                 (o.orphan ? FS_TRANS_ORPHAN : 0) |
		                 ((o.gflags & FSYS_GOAWAY_FORCE) ? FS_TRANS_FORCE : 0);
	q.goaway_flags = o.gflags;
	r = file_set_translator(h, &q, rec, control, 30000);
	if (r < 0) {
		if (control >= 0)	/* nobody will use it: stop it */
			fsys_goaway(control, FSYS_GOAWAY_FORCE, 5000);
		die(node, r);
	}
	if (control >= 0)
		argot_close(control);	/* the filesystem has its copy */
	if (o.start && o.passive && (r = tstart_open(node, O_PATH, &real)) < 0)
		die(node, r);
	return 0;
}

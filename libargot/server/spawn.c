/*
 * libargot/server/spawn.c - start a program from a file through exec:
 * create the process, register it with proc, place its initial handles
 * and ask exec to load it.  Shared by init, bootstrap and the tests, and
 * by the POSIX personality's posix_spawn if it likes.
 */
#include "rpc.h"
#include "kcall.h"
#include "spawn.h"
#include <argot/proc.h>
#include <argot/exec.h>

int64_t argot_epoch_ns;

/* Give our handle h to the child; NOHANDLE stays NOHANDLE. */
static int give(int proc, int h, int32_t *num)
{
	*num = ARGOT_NOHANDLE;
	if (h == ARGOT_NOHANDLE)
		return 0;
	return k_proc_handle_give(proc, h, num);
}

static int give_all(int p, const struct argot_spawn *sp,
                    struct argot_startup *st, int childproc)
{
	int r = 0;
	r |= give(p, sp->kernel, &st->kernel);
	r |= give(p, p, &st->self);
	r |= give(p, sp->auth, &st->auth);
	r |= give(p, childproc, &st->proc);
	r |= give(p, sp->exec, &st->exec);
	r |= give(p, sp->cwd, &st->cwd);
	r |= give(p, sp->root, &st->root);
	r |= give(p, sp->console, &st->console);
	st->nfds = sp->nfds > ARGOT_STARTUP_MAXFDS ? ARGOT_STARTUP_MAXFDS
	                                           : sp->nfds;
	for (uint32_t i = 0; i < st->nfds; i++) {
		r |= give(p, sp->fds[i], &st->fds[i].handle);
		st->fds[i].flags = ARGOT_O_RDWR_SPAWN;
	}
	return r < 0 ? -ARGOT_EPERM : 0;
}

/* proc records as owner whoever registered the child; the child runs
 * as sp->auth (login starts a user's shell with the user's identity), so
 * reauthenticate its proc handle with that identity: ps and kill's
 * permission checks then see the right owner. */
static int own(const struct argot_spawn *sp, int *childproc)
{
	int newproc, r;
	if (*childproc == ARGOT_NOHANDLE || sp->auth == ARGOT_NOHANDLE)
		return 0;
	r = rpc_reauth(*childproc, PROC_REAUTH, sp->auth, &newproc,
	               sp->timeout);
	if (r < 0)
		return r;
	argot_close(*childproc);
	*childproc = newproc;
	return 0;
}

int argot_spawn(const struct argot_spawn *sp, int file,
                const char *const *argv, const char *const *envp,
                struct argot_spawned *out)
{
	struct argot_startup st;
	struct proc_pids pids;
	struct exec_load_rep rep;
	int p, childproc = ARGOT_NOHANDLE, thread, r;
	const char *name = argv && argv[0] ? argv[0] : "?";
	const char *base = name;
	for (const char *c = name; *c; c++)
		if (*c == '/')
			base = c + 1;

	if ((r = k_proc_create(sp->kernel, base, ARGOT_PRIO_DEFAULT, 0, &p)) < 0)
		return r;
	if (sp->proc != ARGOT_NOHANDLE &&
	    (r = proc_register(sp->proc, p, base, name, &pids, &childproc,
	                       sp->timeout)) < 0)
		goto fail;
	if ((r = own(sp, &childproc)) < 0)
		goto fail;
	rpc_zero(&st, sizeof st);
	st.magic = ARGOT_STARTUP_MAGIC;
	st.size = sizeof st;
	st.msgport = ARGOT_NOHANDLE;
	st.pid = sp->proc != ARGOT_NOHANDLE ? (uint32_t)pids.pid : 0;
	st.umask = 022;
	st.epoch_ns = argot_epoch_ns;
	if ((r = give_all(p, sp, &st, childproc)) < 0)
		goto fail;
	r = exec_load(sp->exec, file, p, &st, argv, envp, 0, sp->ids, &rep,
	              &thread, sp->timeout);
	if (r < 0)
		goto fail;
	argot_close(thread);
	out->process = p;
	out->proc = childproc;
	out->pid = st.pid;
	return 0;
fail:
	/* proc sees the death and reaps the entry; the parent's wait is not
	 * bothered because the child never ran (exit status 127) */
	k_proc_kill(p);
	argot_close(p);
	if (childproc != ARGOT_NOHANDLE)
		argot_close(childproc);
	return r;
}

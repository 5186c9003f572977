/*
 * libc/personality/fork.c - fork and vfork.  The kernel has no fork: the
 * parent makes an empty process, registers it with proc as its child,
 * gives it a copy of each of its handles, copies every region of its
 * address space into it (vm.c), and starts one thread there at
 * px_fork_child (entry.S) with the stack pointer at this very system
 * call's saved registers, so the child returns 0 from the same call.
 *
 * The child runs on a copy of our memory, in which every handle number
 * is ours, not its own: the numbers it got are written into px_fi before
 * the copy, and px_fork_child_fix renumbers the personality's state from
 * them before anything else runs in the child.
 */
#include <string.h>
#include <argot/proc.h>
#include "server/rpc.h"
#include "px.h"

struct px_forkinfo {
	int32_t kernel, self, thread, auth, proc, exec, cwd, root, console;
	int32_t curdir, pipesrv;
	uint32_t pid;
	int32_t fds[PX_MAXFD];
};

static struct px_forkinfo px_fi;
static px_lock_t px_fork_lock;       /* px_fi is one per process */

static int px_give(int child, int h, int32_t *num)
{
	*num = ARGOT_NOHANDLE;
	return h < 0 ? 0 : k_proc_handle_give(child, h, num);
}

/* Every handle the child keeps, numbered in px_fi. */
static int px_give_all(int child, int thread, int cproc)
{
	const struct argot_startup *s = px.startup;
	int r = 0;

	r |= px_give(child, px.kernel, &px_fi.kernel);
	r |= px_give(child, child, &px_fi.self);
	r |= px_give(child, thread, &px_fi.thread);
	r |= px_give(child, s->auth, &px_fi.auth);
	r |= px_give(child, cproc, &px_fi.proc);
	r |= px_give(child, s->exec, &px_fi.exec);
	r |= px_give(child, s->cwd, &px_fi.cwd);
	r |= px_give(child, s->root, &px_fi.root);
	r |= px_give(child, s->console, &px_fi.console);
	r |= px_give(child, px_cwd_get(), &px_fi.curdir);
	r |= px_give(child, px.pipesrv, &px_fi.pipesrv);
	if (r < 0)
		return -EAGAIN;
	return px_fd_give(child, px_fi.fds) < 0 ? -EAGAIN : 0;
}

/* A kernel process registered with proc as our child, named as we are. */
static int px_new_child(int *child, int *cproc, struct proc_pids *pids)
{
	struct argot_procinfo me;
	int r;

	if (proc_info(px.startup->proc, px.pid, &me, ARGOT_FOREVER) < 0)
		strcpy(me.name, "forked"), me.cmdline[0] = 0;
	me.name[PROC_NAME_MAX - 1] = 0;
	me.cmdline[PROC_CMD_MAX - 1] = 0;
	r = k_proc_create(px.kernel, me.name, ARGOT_PRIO_DEFAULT, 0, child);
	if (r < 0)
		return r == -ARGOT_ENOMEM ? -ENOMEM : -EAGAIN;
	r = proc_register(px.startup->proc, *child, me.name, me.cmdline, pids,
	                  cproc, ARGOT_FOREVER);
	if (r < 0) {
		argot_close(*child);
		return r;
	}
	return 0;
}

long px_sys_fork(struct px_frame *f)
{
	struct proc_pids pids;
	int child, cproc, th = ARGOT_NOHANDLE, r;
	uintptr_t tls = px_self()->key;

	if (px.first || !px.startup || px.startup->proc < 0)
		return -ENOSYS;              /* no proc server to ask */
	px_lock(&px_fork_lock);
	if ((r = px_new_child(&child, &cproc, &pids)) < 0) {
		px_unlock(&px_fork_lock);
		return r;
	}
	struct argot_proc_thread_create tc = {
		.eip = (uint32_t)(uintptr_t)px_fork_child,
		.esp = (uint32_t)(uintptr_t)f + 4,   /* past nr: at saved ebx */
		.prio = ARGOT_PRIO_DEFAULT, .suspended = 1,
	};
	r = k_proc_thread_create(child, &tc, &th);
	if (r >= 0)
		r = px_give_all(child, th, cproc);
	px_fi.pid = pids.pid;
	/* from here the child's memory is a snapshot: px_fi is complete */
	if (r >= 0)
		r = px_vm_copy(child);
	if (r >= 0 && tls)
		r = k_thread_set_tls(th, tls);
	if (r >= 0)
		r = k_thread_resume(th);
	if (r < 0)
		k_proc_kill(child);          /* proc reaps what never ran */
	if (th >= 0)
		argot_close(th);
	argot_close(child);
	argot_close(cproc);
	px_unlock(&px_fork_lock);
	return r < 0 ? (r == -ARGOT_ENOMEM ? -ENOMEM : -EAGAIN) : pids.pid;
}

long px_sys_vfork(struct px_frame *f)
{
	return px_sys_fork(f);       /* a copy is always correct for vfork */
}

/* The child's first C code (entry.S, px_fork_child): its handles. */
void px_fork_child_fix(void)
{
	struct argot_startup *s = px.startup;

	px_fork_lock = 0;
	px.kernel = s->kernel = px_fi.kernel;
	argot_hooks.kernel = px.kernel;
	px.self = s->self = px_fi.self;
	px.pid = s->pid = px_fi.pid;
	s->thread = px_fi.thread;
	s->auth = px_fi.auth;
	s->proc = px_fi.proc;
	s->exec = px_fi.exec;
	s->cwd = px_fi.cwd;
	s->root = px_fi.root;
	s->console = px_fi.console;
	s->msgport = ARGOT_NOHANDLE;
	px.pipesrv = px_fi.pipesrv;
	px_cwd_set(px_fi.curdir);
	px_vm_forked();
	px_thread_forked(px_fi.thread);
	px_futex_forked();
	px_fd_forked(px_fi.fds);
	px_make_nap();
	px_sig_forked();
}

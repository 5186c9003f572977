/*
 * libc/personality/pipe.c - pipe and pipe2, served by pflocal
 * (pflocal/README.md, include/argot/pipe.h).  Kernel pipes will not do:
 * their receive end has one owner and cannot be copied, while a Unix
 * pipe's read end is shared by fork and dup, and end of file must come
 * when the last copy of the write end is closed.
 *
 * No server is started at boot for this: the first pipe() of a program
 * starts /hurd/pflocal through exec (not registered with proc, so no
 * wait sees it) and keeps its control handle, which fork hands to the
 * children; the server ends when no handle on it is left.
 */
#include <fcntl.h>
#include <argot/io.h>
#include <argot/pipe.h>
#include "server/rpc.h"
#include "server/spawn.h"
#include "px.h"

#define PX_PFLOCAL "/hurd/pflocal"

static px_lock_t px_pipe_lock;

static int px_start_pflocal(void)
{
	const struct argot_startup *s = px.startup;
	const char *argv[] = { "pflocal", 0 }, *envp[] = { 0 };
	struct argot_spawned out;
	int recv, send, file, r;

	if (!s || s->exec < 0)
		return -ENOSYS;
	r = px_walk(px_root(), PX_PFLOCAL, ARGOT_O_RDONLY | ARGOT_O_EXEC, 0,
	            &file);
	if (r < 0)
		return r;
	if ((r = k_pipe_create(px.kernel, 0, &recv, &send)) < 0) {
		argot_close(file);
		return r;
	}
	struct argot_spawn sp = {
		.kernel = px.kernel, .auth = s->auth, .proc = ARGOT_NOHANDLE,
		.exec = s->exec, .cwd = s->root, .root = s->root,
		.console = s->console, .nfds = 1, .fds = { recv },
		.timeout = ARGOT_FOREVER,
	};
	r = argot_spawn(&sp, file, argv, envp, &out);
	argot_close(file);
	if (r < 0) {
		argot_close(recv);
		argot_close(send);
		return r;
	}
	argot_close(out.process);
	px.pipesrv = send;
	return 0;
}

static long px_pipe2(int *fds, int flags)
{
	struct rpc c = { .id = PIPE_CREATE, .timeout = ARGOT_FOREVER };
	int32_t h[2];
	int cloexec = (flags & O_CLOEXEC) != 0, r, i;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	px_lock(&px_pipe_lock);
	r = px.pipesrv < 0 ? px_start_pflocal() : 0;
	px_unlock(&px_pipe_lock);
	if (r < 0)
		return r;
	c.hout = h, c.nout = 2;
	if ((r = rpc_call(px.pipesrv, &c)) < 0)
		return r;
	if (c.nhout != 2)
		return -EIO;
	for (i = 0; i < 2 && (flags & O_NONBLOCK); i++)
		io_set_openmodes(h[i], (i ? O_WRONLY : O_RDONLY) | O_NONBLOCK,
		                 ARGOT_FOREVER);
	fds[0] = px_fd_alloc(PX_FD_IO, h[0], cloexec, 0);
	fds[1] = fds[0] < 0 ? -1 : px_fd_alloc(PX_FD_IO, h[1], cloexec, 0);
	if (fds[1] < 0) {
		struct px_frame g = { .a1 = fds[0] };
		if (fds[0] >= 0)
			px_sys_close(&g);
		else
			argot_close(h[0]);
		argot_close(h[1]);
		return -EMFILE;
	}
	return 0;
}

long px_sys_pipe(struct px_frame *f)
{
	return px_pipe2((int *)f->a1, 0);
}

long px_sys_pipe2(struct px_frame *f)
{
	return px_pipe2((int *)f->a1, f->a2);
}

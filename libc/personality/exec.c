/*
 * libc/personality/exec.c - execve through the exec server.  The file is
 * looked up for execution (ARGOT_O_EXEC: the server checks the x bit), a
 * fresh kernel process gets copies of our handles (auth, proc, exec,
 * directories, and the descriptors without FD_CLOEXEC), exec loads the
 * program into it with its first thread suspended, proc moves our pid to
 * it (PROC_SET_IMAGE, so our own end is not reported as a death), and
 * only then does the new image run and this one end.  Until
 * PROC_SET_IMAGE succeeds nothing is lost: a failure kills the half-made
 * process and execve returns the error.
 */
#include <fcntl.h>
#include <string.h>
#include <argot/exec.h>
#include <argot/io.h>
#include <argot/proc.h>
#include "px.h"

#define PX_SHEBANG 128

static int px_give(int p, int h, int32_t *num)
{
	*num = ARGOT_NOHANDLE;
	return h < 0 ? 0 : k_proc_handle_give(p, h, num);
}

/* The startup block of the new image, its handles given into p. */
static int px_exec_startup(int p, struct argot_startup *st)
{
	const struct argot_startup *s = px.startup;
	int fd, r = 0, h;

	memset(st, 0, sizeof *st);
	st->magic = ARGOT_STARTUP_MAGIC;
	st->size = sizeof *st;
	st->thread = st->msgport = ARGOT_NOHANDLE;
	r |= px_give(p, px.kernel, &st->kernel);
	r |= px_give(p, p, &st->self);
	r |= px_give(p, s->auth, &st->auth);
	r |= px_give(p, s->proc, &st->proc);
	r |= px_give(p, s->exec, &st->exec);
	r |= px_give(p, px_cwd_get(), &st->cwd);
	r |= px_give(p, s->root, &st->root);
	r |= px_give(p, s->console, &st->console);
	st->umask = px_umask_get();
	st->sigmask = (uint32_t)px_sig_mask();
	st->sigignore = (uint32_t)px_sig_ignored();
	st->pid = px.pid;
	st->epoch_ns = argot_epoch_ns;
	for (fd = 0; fd < ARGOT_STARTUP_MAXFDS; fd++) {
		struct px_frame g = { .a1 = fd, .a2 = F_GETFD };
		st->fds[fd].handle = ARGOT_NOHANDLE;
		if ((h = px_fd_handle(fd)) < 0 || px_sys_fcntl64(&g) != 0)
			continue;                    /* free, or close-on-exec */
		r |= px_give(p, h, &st->fds[fd].handle);
		g.a2 = F_GETFL;
		st->fds[fd].flags = px_sys_fcntl64(&g);
		st->nfds = fd + 1;
	}
	return r < 0 ? -ENOMEM : 0;
}

/* "a b c" of argv, cut to fit proc's command line */
static void px_cmdline(char *out, size_t cap, char *const *argv)
{
	size_t n = 0, l;

	out[0] = 0;
	for (; argv && *argv && n + 1 < cap; argv++) {
		l = strlen(*argv);
		if (n + l + 2 > cap)
			l = cap - n - 2;
		if (n)
			out[n++] = ' ';
		memcpy(out + n, *argv, l);
		n += l;
		out[n] = 0;
	}
}

static long px_exec_file(int file, const char *path, char *const *argv,
                         char *const *envp)
{
	struct argot_startup st;
	struct exec_load_rep rep;
	char cmd[PROC_CMD_MAX];
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	uint32_t ids[4] = { px_sys_getuid32(0), px_sys_geteuid32(0),
	                    px_sys_getgid32(0), px_sys_getegid32(0) };
	int p, thread, r, mrecv, msend = ARGOT_NOHANDLE;

	if ((r = k_proc_create(px.kernel, base, ARGOT_PRIO_DEFAULT, 0, &p)) < 0)
		return -ENOMEM;
	r = px_exec_startup(p, &st);
	/* the new image's msgport, made here: see px_sig_exec_switch */
	if (r >= 0 && px_sig_exec_port(&mrecv, &msend) >= 0 &&
	    px_give(p, mrecv, &st.msgport) < 0) {
		argot_close(mrecv);
		argot_close(msend);
		msend = ARGOT_NOHANDLE;
	}
	if (r >= 0)
		r = exec_load(px.startup->exec, file, p, &st,
		              (const char *const *)argv, (const char *const *)envp,
		              EXEC_SUSPENDED, ids, &rep, &thread, ARGOT_FOREVER);
	px_cmdline(cmd, sizeof cmd, argv);
	if (r >= 0 &&
	    (r = proc_set_image(px.startup->proc, p, base, cmd,
	                        ARGOT_FOREVER)) < 0)
		argot_close(thread);
	if (r < 0) {
		k_proc_kill(p);
		argot_close(p);
		if (msend >= 0)
			argot_close(msend);
		return r;
	}
	if (msend >= 0)
		px_sig_exec_switch(msend);   /* signals follow the pid */
	k_thread_resume(thread);
	k_proc_exit(px.self, 0);         /* proc ignores this image's end */
	for (;;)
		px_nap_ms(ARGOT_FOREVER - 1);
}

/* "#!interp [arg]": run interp [arg] path argv[1...] instead. */
static long px_exec_script(const char *line, const char *path,
                           char *const *argv, char *const *envp, int depth);

static long px_exec_path(const char *path, char *const *argv,
                         char *const *envp, int depth)
{
	char head[PX_SHEBANG];
	int at = px_at(AT_FDCWD), file, n;
	long r;

	if (at < 0)
		return at;
	r = px_walk(at, path, ARGOT_O_RDONLY | ARGOT_O_EXEC, 0, &file);
	if (r < 0)
		return r;
	n = io_read(file, 0, head, sizeof head - 1, ARGOT_FOREVER);
	if (n > 2 && head[0] == '#' && head[1] == '!') {
		argot_close(file);
		head[n] = 0;
		return depth ? -ELOOP :
		       px_exec_script(head + 2, path, argv, envp, depth + 1);
	}
	r = px_exec_file(file, path, argv, envp);
	argot_close(file);
	return r;
}

static long px_exec_script(const char *line, const char *path,
                           char *const *argv, char *const *envp, int depth)
{
	char buf[PX_SHEBANG], *interp, *arg = 0, *e;
	char *nargv[256];
	int n = 0, i;

	strcpy(buf, line);
	if ((e = strchr(buf, '\n')))
		*e = 0;
	else
		return -ENOEXEC;             /* a line longer than we read */
	for (interp = buf; *interp == ' ' || *interp == '\t'; interp++)
		;
	for (e = interp; *e && *e != ' ' && *e != '\t'; e++)
		;
	if (*e) {
		*e++ = 0;
		while (*e == ' ' || *e == '\t')
			e++;
		if (*e)
			arg = e;
	}
	nargv[n++] = interp;
	if (arg)
		nargv[n++] = arg;
	nargv[n++] = (char *)path;
	for (i = 1; argv && argv[0] && argv[i] && n < 255; i++)
		nargv[n++] = argv[i];
	nargv[n] = 0;
	return px_exec_path(interp, nargv, envp, depth);
}

long px_sys_execve(struct px_frame *f)
{
	if (!px.startup || px.startup->exec < 0 || px.startup->proc < 0)
		return -ENOSYS;
	return px_exec_path((const char *)f->a1, (char *const *)f->a2,
	                    (char *const *)f->a3, 0);
}

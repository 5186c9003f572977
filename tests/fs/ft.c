/* ft.c: helpers of the in-guest filesystem tests (ft.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <argot/auth.h>
#include <argot/dir.h>
#include <argot/file.h>
#include <argot/fsys.h>
#include <argot/io.h>
#include <argot/proc.h>
#include "argot/tstart.h"
#include "server/rpc.h"
#include "kcall.h"
#include "ft.h"

#define T 20000	/* ms: longer than the filesystems' own timeouts */

const struct argot_startup *ft_st;
struct ft_user ft_root, ft_alice, ft_bob;

void ft_result(const char *name, const char *why)
{
	if (why)
		printf("FAIL: %s %s\n", name, why);
	else
		printf("PASS: %s\n", name);
	fflush(stdout);
}

void ft_skip(const char *name, const char *why)
{
	printf("SKIP: %s %s\n", name, why);
	fflush(stdout);
}

uint64_t ft_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000 + (uint64_t)t.tv_nsec / 1000000;
}

int ft_walk(const struct ft_user *u, const char *path, uint32_t flags,
            uint32_t mode, int *out)
{
	static __thread char name[ARGOT_PATH_MAX], rname[ARGOT_PATH_MAX];
	int dir = u->root, own = 0, newh, h2, r;
	uint32_t retry;

	snprintf(name, sizeof name, "%s", path);
	for (int n = 0; n < DIR_MAXRETRIES; n++) {
		const char *p = name;
		if (*p == '/') {
			if (own)
				argot_close(dir);
			dir = u->root, own = 0;
			while (*p == '/')
				p++;
		}
		r = dir_lookup(dir, p, flags, mode, &retry, rname, sizeof rname,
		               &newh, T);
		if (own)
			argot_close(dir);
		if (r < 0)
			return r;
		if (retry == DIR_RETRY_MAGICAL) {
			if (rname[0] != '/')
				return -ENXIO;
			dir = u->root, own = 0;
			strcpy(name, rname);
			continue;
		}
		if (retry == DIR_RETRY_REAUTH) {
			r = rpc_reauth(newh, IO_REAUTH, u->auth, &h2, T);
			argot_close(newh);
			if (r < 0)
				return r;
			newh = h2;
		}
		if (!rname[0]) {
			*out = newh;
			return 0;
		}
		dir = newh, own = 1;
		strcpy(name, rname);
	}
	if (own)
		argot_close(dir);
	return -ELOOP;
}

int ft_read(const struct ft_user *u, const char *path, char *buf,
            uint32_t cap)
{
	int h, r, n = 0;

	if ((r = ft_walk(u, path, ARGOT_O_RDONLY, 0, &h)) < 0)
		return r;
	while ((uint32_t)n < cap - 1 &&
	       (r = io_read(h, IO_FILEPTR, buf + n, cap - 1 - (uint32_t)n, T)) > 0)
		n += r;
	argot_close(h);
	buf[n] = 0;
	return r < 0 ? r : n;
}

int ft_write(const struct ft_user *u, const char *path, const char *text,
             uint32_t mode)
{
	int h, r;

	r = ft_walk(u, path, ARGOT_O_WRONLY | ARGOT_O_CREAT | ARGOT_O_TRUNC, mode,
	            &h);
	if (r < 0)
		return r;
	r = io_write(h, IO_FILEPTR, text, (uint32_t)strlen(text), T);
	argot_close(h);
	return r;
}

int ft_mkdir(const struct ft_user *u, const char *path, uint32_t mode)
{
	char parent[256];
	const char *slash = strrchr(path, '/');
	int h, r;

	snprintf(parent, sizeof parent, "%.*s", (int)(slash - path), path);
	r = ft_walk(u, parent[0] ? parent : "/", ARGOT_O_PATH |
	            ARGOT_O_DIRECTORY, 0, &h);
	if (r < 0)
		return r;
	r = dir_mkdir(h, slash + 1, mode, T);
	argot_close(h);
	return r;
}

int ft_run(const struct ft_user *u, char *out, uint32_t cap, const char *prog,
           ...)
{
	const char *argv[20] = { prog };
	char path[64];
	struct argot_spawned child;
	uint32_t status;
	int file, oh, n = 1, r;
	va_list ap;

	va_start(ap, prog);
	while (n < 19 && (argv[n] = va_arg(ap, const char *)))
		n++;
	va_end(ap);
	argv[n] = NULL;
	snprintf(path, sizeof path, "/bin/%s", prog);
	if ((r = tstart_open(path, ARGOT_O_RDONLY | ARGOT_O_EXEC, &file)) < 0)
		return r;
	if ((r = ft_walk(&ft_root, "/tmp/out", ARGOT_O_RDWR | ARGOT_O_CREAT |
	                 ARGOT_O_TRUNC, 0666, &oh)) < 0)
		return r;
	struct argot_spawn sp = {
		.kernel = ft_st->kernel, .auth = u->auth, .proc = ft_st->proc,
		.exec = ft_st->exec, .cwd = u->root, .root = u->root,
		.console = ft_st->console, .nfds = 3,
		.fds = { ARGOT_NOHANDLE, oh, oh },
		.ids = { u->uid, u->uid, u->uid, u->uid }, .timeout = T,
	};
	r = argot_spawn(&sp, file, argv, (const char *[]){ "PATH=/bin", NULL },
	                &child);
	argot_close(file);
	if (r == 0) {
		r = proc_wait(ft_st->proc, (int32_t)child.pid, 0, &status, 60000);
		argot_close(child.process);
		if (child.proc >= 0)
			argot_close(child.proc);
	}
	if (r >= 0) {
		int m = io_read(oh, 0, out, cap - 1, T);
		out[m > 0 ? m : 0] = 0;
		r = (status & 0x7f) ? 128 + (int)(status & 0x7f)
		                    : (int)((status >> 8) & 0xff);
	}
	argot_close(oh);
	return r;
}

/* a file of the image copied into the test filesystem */
static int ft_copy(const char *path)
{
	static char buf[IO_MAX];
	int fd = open(path, O_RDONLY), h, n = 0, r = 0;

	if (fd < 0)
		return -errno;
	r = ft_walk(&ft_root, path, ARGOT_O_WRONLY | ARGOT_O_CREAT, 0755, &h);
	if (r < 0) {
		close(fd);
		return r;
	}
	while (r >= 0 && (n = (int)read(fd, buf, sizeof buf)) > 0)
		r = io_write(h, IO_FILEPTR, buf, (uint32_t)n, T);
	if (n < 0)
		r = -errno;
	argot_close(h);
	close(fd);
	return r < 0 ? r : 0;
}

static int ft_user_make(struct ft_user *u, uint32_t uid)
{
	struct argot_idset ids;
	int r;

	u->uid = uid;
	idset_single(&ids, uid, uid);
	if ((r = auth_makeauth(ft_st->auth, NULL, 0, &ids, &u->auth, T)) < 0)
		return r;
	return rpc_reauth(ft_root.root, IO_REAUTH, u->auth, &u->root, T);
}

/* Our own ramfs, as its parent: we are root on it. */
static const char *ft_start_root(void)
{
	/* an explicit size: ramfs guesses its limit from sysconf, which
	 * the personality does not answer yet */
	char *argv[] = { "/hurd/ramfs", "--size=48M", NULL }, rname[64];
	struct argot_spawned child;
	int file, recv, bsend, ctl, root0;
	uint32_t retry;

	if (tstart_open("/hurd/ramfs", ARGOT_O_RDONLY | ARGOT_O_EXEC, &file) < 0)
		return "no /hurd/ramfs in the image";
	if (k_pipe_create(ft_st->kernel, 0, &recv, &bsend) < 0)
		return "pipe";
	struct tstart t = { .st = ft_st, .auth = ft_st->auth, .file = file,
	                    .argv = argv, .bootstrap = bsend };
	if (tstart_spawn(&t, &child) < 0)
		return "spawn /hurd/ramfs failed";
	argot_close(bsend);
	if (tstart_wait(recv, ft_st->root, 30000, &ctl) < 0)
		return "ramfs never called fsys_startup";
	if (fsys_getroot(ctl, ARGOT_NOHANDLE, ARGOT_O_RDONLY | ARGOT_O_DIRECTORY,
	                 &retry, rname, sizeof rname, &root0, T) < 0)
		return "fsys_getroot on ramfs failed";
	if (rpc_reauth(root0, IO_REAUTH, ft_st->auth, &ft_root.root, T) < 0)
		return "reauthentication to ramfs failed";
	argot_close(root0);
	return NULL;
}

const char *ft_setup(void)
{
	const char *why;
	int h;

	if (!(ft_st = tstart_init()))
		return "no startup block";
	ft_root.auth = ft_st->auth;
	if ((why = ft_start_root()))
		return why;
	if (ft_user_make(&ft_alice, 1000) < 0 || ft_user_make(&ft_bob, 1001) < 0)
		return "cannot make users 1000 and 1001";
	if (ft_mkdir(&ft_root, "/hurd", 0755) < 0 ||
	    ft_mkdir(&ft_root, "/bin", 0755) < 0 ||
	    ft_mkdir(&ft_root, "/tmp", 01777) < 0 ||
	    ft_mkdir(&ft_root, "/home", 0755) < 0 ||
	    ft_mkdir(&ft_root, "/home/alice", 0755) < 0)
		return "mkdir in the test ramfs failed";
	if (ft_walk(&ft_root, "/home/alice", ARGOT_O_PATH, 0, &h) < 0 ||
	    file_chown(h, 1000, 1000, T) < 0)
		return "chown /home/alice failed";
	argot_close(h);
	static const char *const progs[] = { "/hurd/hello", "/hurd/ramfs",
	                                     "/bin/fsbad" };
	static char msg[96];
	for (unsigned i = 0; i < 3; i++) {
		int r = ft_copy(progs[i]);
		if (r < 0) {
			snprintf(msg, sizeof msg, "copying %s into the test ramfs: "
			         "%s", progs[i], strerror(-r));
			return msg;
		}
	}
	return NULL;
}

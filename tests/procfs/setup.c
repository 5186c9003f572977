/* setup.c: the roles of proctest that set things up (pt.h): the image's
 * root filesystem is the read-only initrd, which cannot hold a translator,
 * so the test makes a ramfs root of its own, attaches procfs on its /proc
 * with the real settrans, and runs the checks in a process whose root it
 * is -- as a system whose root filesystem is writable would at boot. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <argot/auth.h>
#include <argot/dir.h>
#include <argot/fsys.h>
#include <argot/io.h>
#include <argot/proc.h>
#include "argot/tstart.h"
#include "server/rpc.h"
#include "kcall.h"
#include "pt.h"

const struct argot_startup *pt_st;

void pt_run(const char *name)
{
	printf("RUN: %s\n", name);
	fflush(stdout);
}

void pt_pass(const char *name)
{
	printf("PASS: %s\n", name);
	fflush(stdout);
}

void pt_fail(const char *name, const char *fmt, ...)
{
	va_list ap;

	printf("FAIL: %s ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

void pt_skip(const char *name, const char *why)
{
	printf("SKIP: %s %s\n", name, why);
	fflush(stdout);
}

int pt_spawn(const char *prog, const char *const *argv, int root, int out,
	     uint32_t *pid)
{
	struct argot_spawned child;
	int file, r;

	if (root == ARGOT_NOHANDLE)
		root = pt_st->root;
	if ((r = tstart_open(prog, ARGOT_O_RDONLY | ARGOT_O_EXEC, &file)) < 0)
		return r;
	struct argot_spawn sp = {
		.kernel = pt_st->kernel, .auth = pt_st->auth,
		.proc = pt_st->proc, .exec = pt_st->exec, .cwd = root,
		.root = root, .console = pt_st->console, .nfds = 3,
		.fds = { ARGOT_NOHANDLE, out, out }, .timeout = PT_T,
	};
	r = argot_spawn(&sp, file, argv,
			(const char *[]){ "PATH=/bin", "HOME=/", NULL }, &child);
	argot_close(file);
	if (r < 0)
		return r;
	argot_close(child.process);
	if (child.proc != ARGOT_NOHANDLE)
		argot_close(child.proc);
	*pid = child.pid;
	return 0;
}

int pt_wait(uint32_t pid, uint32_t timeout)
{
	uint32_t status;
	int r = proc_wait(pt_st->proc, (int32_t)pid, 0, &status, timeout);

	if (r < 0)
		return r;
	return (status & 0x7f) ? 128 + (int)(status & 0x7f)
			       : (int)((status >> 8) & 0xff);
}

/* path (no leading '/') in the ramfs, without crossing translators. */
static int at(int root, const char *path, uint32_t flags, uint32_t mode,
	      int *h)
{
	char rest[128];
	uint32_t retry;
	int r = dir_lookup(root, path, flags, mode, &retry, rest, sizeof rest,
			   h, PT_T);

	if (r == 0 && (retry != DIR_RETRY_NORMAL || rest[0])) {
		argot_close(*h);
		return -EXDEV;
	}
	return r;
}

static int put(int root, const char *path, const void *data, size_t len,
	       uint32_t mode)
{
	int h, r = at(root, path + 1, ARGOT_O_WRONLY | ARGOT_O_CREAT |
		      ARGOT_O_TRUNC, mode, &h);

	if (r < 0)
		return r;
	r = io_write(h, IO_FILEPTR, data, (uint32_t)len, PT_T);
	argot_close(h);
	return r < 0 ? r : 0;
}

/* A file of the image, copied to the same path in the ramfs, a chunk at a
 * time: a big static buffer would count against the quota of every
 * process running this program (the kernel hands each new process what
 * its creator has left, so the checks' own children would starve). */
static int copy(int root, const char *path)
{
	static char buf[IO_MAX];
	ssize_t n = 0;
	int fd = open(path, O_RDONLY), h, r;

	if (fd < 0)
		return -errno;
	r = at(root, path + 1, ARGOT_O_WRONLY | ARGOT_O_CREAT | ARGOT_O_TRUNC,
	       0755, &h);
	if (r < 0) {
		close(fd);
		return r;
	}
	while (r >= 0 && (n = read(fd, buf, sizeof buf)) > 0)
		r = io_write(h, IO_FILEPTR, buf, (uint32_t)n, PT_T);
	if (r >= 0 && n < 0)
		r = -errno;
	argot_close(h);
	close(fd);
	return r < 0 ? r : 0;
}

/* /hurd/ramfs as a child of ours; its root, authenticated as us. */
static int start_root(int *root)
{
	char *argv[] = { "/hurd/ramfs", "--size=24M", NULL }, rname[64];
	struct argot_spawned child;
	int file, recv, bsend, ctl, root0, r;
	uint32_t retry;

	if ((r = tstart_open("/hurd/ramfs", ARGOT_O_RDONLY | ARGOT_O_EXEC,
			     &file)) < 0)
		return r;
	if ((r = k_pipe_create(pt_st->kernel, 0, &recv, &bsend)) < 0)
		return r;
	struct tstart t = { .st = pt_st, .auth = pt_st->auth, .file = file,
			    .argv = argv, .bootstrap = bsend };
	if ((r = tstart_spawn(&t, &child)) < 0)
		return r;
	argot_close(bsend);
	if ((r = tstart_wait(recv, pt_st->root, 30000, &ctl)) < 0)
		return r;
	if ((r = fsys_getroot(ctl, ARGOT_NOHANDLE, ARGOT_O_RDONLY |
			      ARGOT_O_DIRECTORY, &retry, rname, sizeof rname,
			      &root0, PT_T)) < 0)
		return r;
	r = rpc_reauth(root0, IO_REAUTH, pt_st->auth, root, PT_T);
	argot_close(root0);
	return r;
}

static const char passwd[] =
	"root:x:0:0:root:/:/bin/sh\n"
	"alice:x:1000:1000:alice:/:/bin/sh\n";
static const char group[] = "root:x:0:\nalice:x:1000:\n";

static int fill_root(int root, const char **what)
{
	static const char *const dirs[] = { "bin", "hurd", "etc", "tmp",
					    "proc" };
	static const char *const files[] = { "/hurd/procfs", "/bin/settrans",
					     "/bin/proctest", "/bin/busybox" };
	int r;

	for (unsigned i = 0; i < 5; i++)
		if ((r = dir_mkdir(root, dirs[i], 01777, PT_T)) < 0)
			return *what = dirs[i], r;
	/* busybox last: the ps check skips if the image lacks it */
	for (unsigned i = 0; i < 4; i++)
		if ((r = copy(root, files[i])) < 0 && i < 3)
			return *what = files[i], r;
	if ((r = put(root, "/etc/passwd", passwd, sizeof passwd - 1, 0644)) < 0 ||
	    (r = put(root, "/etc/group", group, sizeof group - 1, 0644)) < 0)
		return *what = "/etc/passwd", r;
	return 0;
}

static int outer(void)
{
	const char *what = "";
	uint32_t pid;
	int root, r;

	pt_run("setup");
	if ((r = start_root(&root)) < 0) {
		pt_fail("setup", "starting /hurd/ramfs as a root: %s",
			strerror(-r));
		return 1;
	}
	if ((r = fill_root(root, &what)) < 0) {
		pt_fail("setup", "filling the ramfs (%s): %s", what,
			strerror(-r));
		return 1;
	}
	pt_pass("setup");

	pt_run("settrans-a-proc");
	r = pt_spawn("/bin/settrans", (const char *[]){ "settrans", "-a",
		     "/proc", "/hurd/procfs", NULL }, root, pt_st->console, &pid);
	if (r >= 0)
		r = pt_wait(pid, 60000);
	if (r != 0) {
		pt_fail("settrans-a-proc", "settrans -a /proc /hurd/procfs: %d",
			r);
		return 1;
	}
	pt_pass("settrans-a-proc");

	pt_run("inside-exit");
	r = pt_spawn("/bin/proctest", (const char *[]){ "/bin/proctest",
		     "--inside", NULL }, root, pt_st->console, &pid);
	if (r >= 0)
		r = pt_wait(pid, 600000);
	if (r < 0 || r >= 128)
		pt_fail("inside-exit", "the checks did not end normally: %d", r);
	else
		pt_pass("inside-exit");
	return 0;
}

/* Make uid PT_CHILD_UID our owner in proc (PROC_REAUTH through an auth
 * rendezvous), then wait to be looked at and killed.  Our old proc handle
 * stops working: we make no more proc calls. */
static int child(void)
{
	struct argot_idset ids;
	struct timespec nap = { 1, 0 };
	int alice, rdv, newproc;
	uint32_t id;

	idset_single(&ids, PT_CHILD_UID, PT_CHILD_UID);
	if (auth_makeauth(pt_st->auth, NULL, 0, &ids, &alice, PT_T) < 0 ||
	    auth_rendezvous(alice, &rdv, &id, PT_T) < 0 ||
	    proc_reauth(pt_st->proc, rdv, PT_T) < 0 ||
	    auth_user_authenticate(alice, id, &newproc, PT_T) < 0)
		printf("proctest --child: could not become uid %d in proc\n",
		       PT_CHILD_UID);
	for (int i = 0; i < 300; i++)
		nanosleep(&nap, NULL);
	return 0;
}

int main(int argc, char **argv)
{
	if (!(pt_st = tstart_init())) {
		printf("FAIL: setup no startup block\nTESTS DONE\n");
		return 1;
	}
	if (argc > 1 && !strcmp(argv[1], "--child"))
		return child();
	if (argc > 1 && !strcmp(argv[1], "--inside"))
		return pt_inside(argv[0]);
	outer();
	printf("TESTS DONE\n");
	fflush(stdout);
	return 0;
}

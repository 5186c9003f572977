/*
 * init/bootstrap.c - the first process.  The kernel starts it with every
 * resource and the initrd mapped; it serves the initrd read-only
 * (bootfs.c), starts auth, proc, exec and term from it, then the root
 * filesystem (rootfs.c: ramfs filled from the initrd; the read-only
 * initrd itself if that fails), then /sbin/init through exec.  One line
 * per server started; a clear line for any that failed; a missing or
 * corrupt initrd stops the boot with a message, not a hang.
 */
#include "bootfs.h"
#include "rootfs.h"
#include "rtc.h"
#include "server/spawn.h"
#include <argot/io.h>
#include <argot/dir.h>
#include <argot/proc.h>

#define T 10000   /* ms: no server we start may keep us waiting longer */

static struct argot_bootinfo *bi;

static void fatal(const char *what, const char *why)
{
	rt_printf("bootstrap: FATAL: %s: %s\n", what, why ? why : "");
	rt_printf("bootstrap: cannot continue; powering off\n");
	qemu_exit(3);
}

/* Start /hurd/NAME with rt_spawn; h[] as given.  0 or -errno. */
static int start(const char *name, int32_t *h, uint32_t nh)
{
	char path[32];
	uint32_t size;
	int proc, r;
	rt_snprintf(path, sizeof path, "hurd/%s", name);
	const void *elf = bootfs_file(path, &size);
	if (!elf) {
		rt_printf("bootstrap: FAILED to start %s: /%s not in the initrd\n",
		          name, path);
		return -ARGOT_ENOENT;
	}
	struct rt_spawn_args a = { .nh = nh };
	for (uint32_t i = 0; i < nh; i++)
		a.h[i] = h[i];
	rt_snprintf(a.cmd, sizeof a.cmd, "/%s", path);
	r = rt_spawn(elf, size, name, ARGOT_PRIO_DEFAULT + 2, 0, &a, &proc, 0);
	if (r < 0) {
		rt_printf("bootstrap: FAILED to start %s: %s\n", name,
		          argot_strerror(r));
		return r;
	}
	argot_close(proc);   /* proc watches the processes it registers */
	rt_printf("bootstrap: started %s\n", name);
	return 0;
}

/* A server that owns its pipe: we move the receive end to it and keep a
 * send handle.  *send is NOHANDLE if it failed. */
static int start_server(const char *name, int32_t *extra, uint32_t nextra,
                        int *send)
{
	int recv;
	int32_t h[RT_SPAWN_MAXH];
	*send = ARGOT_NOHANDLE;
	if (k_pipe_create(rt.kernel, 0, &recv, send) < 0)
		return -ARGOT_ENOMEM;
	h[0] = recv;   /* receive ends move to the child */
	for (uint32_t i = 0; i < nextra; i++)
		h[1 + i] = extra[i];
	int r = start(name, h, 1 + nextra);
	if (r < 0) {
		argot_close(recv);
		argot_close(*send);
		*send = ARGOT_NOHANDLE;
	}
	return r;
}

/* After term starts, our messages go through it like everyone's:
 * polling the UART behind its back cut other programs' lines in two. */
static int console_tty = ARGOT_NOHANDLE;

static int console_via_term(const char *s, uint32_t n)
{
	return io_write(console_tty, IO_FILEPTR, s, n, 2000);
}

/* The serial terminals: two pipes, the two UARTs' ports and IRQs, and a
 * proc handle (ours: it may signal any group) for ^C and ^Z. */
static void start_term(int proch, int *tty)
{
	int recv[2], io[2], r;
	int32_t h[7];
	tty[0] = tty[1] = ARGOT_NOHANDLE;
	for (int i = 0; i < 2; i++) {
		if (k_pipe_create(rt.kernel, 0, &recv[i], &tty[i]) < 0 ||
		    k_ioport_sub(bi->ioports, i ? 0x2f8 : 0x3f8, 8, &io[i]) < 0) {
			rt_printf("bootstrap: FAILED to start term: no resources\n");
			return;
		}
		h[i] = recv[i];
		h[2 + i] = io[i];
		h[4 + i] = bi->irq[i ? 3 : 4];
	}
	h[6] = proch;
	if ((r = start("term", h, 7)) < 0)
		tty[0] = tty[1] = ARGOT_NOHANDLE;
}

static void serve_fs(void *arg)
{
	(void)arg;
	srv_run(&bootfs_srv, 1);
	rt_printf("bootstrap: the initrd server stopped\n");
}

static int start_init(int auth, int proc, int exec, int root, int cons,
                      uint32_t *pid)
{
	uint32_t retry;
	char rest[64];
	int file, r;
	r = dir_lookup(root, "sbin/init", ARGOT_O_RDONLY | ARGOT_O_EXEC, 0,
	               &retry, rest, sizeof rest, &file, T);
	if (r < 0) {
		rt_printf("bootstrap: FAILED to start /sbin/init: %s\n",
		          argot_strerror(r));
		return r;
	}
	struct argot_spawn sp = {
		.kernel = rt.kernel, .auth = auth, .proc = proc, .exec = exec,
		.cwd = root, .root = root, .console = cons, .nfds = 3,
		.fds = { cons, cons, cons }, .timeout = T,
	};
	const char *argv[] = { "/sbin/init", 0 };
	const char *envp[] = { "PATH=/bin:/sbin", "HOME=/", 0 };
	struct argot_spawned out;
	r = argot_spawn(&sp, file, argv, envp, &out);
	argot_close(file);
	if (r < 0) {
		rt_printf("bootstrap: FAILED to start /sbin/init: %s\n",
		          argot_strerror(r));
		return r;
	}
	rt_printf("bootstrap: started /sbin/init (pid %u)\n", out.pid);
	*pid = out.pid;
	return 0;
}

int rt_main(void *arg)
{
	bi = arg;
	const char *why = 0;
	if (rt_init_first(bi) < 0)
		return 1;          /* no console: nothing to say it with */
	argot_rt_hooks();
	rt_printf("bootstrap: Argot starting (%u KiB of memory)\n",
	          bi->mem_pages * 4);
	if (bi->nmods < 1)
		fatal("no initrd", "GRUB loaded no module after the bootstrap");
	if (bootfs_init((const void *)bi->mods[0].va, bi->mods[0].size, &why))
		fatal("the initrd is corrupt", why);
	rt_printf("bootstrap: initrd of %u bytes\n", bi->mods[0].size);
	argot_epoch_ns = rtc_epoch_ns(bi->ioports, bi->kernel);
	if (!argot_epoch_ns)
		rt_printf("bootstrap: no readable clock: the time starts at 1970\n");

	int authh, proch, exech, root, cons, th;
	start_server("auth", 0, 0, &authh);
	int32_t pextra[1] = { authh };
	if (authh != ARGOT_NOHANDLE)
		start_server("proc", pextra, 1, &proch);
	else
		proch = ARGOT_NOHANDLE;
	start_server("exec", 0, 0, &exech);
	int tty[2];
	start_term(proch, tty);
	if (bootfs_root(&root) < 0 || bootfs_console(&cons) < 0 ||
	    bootfs_devnodes() < 0)
		fatal("the initrd server", "out of memory");
	if (tty[0] != ARGOT_NOHANDLE) {
		bootfs_magic("dev/ttyS0", tty[0]);
		bootfs_magic("dev/ttyS1", tty[1]);
		bootfs_magic("dev/console", tty[0]);
		bootfs_console_to(tty[0]);
		console_tty = tty[0];
		rt_console_redirect(console_via_term);
	}
	if (rt_thread_create(serve_fs, 0, 0, 0, &th) < 0)
		fatal("the initrd server", "no thread");
	if (authh == ARGOT_NOHANDLE || proch == ARGOT_NOHANDLE ||
	    exech == ARGOT_NOHANDLE)
		fatal("a core server failed", "see above");
	int fsroot, fsctl;
	struct rootfs_env env = { rt.kernel, authh, exech, cons, root,
	                          bi->mem_pages * 4 };
	if (rootfs_start(&env, &fsroot, &fsctl) == 0)
		root = fsroot;   /* we keep fsctl: the root fs is ours */
	uint32_t initpid;
	if (start_init(authh, proch, exech, root, cons, &initpid) < 0)
		fatal("no /sbin/init", "see above");
	/* when init ends the system is done (this is how /etc/rc's poweroff
	 * and test images stop the machine); the root ramfs is our child
	 * too, so wait for init by its pid */
	uint32_t status;
	int pid = proc_wait(proch, (int32_t)initpid, 0, &status, ARGOT_FOREVER);
	if (pid > 0) {
		rt_printf("bootstrap: /sbin/init ended (status 0x%x); "
		          "powering off\n", status);
		qemu_exit(status & 0x7f ? 2 : (int)(status >> 8 & 0xff));
	}
	for (;;)
		rt_sleep(60000);
}

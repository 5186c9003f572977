/*
 * tests/core/exec.c - exec refuses each kind of bad executable and leaves
 * the process empty; a killed exec server fails the next call at once;
 * malformed requests to every server are refused.
 */
#include "ct.h"

#define ENOEXEC 8

static const char *const bad[] = {
	"truncated", "class64", "machine", "kernel", "overlap", "huge",
	"notelf", "entry", 0,
};

static int load(int exec, const char *path, int *proc)
{
	int file, th, r;
	struct argot_startup st;
	struct exec_load_rep rep;
	const char *argv[] = { path, 0 }, *envp[] = { 0 };
	if ((r = ct_open(path, &file)) < 0)
		return r;
	if ((r = k_proc_create(ct_st->kernel, "ctload", 10, 0, proc)) < 0)
		return r;
	rpc_zero(&st, sizeof st);
	st.magic = ARGOT_STARTUP_MAGIC;
	st.size = sizeof st;
	r = exec_load(exec, file, *proc, &st, argv, envp, EXEC_SUSPENDED, 0,
	              &rep, &th, CT_T);
	argot_close(file);
	if (r == 0)
		argot_close(th);
	return r;
}

static void bad_elves(void)
{
	char path[64], name[64];
	int p;
	for (int i = 0; bad[i]; i++) {
		rt_snprintf(path, sizeof path, "/bad/%s", bad[i]);
		rt_snprintf(name, sizeof name, "exec-bad-%s", bad[i]);
		int r = load(ct_st->exec, path, &p);
		struct argot_proc_info info = { .pages = 99 };
		k_proc_info(p, &info);
		ct_check(name, r == -ENOEXEC && info.pages == 0,
		         "r=%d pages=%u", r, info.pages);
		k_proc_kill(p);
		argot_close(p);
	}
	int r = load(ct_st->exec, "/bin/ctchild", &p);
	CHECK_EQ("exec-good-elf", r, 0);
	k_proc_kill(p);
	argot_close(p);
	int file;
	CHECK_EQ("exec-missing-file", ct_open("/bin/nonexistent", &file),
	         -ARGOT_ENOENT);
}

/* Our own exec server, to kill on purpose. */
static void killed_server(void)
{
	int file, recv, send, proc, r;
	struct argot_stat st;
	if (ct_open("/hurd/exec", &file) < 0 || io_stat(file, &st, CT_T) < 0) {
		ct_check("exec-killed-server", 0, "no /hurd/exec");
		return;
	}
	char *img = rt_malloc((uint32_t)st.size);
	for (uint32_t off = 0; off < st.size;) {
		r = io_read(file, off, img + off, (uint32_t)st.size - off, CT_T);
		if (r <= 0)
			break;
		off += (uint32_t)r;
	}
	k_pipe_create(ct_st->kernel, 0, &recv, &send);
	struct rt_spawn_args a = { .nh = 1, .h = { recv } };
	r = rt_spawn(img, (uint32_t)st.size, "exec2", 10, 0, &a, &proc, 0);
	CHECK_EQ("exec-second-server", r, 0);
	int p;
	CHECK_EQ("exec-second-server-loads", load(send, "/bin/ctchild", &p), 0);
	k_proc_kill(p);
	k_proc_kill(proc);
	uint64_t t0 = rt_now_ns();
	r = load(send, "/bin/ctchild", &p);
	uint64_t ms = (rt_now_ns() - t0) / 1000000;
	ct_check("exec-killed-server-fails-fast", r == -ARGOT_EPIPE && ms < 2000,
	         "r=%d after %u ms", r, (unsigned)ms);
}

void ct_exec(void)
{
	bad_elves();
	killed_server();
}

/* ---- malformed requests: refused before any handler runs ------------ */
void ct_malformed(void)
{
	char junk[64] = { 0 };
	static char img0[sizeof(struct proc_image)];
	int32_t h = ct_st->console;
	CHECK_EQ("bad-auth-size", ct_raw(ct_st->auth, AUTH_GETIDS, junk, 4, 0, 0),
	         -ARGOT_EINVAL);
	CHECK_EQ("bad-auth-id", ct_raw(ct_st->auth, 0x14ff, 0, 0, 0, 0),
	         -ARGOT_ENOSYS);
	CHECK_EQ("bad-auth-handles",
	         ct_raw(ct_st->auth, AUTH_SERVER_AUTH, 0, 0, &h, 1),
	         -ARGOT_EINVAL);
	CHECK_EQ("bad-proc-size", ct_raw(ct_st->proc, PROC_WAIT, junk, 3, 0, 0),
	         -ARGOT_EINVAL);
	CHECK_EQ("bad-proc-handles",
	         ct_raw(ct_st->proc, PROC_REGISTER, img0, sizeof img0, 0, 0),
	         -ARGOT_EINVAL);
	CHECK_EQ("bad-proc-id", ct_raw(ct_st->proc, ARGOT_RPC_IO, 0, 0, 0, 0),
	         -ARGOT_ENOSYS);
	CHECK_EQ("bad-exec-size", ct_raw(ct_st->exec, EXEC_LOAD, junk, 8, 0, 0),
	         -ARGOT_EINVAL);
	CHECK_EQ("bad-fs-size", ct_raw(ct_st->root, IO_READ, junk, 5, 0, 0),
	         -ARGOT_EINVAL);
	CHECK_EQ("bad-fs-id", ct_raw(ct_st->root, 0x9999, 0, 0, 0, 0),
	         -ARGOT_ENOSYS);
	struct dir_lookup_req q = { 0, 0 };
	char unterminated[sizeof q + 4];
	rpc_copy(unterminated, &q, sizeof q);
	rpc_copy(unterminated + sizeof q, "etcX", 4);
	CHECK_EQ("bad-fs-path", ct_raw(ct_st->root, DIR_LOOKUP, unterminated,
	         sizeof unterminated, 0, 0), -ARGOT_EINVAL);
	struct argot_idset ids;
	CHECK_EQ("servers-alive-after-bad", auth_getids(ct_st->auth, &ids, CT_T)
	         | proc_getpids(ct_st->proc, &(struct proc_pids){0}, CT_T), 0);
}

/*
 * exec/exec.c - the exec server: EXEC_LOAD puts a static ELF executable
 * into an empty process given by the caller, with the stack and start-up
 * block of include/argot/exec.h, and starts its thread.  exec holds no
 * authority: the file and the process are the caller's, and so are the
 * handles named in the startup block.
 */
#include "exec.h"

static struct srv exec_srv = { .name = "exec" };

#define PAGE ARGOT_PAGE_SIZE
#define DOWN(x) ((x) & ~(PAGE - 1))
#define UP(x) (((x) + PAGE - 1) & ~(PAGE - 1))

/* Map one segment: fill a memobj through our own mapping of it. */
static int load_seg(int file, int proc, const struct exec_seg *s)
{
	uint32_t start = DOWN(s->va), len = UP(s->va + s->memsz) - start;
	uint32_t here;
	int mo, r;
	if ((r = k_memobj_create(rt.kernel, len, &mo)) < 0)
		return r;
	r = k_proc_map(rt.self, mo, 0, 0, len,
	               ARGOT_PROT_READ | ARGOT_PROT_WRITE, 0, &here);
	if (r >= 0) {
		r = exec_read_exact(file, s->offset,
		                    (char *)here + (s->va - start), s->filesz);
		k_proc_unmap(rt.self, here, len);
	}
	if (r >= 0)
		r = k_proc_map(proc, mo, start, 0, len, s->prot,
		               ARGOT_MAP_FIXED, 0);
	argot_close(mo);
	return r < 0 ? r : 0;
}

static void unload(int proc, const struct exec_image *im, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		const struct exec_seg *s = &im->seg[i];
		k_proc_unmap(proc, DOWN(s->va), UP(s->va + s->memsz) - DOWN(s->va));
	}
	k_proc_unmap(proc, EXEC_STACK_TOP - EXEC_STACK_SIZE, EXEC_STACK_SIZE);
}

/* The strings tail: argc + envc NUL-ended strings, nothing else. */
static int check_strings(const struct exec_load_req *q, const char *s,
                         uint32_t len)
{
	uint32_t n = 0, off = 0;
	if (len > EXEC_ARGS_MAX || q->argvlen > len)
		return -E2BIG;
	while (off < len) {
		uint32_t l = rpc_strnlen(s + off, len - off);
		if (off + l == len)
			return -ARGOT_EINVAL;   /* unterminated */
		off += l + 1;
		n++;
	}
	return n == q->argc + q->envc && q->argc < 4096 ? 0 : -ARGOT_EINVAL;
}

static int h_load(struct srv_req *r)
{
	const struct exec_load_req *q = r->data;
	const char *strs = (const char *)r->data + sizeof *q;
	uint32_t slen = r->len - sizeof *q;
	int file = r->h[0], proc = r->h[1], th, err;
	struct exec_image im;
	uint32_t n = 0, sp, stva;
	struct exec_stack st = { 0, 0 };
	if ((err = check_strings(q, strs, slen)) < 0)
		return err;
	if ((err = exec_read_headers(file, &im)) < 0)
		return err;
	for (n = 0; n < im.nseg; n++)
		if ((err = load_seg(file, proc, &im.seg[n])) < 0)
			goto fail;
	if ((err = exec_build_stack(proc, q, strs, slen, &im, &sp, &stva, &st)) < 0)
		goto fail;
	struct argot_proc_thread_create t = {
		.eip = im.entry, .esp = sp, .prio = ARGOT_PRIO_DEFAULT,
		.suspended = 1,
	};
	if ((err = k_proc_thread_create(proc, &t, &th)) < 0)
		goto fail;
	/* the thread's own handle goes into its startup block */
	int32_t num;
	if ((err = k_proc_handle_give(proc, th, &num)) >= 0)
		exec_stack_done(&st, num);
	if (err < 0 || (!(q->flags & EXEC_SUSPENDED) && (err = k_thread_resume(th)) < 0)) {
		argot_close(th);
		goto fail;
	}
	struct exec_load_rep *rep = r->rbuf;
	*rep = (struct exec_load_rep){ im.entry, sp, im.phdr_va };
	r->rlen = sizeof *rep;
	r->rh[0] = th | ARGOT_HMOVE;
	r->rnh = 1;
	return 0;
fail:
	exec_stack_done(&st, -1);
	unload(proc, &im, n);
	return err;
}

static const srv_fn exec_fns[EXEC_END - ARGOT_RPC_EXEC] = {
	[EXEC_LOAD - ARGOT_RPC_EXEC] = h_load,
};
static const struct srv_iface exec_iface = { &rpc_exec_proto, exec_fns };
static const struct srv_iface *const exec_ifaces[] = { &exec_iface, 0 };
static const struct srv_class exec_class = { exec_ifaces, 0, 0 };

/* Started by bootstrap with rt_spawn: h[0] the receive end of exec's
 * pipe.  Requests are independent, so a few threads serve them. */
int rt_main(void *arg)
{
	struct rt_spawn_args *a = arg;
	static struct srv_obj obj;
	rt_init_spawned(a);
	argot_rt_hooks();
	if (a->nh < 1 || srv_obj_adopt(&exec_srv, &obj, &exec_class, a->h[0]))
		return 1;
	return srv_run(&exec_srv, 2) < 0 ? 2 : 0;
}

/*
 * tests/core/demux.c - host unit test (TAP): the demuxer's request checks
 * for every RPC of every protocol, and the i386 sizes of the message
 * layouts that client and server must agree on.
 */
#include <stdio.h>
#include "../../libargot/server/spec.c"

static int n, failed;

static void ok(int cond, const char *what, unsigned id)
{
	n++;
	if (!cond)
		failed++;
	printf("%sok %d - %s 0x%x\n", cond ? "" : "not ", n, what, id);
}

static int dummy(struct srv_req *r) { (void)r; return 0; }
static srv_fn fns[256];

static void proto(const struct rpc_proto *p)
{
	struct srv_iface ifc = { p, fns };
	const struct srv_iface *ifs[] = { &ifc, 0 };
	srv_fn fn;
	for (uint32_t i = 0; i < p->n; i++) {
		const struct rpc_spec *s = &p->spec[i];
		uint32_t id = p->base + i;
		if (!s->id) {
			ok(srv_check(ifs, id, 0, 0, &fn) == -ARGOT_ENOSYS,
			   "hole is ENOSYS", id);
			continue;
		}
		ok(srv_check(ifs, id, s->size, s->minh, &fn) == 0 && fn == dummy,
		   "well-formed accepted", id);
		if (s->size)
			ok(srv_check(ifs, id, s->size - 1, s->minh, &fn) ==
			   -ARGOT_EINVAL, "short refused", id);
		ok(srv_check(ifs, id, s->size + 1, s->minh, &fn) ==
		   (s->tail ? 0 : -ARGOT_EINVAL), "long per spec", id);
		if (s->minh)
			ok(srv_check(ifs, id, s->size, s->minh - 1, &fn) ==
			   -ARGOT_EINVAL, "too few handles refused", id);
		ok(srv_check(ifs, id, s->size, s->maxh + 1, &fn) ==
		   -ARGOT_EINVAL, "too many handles refused", id);
	}
	ok(srv_check(ifs, p->base + p->n, 0, 0, &fn) == -ARGOT_ENOSYS,
	   "past the end is ENOSYS", p->base + p->n);
	fns[0] = 0;
	ok(srv_check(ifs, p->base, p->spec[0].size, p->spec[0].minh, &fn) ==
	   -ARGOT_ENOSYS, "no handler is ENOSYS", p->base);
	fns[0] = dummy;
}

#define SIZE(t, v) ok(sizeof(t) == (v), "sizeof " #t " ==", (unsigned)sizeof(t))

int main(void)
{
	for (int i = 0; i < 256; i++)
		fns[i] = dummy;
	const struct rpc_proto *all[] = { &rpc_io_proto, &rpc_file_proto,
		&rpc_dir_proto, &rpc_fsys_proto, &rpc_auth_proto,
		&rpc_proc_proto, &rpc_exec_proto, &rpc_term_proto,
		&rpc_msg_proto };
	for (unsigned i = 0; i < sizeof all / sizeof all[0]; i++)
		proto(all[i]);
	srv_fn fn;
	ok(srv_check(0, IO_READ, 16, 0, &fn) == -ARGOT_ENOSYS,
	   "no interfaces is ENOSYS", IO_READ);
	/* i386 layouts (64-bit fields are 4-aligned there) */
	SIZE(struct io_read_req, 16);
	SIZE(struct io_write_req, 16);
	SIZE(struct argot_stat, 120);
	SIZE(struct argot_idset, 272);
	SIZE(struct dir_lookup_req, 8);
	SIZE(struct argot_dirent, 12);
	SIZE(struct proc_image, 144);
	SIZE(struct proc_wait_rep, 8);
	SIZE(struct argot_procinfo, 184);
	SIZE(struct argot_termios, 60);
	SIZE(struct file_utimes_req, 24);
	printf("1..%d\n", n);
	return failed != 0;
}

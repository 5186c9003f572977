/*
 * tests/kernel/badinput.c - everything a user process can get wrong must
 * come back as an error code: bad handles, wrong handle types, bad
 * pointers, oversize messages, unknown requests, malformed requests, and
 * a flood of senders.  After each, the kernel must still answer.
 */
#include "kt.h"

#define KADDR 0xC0000000u
#define RO_VA 0x60000000u        /* a read-only page we map for tests */
#define HOLE  0x61000000u        /* never mapped */

static int bad_handle(int h)
{
	struct argot_msg m = { .timeout = 0 };
	EXPECT(argot_send(h, &m, 0), -ARGOT_EBADF);
	memset(&m, 0, sizeof m);
	EXPECT(argot_recv(h, &m, ARGOT_NONBLOCK), -ARGOT_EBADF);
	EXPECT(argot_close(h), -ARGOT_EBADF);
	return KT_PASS;
}

static int t_bad_handles(void)
{
	static const int hs[] = { -1, -3, -1000, 1024, 4096, 0x7fffffff,
	                          (int)0x80000000 };
	for (unsigned i = 0; i < sizeof hs / sizeof hs[0]; i++)
		if (bad_handle(hs[i]) != KT_PASS)
			KT_FAILF("handle %d: %s", hs[i], kt_why);
	/* a closed handle and a never-used slot */
	int r, s;
	OK(kt_pipe(0, &r, &s));
	argot_close(s);
	if (bad_handle(s) != KT_PASS)
		KT_FAILF("closed handle: %s", kt_why);
	argot_close(r);
	if (bad_handle(1000) != KT_PASS)
		KT_FAILF("free slot 1000: %s", kt_why);
	/* ANY names no single object */
	struct argot_msg m = { 0 };
	CHECK(argot_send(ARGOT_ANY, &m, 0) < 0);
	CHECK(argot_close(ARGOT_ANY) < 0);
	return KT_PASS;
}

/* a handle of each type, for the wrong-type tests */
struct zoo { int recv, send, kernel, proc, thread, memobj, ioport, irq,
             physmem; };

static int make_zoo(struct zoo *z)
{
	int r = kt_pipe(0, &z->recv, &z->send);
	if (r >= 0)
		r = k_memobj_create(rt.kernel, 4096, &z->memobj);
	z->kernel = rt.kernel;
	z->proc = rt.self;
	z->thread = rt.thread;
	z->ioport = kt_bi->ioports;
	z->irq = kt_bi->irq[5] >= 0 ? kt_bi->irq[5] : kt_bi->irq[8];
	z->physmem = kt_bi->physmem;
	return r;
}

static int wrong_type_ok(int r)
{
	return r == -ARGOT_ENOSYS || r == -ARGOT_ENOTSUP;
}

/* Each kernel service sent to every handle type it is not for. */
static int t_wrong_type_service(void)
{
	struct zoo z;
	OK(make_zoo(&z));
	static const struct { uint32_t lo, hi; int type; } svc[] = {
		{ ARGOT_K_PIPE_CREATE, ARGOT_K_INFO, ARGOT_HT_KERNEL },
		{ ARGOT_PIPE_SET_LABEL, ARGOT_PIPE_MAKE_SEND, ARGOT_HT_PIPE_RECV },
		{ ARGOT_PROC_THREAD_CREATE, ARGOT_PROC_SET_QUOTA,
		  ARGOT_HT_PROCESS },
		{ ARGOT_THREAD_SUSPEND, ARGOT_THREAD_EXIT, ARGOT_HT_THREAD },
		{ ARGOT_MEMOBJ_SIZE, ARGOT_MEMOBJ_PHYS, ARGOT_HT_MEMOBJ },
		{ ARGOT_IOPORT_GRANT, ARGOT_IOPORT_INFO, ARGOT_HT_IOPORT },
		{ ARGOT_IRQ_ATTACH, ARGOT_IRQ_ACK, ARGOT_HT_IRQ },
		{ ARGOT_PHYSMEM_MEMOBJ, ARGOT_PHYSMEM_INFO, ARGOT_HT_PHYSMEM },
	};
	const struct { int h, type; } objs[] = {
		{ z.kernel, ARGOT_HT_KERNEL }, { z.recv, ARGOT_HT_PIPE_RECV },
		{ z.proc, ARGOT_HT_PROCESS }, { z.thread, ARGOT_HT_THREAD },
		{ z.memobj, ARGOT_HT_MEMOBJ }, { z.ioport, ARGOT_HT_IOPORT },
		{ z.irq, ARGOT_HT_IRQ }, { z.physmem, ARGOT_HT_PHYSMEM },
	};
	uint32_t req[16] = { 0 }, rep[16];
	int32_t hout[2];
	for (unsigned o = 0; o < sizeof objs / sizeof objs[0]; o++)
		for (unsigned i = 0; i < sizeof svc / sizeof svc[0]; i++) {
			if (svc[i].type == objs[o].type)
				continue;
			for (uint32_t t = svc[i].lo; t <= svc[i].hi; t++) {
				int r = kcall(objs[o].h, t, req, sizeof req,
				              0, 0, rep, sizeof rep, hout, 2);
				if (!wrong_type_ok(r))
					KT_FAILF("request %x on a type-%d handle "
					         "gave %d", t, objs[o].type, r);
			}
		}
	argot_close(z.recv); argot_close(z.send); argot_close(z.memobj);
	return KT_PASS;
}

/* Handles of the wrong type where a service expects one in shnd. */
static int t_wrong_type_argument(void)
{
	struct zoo z;
	int x;
	OK(make_zoo(&z));
	/* PROC_MAP needs a memobj */
	CHECK(k_proc_map(rt.self, z.send, 0, 0, 4096, 1, 0, 0) ==
	      -ARGOT_ENOTSUP);
	CHECK(k_proc_map(rt.self, z.kernel, 0, 0, 4096, 1, 0, 0) ==
	      -ARGOT_ENOTSUP);
	/* PROC_WATCH, IRQ_ATTACH need a send handle */
	EXPECT(k_proc_watch(rt.self, z.memobj, 1), -ARGOT_ENOTSUP);
	EXPECT(k_irq_attach(z.irq, z.memobj, 1), -ARGOT_ENOTSUP);
	/* IOPORT_GRANT needs a process */
	EXPECT(k_ioport_grant(z.ioport, z.send), -ARGOT_ENOTSUP);
	/* recv needs a receive end; send on a kernel object is a request */
	struct argot_msg m = { 0 };
	EXPECT(argot_recv(z.send, &m, ARGOT_NONBLOCK), -ARGOT_ENOTSUP);
	memset(&m, 0, sizeof m);
	EXPECT(argot_recv(z.memobj, &m, ARGOT_NONBLOCK), -ARGOT_ENOTSUP);
	/* a bad handle number as the argument */
	CHECK(k_proc_map(rt.self, 999, 0, 0, 4096, 1, 0, 0) == -ARGOT_EBADF);
	(void)x;
	argot_close(z.recv); argot_close(z.send); argot_close(z.memobj);
	return KT_PASS;
}

static int setup_ro_page(void)
{
	static int done;
	int mo;
	if (done)
		return 0;
	int r = k_memobj_create(rt.kernel, 4096, &mo);
	if (r >= 0)
		r = k_proc_map(rt.self, mo, RO_VA, 0, 4096, ARGOT_PROT_READ,
		               ARGOT_MAP_FIXED, 0);
	done = r >= 0;
	return r;
}

/* The msg pointer itself: NULL, unmapped, kernel, read-only for recv. */
static int t_bad_msg_pointer(void)
{
	int r, s;
	OK(kt_pipe(0, &r, &s));
	OK(setup_ro_page());
	static const uint32_t bad[] = { 0, 0x10, HOLE, KADDR, 0xFFFFFFF0u,
	                                RO_VA + 4096 - 8 };
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct argot_msg *p = (struct argot_msg *)bad[i];
		int a = argot_send(s, p, 0), b = argot_recv(r, p, 0);
		if (a != -ARGOT_EFAULT || b != -ARGOT_EFAULT)
			KT_FAILF("msg at %x: send %d recv %d", bad[i], a, b);
	}
	/* a message arrives; recv must not write it into a read-only page */
	EXPECT(kt_send(s, 1, 0, 0, 0, 0, 0), 0);
	EXPECT(argot_recv(r, (struct argot_msg *)RO_VA, 0), -ARGOT_EFAULT);
	argot_close(s); argot_close(r);
	return KT_PASS;
}

/* Each buffer pointer of the message, in turn, made bad. */
static int t_bad_buffers(void)
{
	int r, s, r2, s2;
	OK(kt_pipe(0, &r, &s));
	OK(kt_pipe(0, &r2, &s2));
	OK(setup_ro_page());
	static const uint32_t bad[] = { 0, HOLE, KADDR, 0xBFFFFFF8u,
	                                0xFFFFF000u };
	int32_t h1[1] = { s2 };
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int e1 = kt_send(s, 1, (void *)bad[i], 64, 0, 0, 0);
		int e2 = kt_send(s, 1, 0, 0, (int32_t *)bad[i], 1, 0);
		EXPECT(kt_send(s, 2, "x", 1, h1, 1, 0), 0);
		struct argot_msg m;
		int e3 = kt_recv(r, &m, (void *)bad[i], 64, 0, 0, 0);
		int e4 = kt_recv(r, &m, 0, 0, (int32_t *)bad[i], 1, 0);
		int32_t got[1];
		char c;
		int ok = kt_recv(r, &m, &c, 1, got, 1, 0);
		if (ok == 0)
			argot_close(got[0]);
		if (e1 != -ARGOT_EFAULT || e2 != -ARGOT_EFAULT ||
		    e3 != -ARGOT_EFAULT || e4 != -ARGOT_EFAULT || ok != 0)
			KT_FAILF("buffer %x: sbuf %d shnd %d rbuf %d rhnd %d, "
			         "then recv %d", bad[i], e1, e2, e3, e4, ok);
	}
	/* read-only buffers are fine to send from, not to receive into */
	EXPECT(kt_send(s, 3, (void *)RO_VA, 64, 0, 0, 0), 0);
	struct argot_msg m;
	EXPECT(kt_recv(r, &m, (void *)RO_VA, 64, 0, 0, 0), -ARGOT_EFAULT);
	argot_close(s); argot_close(r); argot_close(s2); argot_close(r2);
	return KT_PASS;
}

static int t_oversize(void)
{
	int r, s;
	struct argot_msg m;
	OK(kt_pipe(0, &r, &s));
	char *big = rt_page_alloc(17, 0);
	CHECK(big);
	EXPECT(kt_send(s, 1, big, ARGOT_MSG_MAXDATA + 1, 0, 0, 0),
	       -ARGOT_EMSGSIZE);
	EXPECT(kt_send(s, 1, big, 0xFFFFFFFFu, 0, 0, 0), -ARGOT_EMSGSIZE);
	int32_t hs[9];
	for (int i = 0; i < 9; i++)
		hs[i] = s;
	EXPECT(kt_send(s, 1, 0, 0, hs, ARGOT_MSG_MAXHANDLES + 1, 0),
	       -ARGOT_EMSGSIZE);
	EXPECT(kt_send(s, 1, 0, 0, hs, 0x40000000u, 0), -ARGOT_EMSGSIZE);
	/* nothing of those was queued */
	EXPECT(kt_recv(r, &m, 0, 0, 0, 0, 0), -ARGOT_EAGAIN);
	/* exactly the maximum works */
	EXPECT(kt_send(s, 1, 0, 0, hs, ARGOT_MSG_MAXHANDLES, 0), 0);
	int32_t got[8];
	EXPECT(kt_recv(r, &m, 0, 0, got, 8, 0), 0);
	EXPECT(m.rnhnd, 8);
	for (int i = 0; i < 8; i++)
		argot_close(got[i]);
	rt_page_free(big, 17);
	argot_close(s); argot_close(r);
	return KT_PASS;
}

/* A bad handle among the ones sent: the send fails, nothing queued,
 * and the good handles before it are still ours. */
static int t_bad_handle_in_message(void)
{
	int r, s;
	struct argot_msg m;
	OK(kt_pipe(0, &r, &s));
	int32_t hs[2] = { s, 999 };
	EXPECT(kt_send(s, 1, 0, 0, hs, 2, 0), -ARGOT_EBADF);
	EXPECT(kt_recv(r, &m, 0, 0, 0, 0, 0), -ARGOT_EAGAIN);
	int r2, s2;
	OK(kt_pipe(0, &r2, &s2));
	int32_t hm[2] = { r2, 998 };            /* a receive end would move */
	EXPECT(kt_send(s, 1, 0, 0, hm, 2, 0), -ARGOT_EBADF);
	EXPECT(kt_send(s2, 1, 0, 0, 0, 0, 0), 0);
	EXPECT(kt_recv(r2, &m, 0, 0, 0, 0, 0), 0);  /* r2 still ours */
	argot_close(s); argot_close(r); argot_close(s2); argot_close(r2);
	return KT_PASS;
}

static int t_unknown_service(void)
{
	/* the first id past the last kernel-handle service (0x105 before
	 * K_PIPE_IDENTIFY took it) must stay unknown */
	static const uint32_t tags[] = { 0, 1, 0xFF,
	                                 ARGOT_K_PIPE_IDENTIFY + 1, 0x1FF,
	                                 0x9999, 0xFFFF0001u, 0xFFFFFFFFu };
	for (unsigned i = 0; i < sizeof tags / sizeof tags[0]; i++) {
		int a = kcall(rt.kernel, tags[i], 0, 0, 0, 0, 0, 0, 0, 0);
		int b = kcall(rt.self, tags[i], 0, 0, 0, 0, 0, 0, 0, 0);
		if (a != -ARGOT_ENOSYS || b != -ARGOT_ENOSYS)
			KT_FAILF("tag %x: kernel %d process %d", tags[i], a, b);
	}
	return KT_PASS;
}

/* Requests shorter than their struct are malformed. */
static int t_malformed_sizes(void)
{
	uint32_t req[8] = { 4096, 0, 4096, 3, 0 };
	int32_t out[2];
	int mo;
	OK(k_memobj_create(rt.kernel, 4096, &mo));
	int32_t in[1] = { mo };
	struct { int h; uint32_t tag, len; int nin; } bad[] = {
		{ rt.kernel, ARGOT_K_MEMOBJ_CREATE, 0, 0 },
		{ rt.kernel, ARGOT_K_MEMOBJ_CREATE, 2, 0 },
		{ rt.kernel, ARGOT_K_PROC_CREATE, 16, 0 },
		{ rt.self, ARGOT_PROC_MAP, 16, 1 },
		{ rt.self, ARGOT_PROC_MAP, 0, 1 },
		{ rt.self, ARGOT_PROC_THREAD_CREATE, 8, 0 },
		{ rt.thread, ARGOT_THREAD_SET_TLS, 2, 0 },
		{ rt.thread, ARGOT_THREAD_SET_REGS, 12, 0 },
		{ kt_bi->ioports, ARGOT_IOPORT_SUB, 4, 0 },
		{ rt.self, ARGOT_PROC_MAP, 20, 0 },       /* no memobj given */
	};
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int r = kcall(bad[i].h, bad[i].tag, req, bad[i].len, in,
		              bad[i].nin, 0, 0, out, 2);
		if (r != -ARGOT_EINVAL)
			KT_FAILF("request %x with %u bytes gave %d",
			         bad[i].tag, bad[i].len, r);
	}
	argot_close(mo);
	return KT_PASS;
}

/* Bad values inside well-formed requests. */
static int t_bad_map_values(void)
{
	int mo;
	uint32_t rw = ARGOT_PROT_READ | ARGOT_PROT_WRITE;
	OK(k_memobj_create(rt.kernel, 8192, &mo));
	struct { uint32_t va, off, size, flags; } bad[] = {
		{ 0x50000123, 0, 4096, ARGOT_MAP_FIXED },  /* unaligned */
		{ 0x50000000, 123, 4096, ARGOT_MAP_FIXED },
		{ 0x50000000, 0, 0, ARGOT_MAP_FIXED },      /* empty */
		{ 0x50000000, 8192, 4096, ARGOT_MAP_FIXED },/* past the end */
		{ 0x50000000, 0, 3 * 4096, ARGOT_MAP_FIXED },
		{ KADDR, 0, 4096, ARGOT_MAP_FIXED },        /* the kernel */
		{ KADDR - 4096, 0, 8192, ARGOT_MAP_FIXED }, /* straddles */
		{ 0, 0, 4096, ARGOT_MAP_FIXED },            /* page 0 */
		{ 0xFFFFF000u, 0, 8192, ARGOT_MAP_FIXED },  /* wraps */
	};
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		uint32_t used;
		int r = k_proc_map(rt.self, mo, bad[i].va, bad[i].off,
		                   bad[i].size, rw, bad[i].flags, &used);
		if (r >= 0)
			KT_FAILF("map #%u accepted at %x", i, used);
	}
	CHECK(k_proc_unmap(rt.self, KADDR, 4096) < 0);
	CHECK(k_proc_protect(rt.self, KADDR, 4096, rw) < 0);
	int x;
	CHECK(k_memobj_create(rt.kernel, 0xFFFFF000u, &x) == -ARGOT_ENOMEM);
	argot_close(mo);
	/* and the kernel is fine */
	struct argot_k_info info;
	EXPECT(k_info(rt.kernel, &info), 0);
	return KT_PASS;
}

struct flood { int send, id; volatile int done; int fails; };

static void flooder(void *arg)
{
	struct flood *f = arg;
	for (uint32_t i = 0; i < 20; i++) {
		uint32_t v = (uint32_t)f->id << 16 | i;
		if (kt_send(f->send, 0xF100D, &v, 4, 0, 0, 5000) < 0)
			f->fails++;
	}
	f->done = 1;
}

/* Eight senders at a full queue: all blocked, none lost, order kept per
 * sender. */
static int t_sender_flood(void)
{
	enum { N = 8 };
	int r, s, th[N];
	static struct flood f[N];
	uint32_t next[N] = { 0 };
	OK(kt_pipe(0, &r, &s));
	for (int i = 0; i < N; i++) {
		f[i] = (struct flood){ .send = s, .id = i };
		OK(kt_thread(flooder, &f[i], 0, &th[i]));
	}
	rt_sleep(50);                        /* let the queue fill */
	for (int n = 0; n < N * 20; n++) {
		struct argot_msg m;
		uint32_t v;
		if (kt_recv(r, &m, &v, 4, 0, 0, 3000) < 0)
			KT_FAILF("message %d of %d never came", n, N * 20);
		uint32_t id = v >> 16;
		CHECK(id < N);
		if ((v & 0xFFFF) != next[id])
			KT_FAILF("sender %u: got %u, expected %u", id,
			         v & 0xFFFF, next[id]);
		next[id]++;
	}
	for (int i = 0; i < N; i++) {
		EXPECT(kt_wait_flag(&f[i].done, 1, 2000), 0);
		EXPECT(f[i].fails, 0);
		argot_close(th[i]);
	}
	argot_close(s); argot_close(r);
	return KT_PASS;
}

/* Senders blocked on a full queue get EPIPE when the receiver goes. */
static int t_flood_then_close(void)
{
	enum { N = 4 };
	int r, s, th[N];
	static struct flood f[N];
	OK(kt_pipe(0, &r, &s));
	for (uint32_t i = 0; i < ARGOT_PIPE_QUEUE; i++)
		EXPECT(kt_send(s, i, 0, 0, 0, 0, 0), 0);
	for (int i = 0; i < N; i++) {
		f[i] = (struct flood){ .send = s, .id = i };
		OK(kt_thread(flooder, &f[i], 0, &th[i]));
	}
	rt_sleep(50);
	for (int i = 0; i < N; i++)
		CHECK(!f[i].done);
	uint64_t t0 = rt_now_ns();
	EXPECT(argot_close(r), 0);
	for (int i = 0; i < N; i++) {
		EXPECT(kt_wait_flag(&f[i].done, 1, 2000), 0);
		EXPECT(f[i].fails, 20);         /* every send failed */
		argot_close(th[i]);
	}
	CHECK(kt_ms_since(t0) < 1000);        /* at once, not by timeout */
	argot_close(s);
	return KT_PASS;
}

/* A receive end sent into its own queue makes a cycle that only the
 * kernel can break; whatever it answers, it must survive the close. */
static int t_self_send_receive_end(void)
{
	int r, s;
	OK(kt_pipe(0, &r, &s));
	int32_t h[1] = { r };
	/* the receive end travels into its own queue: allowed or refused,
	 * but the kernel must survive and reclaim it when s closes */
	int res = kt_send(s, 1, 0, 0, h, 1, 0);
	argot_close(s);
	if (res < 0)
		argot_close(r);
	struct argot_k_info info;
	EXPECT(k_info(rt.kernel, &info), 0);
	return KT_PASS;
}

const struct kt_test kt_badinput[] = {
	{ "bad_handles", t_bad_handles },
	{ "bad_wrong_type_service", t_wrong_type_service },
	{ "bad_wrong_type_argument", t_wrong_type_argument },
	{ "bad_msg_pointer", t_bad_msg_pointer },
	{ "bad_buffers", t_bad_buffers },
	{ "bad_oversize", t_oversize },
	{ "bad_handle_in_message", t_bad_handle_in_message },
	{ "bad_unknown_service_enosys", t_unknown_service },
	{ "bad_malformed_sizes_einval", t_malformed_sizes },
	{ "bad_map_values", t_bad_map_values },
	{ "bad_sender_flood", t_sender_flood },
	{ "bad_flood_then_close", t_flood_then_close },
	{ "bad_self_send_receive_end", t_self_send_receive_end },
	{ 0, 0 },
};

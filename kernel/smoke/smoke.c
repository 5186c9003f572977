/*
 * smoke.c - a freestanding first process that checks the kernel's main
 * paths from user space and prints one line per check on COM1 (after
 * granting itself the port).  Not the test suite (tests/kernel/): a
 * quick "does it boot and basically work" for kernel development.
 */
#include <argot/kernel.h>

static int fails;
static struct argot_bootinfo *bi;

static int sys(int n, int h, void *m, unsigned f)
{
	int r;
	__asm__ volatile("int $0x40" : "=a"(r) : "a"(n), "b"(h), "c"(m), "d"(f) : "memory");
	return r;
}
static void outb(unsigned short p, unsigned char v) { __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(p)); }
static unsigned char inb(unsigned short p) { unsigned char v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(p)); return v; }
static void putc(char c) { while (!(inb(0x3fd) & 0x20)) ; outb(0x3f8, c); }
static void puts(const char *s) { while (*s) putc(*s++); }
static void putn(int v)
{
	char b[12]; int i = 0; unsigned u = v < 0 ? -v : v;
	if (v < 0) putc('-');
	do b[i++] = '0' + u % 10; while (u /= 10);
	while (i) putc(b[--i]);
}
static void check(const char *what, int ok, int val)
{
	puts(ok ? "smoke: ok   " : "smoke: FAIL "); puts(what); puts(" ("); putn(val); puts(")\n");
	if (!ok) fails++;
}

/* A kernel request: data in, handles in, data out, handles out. */
static int kreq(int h, unsigned tag, const void *req, unsigned rl, const int *in, unsigned nin,
		void *rep, unsigned rc, int *out, unsigned oc)
{
	struct argot_msg m = { .tag = tag, .sbuf = req, .slen = rl, .shnd = in, .snhnd = nin,
			       .rbuf = rep, .rcap = rc, .rhnd = out, .rhcap = oc,
			       .timeout = ARGOT_FOREVER };
	return sys(ARGOT_SYS_SEND, h, &m, ARGOT_CALL);
}

static int pipe(unsigned label, int *r, int *s)
{
	int o[2] = { -1, -1 };
	int e = kreq(bi->kernel, ARGOT_K_PIPE_CREATE, &label, 4, 0, 0, 0, 0, o, 2);
	*r = o[0]; *s = o[1];
	return e;
}

static unsigned map_new(int proc, unsigned va, unsigned size, int *mo)
{
	int h;
	unsigned got = 0;
	if (kreq(bi->kernel, ARGOT_K_MEMOBJ_CREATE, &size, 4, 0, 0, 0, 0, &h, 1))
		return 0;
	struct argot_proc_map pm = { va, 0, size, ARGOT_PROT_READ | ARGOT_PROT_WRITE, va ? ARGOT_MAP_FIXED : 0 };
	if (kreq(proc, ARGOT_PROC_MAP, &pm, sizeof pm, &h, 1, &got, 4, 0, 0))
		return 0;
	if (mo) *mo = h;
	return got;
}

static int server_pipe;

static void server(void)
{
	char buf[64];
	for (;;) {
		struct argot_msg m = { .rbuf = buf, .rcap = sizeof buf, .timeout = ARGOT_FOREVER };
		if (sys(ARGOT_SYS_RECV, server_pipe, &m, 0) < 0)
			continue;
		if (m.tag == ARGOT_MSG_NOSENDERS)
			continue;
		buf[0] = 'P';
		struct argot_msg r = { .tag = m.tag + 1, .sbuf = buf, .slen = m.rlen };
		sys(ARGOT_SYS_SEND, m.reply, &r, 0);
	}
}

/* Runs in a second process at the same addresses; eax = its send handle. */
static void __attribute__((noinline)) child(int h)
{
	char buf[8] = "ping";
	struct argot_msg m = { .tag = 7, .sbuf = buf, .slen = 4, .rbuf = buf, .rcap = 8,
			       .timeout = ARGOT_FOREVER };
	int r = sys(ARGOT_SYS_SEND, h, &m, ARGOT_CALL);
	if (r == 0 && m.tag == 8 && buf[0] == 'P')
		*(volatile int *)0x10 = 1;   /* fault on purpose: expected */
	for (;;)
		__asm__ volatile("ud2");     /* a different death if the call failed */
}

void child_entry(void)
{
	int h;
	__asm__ volatile("" : "=a"(h));
	child(h);
}

extern char __executable_start[], _end[];

/* ---- fuzz: a child makes random calls; the kernel must survive ---- */
#ifndef FZ_FIRST
#define FZ_FIRST 1
#endif
#ifndef FZ_ITERS
#define FZ_ITERS 3000
#endif
static unsigned rnd_state;
static unsigned rnd(void)
{
	rnd_state ^= rnd_state << 13; rnd_state ^= rnd_state >> 17; rnd_state ^= rnd_state << 5;
	return rnd_state;
}
static const unsigned fz_tags[] = {
	0x100, 0x101, 0x102, 0x103, 0x104, 0x200, 0x201, 0x300, 0x301, 0x302, 0x303, 0x304,
	0x305, 0x306, 0x307, 0x308, 0x309, 0x30a, 0x30b, 0x400, 0x401, 0x402, 0x403, 0x404,
	0x405, 0x406, 0x407, 0x500, 0x501, 0x600, 0x601, 0x602, 0x700, 0x701, 0x800, 0x801,
	0x802, 1, 0xffff0001u,
};
static char fz_buf[8192] __attribute__((aligned(4096)));

static unsigned fz_ptr(void)
{
	static const unsigned bad[] = { 0, 0x10, 0xc0000000u, 0xbffffff8u, 0xfffff000u, 0x61000000u };
	switch (rnd() % 6) {
	case 0: return bad[rnd() % 6];
	case 1: return (unsigned)fz_buf + rnd() % sizeof fz_buf;
	default: return (unsigned)fz_buf + (rnd() % 64) * 4;
	}
}
static unsigned fz_len(void)
{
	static const unsigned l[] = { 0, 4, 8, 12, 20, 24, 44, 64, 4096, 65536, 65537, 0xffffffffu };
	return rnd() % 4 ? l[rnd() % 12] : rnd();
}
static int fz_handle(void)
{
	int h = rnd() % 4 ? (int)(rnd() % 48) : (int)rnd();
	return rnd() % 8 ? h : (h | ARGOT_HMOVE);
}

static void fuzz_child(unsigned seed)
{
	rnd_state = seed | 1;
	for (int i = 0; i < FZ_ITERS; i++) {
		unsigned *w = (unsigned *)fz_buf;
		for (int j = 0; j < 64; j++)
			w[j] = rnd() % 3 ? rnd() % 64 : rnd();
		int hs[8];
		for (int j = 0; j < 8; j++)
			hs[j] = fz_handle();
		struct argot_msg m = {
			.tag = rnd() % 8 ? fz_tags[rnd() % (sizeof fz_tags / 4)] : rnd(),
			.timeout = rnd() % 4 ? 0 : rnd() % 3,
			.sbuf = (void *)fz_ptr(), .slen = fz_len(),
			.shnd = rnd() % 2 ? hs : (void *)fz_ptr(), .snhnd = rnd() % 4 ? rnd() % 4 : rnd(),
			.rbuf = (void *)fz_ptr(), .rcap = fz_len(),
			.rhnd = (void *)fz_ptr(), .rhcap = rnd() % 4 ? rnd() % 4 : rnd(),
		};
		void *mp = rnd() % 16 ? (void *)&m : (void *)fz_ptr();
		int h = rnd() % 8 ? (int)(rnd() % 48) - 2 : (int)rnd();
		unsigned flags = rnd() % 4;
		/* self-destruction ends the round early: make it rare */
		if ((m.tag == ARGOT_PROC_EXIT || m.tag == ARGOT_PROC_KILL || m.tag == ARGOT_PROC_UNMAP ||
		     m.tag == ARGOT_PROC_PROTECT || m.tag == ARGOT_THREAD_EXIT ||
		     m.tag == ARGOT_THREAD_SUSPEND || m.tag == ARGOT_PROC_MAP) && rnd() % 16)
			continue;
		switch (rnd() % 8) {
		case 0: sys(ARGOT_SYS_RECV, h, mp, flags); break;
		case 1: if (h > 2) sys(ARGOT_SYS_CLOSE, h, 0, 0); break;
		default: sys(ARGOT_SYS_SEND, h, mp, flags); break;
		}
	}
	kreq(1, ARGOT_PROC_EXIT, &(unsigned){ 0 }, 4, 0, 0, 0, 0, 0, 0);
}

static void fuzz_entry(void)
{
	unsigned seed;
	__asm__ volatile("" : "=a"(seed));
	fuzz_child(seed);
	for (;;)
		;
}

static void test_fuzz(void)
{
	struct argot_k_info a, b;
	kreq(bi->kernel, ARGOT_K_INFO, 0, 0, 0, 0, &a, sizeof a, 0, 0);
	unsigned lo = (unsigned)__executable_start & ~4095u, hi = ((unsigned)_end + 4095) & ~4095u;
	int rounds = 0, hung = 0, deaths[3] = { 0 };
	for (unsigned seed = FZ_FIRST; seed < FZ_FIRST + 40; seed++) {
		int cp, img, stk, dr, ds, th;
		struct argot_k_proc_create pc = { "fuzz", 10, 512 };
		if (kreq(bi->kernel, ARGOT_K_PROC_CREATE, &pc, sizeof pc, 0, 0, 0, 0, &cp, 1))
			break;
		/* handle 0: kernel, 1: itself (lowest free numbers in a new process) */
		int got;
		kreq(cp, ARGOT_PROC_HANDLE_GIVE, 0, 0, &bi->kernel, 1, &got, 4, 0, 0);
		kreq(cp, ARGOT_PROC_HANDLE_GIVE, 0, 0, &cp, 1, &got, 4, 0, 0);
		unsigned va = map_new(bi->self, 0, hi - lo, &img);
		for (unsigned i = 0; i < hi - lo; i++)
			((char *)va)[i] = ((char *)lo)[i];
		struct argot_proc_unmap_range { unsigned va, size, prot; } ur = { va, hi - lo, 0 };
		kreq(bi->self, ARGOT_PROC_UNMAP, &ur, sizeof ur, 0, 0, 0, 0, 0, 0);
		struct argot_proc_map pm = { lo, 0, hi - lo, 3, ARGOT_MAP_FIXED };
		unsigned u;
		kreq(cp, ARGOT_PROC_MAP, &pm, sizeof pm, &img, 1, &u, 4, 0, 0);
		sys(ARGOT_SYS_CLOSE, img, 0, 0);
		kreq(bi->kernel, ARGOT_K_MEMOBJ_CREATE, &(unsigned){ 16384 }, 4, 0, 0, 0, 0, &stk, 1);
		struct argot_proc_map sm = { 0x70000000, 0, 16384, 3, ARGOT_MAP_FIXED };
		kreq(cp, ARGOT_PROC_MAP, &sm, sizeof sm, &stk, 1, &u, 4, 0, 0);
		sys(ARGOT_SYS_CLOSE, stk, 0, 0);
		pipe(0, &dr, &ds);
		kreq(cp, ARGOT_PROC_WATCH, &seed, 4, &ds, 1, 0, 0, 0, 0);
		sys(ARGOT_SYS_CLOSE, ds, 0, 0);
		struct argot_proc_thread_create ct = { (unsigned)fuzz_entry, 0x70004000 - 16, seed * 7919, 5, 0 };
		kreq(cp, ARGOT_PROC_THREAD_CREATE, &ct, sizeof ct, 0, 0, 0, 0, &th, 1);
		struct argot_death d;
		struct argot_msg dm = { .rbuf = &d, .rcap = sizeof d, .timeout = 3000 };
		if (sys(ARGOT_SYS_RECV, dr, &dm, 0) != 0) {
			hung++;
			kreq(cp, ARGOT_PROC_KILL, 0, 0, 0, 0, 0, 0, 0, 0);
			dm.timeout = 3000;
			sys(ARGOT_SYS_RECV, dr, &dm, 0);
		}
		if (d.how < 3)
			deaths[d.how]++;
		rounds++;
		sys(ARGOT_SYS_CLOSE, th, 0, 0);
		sys(ARGOT_SYS_CLOSE, cp, 0, 0);
		sys(ARGOT_SYS_CLOSE, dr, 0, 0);
	}
	puts("smoke: fuzz rounds: exit "); putn(deaths[0]); puts(" killed "); putn(deaths[1]);
	puts(" fault "); putn(deaths[2]); puts(" hung "); putn(hung); puts("\n");
	int e = kreq(bi->kernel, ARGOT_K_INFO, 0, 0, 0, 0, &b, sizeof b, 0, 0);
	check("fuzz: kernel alive", e == 0 && rounds == 40, rounds);
	/* a child left with only suspended or blocked threads lives on */
	check("fuzz: processes", b.nprocs >= a.nprocs, b.nprocs);
	check("fuzz: memory back", b.free_pages + 64 >= a.free_pages, (int)(a.free_pages - b.free_pages));
}

static void test_basics(void)
{
	struct argot_k_info ki;
	struct argot_k_clock kc;
	int e = kreq(bi->kernel, ARGOT_K_INFO, 0, 0, 0, 0, &ki, sizeof ki, 0, 0);
	check("K_INFO", e == 0 && ki.mem_pages > 1000 && ki.nprocs == 1, ki.free_pages);
	e = kreq(bi->kernel, ARGOT_K_CLOCK, 0, 0, 0, 0, &kc, sizeof kc, 0, 0);
	check("K_CLOCK", e == 0 && kc.tsc_hz > 1000000 && kc.ns > 0, (int)(kc.tsc_hz / 1000000));
	check("bad handle", sys(ARGOT_SYS_CLOSE, 999, 0, 0) == -ARGOT_EBADF, 0);
	check("bad syscall", sys(9, 0, 0, 0) == -ARGOT_ENOSYS, 0);
	check("bad pointer", sys(ARGOT_SYS_SEND, bi->kernel, (void *)0x10, 0) == -ARGOT_EFAULT, 0);
	check("kernel pointer", sys(ARGOT_SYS_SEND, bi->kernel, (void *)0xc0100000, 0) == -ARGOT_EFAULT, 0);
	e = kreq(bi->kernel, 0x999, 0, 0, 0, 0, 0, 0, 0, 0);
	check("unknown request", e == -ARGOT_ENOSYS, e);
	unsigned va = map_new(bi->self, 0, 3 * 4096, 0);
	if (va) { ((volatile char *)va)[0] = 1; ((volatile char *)va)[3 * 4096 - 1] = 2; }
	check("memobj map", va != 0, (int)va);
}

static void test_pipes(void)
{
	int r = -1, s = -1;
	char buf[32];
	check("pipe create", pipe(42, &r, &s) == 0, r);
	struct argot_msg m = { .tag = 5, .sbuf = "hello", .slen = 5 };
	check("send", sys(ARGOT_SYS_SEND, s, &m, 0) == 0, 0);
	struct argot_msg q = { .rbuf = buf, .rcap = sizeof buf };
	int e = sys(ARGOT_SYS_RECV, r, &q, 0);
	check("recv", e == 0 && q.tag == 5 && q.label == 42 && q.rlen == 5 && buf[4] == 'o' &&
	      q.reply == ARGOT_NOHANDLE, e);
	e = sys(ARGOT_SYS_RECV, r, &q, ARGOT_NONBLOCK);
	check("recv empty poll", e == -ARGOT_EAGAIN, e);
	q.timeout = 30;
	e = sys(ARGOT_SYS_RECV, r, &q, 0);
	check("recv timeout", e == -ARGOT_ETIMEDOUT, e);
	int i, n = 0;
	for (i = 0; i < 20; i++)
		if (sys(ARGOT_SYS_SEND, s, &m, ARGOT_NONBLOCK) == 0) n++;
	check("queue bound", n == ARGOT_PIPE_QUEUE, n);
	m.timeout = 20;
	e = sys(ARGOT_SYS_SEND, s, &m, 0);
	check("full queue timeout", e == -ARGOT_ETIMEDOUT, e);
	q.rcap = 2;
	e = sys(ARGOT_SYS_RECV, r, &q, 0);
	check("EMSGSIZE", e == -ARGOT_EMSGSIZE && q.rlen == 5, e);
	q.rcap = sizeof buf;
	for (i = 0; i < 16; i++) sys(ARGOT_SYS_RECV, r, &q, 0);
	/* handle transfer: a send handle travels, no-senders when all close */
	int s2 = -1;
	struct argot_msg t = { .tag = 1, .shnd = &s, .snhnd = 1 };
	check("send handle", sys(ARGOT_SYS_SEND, s, &t, 0) == 0, 0);
	q.rhnd = &s2; q.rhcap = 1;
	e = sys(ARGOT_SYS_RECV, r, &q, 0);
	check("recv handle", e == 0 && q.rnhnd == 1 && s2 >= 0 && s2 != s, s2);
	sys(ARGOT_SYS_CLOSE, s, 0, 0);
	sys(ARGOT_SYS_CLOSE, s2, 0, 0);
	e = sys(ARGOT_SYS_RECV, r, &q, 0);
	check("no-senders", e == 0 && q.tag == ARGOT_MSG_NOSENDERS, (int)q.tag);
	int r2, s3;
	pipe(1, &r2, &s3);
	sys(ARGOT_SYS_CLOSE, r2, 0, 0);
	e = sys(ARGOT_SYS_SEND, s3, &m, 0);
	check("EPIPE after receive end closed", e == -ARGOT_EPIPE, e);
	sys(ARGOT_SYS_CLOSE, r, 0, 0);
	sys(ARGOT_SYS_CLOSE, s3, 0, 0);
}

static void test_call_and_death(void)
{
	int r, s, dr, ds, th;
	pipe(9, &r, &s);
	server_pipe = r;
	unsigned stk = map_new(bi->self, 0, 16384, 0);
	struct argot_proc_thread_create tc = { (unsigned)server, stk + 16384 - 16, 0, 12, 0 };
	int e = kreq(bi->self, ARGOT_PROC_THREAD_CREATE, &tc, sizeof tc, 0, 0, 0, 0, &th, 1);
	check("thread create", e == 0, e);
	char buf[8] = "abc";
	struct argot_msg m = { .tag = 100, .sbuf = buf, .slen = 3, .rbuf = buf, .rcap = 8,
			       .timeout = ARGOT_FOREVER };
	e = sys(ARGOT_SYS_SEND, s, &m, ARGOT_CALL);
	struct argot_k_clock c0, c1;
	kreq(bi->kernel, ARGOT_K_CLOCK, 0, 0, 0, 0, &c0, sizeof c0, 0, 0);
	for (int i = 0; i < 2000; i++) {
		struct argot_msg n = { .tag = 1, .rbuf = buf, .rcap = 8, .timeout = ARGOT_FOREVER };
		sys(ARGOT_SYS_SEND, s, &n, ARGOT_CALL);
	}
	kreq(bi->kernel, ARGOT_K_CLOCK, 0, 0, 0, 0, &c1, sizeof c1, 0, 0);
	for (int i = 0; i < 2000; i++)
		kreq(bi->kernel, ARGOT_K_INFO, 0, 0, 0, 0, buf, 0, 0, 0);
	struct argot_k_clock c2;
	kreq(bi->kernel, ARGOT_K_CLOCK, 0, 0, 0, 0, &c2, sizeof c2, 0, 0);
	puts("smoke: null RPC ns "); putn((int)((c1.ns - c0.ns) / 2000));
	puts(", null kernel call ns "); putn((int)((c2.ns - c1.ns) / 2000)); puts("\n");
	check("call/reply", e == 0 && m.tag == 101 && m.rlen == 3 && buf[0] == 'P', e);

	/* a second process running a copy of this image */
	int child_p, img;
	struct argot_k_proc_create pc = { "smoke-child", 10, 256 };
	e = kreq(bi->kernel, ARGOT_K_PROC_CREATE, &pc, sizeof pc, 0, 0, 0, 0, &child_p, 1);
	check("proc create", e == 0, e);
	unsigned lo = (unsigned)__executable_start & ~4095u, hi = ((unsigned)_end + 4095) & ~4095u;
	unsigned va = map_new(bi->self, 0, hi - lo, &img);
	for (unsigned i = 0; i < hi - lo; i++)
		((char *)va)[i] = ((char *)lo)[i];
	struct argot_proc_map pm = { lo, 0, hi - lo, ARGOT_PROT_READ | ARGOT_PROT_WRITE, ARGOT_MAP_FIXED };
	unsigned got;
	e = kreq(child_p, ARGOT_PROC_MAP, &pm, sizeof pm, &img, 1, &got, 4, 0, 0);
	check("map into child", e == 0 && got == lo, e);
	int cst;
	kreq(bi->kernel, ARGOT_K_MEMOBJ_CREATE, &(unsigned){8192}, 4, 0, 0, 0, 0, &cst, 1);
	struct argot_proc_map sm = { 0x70000000, 0, 8192, 3, ARGOT_MAP_FIXED };
	kreq(child_p, ARGOT_PROC_MAP, &sm, sizeof sm, &cst, 1, &got, 4, 0, 0);
	int ch;
	e = kreq(child_p, ARGOT_PROC_HANDLE_GIVE, 0, 0, &s, 1, &ch, 4, 0, 0);
	check("handle give", e == 0 && ch >= 0, ch);
	pipe(0, &dr, &ds);
	unsigned cookie = 0x1234;
	e = kreq(child_p, ARGOT_PROC_WATCH, &cookie, 4, &ds, 1, 0, 0, 0, 0);
	check("watch", e == 0, e);
	struct argot_proc_thread_create ct = { (unsigned)child_entry, 0x70002000 - 16, ch, 10, 0 };
	int cth;
	e = kreq(child_p, ARGOT_PROC_THREAD_CREATE, &ct, sizeof ct, 0, 0, 0, 0, &cth, 1);
	check("child thread", e == 0, e);
	struct argot_death d;
	struct argot_msg dm = { .rbuf = &d, .rcap = sizeof d, .timeout = 2000 };
	e = sys(ARGOT_SYS_RECV, dr, &dm, 0);
	check("death message", e == 0 && dm.tag == ARGOT_MSG_DEATH && d.cookie == 0x1234, e);
	check("death by page fault", d.how == ARGOT_DEATH_FAULT && d.status == 14 && d.cr2 == 0x10,
	      (int)d.status);
	struct argot_proc_info pi;
	e = kreq(child_p, ARGOT_PROC_INFO, 0, 0, 0, 0, &pi, sizeof pi, 0, 0);
	check("dead child info", e == -ARGOT_ESRCH, e);
	e = kreq(child_p, ARGOT_PROC_KILL, 0, 0, 0, 0, 0, 0, 0, 0);
	check("kill dead child", e == -ARGOT_ESRCH, e);
}

__asm__(".globl _start\n_start:\n\tpushl (%esp)\n\tcall smoke_main\n");


/* Eat all memory, then poke every allocating path: ENOMEM, never a crash. */
static void test_oom(void)
{
	static int mos[4096];
	int n = 0, e = 0, sz = 1 << 20;
	struct argot_k_info a, b;
	kreq(bi->kernel, ARGOT_K_INFO, 0, 0, 0, 0, &a, sizeof a, 0, 0);
	while (n < 4096) {
		e = kreq(bi->kernel, ARGOT_K_MEMOBJ_CREATE, &sz, 4, 0, 0, 0, 0, &mos[n], 1);
		if (e == 0) { n++; continue; }
		if (sz == 4096)
			break;
		sz >>= 1;
	}
	check("oom: memobjs until ENOMEM", e == -ARGOT_ENOMEM && n > 10, n);
	int r, s, fails = 0, ok = 0;
	for (int i = 0; i < 200; i++) {
		e = pipe(i, &r, &s);
		if (e == 0) { ok++; sys(ARGOT_SYS_CLOSE, r, 0, 0); sys(ARGOT_SYS_CLOSE, s, 0, 0); }
		else if (e == -ARGOT_ENOMEM) fails++;
	}
	int th;
	struct argot_proc_thread_create tc = { (unsigned)server, 0x1000, 0, 1, 1 };
	e = kreq(bi->self, ARGOT_PROC_THREAD_CREATE, &tc, sizeof tc, 0, 0, 0, 0, &th, 1);
	int e2 = kreq(bi->kernel, ARGOT_K_PROC_CREATE, &(struct argot_k_proc_create){ "x", 1, 1 },
		      sizeof(struct argot_k_proc_create), 0, 0, 0, 0, &th, 1);
	check("oom: the kernel answers", (e == 0 || e == -ARGOT_ENOMEM) &&
	      (e2 == 0 || e2 == -ARGOT_ENOMEM), e);
	if (e == 0)
		kreq(th, ARGOT_THREAD_EXIT, 0, 0, 0, 0, 0, 0, 0, 0);
	for (int i = 0; i < n; i++)
		sys(ARGOT_SYS_CLOSE, mos[i], 0, 0);
	kreq(bi->kernel, ARGOT_K_INFO, 0, 0, 0, 0, &b, sizeof b, 0, 0);
	check("oom: memory back", b.free_pages + 64 >= a.free_pages, (int)(a.free_pages - b.free_pages));
	check("oom: pipes work again", pipe(1, &r, &s) == 0, ok);
}


/* Two threads keep x87 and SSE values live across preemption. */
static volatile int fpu_bad[2], fpu_done[2];
static void fpu_worker(int id)
{
	for (int round = 0; round < 40; round++) {
		double x = id + 1.0;
		unsigned v;
		__asm__ volatile("movd %0, %%xmm1" : : "r"(id + 7u));
		for (int i = 0; i < 20000; i++)
			x = x * 1.0000001 + 0.5;   /* stays in an x87 register */
		__asm__ volatile("movd %%xmm1, %0" : "=r"(v));
		double y = id + 1.0;
		for (int i = 0; i < 20000; i++)
			y = y * 1.0000001 + 0.5;
		if (x != y || v != id + 7u)
			fpu_bad[id]++;
	}
	fpu_done[id] = 1;
	for (;;)
		__asm__ volatile("pause");
}
static void fpu_entry(void)
{
	int id;
	__asm__ volatile("" : "=a"(id));
	fpu_worker(id);
}
static void test_fpu(void)
{
	int th[2];
	for (int i = 0; i < 2; i++) {
		unsigned stk = map_new(bi->self, 0, 16384, 0);
		struct argot_proc_thread_create tc = { (unsigned)fpu_entry, stk + 16384 - 64, i, 10, 0 };
		kreq(bi->self, ARGOT_PROC_THREAD_CREATE, &tc, sizeof tc, 0, 0, 0, 0, &th[i], 1);
	}
	struct argot_msg m = { .timeout = 100 };
	int r, s;
	pipe(0, &r, &s);
	for (int i = 0; i < 600 && !(fpu_done[0] && fpu_done[1]); i++)
		sys(ARGOT_SYS_RECV, r, &m, 0);        /* sleep 100 ms */
	for (int i = 0; i < 2; i++)
		kreq(th[i], ARGOT_THREAD_EXIT, 0, 0, 0, 0, 0, 0, 0, 0);
	check("fpu/sse state per thread", fpu_done[0] && fpu_done[1] && !fpu_bad[0] && !fpu_bad[1],
	      fpu_bad[0] + fpu_bad[1]);
}

void smoke_main(struct argot_bootinfo *b)
{
	bi = b;
	int self = bi->self;
	kreq(bi->ioports, ARGOT_IOPORT_GRANT, 0, 0, &self, 1, 0, 0, 0, 0);
	puts("smoke: started\n");
	check("bootinfo", bi->magic == ARGOT_BOOTINFO_MAGIC, bi->nmods);
	test_basics();
	test_pipes();
	test_call_and_death();
	test_fpu();
	test_fuzz();
	test_oom();
	puts(fails ? "smoke: FAILED\n" : "smoke: all passed\n");
	outb(0xf4, fails ? 1 : 0);
	for (;;)
		;
}

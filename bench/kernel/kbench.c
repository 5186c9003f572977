/*
 * bench/kernel/kbench.c - kernel IPC costs, in one boot, in TSC cycles.
 * The same program is the first process (the client) and, started again
 * from its own module, the server process.  Each figure is the median of
 * many timed runs; the ratios are what matter (TCG emulates the TSC).
 */
#include "rt.h"
#include "kcall.h"

#define RUNS 2000
#define PING 0x9196u

static uint32_t samples[RUNS];

static uint32_t median(uint32_t *v, int n)
{
	for (int gap = n / 2; gap > 0; gap /= 2)      /* shell sort */
		for (int i = gap; i < n; i++)
			for (int j = i; j >= gap && v[j - gap] > v[j]; j -= gap) {
				uint32_t t = v[j];
				v[j] = v[j - gap];
				v[j - gap] = t;
			}
	return v[n / 2];
}

/* ---- the server: answers CALLs empty, turns PINGs into PONGs -------- */
static int serve(struct rt_spawn_args *a)
{
	static char buf[ARGOT_MSG_MAXDATA];
	rt_init_spawned(a);
	for (;;) {
		struct argot_msg m = { .timeout = ARGOT_FOREVER, .rbuf = buf,
		                       .rcap = sizeof buf };
		if (argot_recv(a->h[0], &m, 0) < 0)
			return 1;
		struct argot_msg r = { .tag = m.tag };
		if (m.reply != ARGOT_NOHANDLE)
			argot_send(m.reply, &r, 0);
		else
			argot_send(a->h[1], &r, 0);
	}
}

/* ---- the client ------------------------------------------------------ */
static int srv_send, pong_recv;
static char *payload;

static uint32_t null_call(void)
{
	struct argot_msg m = { .timeout = 0 };
	uint64_t t0 = rdtsc();
	argot_recv(pong_recv, &m, ARGOT_NONBLOCK);
	return (uint32_t)(rdtsc() - t0);
}

static uint32_t rpc(uint32_t len)
{
	struct argot_msg m = { .tag = 1, .timeout = ARGOT_FOREVER,
	                       .sbuf = payload, .slen = len };
	uint64_t t0 = rdtsc();
	int r = argot_send(srv_send, &m, ARGOT_CALL);
	uint64_t t = rdtsc() - t0;
	return r < 0 ? 0xFFFFFFFFu : (uint32_t)t;
}

static uint32_t ping_pong(void)
{
	struct argot_msg m = { .tag = PING, .timeout = ARGOT_FOREVER };
	struct argot_msg p = { .timeout = ARGOT_FOREVER };
	uint64_t t0 = rdtsc();
	argot_send(srv_send, &m, 0);
	argot_recv(pong_recv, &p, 0);
	return (uint32_t)(rdtsc() - t0);
}

static uint32_t measure(const char *name, uint32_t (*fn)(uint32_t),
                        uint32_t arg)
{
	for (int i = 0; i < 50; i++)           /* warm up */
		fn(arg);
	for (int i = 0; i < RUNS; i++)
		samples[i] = fn(arg);
	uint32_t med = median(samples, RUNS);
	rt_printf("BENCH %-22s median %8u cycles  (min %u, p90 %u, %d runs)\n",
	          name, med, samples[0], samples[RUNS * 9 / 10], RUNS);
	return med;
}

static uint32_t w_null(uint32_t a) { (void)a; return null_call(); }
static uint32_t w_pp(uint32_t a) { (void)a; return ping_pong(); }

static int start_server(struct argot_bootinfo *bi)
{
	int srv_recv, pong_send, proc;
	struct rt_spawn_args a;
	if (bi->nmods < 1)
		return -ARGOT_ENOENT;
	if (k_pipe_create(rt.kernel, 0, &srv_recv, &srv_send) < 0 ||
	    k_pipe_create(rt.kernel, 0, &pong_recv, &pong_send) < 0)
		return -ARGOT_ENOMEM;
	memset(&a, 0, sizeof a);
	a.nh = 2;
	a.h[0] = srv_recv;
	a.h[1] = pong_send;
	return rt_spawn((void *)bi->mods[0].va, bi->mods[0].size, "kbserver",
	                ARGOT_PRIO_DEFAULT, 0, &a, &proc, 0);
}

static int client(struct argot_bootinfo *bi)
{
	if (rt_init_first(bi) < 0)
		return 1;
	struct argot_k_clock c;
	k_clock(rt.kernel, &c);
	rt_printf("BENCH-INFO tsc_hz %u (TCG: emulated cycles, not a real "
	          "CPU's)\n", (uint32_t)c.tsc_hz);
	payload = rt_page_alloc(16, 0);
	if (!payload || start_server(bi) < 0) {
		rt_printf("BENCH-ERROR cannot start the server\n");
		qemu_exit(1);
	}
	uint32_t nc = measure("null_kernel_call", w_null, 0);
	uint32_t r0 = measure("null_rpc_roundtrip", rpc, 0);
	uint32_t pp = measure("pingpong_roundtrip", w_pp, 0);
	uint32_t r4 = measure("rpc_4KiB", rpc, 4096);
	uint32_t r64 = measure("rpc_64KiB", rpc, 65536);
	rt_printf("BENCH context_switch (pingpong/2) %u cycles\n", pp / 2);
	rt_printf("RATIO null_rpc/null_call %u.%02u\n", r0 / nc,
	          (r0 % nc) * 100 / nc);
	rt_printf("RATIO rpc_4KiB/null_rpc %u.%02u\n", r4 / r0,
	          (r4 % r0) * 100 / r0);
	rt_printf("RATIO rpc_64KiB/null_rpc %u.%02u\n", r64 / r0,
	          (r64 % r0) * 100 / r0);
	rt_printf("BENCH-INFO 64KiB copy rate %u bytes/kcycle\n",
	          (uint32_t)(65536ull * 1000 / (r64 > r0 ? r64 - r0 : 1)));
	rt_printf("BENCH DONE\n");
	qemu_exit(0);
}

int rt_main(void *arg)
{
	uint32_t magic = *(uint32_t *)arg;
	if (magic == RT_SPAWN_MAGIC)
		return serve(arg);
	return client(arg);
}

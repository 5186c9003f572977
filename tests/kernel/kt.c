/*
 * tests/kernel/kt.c - helpers shared by the kernel tests: pipes, messages,
 * threads, a server thread, and child processes from the ktchild module.
 */
#include "kt.h"

char kt_why[200];

int kt_pipe(uint32_t label, int *recv_end, int *send)
{
	return k_pipe_create(rt.kernel, label, recv_end, send);
}

int kt_send(int h, uint32_t tag, const void *data, uint32_t len,
            const int32_t *hnd, uint32_t nh, uint32_t timeout)
{
	struct argot_msg m = {
		.tag = tag, .timeout = timeout, .sbuf = data, .slen = len,
		.shnd = hnd, .snhnd = nh,
	};
	return argot_send(h, &m, 0);
}

int kt_recv(int h, struct argot_msg *m, void *buf, uint32_t cap,
            int32_t *hbuf, uint32_t hcap, uint32_t timeout)
{
	memset(m, 0, sizeof *m);
	m->timeout = timeout;
	m->rbuf = buf;
	m->rcap = cap;
	m->rhnd = hbuf;
	m->rhcap = hcap;
	m->reply = 0x7777;      /* must be overwritten by the kernel */
	return argot_recv(h, m, 0);
}

int kt_wait_flag(volatile int *flag, int want, uint32_t ms)
{
	uint64_t t0 = rt_now_ns();
	while (*flag != want) {
		if (kt_ms_since(t0) > ms)
			return -ARGOT_ETIMEDOUT;
		rt_sleep(2);
	}
	return 0;
}

int kt_thread(void (*fn)(void *), void *arg, uint32_t prio, int *h)
{
	return rt_thread_create(fn, arg, prio, 0, h);
}

uint32_t kt_ms_since(uint64_t ns0)
{
	return (uint32_t)((rt_now_ns() - ns0) / 1000000u);
}

/* ---- the server thread ------------------------------------------------ */
static void server_loop(void *arg)
{
	struct kt_server *s = arg;
	char buf[256];
	struct argot_msg m;
	for (;;) {
		if (kt_recv(s->recv, &m, buf, sizeof buf, 0, 0,
		            ARGOT_FOREVER) < 0)
			break;
		s->got++;
		if (m.tag == KT_STOP)
			break;
		if (m.reply == ARGOT_NOHANDLE)
			continue;
		if (s->mode == KT_SRV_CLOSE_REPLY) {
			argot_close(m.reply);
		} else if (s->mode == KT_SRV_HOLD) {
			s->held_reply = m.reply;
		} else {
			struct argot_msg r = { .tag = m.tag + 1, .sbuf = buf,
			                       .slen = m.rlen };
			argot_send(m.reply, &r, 0);
		}
	}
	s->done = 1;
}

int kt_server_start(struct kt_server *s, int recv, enum kt_srv_mode mode)
{
	memset(s, 0, sizeof *s);
	s->recv = recv;
	s->mode = mode;
	s->held_reply = ARGOT_NOHANDLE;
	return kt_thread(server_loop, s, 0, &s->thread);
}

void kt_server_stop(struct kt_server *s, int send)
{
	if (!s->done) {
		kt_send(send, KT_STOP, 0, 0, 0, 0, 1000);
		kt_wait_flag(&s->done, 1, 2000);
	}
	argot_close(s->thread);
}

/* ---- child processes ------------------------------------------------- */
static const struct argot_bootmod *child_module(void)
{
	for (uint32_t i = 0; i < kt_bi->nmods && i < ARGOT_BOOT_MAXMODS; i++)
		if (strstr(kt_bi->mods[i].cmdline, "ktchild"))
			return &kt_bi->mods[i];
	return 0;
}

int (*kt_before_run)(int proc);

int kt_spawn(const char *cmd, const uint32_t args[4], const int *h,
             int nh, uint32_t quota, int *watch_recv, int *proc)
{
	const struct argot_bootmod *mod = child_module();
	struct rt_spawn_args a;
	int th, r, ws;
	if (!mod)
		return -ARGOT_ENOENT;
	memset(&a, 0, sizeof a);
	strncpy(a.cmd, cmd, sizeof a.cmd - 1);
	for (int i = 0; i < 4 && args; i++)
		a.arg[i] = args[i];
	for (int i = 0; i < nh && i < RT_SPAWN_MAXH; i++)
		a.h[i] = h[i];
	a.nh = (uint32_t)nh;
	r = rt_spawn((const void *)mod->va, mod->size, cmd,
	             ARGOT_PRIO_DEFAULT, quota, &a, proc, &th);
	if (r < 0)
		return r;
	if (watch_recv) {
		if ((r = kt_pipe(KT_COOKIE, watch_recv, &ws)) < 0)
			return r;
		r = k_proc_watch(*proc, ws, KT_COOKIE);
		argot_close(ws);
		if (r < 0)
			return r;
	}
	if (kt_before_run && (r = kt_before_run(*proc)) < 0)
		return r;
	r = k_thread_resume(th);
	argot_close(th);
	return r;
}

int kt_death(int watch_recv, uint32_t ms, struct argot_death *d)
{
	struct argot_msg m;
	memset(d, 0xff, sizeof *d);
	int r = kt_recv(watch_recv, &m, d, sizeof *d, 0, 0, ms);
	if (r < 0)
		return r;
	if (m.tag != ARGOT_MSG_DEATH || m.rlen != sizeof *d)
		return -ARGOT_EINVAL;
	return 0;
}

int kt_report(int recv, uint32_t ms, struct kt_report *rep)
{
	struct argot_msg m;
	memset(rep, 0, sizeof *rep);
	int r = kt_recv(recv, &m, rep, sizeof *rep, 0, 0, ms);
	if (r < 0)
		return r;
	return m.tag == KT_REPORT ? 0 : -ARGOT_EINVAL;
}

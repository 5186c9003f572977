/*
 * tests/kernel/ipc.c - pipes and messages: send/recv, labels, ANY, CALL
 * with one-shot replies, EPIPE when the other side is gone, timeouts,
 * abort, bounded queues and oversize handling.
 */
#include "kt.h"

static int t_pipe_send_recv(void)
{
	int r, s;
	char buf[32];
	struct argot_msg m;
	OK(kt_pipe(0, &r, &s));
	CHECK(r >= 0 && s >= 0 && r != s);
	EXPECT(kt_send(s, 0x1234, "hello, kernel", 13, 0, 0, 0), 0);
	EXPECT(kt_recv(r, &m, buf, sizeof buf, 0, 0, 0), 0);
	EXPECT(m.tag, 0x1234);
	EXPECT(m.rlen, 13);
	EXPECT(m.rnhnd, 0);
	EXPECT(m.reply, ARGOT_NOHANDLE);
	CHECK(!memcmp(buf, "hello, kernel", 13));
	argot_close(s);
	argot_close(r);
	return KT_PASS;
}

static int t_fifo_order(void)
{
	int r, s;
	struct argot_msg m;
	OK(kt_pipe(0, &r, &s));
	for (uint32_t i = 0; i < 5; i++)
		EXPECT(kt_send(s, 100 + i, &i, 4, 0, 0, 0), 0);
	for (uint32_t i = 0; i < 5; i++) {
		uint32_t v = 99;
		EXPECT(kt_recv(r, &m, &v, 4, 0, 0, 0), 0);
		EXPECT(m.tag, 100 + i);
		EXPECT(v, i);
	}
	argot_close(s);
	argot_close(r);
	return KT_PASS;
}

static int t_label(void)
{
	int r, s;
	struct argot_msg m;
	OK(kt_pipe(0xABCD0001u, &r, &s));
	EXPECT(kt_send(s, 1, 0, 0, 0, 0, 0), 0);
	EXPECT(kt_recv(r, &m, 0, 0, 0, 0, 0), 0);
	EXPECT(m.label, 0xABCD0001u);
	/* a new label applies to the next messages */
	EXPECT(k_pipe_set_label(r, 0x5EED), 0);
	EXPECT(kt_send(s, 2, 0, 0, 0, 0, 0), 0);
	EXPECT(kt_recv(r, &m, 0, 0, 0, 0, 0), 0);
	EXPECT(m.label, 0x5EED);
	argot_close(s);
	argot_close(r);
	return KT_PASS;
}

static int t_recv_any(void)
{
	int r1, s1, r2, s2;
	struct argot_msg m;
	OK(kt_pipe(111, &r1, &s1));
	OK(kt_pipe(222, &r2, &s2));
	EXPECT(kt_send(s2, 7, 0, 0, 0, 0, 0), 0);
	EXPECT(kt_recv(ARGOT_ANY, &m, 0, 0, 0, 0, 0), 0);
	EXPECT(m.label, 222);
	EXPECT(m.tag, 7);
	EXPECT(kt_send(s1, 8, 0, 0, 0, 0, 0), 0);
	EXPECT(kt_recv(ARGOT_ANY, &m, 0, 0, 0, 0, 0), 0);
	EXPECT(m.label, 111);
	EXPECT(kt_recv(ARGOT_ANY, &m, 0, 0, 0, 0, 0), -ARGOT_EAGAIN);
	argot_close(s1); argot_close(r1);
	argot_close(s2); argot_close(r2);
	return KT_PASS;
}

static int t_call_reply(void)
{
	int r, s;
	struct kt_server srv;
	char out[16] = "ping", in[16] = { 0 };
	OK(kt_pipe(0x77, &r, &s));
	OK(kt_server_start(&srv, r, KT_SRV_ECHO));
	struct argot_msg m = { .tag = 41, .timeout = 2000, .sbuf = out,
	                       .slen = 5, .rbuf = in, .rcap = sizeof in,
	                       .label = 0x99, .reply = 0x99 };
	EXPECT(argot_send(s, &m, ARGOT_CALL), 0);
	EXPECT(m.tag, 42);
	EXPECT(m.rlen, 5);
	CHECK(!strcmp(in, "ping"));
	EXPECT(m.label, 0);               /* kernel.h: label 0 on a reply */
	EXPECT(m.reply, ARGOT_NOHANDLE);
	kt_server_stop(&srv, s);
	argot_close(s);
	argot_close(r);
	return KT_PASS;
}

struct caller {
	int send;
	uint32_t timeout;
	volatile int done;
	int result;
	uint32_t tag;
	uint64_t t_end;
};

static void caller_thread(void *arg)
{
	struct caller *c = arg;
	uint32_t buf[4];
	struct argot_msg m = { .tag = 5, .timeout = c->timeout,
	                       .rbuf = buf, .rcap = sizeof buf };
	c->result = argot_send(c->send, &m, ARGOT_CALL);
	c->tag = m.tag;
	c->t_end = rt_now_ns();
	c->done = 1;
}

static int start_caller(struct caller *c, int send, uint32_t timeout)
{
	int th;
	memset(c, 0, sizeof *c);
	c->send = send;
	c->timeout = timeout;
	int r = kt_thread(caller_thread, c, 0, &th);
	if (r >= 0)
		argot_close(th);
	return r;
}

/* receive a CALL's request here (so this thread holds the reply) */
static int take_call(int r, struct argot_msg *m)
{
	return kt_recv(r, m, 0, 0, 0, 0, 2000);
}

/* A reply handle answers once: the second send on it fails. */
static int t_reply_oneshot(void)
{
	int r, s;
	struct caller c;
	struct argot_msg m;
	OK(kt_pipe(0, &r, &s));
	OK(start_caller(&c, s, 3000));
	EXPECT(take_call(r, &m), 0);
	CHECK(m.reply >= 0);
	EXPECT(kt_send(m.reply, 77, 0, 0, 0, 0, 0), 0);
	EXPECT(kt_wait_flag(&c.done, 1, 2000), 0);
	EXPECT(c.result, 0);
	EXPECT(c.tag, 77);
	/* used once: the handle is gone */
	int again = kt_send(m.reply, 78, 0, 0, 0, 0, 0);
	CHECK(again == -ARGOT_EBADF || again == -ARGOT_EPIPE);
	argot_close(s);
	argot_close(r);
	return KT_PASS;
}

static int t_reply_closed_epipe(void)
{
	int r, s;
	struct caller c;
	struct argot_msg m;
	OK(kt_pipe(0, &r, &s));
	OK(start_caller(&c, s, 3000));
	EXPECT(take_call(r, &m), 0);
	EXPECT(argot_close(m.reply), 0);
	EXPECT(kt_wait_flag(&c.done, 1, 2000), 0);
	EXPECT(c.result, -ARGOT_EPIPE);
	argot_close(s);
	argot_close(r);
	return KT_PASS;
}

/* Closing the receive end wakes a caller waiting for its reply. */
static int t_recv_closed_wakes_caller(void)
{
	int r, s;
	struct caller c;
	struct argot_msg m;
	OK(kt_pipe(0, &r, &s));
	OK(start_caller(&c, s, ARGOT_FOREVER));
	EXPECT(take_call(r, &m), 0);
	uint64_t t0 = rt_now_ns();
	/* the reply handle stays with us; only the receive end goes */
	EXPECT(argot_close(r), 0);
	int w = kt_wait_flag(&c.done, 1, 2000);
	argot_close(m.reply);
	EXPECT(w, 0);
	CHECK(c.t_end - t0 < 1000000000ull);
	EXPECT(c.result, -ARGOT_EPIPE);
	EXPECT(kt_send(s, 1, 0, 0, 0, 0, 0), -ARGOT_EPIPE);
	argot_close(s);
	return KT_PASS;
}

/* A server process dies while a client waits in CALL: EPIPE at once. */
static int t_server_death_wakes_caller(void)
{
	int r, s, rep_r, rep_s, proc, watch;
	struct caller c;
	struct kt_report rep;
	OK(kt_pipe(0, &r, &s));
	OK(kt_pipe(0, &rep_r, &rep_s));
	int h[2] = { rep_s, r };            /* r moves to the child */
	OK(kt_spawn("hold", 0, h, 2, 0, &watch, &proc));
	OK(start_caller(&c, s, ARGOT_FOREVER));
	EXPECT(kt_report(rep_r, 3000, &rep), 0);   /* it has the request */
	EXPECT(rep.v0, 5);
	CHECK(!c.done);
	uint64_t t0 = rt_now_ns();
	EXPECT(k_proc_kill(proc), 0);
	EXPECT(kt_wait_flag(&c.done, 1, 2000), 0);
	EXPECT(c.result, -ARGOT_EPIPE);
	CHECK(c.t_end - t0 < 1000000000ull);
	argot_close(proc); argot_close(watch);
	argot_close(s); argot_close(rep_r); argot_close(rep_s);
	return KT_PASS;
}

static int t_nosenders(void)
{
	int r, s, s2;
	struct argot_msg m;
	OK(kt_pipe(0x1AB, &r, &s));
	OK(k_pipe_make_send(r, &s2));
	EXPECT(argot_close(s), 0);
	/* one send handle is left: no notification yet */
	EXPECT(kt_recv(r, &m, 0, 0, 0, 0, 0), -ARGOT_EAGAIN);
	EXPECT(argot_close(s2), 0);
	EXPECT(kt_recv(r, &m, 0, 0, 0, 0, 1000), 0);
	EXPECT(m.tag, ARGOT_MSG_NOSENDERS);
	EXPECT(m.label, 0x1AB);
	EXPECT(m.rlen, 0);
	argot_close(r);
	return KT_PASS;
}

static int t_timeout_poll(void)
{
	int r, s;
	struct argot_msg m;
	OK(kt_pipe(0, &r, &s));
	EXPECT(kt_recv(r, &m, 0, 0, 0, 0, 0), -ARGOT_EAGAIN);
	memset(&m, 0, sizeof m);
	m.timeout = ARGOT_FOREVER;         /* the flag wins over the field */
	EXPECT(argot_recv(r, &m, ARGOT_NONBLOCK), -ARGOT_EAGAIN);
	argot_close(s);
	argot_close(r);
	return KT_PASS;
}

static int t_timeout_finite(void)
{
	int r, s;
	struct argot_msg m;
	OK(kt_pipe(0, &r, &s));
	uint64_t t0 = rt_now_ns();
	EXPECT(kt_recv(r, &m, 0, 0, 0, 0, 100), -ARGOT_ETIMEDOUT);
	uint32_t ms = kt_ms_since(t0);
	argot_close(s);
	argot_close(r);
	if (ms < 90 || ms > 2000)
		KT_FAILF("a 100 ms timeout took %u ms", ms);
	return KT_PASS;
}

struct blocked { int recv; volatile int done; int result; };

static void recv_forever(void *arg)
{
	struct blocked *b = arg;
	struct argot_msg m;
	b->result = kt_recv(b->recv, &m, 0, 0, 0, 0, ARGOT_FOREVER);
	b->done = 1;
}

static int t_abort_recv(void)
{
	int r, s, th;
	struct blocked b = { 0 };
	OK(kt_pipe(0, &r, &s));
	b.recv = r;
	OK(kt_thread(recv_forever, &b, 0, &th));
	rt_sleep(30);                 /* let it block */
	CHECK(!b.done);
	EXPECT(k_thread_abort(th), 0);
	EXPECT(kt_wait_flag(&b.done, 1, 2000), 0);
	EXPECT(b.result, -ARGOT_EINTR);
	argot_close(th); argot_close(s); argot_close(r);
	return KT_PASS;
}

/* ^C into a hung server: a CALL waiting for a reply is aborted. */
static int t_abort_call(void)
{
	int r, s, th;
	struct caller c;
	struct argot_msg m;
	OK(kt_pipe(0, &r, &s));
	memset(&c, 0, sizeof c);
	c.send = s;
	c.timeout = ARGOT_FOREVER;
	OK(kt_thread(caller_thread, &c, 0, &th));
	EXPECT(take_call(r, &m), 0);      /* the server never answers */
	EXPECT(k_thread_abort(th), 0);
	int w = kt_wait_flag(&c.done, 1, 2000);
	argot_close(m.reply);
	EXPECT(w, 0);
	EXPECT(c.result, -ARGOT_EINTR);
	argot_close(th); argot_close(s); argot_close(r);
	return KT_PASS;
}

/* An abort of a thread that is not blocked hits its next blocking call. */
static int t_abort_pending(void)
{
	int r, s, th;
	struct blocked b = { 0 };
	OK(kt_pipe(0, &r, &s));
	b.recv = r;
	OK(rt_thread_create(recv_forever, &b, 0, 1, &th));   /* suspended */
	EXPECT(k_thread_abort(th), 0);
	EXPECT(k_thread_resume(th), 0);
	EXPECT(kt_wait_flag(&b.done, 1, 2000), 0);
	EXPECT(b.result, -ARGOT_EINTR);
	argot_close(th); argot_close(s); argot_close(r);
	return KT_PASS;
}

static int t_queue_bound(void)
{
	int r, s;
	struct argot_msg m;
	OK(kt_pipe(0, &r, &s));
	for (uint32_t i = 0; i < ARGOT_PIPE_QUEUE; i++)
		EXPECT(kt_send(s, i, 0, 0, 0, 0, 0), 0);
	EXPECT(kt_send(s, 99, 0, 0, 0, 0, 0), -ARGOT_EAGAIN);
	uint64_t t0 = rt_now_ns();
	EXPECT(kt_send(s, 99, 0, 0, 0, 0, 50), -ARGOT_ETIMEDOUT);
	CHECK(kt_ms_since(t0) >= 40);
	EXPECT(kt_recv(r, &m, 0, 0, 0, 0, 0), 0);
	EXPECT(m.tag, 0);
	EXPECT(kt_send(s, 16, 0, 0, 0, 0, 0), 0);     /* room again */
	for (uint32_t i = 1; i <= ARGOT_PIPE_QUEUE; i++) {
		EXPECT(kt_recv(r, &m, 0, 0, 0, 0, 0), 0);
		EXPECT(m.tag, i);
	}
	argot_close(s); argot_close(r);
	return KT_PASS;
}

struct sender { int send; volatile int done; int result; };

static void send_forever(void *arg)
{
	struct sender *x = arg;
	x->result = kt_send(x->send, 0xB10C, 0, 0, 0, 0, ARGOT_FOREVER);
	x->done = 1;
}

/* A full queue blocks the sender until there is room. */
static int t_queue_backpressure(void)
{
	int r, s, th;
	struct sender x = { 0 };
	struct argot_msg m;
	OK(kt_pipe(0, &r, &s));
	for (uint32_t i = 0; i < ARGOT_PIPE_QUEUE; i++)
		EXPECT(kt_send(s, i, 0, 0, 0, 0, 0), 0);
	x.send = s;
	OK(kt_thread(send_forever, &x, 0, &th));
	rt_sleep(50);
	CHECK(!x.done);                     /* blocked on the full queue */
	EXPECT(kt_recv(r, &m, 0, 0, 0, 0, 0), 0);
	EXPECT(kt_wait_flag(&x.done, 1, 2000), 0);
	EXPECT(x.result, 0);
	for (uint32_t i = 1; i <= ARGOT_PIPE_QUEUE; i++)
		EXPECT(kt_recv(r, &m, 0, 0, 0, 0, 0), 0);
	EXPECT(m.tag, 0xB10C);              /* it came last */
	argot_close(th); argot_close(s); argot_close(r);
	return KT_PASS;
}

/* Too small a buffer: EMSGSIZE, the sizes needed, the message stays. */
static int t_emsgsize_keeps_message(void)
{
	int r, s, r2, s2;
	char big[100], small[10];
	int32_t hb[1];
	struct argot_msg m;
	OK(kt_pipe(0, &r, &s));
	OK(kt_pipe(0, &r2, &s2));
	memset(big, 'x', sizeof big);
	int32_t hs[2] = { s2, s2 };
	EXPECT(kt_send(s, 3, big, sizeof big, hs, 2, 0), 0);
	EXPECT(kt_recv(r, &m, small, sizeof small, hb, 2, 0),
	       -ARGOT_EMSGSIZE);
	EXPECT(m.rlen, 100);
	EXPECT(kt_recv(r, &m, big, sizeof big, hb, 1, 0), -ARGOT_EMSGSIZE);
	EXPECT(m.rnhnd, 2);
	int32_t hb2[2];
	EXPECT(kt_recv(r, &m, big, sizeof big, hb2, 2, 0), 0);
	EXPECT(m.tag, 3);
	argot_close(hb2[0]); argot_close(hb2[1]);
	argot_close(s); argot_close(r); argot_close(s2); argot_close(r2);
	return KT_PASS;
}

static int t_max_message(void)
{
	int r, s;
	struct argot_msg m;
	uint8_t *a = rt_page_alloc(16, 0), *b = rt_page_alloc(16, 0);
	CHECK(a && b);
	for (uint32_t i = 0; i < ARGOT_MSG_MAXDATA; i++)
		a[i] = (uint8_t)(i * 7 + 3);
	OK(kt_pipe(0, &r, &s));
	EXPECT(kt_send(s, 9, a, ARGOT_MSG_MAXDATA, 0, 0, 0), 0);
	EXPECT(kt_recv(r, &m, b, ARGOT_MSG_MAXDATA, 0, 0, 0), 0);
	EXPECT(m.rlen, ARGOT_MSG_MAXDATA);
	CHECK(!memcmp(a, b, ARGOT_MSG_MAXDATA));
	argot_close(s); argot_close(r);
	rt_page_free(a, 16); rt_page_free(b, 16);
	return KT_PASS;
}

/* A reply larger than the caller's buffer: EMSGSIZE, and it is gone. */
static int t_call_reply_too_big(void)
{
	int r, s;
	struct kt_server srv;
	char out[64], in[8];
	memset(out, 'q', sizeof out);
	OK(kt_pipe(0, &r, &s));
	OK(kt_server_start(&srv, r, KT_SRV_ECHO));
	struct argot_msg m = { .tag = 1, .timeout = 2000, .sbuf = out,
	                       .slen = sizeof out, .rbuf = in,
	                       .rcap = sizeof in };
	EXPECT(argot_send(s, &m, ARGOT_CALL), -ARGOT_EMSGSIZE);
	EXPECT(m.rlen, sizeof out);
	/* the next CALL gets its own reply, not the discarded one */
	struct argot_msg m2 = { .tag = 10, .timeout = 2000 };
	EXPECT(argot_send(s, &m2, ARGOT_CALL), 0);
	EXPECT(m2.tag, 11);
	kt_server_stop(&srv, s);
	argot_close(s); argot_close(r);
	return KT_PASS;
}

/* A CALL times out if nobody answers; a late reply finds nobody. */
static int t_call_timeout_late_reply(void)
{
	int r, s;
	struct caller c;
	struct argot_msg m;
	OK(kt_pipe(0, &r, &s));
	OK(start_caller(&c, s, 100));
	EXPECT(take_call(r, &m), 0);
	EXPECT(kt_wait_flag(&c.done, 1, 2000), 0);
	EXPECT(c.result, -ARGOT_ETIMEDOUT);
	EXPECT(kt_send(m.reply, 1, 0, 0, 0, 0, 0), -ARGOT_EPIPE);
	argot_close(m.reply);
	argot_close(s); argot_close(r);
	return KT_PASS;
}

/* A CALL to a pipe nobody receives on (its receive end is ours, and we
 * are the caller) ends by its timeout, not never. */
static int t_call_self_times_out(void)
{
	int r, s;
	OK(kt_pipe(0, &r, &s));
	struct argot_msg m = { .tag = 1, .timeout = 50 };
	EXPECT(argot_send(s, &m, ARGOT_CALL), -ARGOT_ETIMEDOUT);
	argot_close(s); argot_close(r);
	return KT_PASS;
}

const struct kt_test kt_ipc[] = {
	{ "ipc_pipe_send_recv", t_pipe_send_recv },
	{ "ipc_fifo_order", t_fifo_order },
	{ "ipc_label", t_label },
	{ "ipc_recv_any", t_recv_any },
	{ "ipc_call_reply", t_call_reply },
	{ "ipc_reply_oneshot", t_reply_oneshot },
	{ "ipc_reply_closed_epipe", t_reply_closed_epipe },
	{ "ipc_recv_closed_wakes_caller", t_recv_closed_wakes_caller },
	{ "ipc_server_death_wakes_caller", t_server_death_wakes_caller },
	{ "ipc_nosenders", t_nosenders },
	{ "ipc_timeout_poll", t_timeout_poll },
	{ "ipc_timeout_finite", t_timeout_finite },
	{ "ipc_abort_recv", t_abort_recv },
	{ "ipc_abort_call", t_abort_call },
	{ "ipc_abort_pending", t_abort_pending },
	{ "ipc_queue_bound", t_queue_bound },
	{ "ipc_queue_backpressure", t_queue_backpressure },
	{ "ipc_emsgsize_keeps_message", t_emsgsize_keeps_message },
	{ "ipc_max_message", t_max_message },
	{ "ipc_call_reply_too_big", t_call_reply_too_big },
	{ "ipc_call_timeout_late_reply", t_call_timeout_late_reply },
	{ "ipc_call_self_times_out", t_call_self_times_out },
	{ 0, 0 },
};

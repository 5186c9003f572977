/*
 * tests/kernel/handles.c - handles in messages (copy vs move, HMOVE),
 * reply handles forwarded, GIVE/TAKE, the handle table filling up, and
 * K_PIPE_IDENTIFY (which of our pipes a send handle reaches).
 */
#include "kt.h"

/* Carry one handle over a fresh pipe in two steps, so that a test can
 * look at the sender's old number while the handle is in flight (after
 * the receive, a moved handle's slot may be reused for the new one). */
struct carrier { int r, s; };

static int carry_send(struct carrier *c, int h)
{
	int32_t in[1] = { h };
	int res = kt_pipe(0, &c->r, &c->s);
	return res < 0 ? res : kt_send(c->s, 1, 0, 0, in, 1, 0);
}

static int carry_recv(struct carrier *c, int *got)
{
	struct argot_msg m;
	int32_t out[1] = { ARGOT_NOHANDLE };
	int res = kt_recv(c->r, &m, 0, 0, out, 1, 0);
	if (res >= 0 && m.rnhnd != 1)
		res = -ARGOT_EINVAL;
	*got = out[0];
	argot_close(c->s);
	argot_close(c->r);
	return res;
}

static int carry(int h, int *got)
{
	struct carrier c;
	int res = carry_send(&c, h);
	return res < 0 ? res : carry_recv(&c, got);
}

/* a send handle is copied: both old and new work */
static int t_copy_send(void)
{
	int r, s, s2;
	struct argot_msg m;
	OK(kt_pipe(0, &r, &s));
	EXPECT(carry(s, &s2), 0);
	CHECK(s2 >= 0 && s2 != s);
	EXPECT(kt_send(s, 1, 0, 0, 0, 0, 0), 0);
	EXPECT(kt_send(s2, 2, 0, 0, 0, 0, 0), 0);
	EXPECT(kt_recv(r, &m, 0, 0, 0, 0, 0), 0);
	EXPECT(kt_recv(r, &m, 0, 0, 0, 0, 0), 0);
	EXPECT(m.tag, 2);
	argot_close(s); argot_close(s2); argot_close(r);
	return KT_PASS;
}

/* a receive end is moved: the old number is gone */
static int t_move_recv(void)
{
	int r, s, r2;
	struct argot_msg m;
	struct carrier c;
	OK(kt_pipe(0, &r, &s));
	EXPECT(carry_send(&c, r), 0);
	EXPECT(kt_recv(r, &m, 0, 0, 0, 0, 0), -ARGOT_EBADF);
	EXPECT(carry_recv(&c, &r2), 0);
	EXPECT(kt_send(s, 5, 0, 0, 0, 0, 0), 0);
	EXPECT(kt_recv(r2, &m, 0, 0, 0, 0, 0), 0);
	EXPECT(m.tag, 5);
	argot_close(s); argot_close(r2);
	return KT_PASS;
}

/* HMOVE moves even a send handle */
static int t_hmove_send(void)
{
	int r, s, s2;
	struct argot_msg m;
	struct carrier c;
	OK(kt_pipe(0, &r, &s));
	EXPECT(carry_send(&c, s | ARGOT_HMOVE), 0);
	EXPECT(kt_send(s, 1, 0, 0, 0, 0, 0), -ARGOT_EBADF);
	EXPECT(carry_recv(&c, &s2), 0);
	EXPECT(kt_send(s2, 1, 0, 0, 0, 0, 0), 0);
	EXPECT(kt_recv(r, &m, 0, 0, 0, 0, 0), 0);
	/* it was the only send handle: closing it now means no senders */
	argot_close(s2);
	EXPECT(kt_recv(r, &m, 0, 0, 0, 0, 1000), 0);
	EXPECT(m.tag, ARGOT_MSG_NOSENDERS);
	argot_close(r);
	return KT_PASS;
}

/* A kernel object handle (a memobj) is copied, like a send handle. */
static int t_copy_kernel_object(void)
{
	int mo, mo2;
	uint32_t size;
	OK(k_memobj_create(rt.kernel, 8192, &mo));
	EXPECT(carry(mo, &mo2), 0);
	EXPECT(k_memobj_size(mo, &size), 0);
	EXPECT(k_memobj_size(mo2, &size), 0);
	EXPECT(size, 8192);
	argot_close(mo); argot_close(mo2);
	return KT_PASS;
}

struct fwd { int send; volatile int done; int result; uint32_t tag; };

static void fwd_caller(void *arg)
{
	struct fwd *f = arg;
	struct argot_msg m = { .tag = 1, .timeout = 3000 };
	f->result = argot_send(f->send, &m, ARGOT_CALL);
	f->tag = m.tag;
	f->done = 1;
}

/* A reply handle moves when forwarded; the new holder answers. */
static int t_move_reply(void)
{
	int r, s, th, rep2;
	struct fwd f = { 0 };
	struct argot_msg m;
	OK(kt_pipe(0, &r, &s));
	f.send = s;
	OK(kt_thread(fwd_caller, &f, 0, &th));
	EXPECT(kt_recv(r, &m, 0, 0, 0, 0, 2000), 0);
	CHECK(m.reply >= 0);
	int rep = m.reply;
	struct carrier c;
	EXPECT(carry_send(&c, rep), 0);
	EXPECT(kt_send(rep, 2, 0, 0, 0, 0, 0), -ARGOT_EBADF);
	EXPECT(carry_recv(&c, &rep2), 0);
	EXPECT(kt_send(rep2, 0x600D, 0, 0, 0, 0, 0), 0);
	EXPECT(kt_wait_flag(&f.done, 1, 2000), 0);
	EXPECT(f.result, 0);
	EXPECT(f.tag, 0x600D);
	argot_close(th); argot_close(s); argot_close(r);
	return KT_PASS;
}

static int t_close_twice(void)
{
	int r, s;
	OK(kt_pipe(0, &r, &s));
	EXPECT(argot_close(s), 0);
	EXPECT(argot_close(s), -ARGOT_EBADF);
	EXPECT(argot_close(r), 0);
	EXPECT(argot_close(r), -ARGOT_EBADF);
	return KT_PASS;
}

static int t_give_take(void)
{
	int r, s, s3;
	int32_t s2;
	struct argot_msg m;
	OK(kt_pipe(0, &r, &s));
	EXPECT(k_proc_handle_give(rt.self, s, &s2), 0);
	CHECK(s2 >= 0 && s2 != s);
	EXPECT(kt_send(s2, 1, 0, 0, 0, 0, 0), 0);
	EXPECT(k_proc_handle_take(rt.self, s2, &s3), 0);
	CHECK(s3 >= 0 && s3 != s2 && s3 != s);
	EXPECT(kt_send(s3, 2, 0, 0, 0, 0, 0), 0);
	EXPECT(kt_recv(r, &m, 0, 0, 0, 0, 0), 0);
	EXPECT(kt_recv(r, &m, 0, 0, 0, 0, 0), 0);
	EXPECT(m.tag, 2);
	/* a receive end cannot be taken (only given) */
	int x;
	CHECK(k_proc_handle_take(rt.self, r, &x) < 0);
	EXPECT(k_proc_handle_take(rt.self, 999, &x), -ARGOT_EBADF);
	argot_close(s); argot_close(s2); argot_close(s3); argot_close(r);
	return KT_PASS;
}

/* Fill the table with send handles: EMFILE, and all is well after. */
static int t_table_full(void)
{
	int r, s, h, n = 0, first = -1, last = -1, res;
	OK(kt_pipe(0, &r, &s));
	while ((res = k_pipe_make_send(r, &h)) >= 0) {
		if (first < 0)
			first = h;
		last = h;
		if (++n > (int)ARGOT_MAXHANDLES)
			break;
	}
	int full = res;
	/* other calls that make handles fail the same way */
	int r2, s2;
	int pc = kt_pipe(0, &r2, &s2);
	for (int i = first; i <= last; i++)
		if (i != r && i != s)
			argot_close(i);
	EXPECT(full, -ARGOT_EMFILE);
	CHECK(n < (int)ARGOT_MAXHANDLES);
	CHECK(pc < 0);
	/* recovery */
	OK(k_pipe_make_send(r, &h));
	argot_close(h);
	OK(kt_pipe(0, &r2, &s2));
	argot_close(r2); argot_close(s2);
	argot_close(s); argot_close(r);
	return KT_PASS;
}

/* Handles arriving at a full table: recv fails with EMFILE and the
 * message waits; after closing some, it is received whole. */
static int t_recv_into_full_table(void)
{
	int r, s, cr, cs, h, n = 0;
	int hs[ARGOT_MAXHANDLES];
	struct argot_msg m;
	OK(kt_pipe(0, &r, &s));
	OK(kt_pipe(0, &cr, &cs));
	int32_t carry[2] = { s, s };
	EXPECT(kt_send(cs, 1, 0, 0, carry, 2, 0), 0);
	while (k_pipe_make_send(r, &h) >= 0 && n < (int)ARGOT_MAXHANDLES)
		hs[n++] = h;
	int32_t got[2] = { -1, -1 };
	int full = kt_recv(cr, &m, 0, 0, got, 2, 0);
	for (int i = 0; i < n; i++)
		argot_close(hs[i]);
	EXPECT(full, -ARGOT_EMFILE);
	EXPECT(kt_recv(cr, &m, 0, 0, got, 2, 0), 0);
	EXPECT(m.rnhnd, 2);
	EXPECT(kt_send(got[1], 5, 0, 0, 0, 0, 0), 0);
	argot_close(got[0]); argot_close(got[1]);
	argot_close(cr); argot_close(cs); argot_close(s); argot_close(r);
	return KT_PASS;
}

/* Handles are small indexes into a 1024-entry table. */
static int t_handle_numbers(void)
{
	int r, s;
	OK(kt_pipe(0, &r, &s));
	CHECK(r >= 0 && r < (int)ARGOT_MAXHANDLES);
	CHECK(s >= 0 && s < (int)ARGOT_MAXHANDLES);
	argot_close(s);
	argot_close(r);
	return KT_PASS;
}


/* ---- K_PIPE_IDENTIFY ------------------------------------------------ */

#define NOLABEL 0xFEEDF00Du   /* what the reply buffer holds beforehand */

/* One raw request, so that a test sees the reply's length and data as
 * the kernel left them (an error must carry no label). */
static int ident_raw(int target, const int32_t *hin, uint32_t nin,
                     uint32_t rcap, uint32_t *label, uint32_t *rlen)
{
	struct argot_msg m = { .tag = ARGOT_K_PIPE_IDENTIFY,
	                       .timeout = ARGOT_FOREVER,
	                       .shnd = hin, .snhnd = nin,
	                       .rbuf = label, .rcap = rcap };
	*label = NOLABEL;
	int r = argot_send(target, &m, ARGOT_CALL);
	*rlen = m.rlen;
	if (r < 0 && r != (int32_t)m.tag && r != -ARGOT_EFAULT)
		return -1000;   /* the call and the reply tag disagree */
	return r;
}

/* identify h; an error must leave rlen 0 and the buffer untouched */
static int ident(int h, uint32_t *label)
{
	int32_t in = h;
	uint32_t rlen;
	int r = ident_raw(rt.kernel, &in, 1, 4, label, &rlen);
	if (r == 0 && rlen != 4)
		return -2000;
	if (r < 0 && (rlen != 0 || *label != NOLABEL))
		return -3000;   /* an error that says something */
	return r;
}

/* our own pipe: its label, through every send handle to it, and each
 * pipe its own */
static int t_identify_own(void)
{
	int r, s, s2, s3, r2, t;
	uint32_t label;
	OK(kt_pipe(0x1D1, &r, &s));
	OK(kt_pipe(0x2D2, &r2, &t));
	EXPECT(ident(s, &label), 0);
	EXPECT(label, 0x1D1);
	EXPECT(ident(t, &label), 0);
	EXPECT(label, 0x2D2);
	OK(k_pipe_make_send(r, &s2));
	EXPECT(ident(s2, &label), 0);
	EXPECT(label, 0x1D1);
	EXPECT(carry(s, &s3), 0);       /* a copy that came back to us */
	EXPECT(ident(s3, &label), 0);
	EXPECT(label, 0x1D1);
	/* the same through the libargot stub */
	label = 0;
	EXPECT(k_pipe_identify(rt.kernel, t, &label), 0);
	EXPECT(label, 0x2D2);
	/* asking moves nothing: the handle still sends */
	EXPECT(kt_send(s, 3, 0, 0, 0, 0, 0), 0);
	argot_close(s); argot_close(s2); argot_close(s3); argot_close(r);
	argot_close(t); argot_close(r2);
	return KT_PASS;
}

/* PIPE_SET_LABEL is seen at once */
static int t_identify_label_change(void)
{
	int r, s;
	uint32_t label;
	OK(kt_pipe(7, &r, &s));
	EXPECT(ident(s, &label), 0);
	EXPECT(label, 7);
	EXPECT(k_pipe_set_label(r, 0xBEEF0042u), 0);
	EXPECT(ident(s, &label), 0);
	EXPECT(label, 0xBEEF0042u);
	EXPECT(k_pipe_set_label(r, 0), 0);
	EXPECT(ident(s, &label), 0);
	EXPECT(label, 0);
	argot_close(s); argot_close(r);
	return KT_PASS;
}

/* Another process's pipe is ENOENT and shows no label: one whose receive
 * end we gave away, one whose receive end is in flight; and the other
 * way round, a child asking about ours.  Ownership is what counts: the
 * receive end coming back makes the same handle ours again. */
static int t_identify_other_process(void)
{
	int r, s, rep_r, rep_s, proc, watch, s2, r2, u, us;
	uint32_t label;
	struct kt_report rep;
	struct carrier c;
	OK(kt_pipe(0x0DD, &r, &s));
	OK(kt_pipe(0, &rep_r, &rep_s));
	/* in flight */
	EXPECT(carry_send(&c, r), 0);
	EXPECT(ident(s, &label), -ARGOT_ENOENT);
	EXPECT(carry_recv(&c, &r2), 0);
	EXPECT(ident(s, &label), 0);
	EXPECT(label, 0x0DD);
	/* held by a child that has received on it */
	int h[2] = { rep_s, r2 };           /* r2 moves to the child */
	OK(kt_spawn("hold", 0, h, 2, 0, &watch, &proc));
	EXPECT(kt_send(s, 5, 0, 0, 0, 0, 0), 0);
	EXPECT(kt_report(rep_r, 3000, &rep), 0);
	EXPECT(rep.v0, 5);
	EXPECT(ident(s, &label), -ARGOT_ENOENT);
	OK(k_pipe_make_send(rep_r, &s2));   /* ours all along */
	EXPECT(ident(s2, &label), 0);
	EXPECT(k_proc_kill(proc), 0);
	argot_close(proc); argot_close(watch); argot_close(s2);
	/* a child holding a send handle to our pipe learns nothing */
	OK(kt_pipe(0x5EC4E7, &u, &us));
	int h2[2] = { rep_s, us };          /* us is copied */
	OK(kt_spawn("identify", 0, h2, 2, 0, &watch, &proc));
	EXPECT(kt_report(rep_r, 3000, &rep), 0);
	EXPECT(rep.v0, (uint32_t)-ARGOT_ENOENT);
	EXPECT(rep.v1, NOLABEL);
	EXPECT(rep.eip, 0);                 /* its own pipe: its label */
	EXPECT(rep.cr2, 0xC41D);
	struct argot_death d;
	EXPECT(kt_death(watch, 3000, &d), 0);
	argot_close(proc); argot_close(watch);
	argot_close(u); argot_close(us); argot_close(s);
	argot_close(rep_r); argot_close(rep_s);
	return KT_PASS;
}

/* a dead pipe (its receive end closed) is nobody's */
static int t_identify_dead(void)
{
	int r, s;
	uint32_t label;
	OK(kt_pipe(0xDEAD, &r, &s));
	EXPECT(argot_close(r), 0);
	EXPECT(kt_send(s, 1, 0, 0, 0, 0, 0), -ARGOT_EPIPE);
	EXPECT(ident(s, &label), -ARGOT_ENOENT);
	argot_close(s);
	return KT_PASS;
}

/* every handle that is not a send handle: ENOTSUP, even a reply handle
 * (it too reaches a process, but not a pipe it could own) */
static int t_identify_wrong_types(void)
{
	int r, s, mo, th;
	uint32_t label;
	struct fwd f = { 0 };
	struct argot_msg m;
	OK(kt_pipe(0x77, &r, &s));
	OK(k_memobj_create(rt.kernel, 4096, &mo));
	EXPECT(ident(r, &label), -ARGOT_ENOTSUP);
	EXPECT(ident(rt.kernel, &label), -ARGOT_ENOTSUP);
	EXPECT(ident(rt.self, &label), -ARGOT_ENOTSUP);
	EXPECT(ident(rt.thread, &label), -ARGOT_ENOTSUP);
	EXPECT(ident(mo, &label), -ARGOT_ENOTSUP);
	if (kt_bi->ioports >= 0)
		EXPECT(ident(kt_bi->ioports, &label), -ARGOT_ENOTSUP);
	f.send = s;
	OK(kt_thread(fwd_caller, &f, 0, &th));
	EXPECT(kt_recv(r, &m, 0, 0, 0, 0, 2000), 0);
	CHECK(m.reply >= 0);
	EXPECT(ident(m.reply, &label), -ARGOT_ENOTSUP);
	EXPECT(kt_send(m.reply, 0x600D, 0, 0, 0, 0, 0), 0);
	EXPECT(kt_wait_flag(&f.done, 1, 2000), 0);
	EXPECT(f.tag, 0x600D);
	argot_close(th); argot_close(mo); argot_close(s); argot_close(r);
	return KT_PASS;
}

/* bad handles and malformed requests fail before anything is said */
static int t_identify_bad(void)
{
	int r, s;
	uint32_t label, rlen;
	OK(kt_pipe(0xBAD, &r, &s));
	EXPECT(ident(999, &label), -ARGOT_EBADF);
	EXPECT(ident((int)ARGOT_MAXHANDLES, &label), -ARGOT_EBADF);
	EXPECT(ident(-5, &label), -ARGOT_EBADF);
	EXPECT(ident(ARGOT_NOHANDLE, &label), -ARGOT_EBADF);
	int dup;
	OK(k_pipe_make_send(r, &dup));
	EXPECT(argot_close(dup), 0);
	EXPECT(ident(dup, &label), -ARGOT_EBADF);   /* closed */
	/* no handle at all */
	EXPECT(ident_raw(rt.kernel, 0, 0, 4, &label, &rlen), -ARGOT_EINVAL);
	EXPECT(label, NOLABEL);
	/* no room for the label: EMSGSIZE says how much is needed */
	int32_t in = s;
	EXPECT(ident_raw(rt.kernel, &in, 1, 0, &label, &rlen),
	       -ARGOT_EMSGSIZE);
	EXPECT(rlen, 4);
	EXPECT(label, NOLABEL);
	/* a bad reply pointer */
	struct argot_msg m = { .tag = ARGOT_K_PIPE_IDENTIFY, .timeout = 0,
	                       .shnd = &in, .snhnd = 1,
	                       .rbuf = (void *)0x10, .rcap = 4 };
	EXPECT(argot_send(rt.kernel, &m, ARGOT_CALL), -ARGOT_EFAULT);
	/* asked of anything but the kernel handle: no such request */
	EXPECT(ident_raw(r, &in, 1, 4, &label, &rlen), -ARGOT_ENOSYS);
	EXPECT(ident_raw(rt.self, &in, 1, 4, &label, &rlen), -ARGOT_ENOSYS);
	/* after all that, the handle is still ours */
	EXPECT(ident(s, &label), 0);
	EXPECT(label, 0xBAD);
	argot_close(s); argot_close(r);
	return KT_PASS;
}

const struct kt_test kt_handles[] = {
	{ "hnd_copy_send", t_copy_send },
	{ "hnd_move_recv", t_move_recv },
	{ "hnd_hmove_send", t_hmove_send },
	{ "hnd_copy_kernel_object", t_copy_kernel_object },
	{ "hnd_move_reply", t_move_reply },
	{ "hnd_close_twice", t_close_twice },
	{ "hnd_give_take", t_give_take },
	{ "hnd_table_full_emfile", t_table_full },
	{ "hnd_numbers_small", t_handle_numbers },
	{ "hnd_recv_into_full_table", t_recv_into_full_table },
	{ "hnd_identify_own", t_identify_own },
	{ "hnd_identify_label_change", t_identify_label_change },
	{ "hnd_identify_other_process", t_identify_other_process },
	{ "hnd_identify_dead", t_identify_dead },
	{ "hnd_identify_wrong_types", t_identify_wrong_types },
	{ "hnd_identify_bad", t_identify_bad },
	{ 0, 0 },
};

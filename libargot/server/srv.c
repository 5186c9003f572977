/*
 * libargot/server/srv.c - the server loop.  Every thread of the pool
 * receives on all of the process's pipes (ARGOT_ANY); the pipe's label
 * finds the object, the object's class finds the handler through the
 * checked tables of spec.c, and the handler's result becomes the reply.
 *
 * Labels are (generation << 16 | slot) in a table rather than pointers,
 * so the same code runs with 64-bit pointers in host tests and a stale
 * label can never reach a freed object.
 *
 * With a pool of threads, the no-senders message of a pipe can be taken
 * by one thread while another still runs a handler for a request that
 * came before it on the same pipe (a one-way IO_REAUTH whose client
 * closed the old handle at once, a handler blocked on another server).
 * So each slot counts the requests being handled on its object (busy);
 * no-senders unlinks the object at once (no new request finds it) but
 * calls the class's nosenders, which frees it, only when the last of
 * those handlers has returned, and the slot is not reused before.
 */
#include "rpc.h"
#include "kcall.h"

void srv_lock(volatile int *l)
{
	while (__atomic_exchange_n(l, 1, __ATOMIC_ACQUIRE))
		__asm__ volatile("pause");
}

void srv_unlock(volatile int *l)
{
	__atomic_store_n(l, 0, __ATOMIC_RELEASE);
}

struct srv_obj *srv_obj_find(struct srv *s, uint32_t label)
{
	uint32_t slot = label & 0xffff;
	struct srv_obj *o = 0;
	if (slot == 0 || slot >= SRV_MAXOBJ)
		return 0;
	srv_lock(&s->lock);
	if (s->gen[slot] == label >> 16)
		o = s->objs[slot];
	srv_unlock(&s->lock);
	return o;
}

/* slot 0 stays free so that label 0 never names an object */
static int take_slot(struct srv *s, struct srv_obj *o)
{
	srv_lock(&s->lock);
	for (uint32_t i = 1; i < SRV_MAXOBJ; i++) {
		if (!s->objs[i] && !s->busy[i] && !s->gone[i]) {
			s->objs[i] = o;
			s->gen[i]++;
			o->label = (uint32_t)s->gen[i] << 16 | i;
			s->nobjs++;
			srv_unlock(&s->lock);
			return 0;
		}
	}
	srv_unlock(&s->lock);
	return -ARGOT_ENOMEM;
}

int srv_obj_add(struct srv *s, struct srv_obj *o,
                const struct srv_class *cls, int *send)
{
	int r, recv;
	o->cls = cls;
	if ((r = take_slot(s, o)) < 0)
		return r;
	if ((r = k_pipe_create(argot_hooks.kernel, o->label, &recv, send)) < 0) {
		o->recv = ARGOT_NOHANDLE;
		srv_obj_del(s, o);
		return r;
	}
	o->recv = recv;
	return 0;
}

int srv_obj_adopt(struct srv *s, struct srv_obj *o,
                  const struct srv_class *cls, int recv)
{
	int r;
	o->cls = cls;
	o->recv = ARGOT_NOHANDLE;
	if ((r = take_slot(s, o)) < 0)
		return r;
	if ((r = k_pipe_set_label(recv, o->label)) < 0) {
		srv_obj_del(s, o);
		return r;
	}
	o->recv = recv;
	return 0;
}

void srv_obj_del(struct srv *s, struct srv_obj *o)
{
	uint32_t slot = o->label & 0xffff;
	srv_lock(&s->lock);
	if (slot && slot < SRV_MAXOBJ && s->objs[slot] == o) {
		s->objs[slot] = 0;
		s->nobjs--;
	}
	srv_unlock(&s->lock);
	if (o->recv != ARGOT_NOHANDLE)
		argot_close(o->recv);
	o->recv = ARGOT_NOHANDLE;
}

/* the object a request's label names, held for its handler */
static struct srv_obj *obj_get(struct srv *s, uint32_t label)
{
	uint32_t slot = label & 0xffff;
	struct srv_obj *o = 0;
	if (slot == 0 || slot >= SRV_MAXOBJ)
		return 0;
	srv_lock(&s->lock);
	if (s->gen[slot] == label >> 16 && (o = s->objs[slot]))
		s->busy[slot]++;
	srv_unlock(&s->lock);
	return o;
}

/* The handler is done with the object of slot; if its senders are all
 * gone and nobody else handles a request on it, it goes now. */
static void obj_put(struct srv *s, uint32_t slot)
{
	struct srv_obj *o = 0;
	srv_lock(&s->lock);
	if (--s->busy[slot] == 0 && (o = s->gone[slot]))
		s->gone[slot] = 0;
	srv_unlock(&s->lock);
	if (o && o->cls->nosenders)
		o->cls->nosenders(o);
}

/* No-senders on o, which we hold: unlink it now, free it at the last
 * obj_put (ours, or that of a handler still running). */
static void obj_nosenders(struct srv *s, struct srv_obj *o)
{
	uint32_t slot = o->label & 0xffff;
	srv_obj_del(s, o);
	srv_lock(&s->lock);
	s->gone[slot] = o;
	srv_unlock(&s->lock);
}

int srv_obj_send(struct srv_obj *o, int *send)
{
	return k_pipe_make_send(o->recv, send);
}

int srv_reply(int32_t reply, int32_t tag, const void *data, uint32_t len,
              const int32_t *h, uint32_t nh)
{
	struct argot_msg m = {
		.tag = (uint32_t)tag, .timeout = 0,
		.sbuf = data, .slen = tag ? 0 : len,
		.shnd = h, .snhnd = tag ? 0 : nh,
	};
	/* a reply handle takes exactly one message and never blocks; if the
	 * client gave up (aborted, died), the error is of no interest */
	return argot_send(reply, &m, 0);
}

static void close_all(int32_t *h, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (h[i] != ARGOT_NOHANDLE)
			argot_close(h[i] & ~ARGOT_HMOVE);
}

/* moved handles are gone once the reply is queued; copies stay ours
 * unless the handler asked to give them away (HMOVE) */
static void drop_moved(struct srv_req *r, int sent)
{
	for (uint32_t i = 0; i < r->rnh; i++)
		if (!sent && (r->rh[i] & ARGOT_HMOVE))
			argot_close(r->rh[i] & ~ARGOT_HMOVE);
}

static void finish(struct srv_req *r, int ret)
{
	int sent = 0;
	if (ret != SRV_DEFER && r->reply != ARGOT_NOHANDLE) {
		if (ret > 0)
			ret = 0;
		sent = srv_reply(r->reply, ret, r->rbuf, r->rlen, r->rh,
		                 ret ? 0 : r->rnh) >= 0 && ret == 0;
	}
	drop_moved(r, sent);
	close_all(r->h, r->nh);
}

void srv_dispatch(struct srv *s, struct argot_msg *m, void *rbuf)
{
	struct srv_req r = {
		.srv = s, .id = m->tag, .label = m->label, .reply = m->reply,
		.data = m->rbuf, .len = m->rlen, .nh = m->rnhnd, .rbuf = rbuf,
	};
	for (uint32_t i = 0; i < r.nh && i < ARGOT_MSG_MAXHANDLES; i++)
		r.h[i] = m->rhnd[i];
	r.obj = obj_get(s, m->label);
	if (!r.obj) {
		finish(&r, -ARGOT_EBADF);  /* a label we no longer serve */
		return;
	}
	uint32_t slot = m->label & 0xffff;
	if (m->tag == ARGOT_MSG_NOSENDERS) {
		obj_nosenders(s, r.obj);
		finish(&r, SRV_DEFER);
		obj_put(s, slot);
		return;
	}
	srv_fn fn;
	int ret = srv_check(r.obj->cls->ifaces, r.id, r.len, r.nh, &fn);
	if (ret == -ARGOT_ENOSYS && r.obj->cls->other && r.id >= 0xFFFE0000u) {
		/* kernel messages and probes are not requests */
		r.obj->cls->other(&r);
		ret = SRV_DEFER;
	} else if (ret == 0) {
		ret = fn(&r);
	}
	finish(&r, ret);
	obj_put(s, slot);
}

static int serve(struct srv *s, char *buf)
{
	int32_t hnd[ARGOT_MSG_MAXHANDLES];
	char *rbuf = buf + ARGOT_MSG_MAXDATA;
	for (;;) {
		struct argot_msg m = {
			.timeout = s->tick ? s->tick : ARGOT_FOREVER,
			.rbuf = buf, .rcap = ARGOT_MSG_MAXDATA,
			.rhnd = hnd, .rhcap = ARGOT_MSG_MAXHANDLES,
		};
		int r = argot_recv(ARGOT_ANY, &m, 0);
		if (r == -ARGOT_ETIMEDOUT || r == -ARGOT_EINTR) {
			if (s->idle)
				s->idle(s);
			continue;
		}
		if (r < 0)
			return r;
		srv_dispatch(s, &m, rbuf);
	}
}

static void pool_thread(void *arg)
{
	struct srv *s = arg;
	char *buf = argot_hooks.alloc(2 * ARGOT_MSG_MAXDATA);
	if (buf)
		serve(s, buf);
}

int srv_run(struct srv *s, unsigned nthreads)
{
	if (!argot_hooks.alloc)
		return -ARGOT_EINVAL;
	for (unsigned i = 1; i < nthreads && argot_hooks.thread; i++)
		argot_hooks.thread(pool_thread, s);
	char *buf = argot_hooks.alloc(2 * ARGOT_MSG_MAXDATA);
	if (!buf)
		return -ARGOT_ENOMEM;
	return serve(s, buf);
}

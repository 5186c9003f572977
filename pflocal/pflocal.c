/*
 * pflocal/pflocal.c - the pipe server (README.md, include/argot/pipe.h).
 * One thread, event-driven: a read that must wait for data and a write
 * that must wait for room keep their reply handles in a queue of their
 * pipe, answered when the other side moves or goes away.
 */
#include "rt.h"
#include "kcall.h"
#include "server/rpc.h"
#include "server/start/start.h"
#include <argot/io.h>
#include <argot/pipe.h>

#define PF_SIZE 16384u           /* bytes a pipe holds (>= PIPE_BUF_) */
#define EPIPE_ 32
#define ESPIPE_ 29
#define EBADF_ 9

struct pend {                     /* a deferred read or write */
	struct pend *next;
	int32_t reply;
	uint32_t amount;              /* read: wanted; write: bytes held */
	uint8_t *data;                /* write: a copy of the bytes */
};

struct pipe {
	uint8_t buf[PF_SIZE];
	uint32_t head, len;           /* ring: len bytes from head */
	int readers, writers;         /* ends still open (0 or 1 each) */
	struct pend *rq, *wq;
	uint32_t ino;
	struct end *end[2];           /* [0] read end, [1] write end, or 0 */
};

struct end {
	struct srv_obj o;
	struct pipe *p;
	int write;
	uint32_t flags;               /* O_RDONLY/O_WRONLY | O_NONBLOCK */
};

static struct srv pf_srv = { .name = "pflocal" };
static struct srv_obj pf_ctl;
static int pf_ctl_gone;
static uint32_t pf_npipes, pf_nextino = 1;

static void pf_maybe_exit(void)
{
	if (pf_ctl_gone && pf_npipes == 0)
		rt_exit(0);
}

/* ---- the ring ---- */
static uint32_t pf_take(struct pipe *p, void *out, uint32_t n)
{
	uint32_t first;

	if (n > p->len)
		n = p->len;
	first = PF_SIZE - p->head < n ? PF_SIZE - p->head : n;
	memcpy(out, p->buf + p->head, first);
	memcpy((uint8_t *)out + first, p->buf, n - first);
	return n;
}

static void pf_consume(struct pipe *p, uint32_t n)
{
	p->head = (p->head + n) % PF_SIZE;
	p->len -= n;
}

static void pf_put(struct pipe *p, const void *in, uint32_t n)
{
	uint32_t tail = (p->head + p->len) % PF_SIZE;
	uint32_t first = PF_SIZE - tail < n ? PF_SIZE - tail : n;

	memcpy(p->buf + tail, in, first);
	memcpy(p->buf, (const uint8_t *)in + first, n - first);
	p->len += n;
}

/* How much of an n-byte write may go in now: all of it or nothing up to
 * PIPE_BUF_ (atomic), else whatever fits. */
static uint32_t pf_room(const struct pipe *p, uint32_t n)
{
	uint32_t room = PF_SIZE - p->len;

	if (n <= PIPE_BUF_)
		return room >= n ? n : 0;
	return room < n ? room : n;
}

/* ---- waking queued requests ---- */
static void pf_serve_writers(struct pipe *p);

static void pf_serve_readers(struct pipe *p)
{
	static uint8_t tmp[IO_MAX];

	while (p->rq && (p->len || !p->writers)) {
		struct pend *q = p->rq;
		uint32_t n = pf_take(p, tmp, q->amount);
		p->rq = q->next;
		/* consume only what reached a live reader: an aborted read
		 * (EINTR) must not lose bytes */
		if (srv_reply(q->reply, 0, tmp, n, 0, 0) >= 0)
			pf_consume(p, n);
		rt_free(q);
	}
}

static void pf_serve_writers(struct pipe *p)
{
	while (p->wq) {
		struct pend *q = p->wq;
		struct io_count c;
		if (p->readers) {
			c.count = pf_room(p, q->amount);
			if (!c.count)
				break;
			pf_put(p, q->data, c.count);
			srv_reply(q->reply, 0, &c, sizeof c, 0, 0);
		} else {
			srv_reply(q->reply, -EPIPE_, 0, 0, 0, 0);
		}
		p->wq = q->next;
		rt_free(q->data);
		rt_free(q);
	}
	if (p->len)
		pf_serve_readers(p);
}

static int pf_defer(struct srv_req *r, struct pend **queue, uint32_t amount,
                    const void *data)
{
	struct pend *q = rt_malloc(sizeof *q), **pp;

	if (!q)
		return -ARGOT_ENOMEM;
	*q = (struct pend){ 0, r->reply, amount, 0 };
	if (data) {
		if (!(q->data = rt_malloc(amount))) {
			rt_free(q);
			return -ARGOT_ENOMEM;
		}
		memcpy(q->data, data, amount);
	}
	for (pp = queue; *pp; pp = &(*pp)->next)
		;
	*pp = q;                      /* in arrival order */
	r->reply = ARGOT_NOHANDLE;
	return SRV_DEFER;
}

/* ---- io on an end ---- */
#define END(r) ((struct end *)(r)->obj)

/*
 * Handle what is already queued on the other end's pipe.  A client that
 * closes its read end and then writes expects EPIPE at once, but the
 * kernel's no-senders message for that end arrives on a pipe of its own,
 * and our receive from all pipes may pick the write first.  So before an
 * answer that depends on the other end being open (EPIPE, end of file,
 * waiting), whatever that end has queued is dispatched first.
 */
static void pf_drain(struct pipe *p, int which)
{
	static char buf[ARGOT_MSG_MAXDATA], rbuf[ARGOT_MSG_MAXDATA];
	static int busy;              /* one level: the buffers are shared */
	int32_t h[ARGOT_MSG_MAXHANDLES];

	if (busy)
		return;
	busy = 1;
	while (p->end[which]) {
		struct argot_msg m = { .timeout = 0, .rbuf = buf,
			.rcap = sizeof buf, .rhnd = h,
			.rhcap = ARGOT_MSG_MAXHANDLES };
		if (argot_recv(p->end[which]->o.recv, &m, ARGOT_NONBLOCK) < 0)
			break;
		srv_dispatch(&pf_srv, &m, rbuf);
	}
	busy = 0;
}

static int pf_read(struct srv_req *r)
{
	const struct io_read_req *q = r->data;
	struct end *e = END(r);
	struct pipe *p = e->p;
	uint32_t n;

	if (e->write)
		return -EBADF_;
	if (!p->len)
		pf_drain(p, 1);
	if (p->len && !p->rq) {
		n = pf_take(p, r->rbuf, q->amount > IO_MAX ? IO_MAX : q->amount);
		pf_consume(p, n);
		r->rlen = n;
		pf_serve_writers(p);
		return 0;
	}
	if (!p->writers) {
		r->rlen = 0;              /* end of file */
		return 0;
	}
	if (e->flags & ARGOT_O_NONBLOCK)
		return -ARGOT_EAGAIN;
	return pf_defer(r, &p->rq, q->amount > IO_MAX ? IO_MAX : q->amount, 0);
}

static int pf_write(struct srv_req *r)
{
	struct end *e = END(r);
	struct pipe *p = e->p;
	const uint8_t *data = (const uint8_t *)r->data + sizeof(struct io_write_req);
	uint32_t len = r->len - sizeof(struct io_write_req), n;
	struct io_count *c = r->rbuf;

	if (!e->write)
		return -EBADF_;
	pf_drain(p, 0);
	if (!p->readers)
		return -EPIPE_;
	n = p->wq ? 0 : pf_room(p, len);
	if (n || !len) {
		pf_put(p, data, n);
		c->count = n;
		r->rlen = sizeof *c;
		pf_serve_readers(p);
		return 0;
	}
	if (e->flags & ARGOT_O_NONBLOCK)
		return -ARGOT_EAGAIN;
	return pf_defer(r, &p->wq, len, data);
}

static int pf_select(struct srv_req *r)
{
	const struct io_select_req *q = r->data;
	struct end *e = END(r);
	struct io_select_rep *rep = r->rbuf;

	rep->ready = 0;
	if (!e->write && (e->p->len || !e->p->writers))
		rep->ready |= IO_SELECT_READ;
	if (e->write && (PF_SIZE - e->p->len >= PIPE_BUF_ || !e->p->readers))
		rep->ready |= IO_SELECT_WRITE;
	rep->ready &= q->which;
	r->rlen = sizeof *rep;
	return 0;
}

static int pf_stat(struct srv_req *r)
{
	struct end *e = END(r);
	struct argot_stat *st = r->rbuf;

	memset(st, 0, sizeof *st);
	st->dev = 0x9f10ca1;
	st->ino = e->p->ino;
	st->mode = ARGOT_S_IFIFO | 0600;
	st->nlink = 1;
	st->size = e->p->len;
	st->blksize = PIPE_BUF_;
	r->rlen = sizeof *st;
	return 0;
}

static int pf_getmodes(struct srv_req *r)
{
	struct io_modes *m = r->rbuf;

	m->flags = END(r)->flags;
	r->rlen = sizeof *m;
	return 0;
}

static int pf_setmodes(struct srv_req *r)
{
	const struct io_modes *m = r->data;
	struct end *e = END(r);

	e->flags = (e->flags & ~ARGOT_O_SETTABLE) | (m->flags & ARGOT_O_SETTABLE);
	return 0;
}

/* another handle on the same end (it shares the modes) */
static int pf_dup(struct srv_req *r)
{
	int h, e = srv_obj_send(r->obj, &h);

	if (e < 0)
		return e;
	r->rh[0] = h | ARGOT_HMOVE;
	r->rnh = 1;
	return 0;
}

static int pf_seek(struct srv_req *r)
{
	(void)r;
	return -ESPIPE_;
}

/* a pipe has no owner to check: a reauthentication is answered with the
 * same end (the rendezvous is closed, the client's wait times out) */
static int pf_reauth(struct srv_req *r)
{
	(void)r;
	return SRV_DEFER;
}

#define FI(id) [(id) - ARGOT_RPC_IO]
static const srv_fn pf_io_fns[IO_END - ARGOT_RPC_IO] = {
	FI(IO_READ) = pf_read, FI(IO_WRITE) = pf_write,
	FI(IO_SEEK) = pf_seek, FI(IO_STAT) = pf_stat,
	FI(IO_DUPLICATE) = pf_dup, FI(IO_REAUTH) = pf_reauth,
	FI(IO_RESTRICT_AUTH) = pf_dup,
	FI(IO_GET_OPENMODES) = pf_getmodes, FI(IO_SET_OPENMODES) = pf_setmodes,
	FI(IO_SELECT) = pf_select,
};
static const struct srv_iface pf_io = { &rpc_io_proto, pf_io_fns };
static const struct srv_iface *const pf_end_ifaces[] = { &pf_io, 0 };

/* The last handle on an end is closed: wake the other side. */
static void pf_end_gone(struct srv_obj *o)
{
	struct end *e = (struct end *)o;
	struct pipe *p = e->p;

	p->end[e->write] = 0;
	if (e->write) {
		p->writers = 0;
		pf_serve_readers(p);      /* end of file for the waiting */
	} else {
		p->readers = 0;
		pf_serve_writers(p);      /* EPIPE for the waiting */
	}
	rt_free(e);
	if (!p->readers && !p->writers) {
		rt_free(p);
		pf_npipes--;
		pf_maybe_exit();
	}
}

static const struct srv_class pf_end_class = { pf_end_ifaces, pf_end_gone, 0 };

/* ---- the control handle ---- */
static const struct rpc_spec pf_spec[] = {
	{ PIPE_CREATE, 0, RPC_FIXED, 0, 0 },
};
static const struct rpc_proto pf_proto = { ARGOT_RPC_PIPE, 1, pf_spec };

static struct end *pf_new_end(struct pipe *p, int write, int *send)
{
	struct end *e = rt_malloc(sizeof *e);

	if (!e)
		return 0;
	*e = (struct end){ .p = p, .write = write,
	                   .flags = write ? ARGOT_O_WRONLY : ARGOT_O_RDONLY };
	if (srv_obj_add(&pf_srv, &e->o, &pf_end_class, send) < 0) {
		rt_free(e);
		return 0;
	}
	return e;
}

static int pf_create(struct srv_req *r)
{
	struct pipe *p = rt_malloc(sizeof *p);
	struct end *rd, *wr;
	int rh, wh;

	if (!p)
		return -ARGOT_ENOMEM;
	memset(p, 0, sizeof *p);
	p->ino = pf_nextino++;
	p->readers = p->writers = 1;
	if (!(rd = pf_new_end(p, 0, &rh))) {
		rt_free(p);
		return -ARGOT_ENOMEM;
	}
	if (!(wr = pf_new_end(p, 1, &wh))) {
		srv_obj_del(&pf_srv, &rd->o);
		argot_close(rh);
		rt_free(rd);
		rt_free(p);
		return -ARGOT_ENOMEM;
	}
	p->end[0] = rd;
	p->end[1] = wr;
	pf_npipes++;
	r->rh[0] = rh | ARGOT_HMOVE;
	r->rh[1] = wh | ARGOT_HMOVE;
	r->rnh = 2;
	return 0;
}

static const srv_fn pf_ctl_fns[1] = { pf_create };
static const struct srv_iface pf_ctl_iface = { &pf_proto, pf_ctl_fns };
static const struct srv_iface *const pf_ctl_ifaces[] = { &pf_ctl_iface, 0 };

static void pf_ctl_nosenders(struct srv_obj *o)
{
	(void)o;
	pf_ctl_gone = 1;
	pf_maybe_exit();
}

static const struct srv_class pf_ctl_class = { pf_ctl_ifaces,
                                               pf_ctl_nosenders, 0 };

/* Started by a program's first pipe() (libc/personality/pipe.c) through
 * exec: the receive end of the control pipe is its descriptor 0. */
int xmain(int argc, char **argv, char **envp, struct argot_startup *st)
{
	(void)argc; (void)argv; (void)envp;
	if (!st || st->nfds < 1 || st->fds[0].handle < 0)
		return 1;
	if (srv_obj_adopt(&pf_srv, &pf_ctl, &pf_ctl_class, st->fds[0].handle) < 0)
		return 2;
	return srv_run(&pf_srv, 1) < 0 ? 3 : 0;
}

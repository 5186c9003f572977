/*
 * drivers/serial/serial.c - /hurd/term: the 16550 UARTs of COM1 and COM2,
 * each its own terminal (io + term protocols) with the line discipline of
 * ldisc.c.  It holds only the two ports' I/O ranges, their IRQs, and a
 * proc handle to signal foreground process groups.
 *
 * One thread, event-driven: a read that finds no line keeps its reply
 * handle until input completes one; output is written to the UART as the
 * transmitter empties, so a writer waits for the wire and nothing is
 * dropped; each write request goes out whole (no mid-request mixing).
 */
#include "rt.h"
#include "kcall.h"
#include "server/rpc.h"
#include "server/start/start.h"
#include <argot/io.h>
#include <argot/proc.h>
#include "ldisc.h"

#define NTTY 2
#define MAXREADERS 8
#define ENOTTY 25
#define EBADF_ 9

struct tty {
	struct srv_obj o;
	struct srv_obj irqo;      /* the pipe its interrupts come on */
	uint16_t base;
	int irq;
	int present;
	struct term_ld ld;
	int32_t pgrp;             /* foreground group, 0 for none */
	int32_t sid;              /* its session, -1 for none */
	struct argot_winsize ws;
	int32_t reader[MAXREADERS];
	uint32_t want[MAXREADERS];
	uint32_t nreaders;
};

static struct srv term_srv = { .name = "term" };
static struct tty ttys[NTTY];
static int proch = ARGOT_NOHANDLE;

static void uart_put(struct tty *t, const char *s, uint32_t n)
{
	if (!t->present)
		return;
	for (uint32_t i = 0; i < n; i++) {
		while (!(inb(t->base + 5) & 0x20))
			__asm__ volatile("pause");
		outb(t->base, (uint8_t)s[i]);
	}
}

/* A port with no UART behind it reads all ones; the scratch register
 * tells (QEMU gives COM2 only when asked). */
static int uart_present(struct tty *t)
{
	outb(t->base + 7, 0x5a);
	if (inb(t->base + 7) != 0x5a)
		return 0;
	outb(t->base + 7, 0xa5);
	return inb(t->base + 7) == 0xa5;
}

static void uart_init(struct tty *t)
{
	outb(t->base + 1, 0x00);   /* no interrupts while we set it up */
	outb(t->base + 3, 0x80);   /* divisor latch */
	outb(t->base + 0, 0x01);   /* 115200 baud */
	outb(t->base + 1, 0x00);
	outb(t->base + 3, 0x03);   /* 8N1 */
	outb(t->base + 2, 0xC7);   /* FIFO on, cleared, 14-byte trigger */
	outb(t->base + 4, 0x0B);   /* DTR, RTS, OUT2 (routes the IRQ) */
	outb(t->base + 1, 0x01);   /* interrupt on received data */
}

/* Answer waiting readers while there is something to give.  A reader
 * that went away (killed by ^C, aborted) fails the reply: what it took
 * goes back, so a dead reader never eats the next one's input. */
static void serve_readers(struct tty *t)
{
	static char buf[TERM_RING];
	while (t->nreaders && term_ld_readable(&t->ld)) {
		uint32_t head = t->ld.head, count = t->ld.count;
		uint32_t eofs = t->ld.eofs;
		uint32_t n = term_ld_read(&t->ld, buf, t->want[0]);
		if (srv_reply(t->reader[0], 0, buf, n, 0, 0) < 0) {
			t->ld.head = head;
			t->ld.count = count;
			t->ld.eofs = eofs;
		}
		t->nreaders--;
		for (uint32_t i = 0; i < t->nreaders; i++) {
			t->reader[i] = t->reader[i + 1];
			t->want[i] = t->want[i + 1];
		}
	}
}

static void input(struct tty *t)
{
	while (t->present && inb(t->base + 5) & 1) {
		term_ld_input(&t->ld, (char)inb(t->base));
		uart_put(t, t->ld.echo, t->ld.necho);
		if (t->ld.sig && t->pgrp > 0 && proch != ARGOT_NOHANDLE)
			proc_kill(proch, -t->pgrp, t->ld.sig, 1000);
	}
	serve_readers(t);
}

static void irq_msg(struct srv_req *r)
{
	struct tty *t = (struct tty *)((char *)r->obj -
	                               __builtin_offsetof(struct tty, irqo));
	if (r->id != ARGOT_MSG_IRQ)
		return;
	input(t);
	k_irq_ack(t->irq);
}

#define TTY(r) ((struct tty *)(r)->obj)

static int h_read(struct srv_req *r)
{
	struct tty *t = TTY(r);
	const struct io_read_req *q = r->data;
	uint32_t n = q->amount > IO_MAX ? IO_MAX : q->amount;
	if (term_ld_readable(&t->ld)) {
		r->rlen = term_ld_read(&t->ld, r->rbuf, n);
		return 0;
	}
	if (t->nreaders == MAXREADERS)
		return -ARGOT_EAGAIN;
	t->reader[t->nreaders] = r->reply;
	t->want[t->nreaders++] = n;
	r->reply = ARGOT_NOHANDLE;
	return SRV_DEFER;
}

static int h_write(struct srv_req *r)
{
	struct tty *t = TTY(r);
	const char *p = (const char *)r->data + sizeof(struct io_write_req);
	uint32_t n = r->len - sizeof(struct io_write_req), done = 0;
	char out[512];
	while (done < n) {
		uint32_t k = n - done > 256 ? 256 : n - done;
		uart_put(t, out, term_ld_output(&t->ld, p + done, k, out));
		done += k;
	}
	struct io_count *c = r->rbuf;
	c->count = n;
	r->rlen = sizeof *c;
	return 0;
}

static int h_stat(struct srv_req *r)
{
	struct tty *t = TTY(r);
	struct argot_stat *st = r->rbuf;
	rpc_zero(st, sizeof *st);
	st->mode = ARGOT_S_IFCHR | 0620;
	st->rdev = 4 << 8 | (uint32_t)(64 + (t - ttys));
	st->ino = (uint64_t)(t - ttys) + 1;
	st->nlink = 1;
	st->blksize = 1024;
	r->rlen = sizeof *st;
	return 0;
}

static int h_duplicate(struct srv_req *r)
{
	int send, e = srv_obj_send(r->obj, &send);
	if (e < 0)
		return e;
	r->rh[0] = send | ARGOT_HMOVE;
	r->rnh = 1;
	return 0;
}

static int h_getmodes(struct srv_req *r)
{
	struct io_modes *m = r->rbuf;
	m->flags = ARGOT_O_RDWR;
	r->rlen = sizeof *m;
	return 0;
}

static int h_select(struct srv_req *r)
{
	const struct io_select_req *q = r->data;
	struct io_select_rep *rep = r->rbuf;
	rep->ready = (q->which & IO_SELECT_WRITE) |
	             (term_ld_readable(&TTY(r)->ld) ? q->which & IO_SELECT_READ : 0);
	r->rlen = sizeof *rep;
	return 0;
}

static int h_get_modes(struct srv_req *r)
{
	rpc_copy(r->rbuf, &TTY(r)->ld.t, sizeof TTY(r)->ld.t);
	r->rlen = sizeof TTY(r)->ld.t;
	return 0;
}

static int h_set_modes(struct srv_req *r)
{
	const struct term_set_modes_req *q = r->data;
	TTY(r)->ld.t = q->t;
	serve_readers(TTY(r));
	return 0;
}

static int h_get_pgrp(struct srv_req *r)
{
	struct term_pgrp *p = r->rbuf;
	p->pgrp = TTY(r)->pgrp;
	r->rlen = sizeof *p;
	return 0;
}

/* The session of a live process group, through proc: 0 and *sid, or
 * -ESRCH if no live process is in the group. */
static int group_session(int32_t pgrp, int32_t *sid)
{
	static struct proc_list l;
	struct argot_procinfo i;
	int32_t next = 0;
	int r;
	do {
		if ((r = proc_list(proch, next, &l, 1000)) < 0)
			return r;
		for (uint32_t k = 0; k < l.count; k++) {
			next = l.pids[k] + 1;
			if (proc_info(proch, l.pids[k], &i, 1000) == 0 &&
			    i.pgrp == pgrp && i.state != PROC_STATE_ZOMBIE) {
				*sid = i.sid;
				return 0;
			}
		}
	} while (l.count == PROC_LIST_MAX);
	return -ARGOT_ESRCH;
}

/* A terminal belongs to the session of the first group made its
 * foreground, until that session's leader is gone (as Linux detaches
 * the terminal when the leader exits); then the next session takes it. */
static int session_alive(int32_t sid)
{
	struct argot_procinfo i;
	return sid >= 0 && proc_info(proch, sid, &i, 1000) == 0 &&
	       i.state != PROC_STATE_ZOMBIE && i.sid == sid;
}

/* TIOCSPGRP: the group must exist (-ESRCH) and be in the terminal's
 * session (-EPERM).  term cannot tell who asks (io carries no pid),
 * so Linux's "the caller's controlling terminal" check is not made. */
static int h_set_pgrp(struct srv_req *r)
{
	const struct term_pgrp *p = r->data;
	struct tty *t = TTY(r);
	int32_t sid;
	int e;
	if (p->pgrp <= 0)
		return -ARGOT_EINVAL;
	if ((e = group_session(p->pgrp, &sid)) < 0)
		return e;
	if (sid != t->sid && session_alive(t->sid))
		return -ARGOT_EPERM;
	t->sid = sid;
	t->pgrp = p->pgrp;
	return 0;
}

static int h_get_winsize(struct srv_req *r)
{
	rpc_copy(r->rbuf, &TTY(r)->ws, sizeof TTY(r)->ws);
	r->rlen = sizeof TTY(r)->ws;
	return 0;
}

static int h_set_winsize(struct srv_req *r)
{
	rpc_copy(&TTY(r)->ws, r->data, sizeof TTY(r)->ws);
	return 0;
}

static int h_flush(struct srv_req *r)
{
	const struct term_pgrp *q = r->data;
	struct tty *t = TTY(r);
	if (q->pgrp != 1) {            /* TCIFLUSH or TCIOFLUSH */
		t->ld.count = t->ld.nline = t->ld.eofs = 0;
	}
	return 0;
}

#define IOF(id) [(id) - ARGOT_RPC_IO]
#define TF(id) [(id) - ARGOT_RPC_TERM]
static const srv_fn io_fns[IO_END - ARGOT_RPC_IO] = {
	IOF(IO_READ) = h_read, IOF(IO_WRITE) = h_write, IOF(IO_STAT) = h_stat,
	IOF(IO_DUPLICATE) = h_duplicate, IOF(IO_GET_OPENMODES) = h_getmodes,
	IOF(IO_SELECT) = h_select,
};
static const srv_fn term_fns[TERM_END - ARGOT_RPC_TERM] = {
	TF(TERM_GET_MODES) = h_get_modes, TF(TERM_SET_MODES) = h_set_modes,
	TF(TERM_GET_PGRP) = h_get_pgrp, TF(TERM_SET_PGRP) = h_set_pgrp,
	TF(TERM_GET_WINSIZE) = h_get_winsize,
	TF(TERM_SET_WINSIZE) = h_set_winsize, TF(TERM_FLUSH) = h_flush,
};
static const struct srv_iface io_iface = { &rpc_io_proto, io_fns };
static const struct srv_iface term_iface = { &rpc_term_proto, term_fns };
static const struct srv_iface *const tty_ifaces[] = { &io_iface,
                                                      &term_iface, 0 };
/* a terminal outlives its users: no-senders changes nothing */
static const struct srv_class tty_class = { tty_ifaces, 0, 0 };
static const struct srv_iface *const no_ifaces[] = { 0 };
static const struct srv_class irq_class = { no_ifaces, 0, irq_msg };

/* Started by bootstrap with rt_spawn: h[0], h[1] the receive ends of the
 * COM1 and COM2 terminals, h[2], h[3] their I/O port ranges, h[4], h[5]
 * their IRQs, h[6] a proc handle allowed to signal any group. */
int rt_main(void *arg)
{
	struct rt_spawn_args *a = arg;
	static const uint16_t bases[NTTY] = { 0x3f8, 0x2f8 };
	rt_init_spawned(a);
	argot_rt_hooks();
	if (a->nh < 7)
		return 1;
	proch = a->h[6];
	for (int i = 0; i < NTTY; i++) {
		struct tty *t = &ttys[i];
		int send;
		t->base = bases[i];
		t->irq = a->h[4 + i];
		term_ld_init(&t->ld);
		t->ws = (struct argot_winsize){ 24, 80, 0, 0 };
		t->sid = -1;
		if (k_ioport_grant(a->h[2 + i], rt.self) < 0 ||
		    srv_obj_adopt(&term_srv, &t->o, &tty_class, a->h[i]) < 0 ||
		    srv_obj_add(&term_srv, &t->irqo, &irq_class, &send) < 0)
			return 2;
		if (!(t->present = uart_present(t)))
			continue;      /* served, but reads wait and writes vanish */
		uart_init(t);
		if (k_irq_attach(t->irq, send, t->irqo.label) < 0)
			return 3;
		input(t);          /* anything typed before we came */
	}
	return srv_run(&term_srv, 1) < 0 ? 4 : 0;
}

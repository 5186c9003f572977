/*
 * ipc.c - the three calls.  A message is copied into the kernel when it
 * is sent and out of it when it is received, always in the context of
 * the process that owns the user memory; handles ride along as rights.
 */
#include "kern.h"

struct xfer { int32_t idx; int move; struct hent e; };

uint32_t ipc_deadline(uint32_t ms)
{
	if (ms == ARGOT_FOREVER)
		return 0;
	uint32_t d = jiffies + ms / (1000 / HZ) + (ms % (1000 / HZ) != 0) + 1;
	return d ? d : 1;
}

int ipc_why(int why)
{
	return why == W_TIMEOUT ? -ARGOT_ETIMEDOUT : -ARGOT_EINTR;
}

/* Look up the handles named in shnd and pin them; moves are decided
 * now, taken out of the table only at commit. */
static int xfer_prepare(struct proc *p, const struct argot_msg *m, int32_t self,
			struct pipe *target, struct xfer *x)
{
	int32_t hn[ARGOT_MSG_MAXHANDLES];
	if (copyin(p, hn, (uint32_t)m->shnd, m->snhnd * 4))
		return -ARGOT_EFAULT;
	for (uint32_t i = 0; i < m->snhnd; i++) {
		x[i].idx = hn[i] & ~ARGOT_HMOVE;
		struct hent *e = htab_get(p, x[i].idx);
		if (!e || (hn[i] & ARGOT_HMOVE && hn[i] < 0))
			return -ARGOT_EBADF;
		x[i].e = *e;
		x[i].move = (hn[i] & ARGOT_HMOVE) || e->type == ARGOT_HT_PIPE_RECV ||
			    e->type == ARGOT_HT_REPLY;
		if ((e->type == ARGOT_HT_PIPE_RECV && e->obj == target) ||
		    (x[i].move && x[i].idx == self))
			return -ARGOT_EINVAL;
		for (uint32_t j = 0; j < i; j++)
			if (x[i].move && x[j].move && x[j].idx == x[i].idx)
				return -ARGOT_EINVAL;
	}
	return 0;
}

static void xfer_pin(struct xfer *x, uint32_t n, int pin)
{
	for (uint32_t i = 0; i < n; i++)
		pin ? hent_pin(&x[i].e) : hent_unpin(&x[i].e);
}

/* Moved handles must still be where they were (another thread may have
 * closed one while we waited for queue space). */
static int xfer_commit(struct proc *p, struct xfer *x, uint32_t n, struct kmsg *k)
{
	for (uint32_t i = 0; i < n; i++) {
		struct hent *e = htab_get(p, x[i].idx);
		if (x[i].move && (!e || e->type != x[i].e.type || e->obj != x[i].e.obj))
			return -ARGOT_EBADF;
	}
	for (uint32_t i = 0; i < n; i++)
		if (!x[i].move) {
			hent_dup(&x[i].e);
			k->h[i] = x[i].e;
		}
	for (uint32_t i = 0; i < n; i++)
		if (x[i].move)
			k->h[i] = htab_take(p, x[i].idx);
	k->nh = n;
	return 0;
}

/* Copy a message out to the current process.  On failure the message
 * is untouched (and stays queued). */
static int deliver(struct kmsg *k, struct argot_msg *m, uint32_t umsg,
		   uint32_t label, int isreply)
{
	struct proc *p = cur->proc;
	/* the part of each buffer that would be written must be writable,
	 * whether or not the message fits */
	uint32_t len = k->len < m->rcap ? k->len : m->rcap;
	uint32_t nh = k->nh < m->rhcap ? k->nh : m->rhcap;
	if (!uaccess_ok(p, (uint32_t)m->rbuf, len, 1) ||
	    !uaccess_ok(p, (uint32_t)m->rhnd, nh * 4, 1))
		return -ARGOT_EFAULT;
	m->rlen = k->len;
	m->rnhnd = k->nh;
	if (k->len > m->rcap || k->nh > m->rhcap) {
		copyout(p, umsg, m, sizeof(*m));
		return -ARGOT_EMSGSIZE;
	}
	if (!htab_nfree(p, k->nh + (k->reply ? 1 : 0)))
		return -ARGOT_EMFILE;
	copyout(p, (uint32_t)m->rbuf, k->data, k->len);
	for (uint32_t i = 0; i < k->nh; i++) {
		int32_t id = htab_put(p, k->h[i].type, k->h[i].obj);
		copyout(p, (uint32_t)(m->rhnd + i), &id, 4);
	}
	m->reply = k->reply ? htab_put(p, ARGOT_HT_REPLY, k->reply) : ARGOT_NOHANDLE;
	m->tag = k->tag;
	m->label = isreply ? 0 : label;
	if (isreply)
		m->reply = ARGOT_NOHANDLE;
	copyout(p, umsg, m, sizeof(*m));
	k->nh = 0;
	k->reply = NULL;
	return 0;
}

/* Wait for the answer to a CALL and receive it. */
static int call_wait(struct reply *r, struct argot_msg *m, uint32_t umsg,
		     uint32_t timeout, uint32_t dl, struct thread *hint)
{
	int err = 0;
	while (r->state == R_WAIT && !err) {
		if (timeout == 0)
			err = -ARGOT_EAGAIN;
		else {
			int why = sched_block(&r->wq, dl, hint);
			if (why != W_OK)
				err = ipc_why(why);
		}
		hint = NULL;
	}
	if (!err && r->state == R_DEAD)
		err = -ARGOT_EPIPE;
	if (!err)
		err = deliver(r->answer, m, umsg, 0, 1);
	reply_abandon(r);
	return err;
}

static int send_reply(int32_t h, struct reply *r, struct kmsg *k,
		      struct xfer *x, uint32_t n)
{
	struct proc *p = cur->proc;
	int err = r->state == R_WAIT && r->caller ? xfer_commit(p, x, n, k) : -ARGOT_EPIPE;
	struct thread *caller = r->caller;
	if (err == 0)
		err = reply_answer(r, k);
	if (err)
		kmsg_free(k);
	htab_close(p, h);            /* one-shot, answered or not */
	if (err == 0)
		sched_handoff(caller);
	return err;
}

static int send_pipe(struct pipe *pp, struct kmsg *k, struct xfer *x, uint32_t n,
		     struct argot_msg *m, uint32_t umsg, uint32_t flags)
{
	uint32_t timeout = flags & ARGOT_NONBLOCK ? 0 : m->timeout;
	uint32_t dl = ipc_deadline(timeout);
	int err = 0;
	while (!err) {
		if (!pp->alive)
			err = -ARGOT_EPIPE;
		else if (pp->qlen < ARGOT_PIPE_QUEUE)
			break;
		else if (timeout == 0)
			err = -ARGOT_EAGAIN;
		else {
			int why = sched_block(&pp->sendq, dl, NULL);
			if (why != W_OK)
				err = ipc_why(why);
		}
	}
	struct reply *r = NULL;
	if (!err && flags & ARGOT_CALL && !(r = reply_create(pp, m->rcap)))
		err = -ARGOT_ENOMEM;
	if (!err)
		err = xfer_commit(cur->proc, x, n, k);
	if (err) {
		if (r) {                 /* never sent: drop the holder's ref too */
			reply_abandon(r);
			reply_unref(r);
		}
		kmsg_free(k);
		return err;
	}
	k->reply = r;
	struct thread *t = pipe_enqueue_wake(pp, k);
	if (!r)
		return 0;
	return call_wait(r, m, umsg, timeout, dl, t);
}

/* The kernel's copy of a message is charged to its sender until it is
 * received, except an answer to a waiting caller that fits the room the
 * caller paid for with its CALL: that one may use the kernel's reserve,
 * so a server can always answer. */
static struct kmsg *msg_for(struct hent *target, uint32_t len)
{
	struct reply *r = target->type == ARGOT_HT_REPLY ? target->obj : NULL;
	if (!r || r->state != R_WAIT || kmem_cost(sizeof(struct kmsg) + len) > r->rsv)
		return kmsg_alloc(cur->proc, len);
	pmem_duty = 1;
	struct kmsg *k = kmsg_alloc(NULL, len);
	pmem_duty = 0;
	return k;
}

int sys_send(int32_t h, uint32_t umsg, uint32_t flags)
{
	struct proc *p = cur->proc;
	struct argot_msg m;
	if (copyin(p, &m, umsg, sizeof(m)))
		return -ARGOT_EFAULT;
	struct hent *e = htab_get(p, h);
	if (!e)
		return -ARGOT_EBADF;
	struct hent target = *e;
	if (target.type != ARGOT_HT_PIPE_SEND && target.type != ARGOT_HT_REPLY)
		return ksvc_call(&target, &m, umsg);
	if (target.type == ARGOT_HT_REPLY && flags & ARGOT_CALL)
		return -ARGOT_EINVAL;
	if (m.slen > ARGOT_MSG_MAXDATA || m.snhnd > ARGOT_MSG_MAXHANDLES)
		return -ARGOT_EMSGSIZE;
	struct xfer x[ARGOT_MSG_MAXHANDLES];
	struct pipe *pp = target.type == ARGOT_HT_PIPE_SEND ? target.obj : NULL;
	int err = xfer_prepare(p, &m, h, pp, x);
	if (err)
		return err;
	struct kmsg *k = msg_for(&target, m.slen);
	if (!k)
		return -ARGOT_ENOMEM;
	if (copyin(p, k->data, (uint32_t)m.sbuf, m.slen)) {
		kmsg_free(k);
		return -ARGOT_EFAULT;
	}
	k->tag = m.tag;
	xfer_pin(x, m.snhnd, 1);
	hent_pin(&target);
	if (pp)
		err = send_pipe(pp, k, x, m.snhnd, &m, umsg, flags);
	else
		err = send_reply(h, target.obj, k, x, m.snhnd);
	hent_unpin(&target);
	xfer_pin(x, m.snhnd, 0);
	return err;
}

/* recv(ARGOT_ANY): the first owned pipe with a message; served pipes
 * go to the back of the list so no pipe starves the others. */
static struct pipe *any_ready(struct proc *p)
{
	struct pipe **pp = &p->pipes;
	for (; *pp; pp = &(*pp)->onext) {
		struct pipe *x = *pp;
		if (!x->qhead)
			continue;
		*pp = x->onext;
		struct pipe **end = pp;
		while (*end)
			end = &(*end)->onext;
		*end = x;
		x->onext = NULL;
		return x;
	}
	return NULL;
}

int sys_recv(int32_t h, uint32_t umsg, uint32_t flags)
{
	struct proc *p = cur->proc;
	struct argot_msg m;
	if (copyin(p, &m, umsg, sizeof(m)) || !uaccess_ok(p, umsg, sizeof(m), 1))
		return -ARGOT_EFAULT;
	uint32_t timeout = flags & ARGOT_NONBLOCK ? 0 : m.timeout;
	uint32_t dl = ipc_deadline(timeout);
	for (;;) {
		struct pipe *pp;
		struct waitq *q;
		if (h == ARGOT_ANY) {
			pp = any_ready(p);
			q = &p->anyq;
		} else {
			struct hent *e = htab_get(p, h);
			if (!e)
				return -ARGOT_EBADF;
			if (e->type != ARGOT_HT_PIPE_RECV)
				return -ARGOT_ENOTSUP;
			pp = e->obj;
			q = &pp->recvq;
			if (!pp->qhead)
				pp = NULL;
		}
		if (pp) {
			struct kmsg *k = pp->qhead;
			int err = deliver(k, &m, umsg, k->haslabel ? k->label : pp->label, 0);
			if (err)
				return err;
			pipe_dequeue(pp);
			pipe_consumed(pp, k);
			return 0;
		}
		if (timeout == 0)
			return -ARGOT_EAGAIN;
		int why = sched_block(q, dl, NULL);
		if (why != W_OK)
			return ipc_why(why);
	}
}

int sys_close(int32_t h)
{
	return htab_close(cur->proc, h);
}

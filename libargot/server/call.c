/*
 * libargot/server/call.c - the client side of every RPC: put the request
 * struct and its tail into one message, CALL, and hand back what the reply
 * carried.  Requests with a tail need one contiguous buffer; small ones
 * use the stack (threads may have only 16 KiB of it), larger ones the
 * allocation hook.
 */
#include "rpc.h"
#include "kcall.h"

struct argot_hooks argot_hooks = { 0, 0, 0, ARGOT_NOHANDLE };

void rpc_copy(void *d, const void *s, uint32_t n)
{
	char *dp = d;
	const char *sp = s;
	while (n--)
		*dp++ = *sp++;
}

void rpc_zero(void *d, uint32_t n)
{
	char *dp = d;
	while (n--)
		*dp++ = 0;
}

uint32_t rpc_strnlen(const char *s, uint32_t max)
{
	uint32_t n = 0;
	while (n < max && s[n])
		n++;
	return n;
}

#define SMALL 512

/* Build the request data; *heap says whether it must be freed. */
static const void *gather(struct rpc *c, char *small, uint32_t *len,
                          int *heap)
{
	*heap = 0;
	*len = c->reqlen + c->taillen;
	if (!c->taillen)
		return c->req;
	if (*len > ARGOT_MSG_MAXDATA)
		return 0;
	char *buf = small;
	if (*len > SMALL) {
		if (!argot_hooks.alloc || !(buf = argot_hooks.alloc(*len)))
			return 0;
		*heap = 1;
	}
	rpc_copy(buf, c->req, c->reqlen);
	rpc_copy(buf + c->reqlen, c->tail, c->taillen);
	return buf;
}

static int transfer(int h, struct rpc *c, unsigned flags)
{
	char small[SMALL];
	uint32_t len;
	int heap, r;
	const void *data = gather(c, small, &len, &heap);
	if (!data && len)
		return len > ARGOT_MSG_MAXDATA ? -ARGOT_EMSGSIZE : -ARGOT_ENOMEM;
	struct argot_msg m = {
		.tag = c->id, .timeout = c->timeout,
		.sbuf = data, .slen = len, .shnd = c->hin, .snhnd = c->nin,
		.rbuf = c->rep, .rcap = c->repcap,
		.rhnd = c->hout, .rhcap = c->nout,
	};
	r = argot_send(h, &m, flags);
	if (heap)
		argot_hooks.free((void *)data);
	c->replen = c->nhout = 0;
	if (r < 0 || !(flags & ARGOT_CALL))
		return r;
	c->replen = m.rlen;
	c->nhout = m.rnhnd;
	if ((int32_t)m.tag != 0) {
		/* an error reply carries nothing; drop anything it did */
		for (uint32_t i = 0; i < c->nhout; i++)
			argot_close(c->hout[i]);
		c->nhout = c->replen = 0;
	}
	return (int32_t)m.tag;
}

int rpc_call(int h, struct rpc *c)
{
	return transfer(h, c, ARGOT_CALL);
}

int rpc_send(int h, struct rpc *c)
{
	return transfer(h, c, 0);
}

int rpc_simple(int h, uint32_t id, const void *req, uint32_t reqlen,
               void *rep, uint32_t repcap, uint32_t timeout)
{
	struct rpc c = { .id = id, .req = req, .reqlen = reqlen,
	                 .rep = rep, .repcap = repcap, .timeout = timeout };
	int r = rpc_call(h, &c);
	if (r == 0 && c.replen < repcap)
		return -ARGOT_EINVAL;  /* a short reply: the server is broken */
	return r;
}

/* an RPC whose answer is one handle */
int rpc_get_handle(int h, uint32_t id, const void *req, uint32_t len,
                   int *out, uint32_t timeout)
{
	int32_t hout = ARGOT_NOHANDLE;
	struct rpc c = { .id = id, .req = req, .reqlen = len,
	                 .hout = &hout, .nout = 1, .timeout = timeout };
	int r = rpc_call(h, &c);
	if (r == 0 && c.nhout != 1)
		r = -ARGOT_EINVAL;
	*out = r == 0 ? hout : ARGOT_NOHANDLE;
	return r;
}

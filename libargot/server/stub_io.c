/*
 * libargot/server/stub_io.c - client stubs of the io protocol (io.h).
 */
#include "rpc.h"
#include <argot/io.h>

int io_read(int h, int64_t offset, void *buf, uint32_t amount,
            uint32_t timeout)
{
	struct io_read_req q = { .offset = offset,
	                         .amount = amount > IO_MAX ? IO_MAX : amount };
	struct rpc c = { .id = IO_READ, .req = &q, .reqlen = sizeof q,
	                 .rep = buf, .repcap = q.amount, .timeout = timeout };
	int r = rpc_call(h, &c);
	return r < 0 ? r : (int)c.replen;
}

static int write_chunk(int h, int64_t offset, const void *buf, uint32_t n,
                       uint32_t timeout)
{
	struct io_write_req q = { .offset = offset };
	struct io_count rep;
	struct rpc c = { .id = IO_WRITE, .req = &q, .reqlen = sizeof q,
	                 .tail = buf, .taillen = n, .rep = &rep,
	                 .repcap = sizeof rep, .timeout = timeout };
	int r = rpc_call(h, &c);
	if (r < 0)
		return r;
	return c.replen < sizeof rep || rep.count > n ? -ARGOT_EINVAL
	                                              : (int)rep.count;
}

int io_write(int h, int64_t offset, const void *buf, uint32_t count,
             uint32_t timeout)
{
	const char *p = buf;
	uint32_t done = 0;
	do {
		uint32_t n = count - done > IO_MAX ? IO_MAX : count - done;
		int r = write_chunk(h, offset, p + done, n, timeout);
		if (r < 0)
			return done ? (int)done : r;
		done += (uint32_t)r;
		if (offset != IO_FILEPTR)
			offset += r;
		if ((uint32_t)r < n)
			break;
	} while (done < count);
	return (int)done;
}

int io_seek(int h, int64_t offset, uint32_t whence, int64_t *pos,
            uint32_t timeout)
{
	struct io_seek_req q = { .offset = offset, .whence = whence };
	struct io_seek_rep rep;
	int r = rpc_simple(h, IO_SEEK, &q, sizeof q, &rep, sizeof rep, timeout);
	if (r == 0 && pos)
		*pos = rep.pos;
	return r;
}

int io_stat(int h, struct argot_stat *st, uint32_t timeout)
{
	return rpc_simple(h, IO_STAT, 0, 0, st, sizeof *st, timeout);
}

int io_duplicate(int h, int *newh, uint32_t timeout)
{
	return rpc_get_handle(h, IO_DUPLICATE, 0, 0, newh, timeout);
}

int io_reauth(int h, int rendezvous, uint32_t timeout)
{
	int32_t hin = rendezvous;
	struct rpc c = { .id = IO_REAUTH, .hin = &hin, .nin = 1,
	                 .timeout = timeout };
	return rpc_send(h, &c);
}

int io_restrict_auth(int h, const struct argot_idset *ids, int *newh,
                     uint32_t timeout)
{
	return rpc_get_handle(h, IO_RESTRICT_AUTH, ids, sizeof *ids, newh, timeout);
}

int io_get_openmodes(int h, uint32_t *flags, uint32_t timeout)
{
	struct io_modes rep;
	int r = rpc_simple(h, IO_GET_OPENMODES, 0, 0, &rep, sizeof rep,
	                   timeout);
	if (r == 0)
		*flags = rep.flags;
	return r;
}

int io_set_openmodes(int h, uint32_t flags, uint32_t timeout)
{
	struct io_modes q = { flags };
	return rpc_simple(h, IO_SET_OPENMODES, &q, sizeof q, 0, 0, timeout);
}

int io_map(int h, int *memobj, struct io_map_rep *rep, uint32_t timeout)
{
	int32_t hout = ARGOT_NOHANDLE;
	struct rpc c = { .id = IO_MAP, .rep = rep, .repcap = sizeof *rep,
	                 .hout = &hout, .nout = 1, .timeout = timeout };
	int r = rpc_call(h, &c);
	*memobj = r == 0 ? hout : ARGOT_NOHANDLE;
	return r;
}

int io_select(int h, uint32_t which, uint32_t wait_ms, uint32_t *ready,
              uint32_t timeout)
{
	struct io_select_req q = { which, wait_ms };
	struct io_select_rep rep;
	int r = rpc_simple(h, IO_SELECT, &q, sizeof q, &rep, sizeof rep,
	                   timeout);
	if (r == 0)
		*ready = rep.ready;
	return r;
}

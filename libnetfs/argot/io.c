/* io.c: the io protocol (io.h) on a protid: reads and writes at an
 * offset or at the open's file pointer, seek, stat, duplicate, reauth,
 * open modes, select.  Access was checked when the open was made; here
 * only the open mode decides, as in POSIX. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include "na.h"

static int na_io_read(struct srv_req *r)
{
	struct na_prot *p = na_prot(r);
	const struct io_read_req *q = r->data;
	struct na_open *po = p->po;
	size_t len = q->amount > IO_MAX ? IO_MAX : q->amount;
	int64_t off = q->offset;
	int err;

	if ((err = na_can(p, 0)) < 0)
		return err;
	if (off < 0 && off != IO_FILEPTR)
		return -EINVAL;
	pthread_mutex_lock(&po->lock);
	if (off == IO_FILEPTR)
		off = po->ptr;
	na_enter();
	err = na_ops->read ? na_ops->read(po->np, (uint64_t)off, r->rbuf, &len)
	                   : EOPNOTSUPP;
	na_leave();
	if (!err && q->offset == IO_FILEPTR)
		po->ptr = off + (int64_t)len;
	pthread_mutex_unlock(&po->lock);
	if (err)
		return -err;
	r->rlen = (uint32_t)len;
	return 0;
}

static int na_io_write(struct srv_req *r)
{
	struct na_prot *p = na_prot(r);
	const struct io_write_req *q = r->data;
	struct na_open *po = p->po;
	size_t len = r->len - sizeof *q;
	int append = (po->flags & ARGOT_O_APPEND) != 0;
	uint64_t at;
	struct netfs_stat st;
	int err;

	if ((err = na_can(p, 1)) < 0)
		return err;
	if (q->offset < 0 && q->offset != IO_FILEPTR)
		return -EINVAL;
	pthread_mutex_lock(&po->lock);
	at = append ? NETFS_APPEND :
	     q->offset == IO_FILEPTR ? (uint64_t)po->ptr : (uint64_t)q->offset;
	na_enter();
	err = na_ops->write ? na_ops->write(po->np, at, (const char *)r->data +
	                                    sizeof *q, &len) : EROFS;
	if (!err && len)        /* set-ID bits go unless uid 0 wrote */
		netfs_drop_setid(na_ops, &p->cred, po->np);
	na_leave();
	if (!err && q->offset == IO_FILEPTR) {
		if (append && na_getattr(po->np, &st) == 0)
			po->ptr = (int64_t)st.size;
		else if (!append)
			po->ptr += (int64_t)len;
	}
	pthread_mutex_unlock(&po->lock);
	if (err)
		return -err;
	struct io_count c = { (uint32_t)len };
	memcpy(r->rbuf, &c, sizeof c);
	r->rlen = sizeof c;
	return 0;
}

static int na_io_seek(struct srv_req *r)
{
	struct na_prot *p = na_prot(r);
	const struct io_seek_req *q = r->data;
	struct na_open *po = p->po;
	struct netfs_stat st;
	int64_t base = 0;
	int err = 0;

	pthread_mutex_lock(&po->lock);
	if (q->whence == IO_SEEK_CUR)
		base = po->ptr;
	else if (q->whence == IO_SEEK_END)
		err = na_getattr(po->np, &st), base = (int64_t)st.size;
	else if (q->whence != IO_SEEK_SET)
		err = EINVAL;
	if (!err && base + q->offset < 0)
		err = EINVAL;
	if (!err)
		po->ptr = base + q->offset;
	struct io_seek_rep rep = { po->ptr };
	pthread_mutex_unlock(&po->lock);
	if (err)
		return -err;
	memcpy(r->rbuf, &rep, sizeof rep);
	r->rlen = sizeof rep;
	return 0;
}

static int na_io_stat(struct srv_req *r)
{
	struct na_prot *p = na_prot(r);
	struct netfs_stat st;
	int err;

	if ((err = na_getattr(p->po->np, &st)))
		return -err;
	na_stat_out(&st, p->po->np, r->rbuf);
	r->rlen = sizeof(struct argot_stat);
	return 0;
}

/* Another send handle on the same pipe: the same open, the same identity. */
static int na_io_duplicate(struct srv_req *r)
{
	struct na_prot *p = na_prot(r);
	int h, err;

	if ((err = srv_obj_send(&p->obj, &h)) < 0)
		return err;
	r->rh[0] = h | ARGOT_HMOVE;
	r->rnh = 1;
	return 0;
}

static int na_io_getmodes(struct srv_req *r)
{
	struct na_prot *p = na_prot(r);
	struct io_modes m = { p->po->flags };

	memcpy(r->rbuf, &m, sizeof m);
	r->rlen = sizeof m;
	return 0;
}

static int na_io_setmodes(struct srv_req *r)
{
	struct na_prot *p = na_prot(r);
	const struct io_modes *m = r->data;
	struct na_open *po = p->po;

	pthread_mutex_lock(&po->lock);
	po->flags = (po->flags & ~(uint32_t)ARGOT_O_SETTABLE) |
	            (m->flags & ARGOT_O_SETTABLE);
	pthread_mutex_unlock(&po->lock);
	return 0;
}

static int na_io_map(struct srv_req *r)
{
	(void)r;
	return -ENOTSUP;	/* no memory objects for netfs nodes yet */
}

/* A node of a filesystem is always ready: reads and writes never wait. */
static int na_io_select(struct srv_req *r)
{
	const struct io_select_req *q = r->data;
	struct io_select_rep rep = {
		q->which & (IO_SELECT_READ | IO_SELECT_WRITE)
	};

	memcpy(r->rbuf, &rep, sizeof rep);
	r->rlen = sizeof rep;
	return 0;
}

static const srv_fn na_io_fns[IO_END - ARGOT_RPC_IO] = {
	[IO_READ - ARGOT_RPC_IO] = na_io_read,
	[IO_WRITE - ARGOT_RPC_IO] = na_io_write,
	[IO_SEEK - ARGOT_RPC_IO] = na_io_seek,
	[IO_STAT - ARGOT_RPC_IO] = na_io_stat,
	[IO_DUPLICATE - ARGOT_RPC_IO] = na_io_duplicate,
	[IO_REAUTH - ARGOT_RPC_IO] = na_reauth,
	[IO_RESTRICT_AUTH - ARGOT_RPC_IO] = na_restrict_auth,
	[IO_GET_OPENMODES - ARGOT_RPC_IO] = na_io_getmodes,
	[IO_SET_OPENMODES - ARGOT_RPC_IO] = na_io_setmodes,
	[IO_MAP - ARGOT_RPC_IO] = na_io_map,
	[IO_SELECT - ARGOT_RPC_IO] = na_io_select,
};

const struct srv_iface na_io_iface = { &rpc_io_proto, na_io_fns };

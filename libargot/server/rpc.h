/*
 * libargot/server/rpc.h - the client core, the server loop and the hooks
 * that let one library serve both freestanding servers (libargot_rt) and
 * musl programs (translators): no libc header is used; memory and threads
 * come from argot_hooks, which the program fills in at start.
 *
 * Prefixes: rpc_ for the client side, srv_ for the server side.
 */
#ifndef ARGOT_SERVER_RPC_H
#define ARGOT_SERVER_RPC_H

#include <stddef.h>
#include <stdint.h>
#include <argot/rpc.h>

/* ---- hooks ----------------------------------------------------------- */
struct argot_hooks {
	void *(*alloc)(size_t n);       /* rt_malloc or malloc */
	void (*free)(void *p);
	/* start fn(arg) in a new thread of this process; 0 or -errno */
	int (*thread)(void (*fn)(void *), void *arg);
	int kernel;                     /* ARGOT_HT_KERNEL handle */
};
extern struct argot_hooks argot_hooks;

/* small helpers that do not depend on a libc */
void rpc_copy(void *d, const void *s, uint32_t n);
void rpc_zero(void *d, uint32_t n);
uint32_t rpc_strnlen(const char *s, uint32_t max);

/* ---- client core ---------------------------------------------------- */
struct rpc {
	uint32_t id;
	const void *req; uint32_t reqlen;    /* the request struct */
	const void *tail; uint32_t taillen;  /* appended to it (or none) */
	const int32_t *hin; uint32_t nin;    /* handles sent */
	void *rep; uint32_t repcap;          /* reply data: struct + tail */
	uint32_t replen;                     /* out */
	int32_t *hout; uint32_t nout;        /* room for handles received */
	uint32_t nhout;                      /* out */
	uint32_t timeout;
};
/* One CALL.  Returns the reply tag (0 or -errno) or the kernel's error.
 * On error no handle is left in hout (any received are closed). */
int rpc_call(int h, struct rpc *c);
/* A one-way request (no reply expected). */
int rpc_send(int h, struct rpc *c);
/* Shorthand: fixed request, fixed reply, no handles. */
int rpc_simple(int h, uint32_t id, const void *req, uint32_t reqlen,
               void *rep, uint32_t repcap, uint32_t timeout);

/* Shorthand: fixed request, exactly one handle back in *out. */
int rpc_get_handle(int h, uint32_t id, const void *req, uint32_t len,
                   int *out, uint32_t timeout);

/* ---- protocol specs (built from the X-macros of each header) --------- */
struct rpc_spec {
	uint32_t id;         /* 0: no such RPC */
	uint32_t size;       /* of the request struct */
	uint8_t  tail;       /* RPC_TAIL: more data may follow */
	uint8_t  minh, maxh;
};
struct rpc_proto {
	uint32_t base, n;    /* ids base .. base+n-1 */
	const struct rpc_spec *spec;
};
extern const struct rpc_proto rpc_io_proto, rpc_file_proto, rpc_dir_proto,
	rpc_fsys_proto, rpc_auth_proto, rpc_proc_proto, rpc_exec_proto,
	rpc_term_proto, rpc_msg_proto;

/* ---- server side ----------------------------------------------------- */
struct srv;
struct srv_obj;

struct srv_req {
	struct srv *srv;
	struct srv_obj *obj;      /* from the label */
	uint32_t id, label;
	int32_t reply;            /* reply handle; a handler that answers
	                             later (SRV_DEFER) takes it and sets this
	                             to ARGOT_NOHANDLE */
	void *data; uint32_t len; /* the whole request data */
	int32_t h[ARGOT_MSG_MAXHANDLES]; uint32_t nh; /* a handler keeping one
	                             sets it to ARGOT_NOHANDLE; the rest are
	                             closed after the handler returns */
	/* the reply being built (data space: ARGOT_MSG_MAXDATA bytes) */
	void *rbuf; uint32_t rlen;
	int32_t rh[ARGOT_MSG_MAXHANDLES]; uint32_t rnh; /* | ARGOT_HMOVE to
	                             give a handle away rather than copy it */
};
#define SRV_DEFER 1   /* handler return: no reply now */

typedef int (*srv_fn)(struct srv_req *r);

/* A protocol as one server implements it: the spec and a handler per id
 * (a NULL handler answers -ENOSYS, after the checks). */
struct srv_iface {
	const struct rpc_proto *proto;
	const srv_fn *fns;         /* indexed by id - proto->base */
};

/* What kind of object a pipe serves. */
struct srv_class {
	const struct srv_iface *const *ifaces;  /* NULL-terminated */
	/* the last send handle closed; the object is already unlinked and
	 * no handler of a request on it is still running (so it may be
	 * freed here) */
	void (*nosenders)(struct srv_obj *o);
	/* anything else: kernel messages (death, IRQ), probes; may be NULL */
	void (*other)(struct srv_req *r);
};

/* Embed this at the start of each served object. */
struct srv_obj {
	const struct srv_class *cls;
	int32_t recv;          /* receive end of its pipe */
	uint32_t label;
};

#define SRV_MAXOBJ 1024
struct srv {
	const char *name;
	uint32_t tick;         /* ms between idle() calls, or ARGOT_FOREVER */
	void (*idle)(struct srv *s);
	volatile int lock;
	struct srv_obj *objs[SRV_MAXOBJ];
	uint16_t gen[SRV_MAXOBJ];
	uint32_t nobjs;
	/* per slot: requests being handled on its object, and an object
	 * whose no-senders waits for them to finish (srv.c) */
	uint16_t busy[SRV_MAXOBJ];
	struct srv_obj *gone[SRV_MAXOBJ];
};

/* Pure check of one request against the interfaces of a class: 0 and the
 * handler, or -ENOSYS (unknown id) / -EINVAL (bad size or handles). */
int srv_check(const struct srv_iface *const *ifaces, uint32_t id,
              uint32_t len, uint32_t nh, srv_fn *fn);

/* Make a pipe for obj, label it, and hand back a send handle on it. */
int srv_obj_add(struct srv *s, struct srv_obj *o,
                const struct srv_class *cls, int *send);
/* Serve obj on a receive end we were given (e.g. at start). */
int srv_obj_adopt(struct srv *s, struct srv_obj *o,
                  const struct srv_class *cls, int recv);
/* Stop serving obj: close its receive end (senders get -EPIPE). */
void srv_obj_del(struct srv *s, struct srv_obj *o);
struct srv_obj *srv_obj_find(struct srv *s, uint32_t label);
/* A new send handle on an object's pipe. */
int srv_obj_send(struct srv_obj *o, int *send);

/* Handle one received message (exposed for tests). */
void srv_dispatch(struct srv *s, struct argot_msg *m, void *rbuf);
/* Run the loop in nthreads threads (this one included); never returns
 * unless a receive fails for good. */
int srv_run(struct srv *s, unsigned nthreads);
/* Answer a deferred request. */
int srv_reply(int32_t reply, int32_t tag, const void *data, uint32_t len,
              const int32_t *h, uint32_t nh);

/* locks for servers that run more than one thread */
void srv_lock(volatile int *l);
void srv_unlock(volatile int *l);

/* A short English name for -errno, for boot and failure lines. */
const char *argot_strerror(int err);

/* ---- client helpers ------------------------------------------------- */
/* Authenticate to a server: make a rendezvous on auth, send it to target
 * with the one-way RPC reauth_id (IO_REAUTH, PROC_REAUTH), and receive
 * the server's new handle. */
int rpc_reauth(int target, uint32_t reauth_id, int auth, int *newh,
               uint32_t timeout);

#endif /* ARGOT_SERVER_RPC_H */

/* na.h: internals of libnetfs's Argot backend (prefix na_).
 *
 * The backend serves the io, file and dir protocols on one pipe per
 * "protid" and the fsys protocol on the translator's control pipe, with
 * libargot's checked server loop (libargot/server/rpc.h) running a pool of
 * threads.  The objects, after the Hurd's libnetfs:
 *
 *   struct na_open  one open of a node: open modes, file pointer, and the
 *                   handle ".." at our root leads to.  IO_DUPLICATE hands
 *                   out another send handle on the same pipe, so it shares
 *                   all of it; IO_REAUTH / IO_RESTRICT_AUTH make a new
 *                   protid on the same open.
 *   struct na_prot  one pipe: an open seen with one identity.  Freed when
 *                   its last send handle closes (kernel no-senders).
 *
 * Callbacks run under na_enter()/na_leave(): one big lock unless the
 * translator set NETFS_CONCURRENT.  Never hold it across an RPC to another
 * server (a child translator may be slow or hostile).
 */
#ifndef NA_H
#define NA_H

#include <pthread.h>
#include <stdint.h>
#include <argot/startup.h>
#include <argot/io.h>
#include "../netfs.h"
#include "server/rpc.h"
#include "kcall.h"

/* ms: how long we wait for a child translator (trust rules, see
 * doc/translators.md).  A hostile translator costs a client at most this. */
#define NA_STARTUP_TIMEOUT 30000u
#define NA_GETROOT_TIMEOUT 10000u
#define NA_GOAWAY_TIMEOUT  10000u

struct na_ref {                 /* a handle shared by several opens */
	int h;
	int refs;
};

struct na_open {
	struct netfs_node *np;
	uint32_t flags;         /* ARGOT_O_* */
	int64_t ptr;            /* file pointer */
	struct na_ref *dotdot;  /* ".." at our root, or NULL (we are /) */
	int refs;               /* protids on this open */
	int unchecked;          /* made by getroot: mode checked at reauth */
	pthread_mutex_t lock;   /* the file pointer */
};

struct na_prot {
	struct srv_obj obj;     /* first: the server loop finds us by it */
	struct na_open *po;
	int authed;             /* 0: no identity yet ("other" bits only) */
	int pending;            /* IO_REAUTH still meeting the client */
	int denied;             /* errno of a failed deferred open check */
	struct netfs_cred cred;
};

/* main.c */
extern const struct netfs_ops *na_ops;
extern struct netfs_node *na_root;
extern struct srv na_srv;
extern const struct argot_startup *na_st;
extern const char *netfs_name;
void na_enter(void);
void na_leave(void);
void na_node_ref(struct netfs_node *np);
void na_node_unref(struct netfs_node *np);

/* prot.c */
extern const struct srv_class na_prot_class;
struct na_open *na_open_new(struct netfs_node *np, uint32_t flags,
                            struct na_ref *dotdot);
/* a new protid on po (which it references) with cred (NULL: none);
 * *send: a send handle on it, *out (if not NULL) the protid. */
int na_prot_new(struct na_open *po, const struct netfs_cred *cred,
                int *send, struct na_prot **out);
/* the protid of a request (waits while IO_REAUTH finishes making it) */
struct na_prot *na_prot(struct srv_req *r);
extern int na_nprots;
void na_open_unref(struct na_open *po);
struct na_ref *na_ref_new(int h);
void na_ref_put(struct na_ref *r);
void na_cred_from_ids(struct netfs_cred *c, const struct argot_idset *s);
int na_getattr(struct netfs_node *np, struct netfs_stat *st);
void na_stat_out(const struct netfs_stat *in, struct netfs_node *np,
                 struct argot_stat *out);
int na_check_open(const struct netfs_cred *c, struct netfs_node *np,
                  uint32_t flags, int created);
int na_reauth(struct srv_req *r);
/* 0 if the protid may read (w = 0) or write (w = 1) its open, else -errno */
int na_can(struct na_prot *p, int w);
int na_restrict_auth(struct srv_req *r);

/* io.c, file.c, dir.c, lookup.c: the handlers */
extern const struct srv_iface na_io_iface, na_file_iface, na_dir_iface;
int na_lookup(struct srv_req *r);
int na_reply_retry(struct srv_req *r, uint32_t retry, const char *a,
                   const char *b, int h);
/* dir.c: may c add or remove names in dir (write and search, and a
 * writable filesystem)?  Fills *st with dir's attributes. */
int na_may_change(const struct netfs_cred *c, struct netfs_node *dir,
                  struct netfs_stat *st);
/* the owner of a node c creates in a directory with attributes d */
void na_new_owner(const struct netfs_cred *c, const struct netfs_stat *d,
                  uint32_t *uid, uint32_t *gid);

/* probe.c: which of our protids a send handle reaches, or NULL */
struct na_prot *na_ours(int h);

/* trans.c: translators on our nodes */
int na_trans_set(struct srv_req *r);
int na_trans_get(struct srv_req *r);
int na_trans_cntl(struct srv_req *r);
/* 1 if np has a translator (active or passive) that a lookup crosses */
int na_trans_on(struct netfs_node *np);
/* Cross into np's translator: its root (with retry and name) for a
 * client whose lookup reached np with `rest` still to walk.  dirpo is
 * the open of the directory holding np (".." at the translator's root). */
int na_trans_cross(struct netfs_node *np, struct netfs_node *dir,
                   struct na_open *dirpo, uint32_t flags, const char *rest,
                   struct srv_req *r);
int na_trans_flags(struct netfs_node *np);   /* ARGOT_ST_TRANS_* */

/* start.c: a passive translator started by us */
int na_start_passive(struct netfs_node *np, int *control);
extern const struct srv_class na_boot_class;

/* fsys.c: our own control pipe */
int na_control_init(int *send);

/* px.c (declared in tstart.h): tstart_startup, tstart_open */
#include "tstart.h"

#endif

/*
 * include/argot/fsys.h - the fsys protocol: a filesystem (translator) as a
 * whole, reached through its control handle.
 *
 * Starting a translator on a node: the parent filesystem creates the
 * process (as the node's owner), gives it a bootstrap handle (a send
 * handle on a pipe of the parent, labelled with the node) and waits.  The
 * translator calls FSYS_STARTUP on it, passing its control handle, and
 * receives the node it sits on (to serve the underlying file if it wants).
 * The parent then answers lookups crossing the node with FSYS_GETROOT on
 * the control handle and returns the root with DIR_RETRY_REAUTH, so the
 * client authenticates to the translator itself: the translator learns
 * only the identity the client shows.  Until it does, the root handle has
 * no identity (only "other" permissions apply).
 *
 * The bootstrap handle reaches the translator as startup fd
 * FSYS_BOOTSTRAP_FD with flags FSYS_BOOTSTRAP_FLAGS and cloexec set
 * (struct argot_startup has no slot of its own for it); libtrivfs and
 * libnetfs take it from there and close the descriptor.
 */
#ifndef ARGOT_FSYS_H
#define ARGOT_FSYS_H

#include <argot/rpc.h>

#define FSYS_BOOTSTRAP_FD    31
#define FSYS_BOOTSTRAP_FLAGS 0x46535953u   /* "FSYS": not an open mode */

enum {
	FSYS_STARTUP = ARGOT_RPC_FSYS, /* on the bootstrap handle: req
	                           fsys_flags, in[0]: the control handle;
	                           reply out[0]: the underlying node (io) */
	FSYS_GETROOT,           /* on control: req fsys_getroot_req, in[0]
	                           (optional): the handle ".." at the root
	                           leads to; reply dir_lookup_rep + retry
	                           name, out[0]: the root (opened with flags) */
	FSYS_GOAWAY,            /* on control: req fsys_flags (GOAWAY_*);
	                           -EBUSY if in use and not forced */
	FSYS_GET_OPTIONS,       /* reply file_len + argz of options */
	FSYS_SET_OPTIONS,       /* req fsys_options_req + argz */
	FSYS_SYNCFS,            /* req fsys_syncfs_req */
	FSYS_END
};

#define FSYS_GOAWAY_NOWAIT   1
#define FSYS_GOAWAY_NOSYNC   2
#define FSYS_GOAWAY_FORCE    4
#define FSYS_GOAWAY_RECURSE  8
#define FSYS_GOAWAY_UNLINK  16

struct fsys_flags       { uint32_t flags; };
struct fsys_getroot_req { uint32_t flags; /* ARGOT_O_* */ };
struct fsys_options_req { uint32_t do_children; uint32_t len; };
struct fsys_syncfs_req  { uint32_t wait; uint32_t do_children; };

#define FSYS_RPCS(X) \
	X(FSYS_STARTUP,     struct fsys_flags,       RPC_FIXED, 1, 1) \
	X(FSYS_GETROOT,     struct fsys_getroot_req, RPC_FIXED, 0, 1) \
	X(FSYS_GOAWAY,      struct fsys_flags,       RPC_FIXED, 0, 0) \
	X(FSYS_GET_OPTIONS, struct rpc_empty,        RPC_FIXED, 0, 0) \
	X(FSYS_SET_OPTIONS, struct fsys_options_req, RPC_TAIL,  0, 0) \
	X(FSYS_SYNCFS,      struct fsys_syncfs_req,  RPC_FIXED, 0, 0)

/* client stubs */
int fsys_startup(int bootstrap, int control, uint32_t flags, int *realnode,
                 uint32_t timeout);
int fsys_getroot(int control, int dotdot, uint32_t flags, uint32_t *retry,
                 char *rname, uint32_t cap, int *root, uint32_t timeout);
int fsys_goaway(int control, uint32_t flags, uint32_t timeout);
int fsys_get_options(int control, char *buf, uint32_t cap,
                     uint32_t timeout);
int fsys_set_options(int control, const char *argz, uint32_t len,
                     uint32_t do_children, uint32_t timeout);
int fsys_syncfs(int control, uint32_t wait, uint32_t do_children,
                uint32_t timeout);

#endif /* ARGOT_FSYS_H */

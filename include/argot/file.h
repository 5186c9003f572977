/*
 * include/argot/file.h - the file protocol: operations on the node behind
 * an io handle (any type of node), as opposed to on the open.
 * Permission: the node's owner or uid 0 (chmod, chown, set_translator),
 * write access (truncate, utimes with explicit times).
 */
#ifndef ARGOT_FILE_H
#define ARGOT_FILE_H

#include <argot/rpc.h>

enum {
	FILE_CHMOD = ARGOT_RPC_FILE, /* req file_chmod_req */
	FILE_CHOWN,           /* req file_chown_req (-1 leaves a field) */
	FILE_UTIMES,          /* req file_utimes_req */
	FILE_TRUNCATE,        /* req file_truncate_req */
	FILE_SYNC,            /* req file_sync_req */
	FILE_SET_TRANSLATOR,  /* req file_settrans_req + tail: the passive
	                         record (argz: NUL-separated strings, the
	                         program then its arguments; empty clears);
	                         in[0] (optional): the active translator's
	                         control handle (fsys.h) */
	FILE_GET_TRANSLATOR,  /* reply file_len + tail: the passive record */
	FILE_GET_TRANSLATOR_CNTL, /* reply out[0]: the active translator's
	                         control handle (-ENXIO if none; owner only) */
	FILE_READLINK,        /* on a handle to a symlink (lookup with
	                         O_NOFOLLOW|O_PATH): reply file_len + target */
	FILE_EXEC_AUTH,       /* on a handle opened with ARGOT_O_EXEC;
	                         in[0]: the caller's auth.  reply out[0]: the
	                         auth to run the program with: the caller's
	                         own, or for a setuid/setgid file one the
	                         server builds from IDs it holds (exec itself
	                         holds no authority) */
	FILE_END
};

struct file_chmod_req    { uint32_t mode; };
struct file_chown_req    { uint32_t uid, gid; };
#define FILE_UTIME_NOW  0x3fffffffu  /* nsec value: use the current time */
#define FILE_UTIME_OMIT 0x3ffffffeu  /* nsec value: leave unchanged */
struct file_utimes_req   { int64_t atime_sec, mtime_sec;
                           uint32_t atime_nsec, mtime_nsec; };
struct file_truncate_req { int64_t size; };
struct file_sync_req     { uint32_t wait, omit_metadata; };

/* FILE_SET_TRANSLATOR flags (each of passive/active) */
#define FS_TRANS_SET    1  /* change it (else leave it alone) */
#define FS_TRANS_EXCL   2  /* fail with -EBUSY if one is already set */
#define FS_TRANS_ORPHAN 4  /* forget the old active one, don't stop it */
#define FS_TRANS_FORCE  8  /* stop the old active one even if busy */
struct file_settrans_req {
	uint32_t passive_flags, active_flags;
	uint32_t goaway_flags;     /* fsys.h FSYS_GOAWAY_* for the old one */
	uint32_t len;              /* bytes of passive record in the tail */
};
struct file_len { uint32_t len; };

#define FILE_RPCS(X) \
	X(FILE_CHMOD,          struct file_chmod_req,    RPC_FIXED, 0, 0) \
	X(FILE_CHOWN,          struct file_chown_req,    RPC_FIXED, 0, 0) \
	X(FILE_UTIMES,         struct file_utimes_req,   RPC_FIXED, 0, 0) \
	X(FILE_TRUNCATE,       struct file_truncate_req, RPC_FIXED, 0, 0) \
	X(FILE_SYNC,           struct file_sync_req,     RPC_FIXED, 0, 0) \
	X(FILE_SET_TRANSLATOR, struct file_settrans_req, RPC_TAIL,  0, 1) \
	X(FILE_GET_TRANSLATOR, struct rpc_empty,         RPC_FIXED, 0, 0) \
	X(FILE_GET_TRANSLATOR_CNTL, struct rpc_empty,    RPC_FIXED, 0, 0) \
	X(FILE_READLINK,       struct rpc_empty,         RPC_FIXED, 0, 0) \
	X(FILE_EXEC_AUTH,      struct rpc_empty,         RPC_FIXED, 1, 1)

/* client stubs */
int file_chmod(int h, uint32_t mode, uint32_t timeout);
int file_chown(int h, uint32_t uid, uint32_t gid, uint32_t timeout);
int file_utimes(int h, const struct file_utimes_req *t, uint32_t timeout);
int file_truncate(int h, int64_t size, uint32_t timeout);
int file_sync(int h, uint32_t wait, uint32_t timeout);
int file_set_translator(int h, const struct file_settrans_req *req,
                        const char *argz, int active, uint32_t timeout);
/* both return the length of the record or target (not NUL terminated
 * beyond what the server sent), or -errno; -ERANGE if cap is too small */
int file_get_translator(int h, char *buf, uint32_t cap, uint32_t timeout);
int file_get_translator_cntl(int h, int *cntl, uint32_t timeout);
int file_readlink(int h, char *buf, uint32_t cap, uint32_t timeout);
int file_exec_auth(int h, int auth, int *newauth, uint32_t timeout);

#endif /* ARGOT_FILE_H */

/*
 * include/argot/dir.h - the dir protocol: names in a directory.
 *
 * DIR_LOOKUP walks as much of a path as this server can and answers with
 * a retry telling the client where to go on (the client library, not the
 * server, walks across servers):
 *   DIR_RETRY_NORMAL   continue with name at the returned handle; an empty
 *                      name means the handle IS the object asked for.
 *   DIR_RETRY_REAUTH   the same, but first reauthenticate the returned
 *                      handle (IO_REAUTH): it belongs to another server
 *                      (a translator's root, or ".." out of one) that
 *                      must not take this server's word for the caller.
 *   DIR_RETRY_MAGICAL  name is for the client itself: "/rest" (restart
 *                      at the client's root: an absolute symlink, no
 *                      handle), "fd/N", "tty".
 * Symlinks met inside a path are expanded by the server when the target
 * is relative and stays inside it; otherwise they come back as a retry.
 * The client stops after 32 retries with -ELOOP.
 */
#ifndef ARGOT_DIR_H
#define ARGOT_DIR_H

#include <argot/rpc.h>

#define DIR_RETRY_NORMAL  0
#define DIR_RETRY_REAUTH  1
#define DIR_RETRY_MAGICAL 2
#define DIR_MAXRETRIES    32

enum {
	DIR_LOOKUP = ARGOT_RPC_DIR, /* req dir_lookup_req + path (NUL ended);
	                        reply dir_lookup_rep + retry name (NUL
	                        ended), out[0]: the handle to go on at (none
	                        for MAGICAL) */
	DIR_READDIR,         /* req dir_readdir_req; reply dir_readdir_rep +
	                        packed struct argot_dirent */
	DIR_MKDIR,           /* req dir_mode_req + name */
	DIR_RMDIR,           /* req rpc_empty + name */
	DIR_UNLINK,          /* req rpc_empty + name */
	DIR_LINK,            /* req dir_link_req + name, in[0]: the file (an
	                        io handle on this same server, else -EXDEV) */
	DIR_RENAME,          /* req dir_rename_req + "old\0new\0", in[0]: the
	                        target directory (same server, else -EXDEV) */
	DIR_MKFILE,          /* req dir_mode_req (flags = open mode); reply
	                        out[0]: a new unnamed file, to DIR_LINK later */
	DIR_SYMLINK,         /* req rpc_empty + "name\0target\0" */
	DIR_END
};

struct dir_lookup_req {
	uint32_t flags;      /* ARGOT_O_* (io.h) for the final component */
	uint32_t mode;       /* for O_CREAT */
};
struct dir_lookup_rep { uint32_t retry; };

struct dir_readdir_req {
	uint32_t entry;      /* where to start: 0, or the `next` of an earlier
	                        reply -- the server's own resume point, not
	                        a count of entries already seen */
	uint32_t nentries;   /* at most this many (0 = as many as fit) */
	uint32_t bufsize;    /* at most this many bytes of entries */
};
struct dir_readdir_rep {
	uint32_t count;      /* entries returned; 0 = end of directory */
	uint32_t next;       /* the `entry` to ask for next */
};
struct argot_dirent {
	uint64_t ino;
	uint16_t reclen;     /* whole record, 8-byte aligned */
	uint8_t  type;       /* DT_* values (Linux) */
	uint8_t  namelen;
	char     name[];     /* NUL terminated */
};

struct dir_mode_req   { uint32_t mode; uint32_t flags; };
struct dir_link_req   { uint32_t excl; };  /* -EEXIST instead of replace */
struct dir_rename_req { uint32_t excl; uint32_t oldlen; /* incl. NUL */ };

#define DIR_RPCS(X) \
	X(DIR_LOOKUP,  struct dir_lookup_req,  RPC_TAIL,  0, 0) \
	X(DIR_READDIR, struct dir_readdir_req, RPC_FIXED, 0, 0) \
	X(DIR_MKDIR,   struct dir_mode_req,    RPC_TAIL,  0, 0) \
	X(DIR_RMDIR,   struct rpc_empty,       RPC_TAIL,  0, 0) \
	X(DIR_UNLINK,  struct rpc_empty,       RPC_TAIL,  0, 0) \
	X(DIR_LINK,    struct dir_link_req,    RPC_TAIL,  1, 1) \
	X(DIR_RENAME,  struct dir_rename_req,  RPC_TAIL,  1, 1) \
	X(DIR_MKFILE,  struct dir_mode_req,    RPC_FIXED, 0, 0) \
	X(DIR_SYMLINK, struct rpc_empty,       RPC_TAIL,  0, 0)

/* client stubs.  dir_lookup copies the retry name into rname (cap bytes,
 * NUL terminated) and the handle into *newh (ARGOT_NOHANDLE if none). */
int dir_lookup(int dir, const char *path, uint32_t flags, uint32_t mode,
               uint32_t *retry, char *rname, uint32_t cap, int *newh,
               uint32_t timeout);
/* returns bytes of dirents stored in buf; *count and *next as in the reply */
int dir_readdir(int dir, uint32_t entry, uint32_t nentries, void *buf,
                uint32_t cap, uint32_t *count, uint32_t *next,
                uint32_t timeout);
int dir_mkdir(int dir, const char *name, uint32_t mode, uint32_t timeout);
int dir_rmdir(int dir, const char *name, uint32_t timeout);
int dir_unlink(int dir, const char *name, uint32_t timeout);
int dir_link(int dir, int file, const char *name, uint32_t excl,
             uint32_t timeout);
int dir_rename(int dir, const char *oldname, int todir,
               const char *newname, uint32_t excl, uint32_t timeout);
int dir_mkfile(int dir, uint32_t flags, uint32_t mode, int *newh,
               uint32_t timeout);
int dir_symlink(int dir, const char *name, const char *target,
                uint32_t timeout);

#endif /* ARGOT_DIR_H */

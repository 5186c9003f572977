/*
 * include/argot/io.h - the io protocol: what every open object answers
 * (files, directories, terminals, pipes, sockets).
 *
 * An io handle is one "open": it carries an open mode, a file pointer
 * (shared by every handle IO_DUPLICATE makes from it) and the identity the
 * client authenticated with (IO_REAUTH).  A new handle from a lookup
 * carries the identity of the handle it was looked up through.
 */
#ifndef ARGOT_IO_H
#define ARGOT_IO_H

#include <argot/rpc.h>

/* Open modes: Linux i386 O_* values, plus ARGOT_O_EXEC and ARGOT_O_NOTRANS
 * in bits Linux leaves free.  O_EXEC is asked by execve's lookup so the
 * server checks x-permission. */
#define ARGOT_O_ACCMODE   03
#define ARGOT_O_RDONLY    00
#define ARGOT_O_WRONLY    01
#define ARGOT_O_RDWR      02
#define ARGOT_O_EXEC      040
#define ARGOT_O_NOTRANS   020       /* the node itself: do not cross into
                                       its translator (settrans, showtrans);
                                       also a bit Linux leaves free, so it
                                       passes unchanged through open() */
#define ARGOT_O_CREAT     0100
#define ARGOT_O_EXCL      0200
#define ARGOT_O_NOCTTY    0400
#define ARGOT_O_TRUNC     01000
#define ARGOT_O_APPEND    02000
#define ARGOT_O_NONBLOCK  04000
#define ARGOT_O_DIRECTORY 0200000
#define ARGOT_O_NOFOLLOW  0400000
#define ARGOT_O_CLOEXEC   02000000
#define ARGOT_O_PATH      010000000 /* a handle on the node only: stat,
                                       lookup, get_translator */
/* the modes IO_SET_OPENMODES may change */
#define ARGOT_O_SETTABLE  (ARGOT_O_APPEND | ARGOT_O_NONBLOCK)

/* offset meaning "at the file pointer, and advance it" */
#define IO_FILEPTR ((int64_t)-1)

/* Largest read or write in one message. */
#define IO_MAX 61440u

enum {
	IO_READ = ARGOT_RPC_IO,  /* req io_read_req; reply data = the bytes
	                            read (no struct: count = reply length);
	                            0 bytes = end of file */
	IO_WRITE,                /* req io_write_req + tail: the bytes;
	                            reply io_count */
	IO_SEEK,                 /* req io_seek_req; reply io_seek_rep */
	IO_STAT,                 /* reply argot_stat */
	IO_DUPLICATE,            /* reply out[0]: a new handle on the same
	                            open (shared file pointer and modes) */
	IO_REAUTH,               /* ONE-WAY, in[0]: a rendezvous (auth.h).
	                            The server then calls AUTH_SERVER_AUTH
	                            with a new handle on this open, which the
	                            client receives from AUTH_USER_AUTH. */
	IO_RESTRICT_AUTH,        /* req argot_idset; reply out[0]: a new
	                            handle whose identity is the intersection
	                            of this one's and the set given */
	IO_GET_OPENMODES,        /* reply io_modes */
	IO_SET_OPENMODES,        /* req io_modes (only ARGOT_O_SETTABLE bits
	                            change) */
	IO_MAP,                  /* reply io_map_rep, out[0]: a memobj with
	                            the object's contents (read-only unless
	                            open for writing); -ENOTSUP if none */
	IO_SELECT,               /* req io_select_req; reply io_select_rep:
	                            waits up to timeout ms for readiness */
	IO_END
};

struct io_read_req  { int64_t offset; uint32_t amount; uint32_t pad; };
struct io_write_req { int64_t offset; uint32_t pad[2]; /* + bytes */ };
struct io_count     { uint32_t count; };

#define IO_SEEK_SET 0
#define IO_SEEK_CUR 1
#define IO_SEEK_END 2
struct io_seek_req  { int64_t offset; uint32_t whence; uint32_t pad; };
struct io_seek_rep  { int64_t pos; };

struct io_modes     { uint32_t flags; };
struct io_map_rep   { uint32_t size; uint32_t prot; };

#define IO_SELECT_READ   1
#define IO_SELECT_WRITE  2
#define IO_SELECT_URG    4
struct io_select_req { uint32_t which; uint32_t timeout; };
struct io_select_rep { uint32_t ready; };

/* A node's attributes: Linux's meaning, fixed widths. */
struct argot_stat {
	uint64_t dev;       /* the filesystem (server) id */
	uint64_t ino;
	uint32_t mode;      /* S_IF* | permission bits, Linux values */
	uint32_t nlink;
	uint32_t uid, gid;
	uint64_t rdev;
	int64_t  size;
	uint32_t blksize;
	uint32_t pad;
	uint64_t blocks;    /* 512-byte blocks */
	int64_t  atime_sec, mtime_sec, ctime_sec;
	uint32_t atime_nsec, mtime_nsec, ctime_nsec;
	uint32_t author;    /* the Hurd's st_author, = uid here */
	uint32_t flags;     /* ARGOT_ST_* */
	uint32_t spare[3];
};
#define ARGOT_ST_TRANS_ACTIVE  1  /* a translator runs on this node */
#define ARGOT_ST_TRANS_PASSIVE 2  /* a passive record is stored */
#define ARGOT_ST_ROOT          4  /* the root of its filesystem */

/* mode bits (Linux values) */
#define ARGOT_S_IFMT   0170000
#define ARGOT_S_IFSOCK 0140000
#define ARGOT_S_IFLNK  0120000
#define ARGOT_S_IFREG  0100000
#define ARGOT_S_IFBLK  0060000
#define ARGOT_S_IFDIR  0040000
#define ARGOT_S_IFCHR  0020000
#define ARGOT_S_IFIFO  0010000

/* Identity sets travel in io, auth and fsys messages; defined in auth.h. */
#include <argot/auth.h>

/* X(id, request struct, tail, min handles, max handles) */
#define IO_RPCS(X) \
	X(IO_READ,          struct io_read_req,   RPC_FIXED, 0, 0) \
	X(IO_WRITE,         struct io_write_req,  RPC_TAIL,  0, 0) \
	X(IO_SEEK,          struct io_seek_req,   RPC_FIXED, 0, 0) \
	X(IO_STAT,          struct rpc_empty,     RPC_FIXED, 0, 0) \
	X(IO_DUPLICATE,     struct rpc_empty,     RPC_FIXED, 0, 0) \
	X(IO_REAUTH,        struct rpc_empty,     RPC_FIXED, 1, 1) \
	X(IO_RESTRICT_AUTH, struct argot_idset,   RPC_FIXED, 0, 0) \
	X(IO_GET_OPENMODES, struct rpc_empty,     RPC_FIXED, 0, 0) \
	X(IO_SET_OPENMODES, struct io_modes,      RPC_FIXED, 0, 0) \
	X(IO_MAP,           struct rpc_empty,     RPC_FIXED, 0, 0) \
	X(IO_SELECT,        struct io_select_req, RPC_FIXED, 0, 0)

/* ---- client stubs (libargot): result >= 0 or -errno ---------------- */
int io_read(int h, int64_t offset, void *buf, uint32_t amount,
            uint32_t timeout);
/* writes of more than IO_MAX bytes are split; returns what was written */
int io_write(int h, int64_t offset, const void *buf, uint32_t count,
             uint32_t timeout);
int io_seek(int h, int64_t offset, uint32_t whence, int64_t *pos,
            uint32_t timeout);
int io_stat(int h, struct argot_stat *st, uint32_t timeout);
int io_duplicate(int h, int *newh, uint32_t timeout);
int io_reauth(int h, int rendezvous, uint32_t timeout);
int io_restrict_auth(int h, const struct argot_idset *ids, int *newh,
                     uint32_t timeout);
int io_get_openmodes(int h, uint32_t *flags, uint32_t timeout);
int io_set_openmodes(int h, uint32_t flags, uint32_t timeout);
int io_map(int h, int *memobj, struct io_map_rep *rep, uint32_t timeout);
int io_select(int h, uint32_t which, uint32_t wait_ms, uint32_t *ready,
              uint32_t timeout);

#endif /* ARGOT_IO_H */

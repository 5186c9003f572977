/*
 * include/argot/pipe.h - the pipe protocol of pflocal, the server of
 * POSIX pipes (pflocal/README.md).
 *
 * A pipe server is reached through a control handle; PIPE_CREATE makes
 * one pipe and answers two io handles: the read end and the write end.
 * Each end is one "open" (io.h): copies of its handle (dup, fork) share
 * its open modes, and the end is gone when its last handle is closed.
 * The ends answer io: IO_READ blocks while the pipe is empty and a
 * writer exists and returns 0 (end of file) once none does; IO_WRITE
 * fails with -EPIPE once no reader exists, is atomic up to PIPE_BUF_
 * bytes and may be short above that (the client writes the rest);
 * O_NONBLOCK (IO_SET_OPENMODES) turns waiting into -EAGAIN; IO_SELECT
 * answers at once; IO_STAT says S_IFIFO.
 */
#ifndef ARGOT_PIPE_H
#define ARGOT_PIPE_H

#include <argot/rpc.h>

#define ARGOT_RPC_PIPE 0x1A00u   /* after rpc.h's blocks */
#define PIPE_BUF_ 4096u          /* POSIX PIPE_BUF, as on Linux */

enum {
	PIPE_CREATE = ARGOT_RPC_PIPE, /* reply out[0]: read end, out[1]:
	                                 write end */
	PIPE_END_
};

#define PIPE_RPCS(X) \
	X(PIPE_CREATE, struct rpc_empty, RPC_FIXED, 0, 0)

#endif /* ARGOT_PIPE_H */

/*
 * include/argot/rpc.h - the conventions every Argot protocol follows.
 *
 * A request is a message whose tag is the RPC id, whose data is a fixed
 * struct (the "request struct", possibly empty) followed by an optional
 * variable tail (a path, the bytes of a write, a list of strings), and
 * whose handles are the ones the RPC names, in the order it names them.
 * Requests are sent with ARGOT_CALL, except the few marked "one-way".
 *
 * A reply has tag 0 on success or -errno (Linux values, as kernel.h's
 * ARGOT_E*) on failure.  On success its data is the reply struct of the
 * RPC followed by an optional tail, and its handles are the ones the RPC
 * names.  An error reply carries no data and no handles.
 *
 * Each protocol header lists its RPCs once in an X-macro:
 *
 *   X(ID, request struct, tail, min handles, max handles)
 *
 * where tail is RPC_FIXED (data must be exactly the struct) or RPC_TAIL
 * (struct followed by up to ARGOT_MSG_MAXDATA - sizeof struct bytes).
 * libargot's demuxer builds its checks from these lists, so a malformed
 * request (wrong size, wrong handle count, unknown id) is refused with
 * -EINVAL / -ENOSYS before any server code sees it.
 *
 * Ids: each protocol owns a block of 0x100 ids.  The kernel's own services
 * use 0x100-0x8ff and tags from 0xFFFF0000 (kernel.h).
 */
#ifndef ARGOT_RPC_H
#define ARGOT_RPC_H

#include <stdint.h>
#include <argot/kernel.h>

#define RPC_FIXED 0
#define RPC_TAIL  1

#define ARGOT_RPC_IO    0x1000u
#define ARGOT_RPC_FILE  0x1100u
#define ARGOT_RPC_DIR   0x1200u
#define ARGOT_RPC_FSYS  0x1300u
#define ARGOT_RPC_AUTH  0x1400u
#define ARGOT_RPC_PROC  0x1500u
#define ARGOT_RPC_EXEC  0x1600u
#define ARGOT_RPC_TERM  0x1700u
#define ARGOT_RPC_MSG   0x1800u   /* messages to a process's msgport */
#define ARGOT_RPC_BOOT  0x1900u   /* bootstrap's fs (dir/io) uses io+dir */
/* 0x1A00 ARGOT_RPC_PIPE (pipe.h), 0x1B00 ARGOT_RPC_PASSWORD (password.h):
 * protocols of one server each keep their blocks in their own header. */

/* A server learns which of its own pipes a send handle a client gave it
 * reaches by asking the kernel (kernel.h: ARGOT_K_PIPE_IDENTIFY), not by
 * sending itself a message through the handle. */

/* The request struct of an RPC that takes no data (size 0 in GNU C). */
struct rpc_empty { };

/* Reply tag for success; anything else is -errno. */
#define ARGOT_OK 0

/* Longest path or name, terminating NUL included. */
#define ARGOT_PATH_MAX 4096u

/* Client stubs take a timeout in ms, used literally (0 = poll): with
 * ARGOT_FOREVER they wait until the server answers, dies (-EPIPE) or the
 * calling thread is aborted with THREAD_ABORT (-EINTR). */

#endif /* ARGOT_RPC_H */

/*
 * libargot/server/spec.c - the request checks of every protocol, built
 * from the X-macro lists in include/argot/ so they cannot drift from the
 * layouts the client stubs send.
 */
#include "rpc.h"
#include <argot/io.h>
#include <argot/file.h>
#include <argot/dir.h>
#include <argot/fsys.h>
#include <argot/auth.h>
#include <argot/proc.h>
#include <argot/exec.h>
#include <argot/term.h>

#define SPEC(base) SPEC_##base
#define ENTRY(B, id, st, tl, mn, mx) \
	[(id) - (B)] = { (id), sizeof(st), (tl), (mn), (mx) },

#define PROTO(name, B, LIST, END)                                          \
	static const struct rpc_spec name##_spec[(END) - (B)] = {          \
		LIST(name##_ENTRY)                                         \
	};                                                                 \
	const struct rpc_proto rpc_##name##_proto = { (B), (END) - (B),    \
	                                              name##_spec };

#define io_ENTRY(...)   ENTRY(ARGOT_RPC_IO, __VA_ARGS__)
#define file_ENTRY(...) ENTRY(ARGOT_RPC_FILE, __VA_ARGS__)
#define dir_ENTRY(...)  ENTRY(ARGOT_RPC_DIR, __VA_ARGS__)
#define fsys_ENTRY(...) ENTRY(ARGOT_RPC_FSYS, __VA_ARGS__)
#define auth_ENTRY(...) ENTRY(ARGOT_RPC_AUTH, __VA_ARGS__)
#define proc_ENTRY(...) ENTRY(ARGOT_RPC_PROC, __VA_ARGS__)
#define exec_ENTRY(...) ENTRY(ARGOT_RPC_EXEC, __VA_ARGS__)
#define term_ENTRY(...) ENTRY(ARGOT_RPC_TERM, __VA_ARGS__)
#define msg_ENTRY(...)  ENTRY(ARGOT_RPC_MSG, __VA_ARGS__)

PROTO(io,   ARGOT_RPC_IO,   IO_RPCS,   IO_END)
PROTO(file, ARGOT_RPC_FILE, FILE_RPCS, FILE_END)
PROTO(dir,  ARGOT_RPC_DIR,  DIR_RPCS,  DIR_END)
PROTO(fsys, ARGOT_RPC_FSYS, FSYS_RPCS, FSYS_END)
PROTO(auth, ARGOT_RPC_AUTH, AUTH_RPCS, AUTH_END)
PROTO(proc, ARGOT_RPC_PROC, PROC_RPCS, PROC_END)
PROTO(exec, ARGOT_RPC_EXEC, EXEC_RPCS, EXEC_END)
PROTO(term, ARGOT_RPC_TERM, TERM_RPCS, TERM_END)
PROTO(msg,  ARGOT_RPC_MSG,  MSG_RPCS,  MSG_END)

int srv_check(const struct srv_iface *const *ifaces, uint32_t id,
              uint32_t len, uint32_t nh, srv_fn *fn)
{
	for (; ifaces && *ifaces; ifaces++) {
		const struct rpc_proto *p = (*ifaces)->proto;
		if (id < p->base || id - p->base >= p->n)
			continue;
		const struct rpc_spec *s = &p->spec[id - p->base];
		if (s->id != id)
			return -ARGOT_ENOSYS;
		if (len < s->size || (len > s->size && !s->tail))
			return -ARGOT_EINVAL;
		if (nh < s->minh || nh > s->maxh)
			return -ARGOT_EINVAL;
		*fn = (*ifaces)->fns[id - p->base];
		return *fn ? 0 : -ARGOT_ENOSYS;
	}
	return -ARGOT_ENOSYS;
}

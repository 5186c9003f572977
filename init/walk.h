/*
 * init/walk.h - opening a path the way a client must on Argot: dir_lookup
 * and its retries (dir.h), without libc.  Shared by /sbin/init, conshell
 * and login, which walk paths before (or without) the POSIX personality.
 * Also the start of a translator by a parent without a server loop.
 */
#ifndef INIT_WALK_H
#define INIT_WALK_H

#include <stdint.h>
#include "server/spawn.h"

struct walk {
	int root, cwd;      /* where "/x" and "x" start (borrowed) */
	int auth;           /* shown to servers on REAUTH retries */
	uint32_t timeout;   /* per RPC, ms */
};

/* Open path (ARGOT_O_* flags, mode for O_CREAT): 0 and *out, or -errno.
 * NORMAL retries go on at the new handle, REAUTH ones reauthenticate it
 * with w->auth first, MAGICAL "/rest" restarts at w->root; 32 at most. */
int walk_open(const struct walk *w, const char *path, uint32_t flags,
              uint32_t mode, int *out);

/* Start a translator: spawn the program in `file` with sp (its fds 31
 * becomes a bootstrap handle; fds 1 and 2 should be set by the caller),
 * wait up to timeout ms for its FSYS_STARTUP, answer with realnode
 * (ARGOT_NOHANDLE: none) and return its control handle in *control.
 * A child that fails or never calls is killed. */
int walk_start_translator(struct argot_spawn *sp, int file,
                          const char *const *argv, const char *const *envp,
                          int realnode, uint32_t timeout, int *control);

#endif

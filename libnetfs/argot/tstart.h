/* tstart.h: starting a translator program on a node (prefix tstart_).
 * Shared by libnetfs's Argot backend (passive translators, started as
 * the node's owner on first lookup) and settrans -a (started by settrans
 * itself, as the calling user).
 *
 * The parent makes a bootstrap pipe; the child finds a send handle on it
 * as startup fd FSYS_BOOTSTRAP_FD, calls FSYS_STARTUP with its control
 * handle, and receives the node it sits on. */
#ifndef TSTART_H
#define TSTART_H

#include <stdint.h>
#include <argot/startup.h>
#include "server/spawn.h"

struct tstart {
	const struct argot_startup *st;	/* the parent's: kernel, proc, exec,
					   root, cwd, console */
	int auth;		/* the identity the translator runs with */
	uint32_t uid, gid;	/* the same, for its aux vector */
	int file;		/* the program (an io handle) */
	char *const *argv;	/* the passive record as a vector */
	int bootstrap;		/* a send handle on the parent's bootstrap pipe */
};

/* Start it.  0 or -errno; on success *out names the new process (close
 * out->process and out->proc when done with them). */
int tstart_spawn(const struct tstart *t, struct argot_spawned *out);

/* For a parent without a server loop (settrans): wait up to timeout ms on
 * the receive end `recv` for FSYS_STARTUP, answer it with a copy of
 * `realnode`, and return the translator's control handle in *control.
 * -ETIMEDOUT if it never called, -EPIPE if it died first. */
int tstart_wait(int recv, int realnode, uint32_t timeout, int *control);

/* Split an argz record ("prog\0arg\0") into argv (at most max - 1
 * entries, NULL-terminated).  Returns argc, or -EINVAL if empty/bad. */
int tstart_argv(char *argz, uint32_t len, char **argv, int max);

/* px.c: the bridge to the POSIX personality.  The startup block (NULL if
 * we were not started by exec); the same after filling libargot's
 * memory hooks with malloc/free (client programs call this first); an io
 * handle of our own on path, opened with ARGOT_O_* flags. */
const struct argot_startup *tstart_startup(void);
const struct argot_startup *tstart_init(void);
int tstart_open(const char *path, uint32_t flags, int *h);

#endif

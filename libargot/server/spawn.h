/*
 * libargot/server/spawn.h - starting a program through proc and exec.
 */
#ifndef ARGOT_SERVER_SPAWN_H
#define ARGOT_SERVER_SPAWN_H

#include <stdint.h>
#include <argot/startup.h>

/* fds given by argot_spawn are opened read-write (terminals) */
#define ARGOT_O_RDWR_SPAWN 02

/* The handles the new process gets (ours; copied into it). */
struct argot_spawn {
	int kernel, auth, proc, exec, cwd, root, console;
	uint32_t nfds;
	int fds[ARGOT_STARTUP_MAXFDS];
	uint32_t ids[4];      /* uid, euid, gid, egid for the aux vector */
	uint32_t timeout;     /* for each RPC */
};
struct argot_spawned {
	int process;          /* kernel handle on the new process */
	int proc;             /* its proc handle (or NOHANDLE) */
	uint32_t pid;
};

/* Start the program in `file` (an io handle).  0 or -errno; on failure
 * nothing is left (the half-made process is killed). */
/* The wall-clock time at boot (startup.h's epoch_ns): argot_spawn hands
 * it to every child; a program sets it from its own startup block. */
extern int64_t argot_epoch_ns;

int argot_spawn(const struct argot_spawn *sp, int file,
                const char *const *argv, const char *const *envp,
                struct argot_spawned *out);

#endif

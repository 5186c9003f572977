/*
 * include/argot/startup.h - what a new process finds when it starts.
 *
 * Whoever builds a process (the exec server, or the bootstrap server for
 * the first servers) lays out the initial stack as Linux/i386 does:
 *
 *   esp -> argc, argv[0..argc-1], NULL, envp[...], NULL, auxv pairs, AT_NULL
 *
 * and adds one auxiliary-vector entry of type AT_ARGOT_STARTUP whose value
 * points (inside the new process) to a struct argot_startup on its stack.
 * The handle numbers in it are already valid in the new process (placed
 * there with PROC_HANDLE_GIVE).  A field a process did not receive holds
 * ARGOT_NOHANDLE.
 *
 * AT_SYSINFO: the program's own startup code (libc/crt) points it at the
 * Argot personality linked into the program before musl reads it, so the
 * builder leaves it 0.
 */
#ifndef ARGOT_STARTUP_H
#define ARGOT_STARTUP_H

#include <stdint.h>

#define AT_ARGOT_STARTUP   0x41524701u   /* outside Linux's AT_* range */
#define ARGOT_STARTUP_MAGIC 0xA2605747u
#define ARGOT_STARTUP_MAXFDS 32

struct argot_startup_fd {
	int32_t  handle;      /* io handle, or ARGOT_NOHANDLE for a hole */
	uint32_t flags;       /* O_* open flags (access mode, O_APPEND...) */
	uint32_t cloexec;     /* FD_CLOEXEC */
};

struct argot_startup {
	uint32_t magic;       /* ARGOT_STARTUP_MAGIC */
	uint32_t size;        /* sizeof(struct argot_startup) */
	int32_t  kernel;      /* ARGOT_HT_KERNEL: make pipes, memory, threads */
	int32_t  self;        /* ARGOT_HT_PROCESS: this process */
	int32_t  thread;      /* ARGOT_HT_THREAD: the first thread */
	int32_t  auth;        /* this process's identity (auth protocol) */
	int32_t  proc;        /* this process's handle on the proc server */
	int32_t  exec;        /* the exec server (for execve) */
	int32_t  cwd;         /* current directory (dir/io protocols) */
	int32_t  root;        /* root directory */
	int32_t  msgport;     /* receive end for signals and proc requests,
	                         or ARGOT_NOHANDLE */
	int32_t  console;     /* the bootstrap console before a terminal
	                         exists (io protocol, write only) */
	uint32_t umask;
	uint32_t sigmask;     /* blocked signals (bit n-1 for signal n) */
	uint32_t sigignore;   /* ignored signals */
	uint32_t pid;         /* as proc knows it */
	uint32_t nfds;
	struct argot_startup_fd fds[ARGOT_STARTUP_MAXFDS];
	int64_t  epoch_ns;    /* the wall-clock time at boot, in ns since
	                         1970: CLOCK_REALTIME = K_CLOCK's ns + this.
	                         Read from the RTC by bootstrap and passed
	                         on by every spawn and exec; 0 if unknown */
};

#endif /* ARGOT_STARTUP_H */

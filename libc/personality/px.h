/*
 * libc/personality/px.h - internals of Argot's POSIX personality: the
 * function musl calls for every Linux system call (AT_SYSINFO), turning
 * each call number into kernel requests or RPCs to the servers.
 * Prefix px_ for everything here; doc/posix.md describes the design.
 */
#ifndef PX_H
#define PX_H

#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <argot/kernel.h>
#include <argot/startup.h>
#include "kcall.h"
#include "server/spawn.h"    /* argot_epoch_ns */

/* The registers musl passes (eax = number, then ebx ... ebp) as the
 * entry stub in entry.S pushes them, and the caller's return address. */
struct px_frame {
	long nr, a1, a2, a3, a4, a5, a6;
	uintptr_t ret;
};

typedef long (*px_fn)(struct px_frame *f);

/* a spinlock that naps when contended (the kernel has no yield) */
typedef volatile int px_lock_t;

/* Process-wide state, filled by px_boot() or px_startup() from the crt
 * before musl makes its first call. */
struct px_state {
	int kernel;           /* ARGOT_HT_KERNEL */
	int self;             /* ARGOT_HT_PROCESS: this process */
	int first;            /* started by the kernel: no servers at all */
	int ioports;          /* first process: ports 0..0xffff */
	int com1;             /* first process: COM1 granted (polled output) */
	int nap;              /* a pipe nobody sends on: timed sleeps */
	int nap_send;         /* kept open so the pipe never loses senders */
	uint32_t pid;
	struct argot_startup *startup;   /* our own copy: fork renumbers it */
	int pipesrv;          /* our pipe server (pipe.c), or NOHANDLE */
};
extern struct px_state px;

/* ---- threads (thread.c) ---- */
#define PX_MAXTHREADS 128
struct px_thread {
	int used;
	uintptr_t key;            /* TLS base (musl's pthread self) */
	int handle;               /* kernel thread handle */
	int tid;
	int wrecv, wsend;         /* futex wake pipe, made on first wait */
	volatile int *clear_tid;  /* CLONE_CHILD_CLEARTID / set_tid_address */
	volatile int *futex;      /* address waited on, 0 if not waiting */
	struct px_thread *fnext;  /* futex queue */
	uintptr_t unmap_va;       /* own stack, unmapped once off it */
	size_t unmap_len;
	volatile int in_call;     /* inside px_dispatch (signal.c) */
	volatile int aborted;     /* THREAD_ABORT sent by the signal thread */
	volatile int noabort;     /* in a call an abort would spoil (wait.c) */
};
struct px_thread *px_main_thread(void);
struct px_thread *px_self(void);
void px_thread_init(int main_thread);

/* entry.S */
void px_clone_start(void);
void px_fork_child(void);
void px_sig_tramp(void);
#define px_clone_start_addr() (&px_clone_start)
void px_on_stack(void (*fn)(void *), void *arg, void *top)
	__attribute__((noreturn));
void px_exit_final(int thread, px_lock_t *lock, struct argot_msg *m)
	__attribute__((noreturn));

void px_lock(px_lock_t *l);
void px_unlock(px_lock_t *l);

/* ---- helpers used across files ---- */
int px_nap_ms(uint32_t ms);          /* sleep; -EINTR if aborted */
long px_futex_wake(volatile int *addr, int n);
int px_console_write(const void *buf, size_t len);
uint64_t px_now_ns(void);            /* monotonic, from K_CLOCK */
void px_poweroff(int status);        /* first process: isa-debug-exit */
int px_wait_pipe(struct px_thread *t);
void px_fd_init(void);
void px_make_nap(void);
/* vm.c: what is mapped where, for fork */
void px_vm_init(void);
void px_vm_add(uint32_t va, uint32_t size, uint32_t prot);
void px_vm_remove(uint32_t va, uint32_t size);
void px_vm_protect(uint32_t va, uint32_t size, uint32_t prot);
int px_vm_copy(int child);
void px_vm_forked(void);
/* fork: each area gives its handles to the child, then renumbers its
 * state in the child (the child runs on a copy of our memory) */
#define PX_MAXFD 256
int px_fd_give(int child, int32_t *nums);
void px_fd_forked(const int32_t *nums);
int px_cwd_get(void);
void px_cwd_set(int h);
uint32_t px_umask_get(void);
void px_thread_forked(int thread);
void px_futex_forked(void);
void px_sig_init(void);
void px_sig_forked(void);
uint64_t px_sig_mask(void);
uint64_t px_sig_ignored(void);
int px_sig_check(long r, int restartable);
void px_sig_pipe(void);
void px_sig_post(int sig, int32_t sender, int kick);
void px_sig_die(int sig) __attribute__((noreturn));
void px_sig_inherit(uint32_t mask, uint32_t ignore);
int px_sig_after(struct px_thread *t, long *r, int restartable);
void px_abort_spend(struct px_thread *t);
int px_sig_deliverable(void);
int px_child_wait(uint32_t ms);
int px_sig_take_pending(int32_t *sender);   /* one pending signal, or 0 */
int px_sig_exec_port(int *recv, int *send);
void px_sig_exec_switch(int send);
int px_fd_copy(int fd, int *h);          /* new handle on fd's open */
int px_fd_handle(int fd);                /* fd's handle, or -EBADF */
uint32_t *px_fd_dirpos(int fd);          /* getdents64 position */
#define PX_FD_IO 1
int px_at(int dirfd);                    /* AT_FDCWD or a directory fd */
int px_root(void);
int px_walk(int at, const char *path, uint32_t flags, uint32_t mode,
            int *out);
int px_walk_parent(int at, const char *path, int *dir, char *last,
                   size_t cap);
int px_reauth(int *h);
int px_node(int dirfd, const char *path, int nofollow, int *h);
void px_stat_to_k(const void *argot_stat, void *kstat);
int px_fd_alloc(int kind, int handle, int cloexec, int min);

/* ---- the system calls implemented: one handler each, named
 * px_sys_<name> after musl's SYS_<name>; dispatch.c builds its table from
 * this list, so a call is added here and in the file of its area. */
#define PX_SYSCALLS(X) \
	/* thread.c */ X(exit) X(clone) X(set_thread_area) X(set_tid_address) \
	X(gettid) X(set_robust_list) \
	/* futex.c */ X(futex) X(futex_time64) \
	/* mem.c */ X(mmap2) X(munmap) X(mprotect) X(brk) X(madvise) \
	X(mremap) X(membarrier) \
	/* time.c */ X(clock_gettime32) X(clock_gettime64) X(gettimeofday_time32) \
	X(time) X(nanosleep) X(clock_nanosleep_time32) X(clock_nanosleep_time64) \
	X(clock_getres_time32) X(clock_getres_time64) X(sched_yield) \
	/* fd.c */ X(write) X(writev) X(read) X(readv) X(close) X(ioctl) \
	X(fcntl64) X(dup) X(dup2) X(dup3) X(_llseek) X(lseek) X(fstat64) \
	X(poll) X(pread64) X(pwrite64) X(fsync) X(fdatasync) X(fchmod) \
	X(fchown32) \
	/* file.c */ X(open) X(openat) X(stat64) X(lstat64) X(fstatat64) \
	X(access) X(faccessat) X(getdents64) X(mkdir) X(mkdirat) X(rmdir) \
	X(unlink) X(unlinkat) X(rename) X(renameat) X(readlink) \
	X(readlinkat) X(chdir) X(fchdir) X(getcwd) X(umask) X(link) X(linkat) \
	X(symlink) X(symlinkat) \
	/* attr.c */ X(chmod) X(fchmodat) X(chown32) X(lchown32) X(fchownat) \
	X(utimensat) X(utimensat_time64) X(truncate) X(ftruncate) \
	X(truncate64) X(ftruncate64) \
	/* proc.c */ X(exit_group) X(getpid) X(uname) X(sysinfo) X(getrandom) \
	X(prlimit64) X(ugetrlimit) X(sched_getaffinity) \
	/* signal.c */ X(rt_sigaction) X(rt_sigprocmask) X(sigaltstack) \
	X(kill) X(tkill) X(rt_sigpending) X(rt_sigsuspend) X(pause) \
	/* fork.c */ X(fork) X(vfork) \
	/* wait.c */ X(wait4) \
	/* exec.c */ X(execve) \
	/* ids.c */ X(getppid) X(getuid) X(geteuid) X(getgid) X(getegid) \
	X(getuid32) X(geteuid32) X(getgid32) X(getegid32) X(getgroups32) \
	X(setuid32) X(setgid32) X(setreuid32) \
	X(setregid32) X(setresuid32) X(setresgid32) X(getresuid32) \
	X(getresgid32) X(setgroups32) X(getpgid) X(getpgrp) X(setpgid) \
	X(setsid) X(getsid) \
	/* pipe.c */ X(pipe) X(pipe2)

#define PX_DECL(name) long px_sys_##name(struct px_frame *f);
PX_SYSCALLS(PX_DECL)
#undef PX_DECL

#endif /* PX_H */

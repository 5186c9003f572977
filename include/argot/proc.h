/*
 * include/argot/proc.h - the proc protocol: pids, families, owners,
 * exit status, signals and job control.
 *
 * Every process known to proc has a proc handle: a send handle on a pipe
 * of the proc server labelled with that process.  Requests act on the
 * process the handle names ("this process").  proc holds a kernel handle
 * on every registered process and watches it (PROC_WATCH), so it learns
 * of every death, including crashes, from the kernel and not from the
 * process's good will.
 *
 * Wait statuses use Linux's encoding: exit code c -> (c & 0xff) << 8;
 * killed by signal s -> s, with 0x80 when the death was a CPU fault
 * (page fault/GP -> SIGSEGV, divide -> SIGFPE, invalid opcode -> SIGILL,
 * breakpoint -> SIGTRAP) or PROC_KILL from outside proc (SIGKILL).
 */
#ifndef ARGOT_PROC_H
#define ARGOT_PROC_H

#include <argot/rpc.h>

#define PROC_WNOHANG   1
#define PROC_WUNTRACED 2    /* also report stopped children */
#define PROC_WCONTINUED 8   /* also report continued children */

#define PROC_NAME_MAX 16
#define PROC_CMD_MAX  128

enum {
	PROC_REGISTER = ARGOT_RPC_PROC, /* req proc_image, in[0]: the new
	                          child's kernel process handle; the child
	                          inherits owner, pgrp and session.
	                          reply proc_pids, out[0]: its proc handle */
	PROC_SET_IMAGE,        /* req proc_image, in[0]: the kernel process
	                          that now runs as this pid (execve loads a
	                          fresh process); the old one may then exit
	                          without its death being reported */
	PROC_WAIT,             /* req proc_wait_req; reply proc_wait_rep.
	                          Waits for a child's death, or with
	                          WUNTRACED its stop ((sig << 8) | 0x7f),
	                          with WCONTINUED its continuing (0xffff),
	                          each reported once; with WNOHANG answers
	                          pid 0; -ECHILD if no child matches.  Reaps
	                          the zombie.  News is used up only by a
	                          reply that arrived: a wait that timed out
	                          or was aborted loses nothing.  At most 4
	                          blocked waits per process: a fifth makes
	                          the oldest return -EINTR. */
	PROC_GETPIDS,          /* reply proc_pids */
	PROC_INFO,             /* req proc_pid; reply argot_procinfo */
	PROC_LIST,             /* req proc_pid (first pid wanted); reply
	                          proc_list: pids >= it, ascending */
	PROC_REAUTH,           /* ONE-WAY, in[0]: a rendezvous: proc calls
	                          AUTH_SERVER_AUTH with a new proc handle for
	                          this process and makes the client's
	                          identity its owner ("set owner") */
	PROC_KILL,             /* req proc_kill_req: signal a process
	                          (pid > 0) or a group (pid < -1: group -pid,
	                          0: this process's group).  Allowed if this
	                          process's owner has the target's owner uid,
	                          or uid 0.  Delivered on the target's
	                          msgport (MSG_SIG_POST) if it registered
	                          one, else by the default action: death
	                          for all but SIGCHLD/SIGCONT/SIGWINCH/SIGURG
	                          and the stop signals.  Stopping is done
	                          by the process's own signal thread (it
	                          holds the threads), which reports it with
	                          PROC_MARK_STOP; a process without a
	                          msgport cannot be stopped */
	PROC_SETPGID,          /* req proc_setpgid_req (pid 0 = this one,
	                          pgid 0 = same as pid) */
	PROC_SETSID,           /* reply proc_pids (the new session) */
	PROC_SET_MSGPORT,      /* in[0]: a send handle on this process's
	                          msgport (signals arrive there) */
	PROC_MARK_EXIT,        /* req proc_status: the wait status to report
	                          when this process dies (a process killing
	                          itself by a signal's default action) */
	PROC_MARK_STOP,        /* req proc_status: this process stopped by
	                          signal status, or continued (0).  Its
	                          state becomes 'T' or 'R', the parent gets
	                          SIGCHLD and its WUNTRACED/WCONTINUED wait
	                          the news */
	PROC_END
};

struct proc_image { char name[PROC_NAME_MAX]; char cmdline[PROC_CMD_MAX]; };
struct proc_pids  { int32_t pid, ppid, pgrp, sid; };
struct proc_pid   { int32_t pid; };
struct proc_wait_req { int32_t pid;   /* > 0 that child, -1 any, 0 this
                                         group, < -1 group -pid */
                       uint32_t options; };
struct proc_wait_rep { int32_t pid; uint32_t status; };
struct proc_kill_req { int32_t pid; uint32_t sig; };
struct proc_setpgid_req { int32_t pid, pgid; };
struct proc_status { uint32_t status; };

#define PROC_LIST_MAX 256
struct proc_list { uint32_t count; int32_t pids[PROC_LIST_MAX]; };

/* process state letters, as ps prints them */
#define PROC_STATE_RUN    'R'
#define PROC_STATE_ZOMBIE 'Z'
#define PROC_STATE_STOP   'T'
struct argot_procinfo {
	int32_t  pid, ppid, pgrp, sid;
	uint32_t uid, gid;        /* the owner's first effective ids, or
	                             ~0 when the process has no owner */
	uint32_t state;           /* PROC_STATE_* */
	uint32_t status;          /* wait status (zombies) */
	uint32_t nthreads, pages; /* from the kernel */
	char     name[PROC_NAME_MAX];
	char     cmdline[PROC_CMD_MAX];
};

/* ---- the msgport protocol: what proc (and others) send a process ---- */
enum {
	MSG_SIG_POST = ARGOT_RPC_MSG, /* ONE-WAY, req msg_sig_post */
	MSG_END
};
struct msg_sig_post { uint32_t sig; int32_t sender_pid; uint32_t sender_uid; };

#define PROC_RPCS(X) \
	X(PROC_REGISTER,    struct proc_image,      RPC_FIXED, 1, 1) \
	X(PROC_SET_IMAGE,   struct proc_image,      RPC_FIXED, 1, 1) \
	X(PROC_WAIT,        struct proc_wait_req,   RPC_FIXED, 0, 0) \
	X(PROC_GETPIDS,     struct rpc_empty,       RPC_FIXED, 0, 0) \
	X(PROC_INFO,        struct proc_pid,        RPC_FIXED, 0, 0) \
	X(PROC_LIST,        struct proc_pid,        RPC_FIXED, 0, 0) \
	X(PROC_REAUTH,      struct rpc_empty,       RPC_FIXED, 1, 1) \
	X(PROC_KILL,        struct proc_kill_req,   RPC_FIXED, 0, 0) \
	X(PROC_SETPGID,     struct proc_setpgid_req,RPC_FIXED, 0, 0) \
	X(PROC_SETSID,      struct rpc_empty,       RPC_FIXED, 0, 0) \
	X(PROC_SET_MSGPORT, struct rpc_empty,       RPC_FIXED, 1, 1) \
	X(PROC_MARK_EXIT,   struct proc_status,     RPC_FIXED, 0, 0) \
	X(PROC_MARK_STOP,   struct proc_status,     RPC_FIXED, 0, 0)

#define MSG_RPCS(X) \
	X(MSG_SIG_POST,     struct msg_sig_post,    RPC_FIXED, 0, 0)

/* client stubs */
int proc_register(int proc, int child, const char *name, const char *cmd,
                  struct proc_pids *pids, int *childproc, uint32_t timeout);
int proc_set_image(int proc, int newproc, const char *name,
                   const char *cmd, uint32_t timeout);
/* returns the pid waited for (0 with WNOHANG and nothing yet) */
int proc_wait(int proc, int32_t pid, uint32_t options, uint32_t *status,
              uint32_t timeout);
int proc_getpids(int proc, struct proc_pids *pids, uint32_t timeout);
int proc_info(int proc, int32_t pid, struct argot_procinfo *info,
              uint32_t timeout);
int proc_list(int proc, int32_t first, struct proc_list *list,
              uint32_t timeout);
int proc_reauth(int proc, int rendezvous, uint32_t timeout);
int proc_kill(int proc, int32_t pid, uint32_t sig, uint32_t timeout);
int proc_setpgid(int proc, int32_t pid, int32_t pgid, uint32_t timeout);
int proc_setsid(int proc, struct proc_pids *pids, uint32_t timeout);
int proc_set_msgport(int proc, int msgport, uint32_t timeout);
int proc_mark_exit(int proc, uint32_t status, uint32_t timeout);
int proc_mark_stop(int proc, uint32_t sig, uint32_t timeout);
int msg_sig_post(int msgport, uint32_t sig, int32_t pid, uint32_t uid,
                 uint32_t timeout);

#endif /* ARGOT_PROC_H */

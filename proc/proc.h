/*
 * proc/proc.h - the proc server's process table.
 */
#ifndef PROC_PROC_H
#define PROC_PROC_H

#include "rt.h"
#include "kcall.h"
#include "server/rpc.h"
#include "server/start/start.h"
#include <argot/proc.h>
#include <argot/auth.h>

#define PROC_MAXPIDS 1024
#define PROC_NOUID 0xffffffffu
#define ARGOT_ECHILD_ 10   /* Linux ECHILD; kernel.h has no use for it */
#define PROC_MAXWAITERS 4  /* blocked PROC_WAITs kept per process */

/* news of a live child that its parent's wait has not reported yet */
#define PROC_REPORT_STOP 1
#define PROC_REPORT_CONT 2

/* A PROC_WAIT that had to block: its reply handle, kept until a child
 * has news for it.  The caller may have given up since (timeout, abort):
 * the kernel says so only when we reply, so a reply is tried first and
 * the news consumed only if it was delivered. */
struct proc_waiter { int32_t reply; struct proc_wait_req q; };

struct proc_p {
	struct srv_obj o;        /* the pipe its proc handles reach */
	int32_t pid, ppid, pgrp, sid;
	int kproc;               /* kernel handle, NOHANDLE once dead */
	uint32_t gen;            /* image generation (death cookies) */
	int msgport;             /* send handle or NOHANDLE */
	uint32_t uid, gid;       /* owner */
	uint32_t state;          /* PROC_STATE_* */
	uint32_t status;         /* wait status once a zombie */
	uint32_t marked;         /* PROC_MARK_EXIT or our kill: status+1 */
	uint32_t stopsig;        /* the signal that stopped it (state STOP) */
	uint32_t report;         /* PROC_REPORT_*: not yet seen by a wait */
	uint32_t nwaiters;       /* blocked PROC_WAITs, oldest first */
	struct proc_waiter waiters[PROC_MAXWAITERS];
	char name[PROC_NAME_MAX];
	char cmd[PROC_CMD_MAX];
};

extern struct srv proc_srv;
extern struct proc_p *proc_tab[PROC_MAXPIDS];
extern int proc_authh;       /* our auth handle (root) */
extern int proc_deathsend;   /* where the kernel reports deaths */

struct proc_p *proc_new(struct proc_p *parent, int kproc, int init,
                        int *send);
int proc_watch(struct proc_p *p);
void proc_reap(struct proc_p *p);

/* wait.c */
void proc_death(struct srv_req *r);
int proc_h_wait(struct srv_req *r);
int proc_h_kill(struct srv_req *r);
int proc_h_mark_exit(struct srv_req *r);
int proc_h_mark_stop(struct srv_req *r);
void proc_drop_waiters(struct proc_p *p);

#endif

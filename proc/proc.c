/*
 * proc/proc.c - the proc server: pids, families, owners, groups and
 * sessions.  One thread, event-driven (a PROC_WAIT that must wait keeps
 * its reply handle).  Deaths come from the kernel (PROC_WATCH), so a
 * crashing process is reported like any other (wait.c).
 */
#include "proc.h"

struct srv proc_srv = { .name = "proc" };
struct proc_p *proc_tab[PROC_MAXPIDS];
int proc_authh = ARGOT_NOHANDLE;
int proc_deathsend = ARGOT_NOHANDLE;
static int32_t lastpid;

static const struct srv_class proc_class;

static void copystr(char *d, const char *s, uint32_t cap)
{
	uint32_t n = rpc_strnlen(s, cap - 1);
	rpc_copy(d, s, n);
	d[n] = 0;
}

/* pid 1 is /sbin/init's whatever the boot starts before it (the root
 * filesystem, drivers): POSIX programs expect it, and orphans go to it.
 * Only bootstrap (pid 0) may register it, by naming the child "init". */
static int32_t newpid(int init)
{
	if (init && !proc_tab[1])
		return 1;
	for (int i = 0; i < PROC_MAXPIDS; i++) {
		lastpid = lastpid + 1 >= PROC_MAXPIDS ? 2 : lastpid + 1;
		if (lastpid > 1 && !proc_tab[lastpid])
			return lastpid;
	}
	return -1;
}

int proc_watch(struct proc_p *p)
{
	uint32_t cookie = (uint32_t)p->pid | p->gen << 16;
	return k_proc_watch(p->kproc, proc_deathsend, cookie);
}

struct proc_p *proc_new(struct proc_p *parent, int kproc, int init,
                        int *send)
{
	int32_t pid = parent ? newpid(init) : 0;
	struct proc_p *p = pid < 0 ? 0 : rt_malloc(sizeof *p);
	if (!p)
		return 0;
	rpc_zero(p, sizeof *p);
	p->pid = pid;
	p->ppid = parent ? parent->pid : 0;
	p->pgrp = parent ? parent->pgrp : 0;
	p->sid = parent ? parent->sid : 0;
	p->uid = parent ? parent->uid : 0;
	p->gid = parent ? parent->gid : 0;
	p->kproc = kproc;
	p->msgport = ARGOT_NOHANDLE;
	p->state = PROC_STATE_RUN;
	if (send && srv_obj_add(&proc_srv, &p->o, &proc_class, send) < 0) {
		rt_free(p);
		return 0;
	}
	proc_tab[pid] = p;
	return p;
}

void proc_reap(struct proc_p *p)
{
	proc_tab[p->pid] = 0;
	if (p->o.recv != ARGOT_NOHANDLE)
		srv_obj_del(&proc_srv, &p->o);
	if (p->kproc != ARGOT_NOHANDLE)
		argot_close(p->kproc);
	if (p->msgport != ARGOT_NOHANDLE)
		argot_close(p->msgport);
	proc_drop_waiters(p);
	rt_free(p);
}

#define SELF(r) ((struct proc_p *)(r)->obj)

static int h_register(struct srv_req *r)
{
	const struct proc_image *im = r->data;
	char name[PROC_NAME_MAX];
	int send;
	copystr(name, im->name, PROC_NAME_MAX);
	int init = SELF(r)->pid == 0 && !strcmp(name, "init");
	struct proc_p *c = proc_new(SELF(r), r->h[0], init, &send);
	if (!c)
		return -ARGOT_EAGAIN;
	copystr(c->name, name, PROC_NAME_MAX);
	copystr(c->cmd, im->cmdline, PROC_CMD_MAX);
	if (proc_watch(c) < 0) {
		c->kproc = ARGOT_NOHANDLE;  /* the caller's to close */
		proc_reap(c);
		return -ARGOT_EINVAL;       /* not a live process handle */
	}
	r->h[0] = ARGOT_NOHANDLE;
	struct proc_pids *rep = r->rbuf;
	*rep = (struct proc_pids){ c->pid, c->ppid, c->pgrp, c->sid };
	r->rlen = sizeof *rep;
	r->rh[0] = send | ARGOT_HMOVE;
	r->rnh = 1;
	return 0;
}

static int h_set_image(struct srv_req *r)
{
	struct proc_p *p = SELF(r);
	const struct proc_image *im = r->data;
	int old = p->kproc;
	p->kproc = r->h[0];
	p->gen++;               /* the old image's death is now ignored */
	if (proc_watch(p) < 0) {
		p->kproc = old;
		p->gen--;
		return -ARGOT_EINVAL;
	}
	r->h[0] = ARGOT_NOHANDLE;
	if (old != ARGOT_NOHANDLE)
		argot_close(old);
	copystr(p->name, im->name, PROC_NAME_MAX);
	copystr(p->cmd, im->cmdline, PROC_CMD_MAX);
	return 0;
}

static int h_getpids(struct srv_req *r)
{
	struct proc_p *p = SELF(r);
	struct proc_pids *rep = r->rbuf;
	*rep = (struct proc_pids){ p->pid, p->ppid, p->pgrp, p->sid };
	r->rlen = sizeof *rep;
	return 0;
}

static int h_info(struct srv_req *r)
{
	const struct proc_pid *q = r->data;
	if (q->pid < 0 || q->pid >= PROC_MAXPIDS || !proc_tab[q->pid])
		return -ARGOT_ESRCH;
	struct proc_p *p = proc_tab[q->pid];
	struct argot_procinfo *i = r->rbuf;
	rpc_zero(i, sizeof *i);
	i->pid = p->pid; i->ppid = p->ppid; i->pgrp = p->pgrp; i->sid = p->sid;
	i->uid = p->uid; i->gid = p->gid;
	i->state = p->state;
	i->status = p->status;
	struct argot_proc_info ki;
	if (p->kproc != ARGOT_NOHANDLE && k_proc_info(p->kproc, &ki) == 0) {
		i->nthreads = ki.nthreads;
		i->pages = ki.pages;
	}
	copystr(i->name, p->name, PROC_NAME_MAX);
	copystr(i->cmdline, p->cmd, PROC_CMD_MAX);
	r->rlen = sizeof *i;
	return 0;
}

static int h_list(struct srv_req *r)
{
	const struct proc_pid *q = r->data;
	struct proc_list *l = r->rbuf;
	l->count = 0;
	for (int32_t pid = q->pid < 0 ? 0 : q->pid;
	     pid < PROC_MAXPIDS && l->count < PROC_LIST_MAX; pid++)
		if (proc_tab[pid])
			l->pids[l->count++] = pid;
	r->rlen = 4 + 4 * l->count;
	return 0;
}

/* PROC_REAUTH: the client shows an identity through auth; it becomes the
 * owner, and the client gets a fresh handle (the old ones stop working,
 * so a relayed rendezvous cannot leave anyone else holding this owner). */
static int h_reauth(struct srv_req *r)
{
	struct proc_p *p = SELF(r);
	struct argot_idset ids;
	int send, recv_old = p->o.recv;
	p->o.recv = ARGOT_NOHANDLE;
	srv_obj_del(&proc_srv, &p->o);
	argot_close(recv_old);
	if (srv_obj_add(&proc_srv, &p->o, &proc_class, &send) < 0)
		return 0;
	if (auth_server_authenticate(proc_authh, r->h[0], send | ARGOT_HMOVE,
	                             &ids, 5000) < 0)
		return 0;
	p->uid = ids.neuids ? ids.euids[0] : PROC_NOUID;
	p->gid = ids.negids ? ids.egids[0] : PROC_NOUID;
	return 0;
}

static int h_setpgid(struct srv_req *r)
{
	const struct proc_setpgid_req *q = r->data;
	struct proc_p *self = SELF(r);
	int32_t pid = q->pid ? q->pid : self->pid;
	if (pid < 0 || pid >= PROC_MAXPIDS || !proc_tab[pid])
		return -ARGOT_ESRCH;
	struct proc_p *p = proc_tab[pid];
	if (p != self && p->ppid != self->pid)
		return -ARGOT_ESRCH;
	if (p->sid != self->sid || p->pid == p->sid)
		return -ARGOT_EPERM;
	p->pgrp = q->pgid ? q->pgid : pid;
	return 0;
}

static int h_setsid(struct srv_req *r)
{
	struct proc_p *p = SELF(r);
	for (int i = 0; i < PROC_MAXPIDS; i++)
		if (proc_tab[i] && proc_tab[i]->pgrp == p->pid && i != p->pid)
			return -ARGOT_EPERM;   /* already leads a group */
	p->sid = p->pgrp = p->pid;
	return h_getpids(r);
}

static int h_set_msgport(struct srv_req *r)
{
	struct proc_p *p = SELF(r);
	if (p->msgport != ARGOT_NOHANDLE)
		argot_close(p->msgport);
	p->msgport = r->h[0];
	r->h[0] = ARGOT_NOHANDLE;
	return 0;
}

#define F(id) [(id) - ARGOT_RPC_PROC]
static const srv_fn proc_fns[PROC_END - ARGOT_RPC_PROC] = {
	F(PROC_REGISTER) = h_register, F(PROC_SET_IMAGE) = h_set_image,
	F(PROC_WAIT) = proc_h_wait, F(PROC_GETPIDS) = h_getpids,
	F(PROC_INFO) = h_info, F(PROC_LIST) = h_list,
	F(PROC_REAUTH) = h_reauth, F(PROC_KILL) = proc_h_kill,
	F(PROC_SETPGID) = h_setpgid, F(PROC_SETSID) = h_setsid,
	F(PROC_SET_MSGPORT) = h_set_msgport,
	F(PROC_MARK_EXIT) = proc_h_mark_exit,
	F(PROC_MARK_STOP) = proc_h_mark_stop,
};
static const struct srv_iface proc_iface = { &rpc_proc_proto, proc_fns };
static const struct srv_iface *const proc_ifaces[] = { &proc_iface, 0 };
/* a process that dropped every proc handle still exists: keep it */
static const struct srv_class proc_class = { proc_ifaces, 0, 0 };

static const struct srv_iface *const no_ifaces[] = { 0 };
static const struct srv_class death_class = { no_ifaces, 0, proc_death };

/* Started by bootstrap with rt_spawn: h[0] the receive end of the
 * bootstrap's own entry (pid 0, owner root), h[1] the root auth handle. */
int rt_main(void *arg)
{
	struct rt_spawn_args *a = arg;
	static struct srv_obj death;
	rt_init_spawned(a);
	argot_rt_hooks();
	if (a->nh < 2)
		return 1;
	proc_authh = a->h[1];
	struct proc_p *boot = proc_new(0, ARGOT_NOHANDLE, 0, 0);
	if (!boot || srv_obj_adopt(&proc_srv, &boot->o, &proc_class, a->h[0]))
		return 2;
	copystr(boot->name, "bootstrap", PROC_NAME_MAX);
	if (srv_obj_add(&proc_srv, &death, &death_class, &proc_deathsend) < 0)
		return 3;
	return srv_run(&proc_srv, 1) < 0 ? 4 : 0;
}

/* source.c: where procfs's facts come from.  The proc server answers
 * PROC_INFO and PROC_LIST on any proc handle, so procfs uses the one it
 * was started with: whoever starts a translator (settrans -a, or a
 * filesystem starting a passive record) spawns it through proc and exec,
 * and the startup block (include/argot/startup.h) carries its own proc
 * handle and the kernel handle (for K_INFO and the clock).  Nothing is
 * cached: each call is a fresh question, so a file never shows a process
 * as it was at open time. */
#include <errno.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/utsname.h>
#include <time.h>
#include <argot/startup.h>
#include <argot/proc.h>
#include "kcall.h"
#include "procfs.h"

/* proc answers from memory; a proc that takes this long is wedged, and
 * one stuck client must not hold procfs for good. */
#define PF_TIMEOUT 5000

static const struct argot_startup *st;

int pf_source_init(void)
{
	st = (const void *)getauxval(AT_ARGOT_STARTUP);
	if (!st || st->magic != ARGOT_STARTUP_MAGIC)
		return ENOENT;
	if (st->proc == ARGOT_NOHANDLE)
		return EBADF;	/* started without proc: nothing to show */
	return 0;
}

/* proc and the kernel use Linux's errno numbers, negated.  A process
 * proc does not know is "no such file" for a filesystem. */
static int err_of(int r)
{
	if (r == -ARGOT_ESRCH)
		return ENOENT;
	return r < 0 ? -r : EIO;
}

int pf_proc_get(int32_t pid, struct pf_proc *p)
{
	struct argot_procinfo i;
	int r = proc_info(st->proc, pid, &i, PF_TIMEOUT);

	if (r < 0)
		return err_of(r);
	/* pid 0 is the bootstrap's entry, not a process anyone runs */
	if (i.pid <= 0 || i.pid != pid)
		return ENOENT;
	memset(p, 0, sizeof *p);
	p->pid = i.pid;
	p->ppid = i.ppid;
	p->pgrp = i.pgrp;
	p->sid = i.sid;
	p->uid = i.uid;
	p->gid = i.gid;
	p->state = (char)i.state;
	p->status = i.status;
	p->nthreads = i.nthreads;
	p->pages = i.pages;
	memcpy(p->name, i.name, sizeof p->name - 1);
	memcpy(p->cmdline, i.cmdline, sizeof p->cmdline - 1);
	return 0;
}

int pf_proc_list(int32_t first, int32_t *pids, unsigned max, unsigned *n)
{
	static struct proc_list l;	/* 1 KiB; callbacks run one at a time */
	int r = proc_list(st->proc, first < 1 ? 1 : first, &l, PF_TIMEOUT);

	*n = 0;
	if (r < 0)
		return err_of(r);
	for (unsigned i = 0; i < l.count && *n < max; i++)
		if (l.pids[i] > 0)
			pids[(*n)++] = l.pids[i];
	return 0;
}

int pf_mem_get(struct pf_mem *m)
{
	struct argot_k_info k;
	int r = k_info(st->kernel, &k);

	if (r < 0)
		return err_of(r);
	m->total_kb = (uint64_t)k.mem_pages * (PF_PAGE / 1024);
	m->free_kb = (uint64_t)k.free_pages * (PF_PAGE / 1024);
	return 0;
}

/* The personality's monotonic clock is the kernel's time since boot. */
int pf_uptime_ms(uint64_t *ms)
{
	struct timespec t;

	if (clock_gettime(CLOCK_MONOTONIC, &t) < 0)
		return errno;
	*ms = (uint64_t)t.tv_sec * 1000 + (uint64_t)t.tv_nsec / 1000000;
	return 0;
}

int pf_version_get(struct pf_version *v)
{
	static struct utsname u;

	if (uname(&u) < 0)
		return errno;
	v->sysname = u.sysname;
	v->release = u.release;
	v->version = u.version;
	v->machine = u.machine;
	return 0;
}

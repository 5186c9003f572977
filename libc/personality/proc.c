/*
 * libc/personality/proc.c - the process as a whole: exit, uname,
 * limits, randomness.  Families and ids are in ids.c, fork.c, exec.c
 * and wait.c.  exit_group ends the kernel process; proc learns of the
 * death from the kernel and reports the code to the parent's wait.
 */
#include <string.h>
#include <sys/utsname.h>
#include <sys/sysinfo.h>
#include <sys/resource.h>
#include "px.h"

long px_sys_exit_group(struct px_frame *f)
{
	int status = f->a1 & 0xff;

	px_poweroff(status);
	k_proc_exit(px.self, status);
	for (;;)
		px_nap_ms(ARGOT_FOREVER - 1);
}

long px_sys_getpid(struct px_frame *f)
{
	(void)f;
	return px.pid;
}

long px_sys_uname(struct px_frame *f)
{
	struct utsname *u = (void *)f->a1;

	memset(u, 0, sizeof *u);
	strcpy(u->sysname, "Argot");
	strcpy(u->nodename, "argot");
	strcpy(u->release, "0.1");
	strcpy(u->version, "Argot nanokernel + musl personality");
	strcpy(u->machine, "i686");
	return 0;
}

/* Memory and uptime from the kernel (sysconf(_SC_PHYS_PAGES) asks this:
 * ramfs sizes itself by it).  Load averages, swap and buffers do not
 * exist here and stay 0. */
long px_sys_sysinfo(struct px_frame *f)
{
	struct sysinfo *si = (void *)f->a1;
	struct argot_k_info ki;
	struct argot_k_clock c;
	int r;

	if ((r = k_info(px.kernel, &ki)) < 0 ||
	    (r = k_clock(px.kernel, &c)) < 0)
		return r;
	memset(si, 0, sizeof *si);
	si->uptime = (long)(c.ns / 1000000000u);
	si->totalram = ki.mem_pages;
	si->freeram = ki.free_pages;
	si->procs = (unsigned short)ki.nprocs;
	si->mem_unit = ARGOT_PAGE_SIZE;
	return 0;
}

/* Not cryptographic: TSC jitter through xorshift, enough for musl's
 * hash seeds and mkstemp names.  A random server would do better. */
long px_sys_getrandom(struct px_frame *f)
{
	static uint64_t s;
	unsigned char *p = (void *)f->a1;
	size_t i;

	for (i = 0; i < (size_t)f->a2; i++) {
		uint32_t lo, hi;
		__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
		s ^= ((uint64_t)hi << 32 | lo) + 0x9e3779b97f4a7c15ull;
		s ^= s << 13, s ^= s >> 7, s ^= s << 17;
		p[i] = (unsigned char)(s >> 24);
	}
	return f->a2;
}

/* Limits: none enforced but the kernel's quota; report "unlimited". */
long px_sys_prlimit64(struct px_frame *f)
{
	struct { uint64_t cur, max; } *old = (void *)f->a4;

	if (f->a1 && f->a1 != (long)px.pid)
		return -ESRCH;
	if (old) {
		old->cur = old->max = ~0ull;
		if (f->a2 == RLIMIT_NOFILE)
			old->cur = old->max = 256;
		if (f->a2 == RLIMIT_STACK)
			old->cur = 8 << 20;
	}
	return 0;
}

long px_sys_ugetrlimit(struct px_frame *f)
{
	struct { uint32_t cur, max; } *r = (void *)f->a2;

	r->cur = r->max = ~0u;
	if (f->a1 == RLIMIT_NOFILE)
		r->cur = r->max = 256;
	return 0;
}

long px_sys_sched_getaffinity(struct px_frame *f)
{
	if ((unsigned long)f->a2 < 4)
		return -EINVAL;
	memset((void *)f->a3, 0, f->a2);
	*(uint32_t *)f->a3 = 1;              /* one CPU */
	return 4;
}

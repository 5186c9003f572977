/*
 * libargot/rt/spawn.c - start a static ELF image as a new process.  The
 * kernel has no loader: we build the address space from outside with
 * memory objects, filling each one through a temporary mapping in our own
 * address space, then mapping it into the child.
 */
#include "rt.h"
#include "kcall.h"
#include "elf.h"

#define STACK_TOP   ARGOT_USER_TOP
#define STACK_SIZE  (64 * 1024)
#define PAGE_UP(x)  (((x) + ARGOT_PAGE_SIZE - 1) & ~(ARGOT_PAGE_SIZE - 1))
#define PAGE_DOWN(x) ((x) & ~(ARGOT_PAGE_SIZE - 1))

/* A zeroed memobj of `size` bytes, mapped in the child at va with prot,
 * and mapped here too; returns our address or 0. */
static char *shared_region(int proc, uint32_t va, uint32_t size,
                           uint32_t prot, int *mo)
{
	uint32_t here;
	if (k_memobj_create(rt.kernel, size, mo) < 0)
		return 0;
	if (k_proc_map(rt.self, *mo, 0, 0, size,
	               ARGOT_PROT_READ | ARGOT_PROT_WRITE, 0, &here) < 0)
		goto fail;
	if (k_proc_map(proc, *mo, va, 0, size, prot, ARGOT_MAP_FIXED, 0) < 0) {
		k_proc_unmap(rt.self, here, size);
		goto fail;
	}
	return (char *)here;
fail:
	argot_close(*mo);
	return 0;
}

static int load_segments(int proc, const char *img, uint32_t size,
                         uint32_t *entry)
{
	struct rt_seg segs[RT_ELF_MAXSEGS];
	int n = rt_elf_segments(img, size, segs, RT_ELF_MAXSEGS, entry);
	for (int i = 0; i < n; i++) {
		uint32_t start = PAGE_DOWN(segs[i].va);
		uint32_t len = PAGE_UP(segs[i].va + segs[i].memsz) - start;
		int mo;
		char *here = shared_region(proc, start, len, segs[i].prot, &mo);
		if (!here)
			return -ARGOT_ENOMEM;
		memcpy(here + (segs[i].va - start), img + segs[i].offset,
		       segs[i].filesz);
		k_proc_unmap(rt.self, (uint32_t)here, len);
		argot_close(mo);
	}
	return n < 0 ? n : 0;
}

/* Copy our handles into the child and rewrite a->h[] to its numbers. */
static int give_handles(int proc, struct rt_spawn_args *a)
{
	int32_t num;
	int r;
	for (uint32_t i = 0; i < a->nh && i < RT_SPAWN_MAXH; i++) {
		if (a->h[i] == ARGOT_NOHANDLE)
			continue;
		if ((r = k_proc_handle_give(proc, a->h[i], &num)) < 0)
			return r;
		a->h[i] = num;
	}
	if ((r = k_proc_handle_give(proc, rt.kernel, &num)) < 0)
		return r;
	a->kernel = num;
	if ((r = k_proc_handle_give(proc, proc, &num)) < 0)
		return r;
	a->self = num;
	return 0;
}

int rt_spawn(const void *elf, uint32_t size, const char *name,
             uint32_t maxprio, uint32_t quota, struct rt_spawn_args *a,
             int *proc, int *thread)
{
	int p, mo, th, r;
	uint32_t entry;
	if ((r = k_proc_create(rt.kernel, name, maxprio, quota, &p)) < 0)
		return r;
	if ((r = load_segments(p, elf, size, &entry)) < 0)
		goto fail;
	char *stk = shared_region(p, STACK_TOP - STACK_SIZE, STACK_SIZE,
	                          ARGOT_PROT_READ | ARGOT_PROT_WRITE, &mo);
	r = -ARGOT_ENOMEM;
	if (!stk)
		goto fail;
	a->magic = RT_SPAWN_MAGIC;
	if ((r = give_handles(p, a)) < 0)
		goto fail_stack;
	/* args at the top of the stack, a pointer to them at 0(%esp) */
	uint32_t args_off = STACK_SIZE - 256;
	uint32_t esp = STACK_TOP - STACK_SIZE + args_off - 16;
	struct argot_proc_thread_create t = {
		.eip = entry, .esp = esp, .prio = maxprio < ARGOT_PRIO_DEFAULT ?
		maxprio : ARGOT_PRIO_DEFAULT, .suspended = 1,
	};
	if ((r = k_proc_thread_create(p, &t, &th)) < 0)
		goto fail_stack;
	int32_t tnum;
	if ((r = k_proc_handle_give(p, th, &tnum)) < 0)
		goto fail_thread;
	a->thread = tnum;
	memcpy(stk + args_off, a, sizeof *a);
	*(uint32_t *)(stk + args_off - 16) = STACK_TOP - STACK_SIZE + args_off;
	k_proc_unmap(rt.self, (uint32_t)stk, STACK_SIZE);
	argot_close(mo);
	*proc = p;
	if (thread) {           /* the caller resumes it when ready */
		*thread = th;
		return 0;
	}
	if ((r = k_thread_resume(th)) < 0)
		goto fail_thread;
	argot_close(th);
	return 0;
fail_thread:
	argot_close(th);
fail_stack:
	k_proc_unmap(rt.self, (uint32_t)stk, STACK_SIZE);
	argot_close(mo);
fail:
	k_proc_kill(p);
	argot_close(p);
	return r;
}

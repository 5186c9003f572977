/*
 * libargot/rt/thread.c - threads of the calling process.  A thread must
 * know its own handle to end itself (THREAD_EXIT acts on the caller's own
 * thread handle), and the handle exists only once the kernel answers the
 * create request.  So the thread is created suspended, the handle is
 * written into its start block, and then it is resumed.
 *
 * Stacks are not reclaimed: a thread cannot unmap the stack it runs on,
 * and rt's users create few threads.
 */
#include "rt.h"
#include "kcall.h"

#define STACK_PAGES 4

struct start_block {
	void (*fn)(void *);
	void *arg;
	volatile int handle;
};

extern char rt_thread_entry[];
void rt_thread_start(struct start_block *b) __attribute__((noreturn));

void rt_thread_start(struct start_block *b)
{
	b->fn(b->arg);
	rt_thread_exit(b->handle);
}

void rt_thread_exit(int handle)
{
	k_thread_exit(handle);
	for (;;)          /* the kernel refused: a fault at least ends us */
		__asm__ volatile("ud2");
}

int rt_thread_create(void (*fn)(void *), void *arg, uint32_t prio,
                     int suspended, int *handle)
{
	char *stack = rt_page_alloc(STACK_PAGES, 0);
	if (!stack)
		return -ARGOT_ENOMEM;
	char *top = stack + STACK_PAGES * ARGOT_PAGE_SIZE;
	struct start_block *b = (struct start_block *)(top - 64);
	b->fn = fn;
	b->arg = arg;
	b->handle = ARGOT_NOHANDLE;
	struct argot_proc_thread_create t = {
		.eip = (uint32_t)rt_thread_entry,
		.esp = (uint32_t)b - 16,
		.eax = (uint32_t)b,
		.prio = prio ? prio : ARGOT_PRIO_DEFAULT,
		.suspended = 1,
	};
	int h, r = k_proc_thread_create(rt.self, &t, &h);
	if (r < 0) {
		rt_page_free(stack, STACK_PAGES);
		return r;
	}
	/* the thread gets its own copy of its handle, so that the creator
	 * may close *handle at any time without stranding the thread */
	int32_t own;
	if (k_proc_handle_give(rt.self, h, &own) < 0)
		own = h;        /* table full: share it, and hope */
	b->handle = own;
	*handle = h;
	if (!suspended && (r = k_thread_resume(h)) < 0)
		return r;
	return 0;
}

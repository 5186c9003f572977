/*
 * libc/personality/thread.c - threads: clone for pthreads, the TLS base
 * (set_thread_area), thread ids and thread exit.  The kernel knows
 * threads only by handle; the personality keeps one record per thread,
 * found from the TLS base musl keeps at %gs:0.
 */
#define _GNU_SOURCE
#include <sched.h>
#include "px.h"

static struct px_thread px_threads[PX_MAXTHREADS];
static px_lock_t px_threads_lock;
static int px_next_tid = 2;          /* the first thread's tid is the pid */

/* Handles of exited threads, closed once the thread is surely gone. */
static int px_dead[PX_MAXTHREADS];
static int px_ndead;

/* Linux's struct user_desc, the part musl fills */
struct px_user_desc {
	uint32_t entry_number, base_addr, limit, flags;
};

_Static_assert(ARGOT_TLS_SEL == 0x33 && ARGOT_SYS_SEND == 0 &&
               ARGOT_CALL == 1 && ARGOT_TRAP_VECTOR == 0x40,
               "entry.S copies these values");

/* the descriptor number whose selector is ARGOT_TLS_SEL */
#define PX_TLS_ENTRY (ARGOT_TLS_SEL >> 3)

void px_thread_init(int main_thread)
{
	px_threads[0] = (struct px_thread){
		.used = 1, .handle = main_thread, .tid = (int)px.pid,
		.wrecv = ARGOT_NOHANDLE, .wsend = ARGOT_NOHANDLE,
	};
}

/* Set once the first thread has a TLS base; every later thread gets
 * its base from clone before it runs.  (A thread's %gs may hold the TLS
 * selector with base 0 before that, so the selector proves nothing.) */
static int px_tls_ready;

static uintptr_t px_tp(void)
{
	uintptr_t p;

	if (!px_tls_ready)
		return 0;
	__asm__ volatile("movl %%gs:0,%0" : "=r"(p));
	return p;
}

/* Before TLS is set only the first thread exists. */
struct px_thread *px_self(void)
{
	uintptr_t key = px_tp();
	int i;

	if (key)
		for (i = 0; i < PX_MAXTHREADS; i++)
			if (px_threads[i].used && px_threads[i].key == key)
				return &px_threads[i];
	return &px_threads[0];
}

long px_sys_set_thread_area(struct px_frame *f)
{
	struct px_user_desc *u = (void *)f->a1;
	struct px_thread *t = px_self();
	int r;

	if (u->entry_number != (uint32_t)-1 &&
	    u->entry_number != PX_TLS_ENTRY)
		return -EINVAL;
	r = k_thread_set_tls(t->handle, u->base_addr);
	if (r < 0)
		return r;
	t->key = u->base_addr;
	u->entry_number = PX_TLS_ENTRY;
	px_tls_ready = 1;
	return 0;
}

long px_sys_set_tid_address(struct px_frame *f)
{
	struct px_thread *t = px_self();

	t->clear_tid = (volatile int *)f->a1;
	return t->tid;
}

long px_sys_gettid(struct px_frame *f)
{
	(void)f;
	return px_self()->tid;
}

/* Robust futex lists are a kernel service we do not offer: a robust
 * mutex held by a dying thread is not released. */
long px_sys_set_robust_list(struct px_frame *f)
{
	(void)f;
	return 0;
}

/* Close the handles of threads that have finished exiting.  A thread
 * still between releasing the exit stack and its last trap answers
 * SUSPEND: it is resumed and kept for next time. */
static void px_reap(void)
{
	int i = 0;

	while (i < px_ndead) {
		int h = px_dead[i];
		if (k_thread_suspend(h) == -ARGOT_ESRCH) {
			argot_close(h);
			px_dead[i] = px_dead[--px_ndead];
		} else {
			k_thread_resume(h);
			i++;
		}
	}
}

static struct px_thread *px_thread_alloc(void)
{
	struct px_thread *t = 0;
	int i;

	px_lock(&px_threads_lock);
	px_reap();
	for (i = 1; i < PX_MAXTHREADS && !t; i++)
		if (!px_threads[i].used) {
			t = &px_threads[i];
			*t = (struct px_thread){ .used = 1, .tid = px_next_tid++,
				.wrecv = ARGOT_NOHANDLE, .wsend = ARGOT_NOHANDLE };
		}
	px_unlock(&px_threads_lock);
	return t;
}

/*
 * clone, as musl's __clone uses it for pthread_create: a new thread on
 * `stack` that resumes where clone returns, with eax 0 and ebp as the
 * caller left it (the function to run).  It starts at px_clone_start,
 * suspended until its TLS base and record are in place.
 */
long px_sys_clone(struct px_frame *f)
{
	unsigned long flags = f->a1;
	uint32_t *sp = (uint32_t *)f->a2 - 3;
	struct px_user_desc *u = (void *)f->a4;
	struct px_thread *t;
	int h, r;

	if (!(flags & CLONE_VM) || !(flags & CLONE_THREAD))
		return -ENOSYS;          /* fork-like clones: see proc.c */
	t = px_thread_alloc();
	if (!t)
		return -EAGAIN;
	sp[0] = f->a6;               /* ebp */
	sp[1] = f->ret;              /* eip */
	sp[2] = f->a2;               /* esp */
	struct argot_proc_thread_create tc = {
		.eip = (uint32_t)(uintptr_t)px_clone_start_addr(),
		.esp = (uint32_t)(uintptr_t)sp,
		.eax = (flags & CLONE_SETTLS) != 0,
		.prio = ARGOT_PRIO_DEFAULT, .suspended = 1,
	};
	r = k_proc_thread_create(px.self, &tc, &h);
	if (r >= 0 && (flags & CLONE_SETTLS)) {
		r = k_thread_set_tls(h, u->base_addr);
		t->key = u->base_addr;
	}
	if (r < 0) {
		t->used = 0;
		return -EAGAIN;
	}
	t->handle = h;
	if (flags & CLONE_CHILD_CLEARTID)
		t->clear_tid = (volatile int *)f->a5;
	if (flags & CLONE_PARENT_SETTID)
		*(int *)f->a3 = t->tid;
	if (flags & CLONE_CHILD_SETTID)
		*(int *)f->a5 = t->tid;
	k_thread_resume(h);
	return t->tid;
}

/* ---- thread exit ----
 * The last steps run on a shared stack under px_exit_lock: the thread's
 * own stack may be freed by its joiner as soon as clear_tid is woken,
 * or unmapped by the thread itself (musl's __unmapself for detached
 * threads: the munmap was deferred, mem.c). */
static px_lock_t px_exit_lock;
static char px_exit_stack[4096] __attribute__((aligned(16)));
static struct argot_msg px_exit_msgs[PX_MAXTHREADS];

static void px_finish(void *arg)
{
	struct px_thread *t = arg;
	int idx = t - px_threads, h = t->handle;

	if (t->clear_tid) {
		*t->clear_tid = 0;
		px_futex_wake(t->clear_tid, 1);
	}
	if (t->unmap_len) {
		px_vm_remove(t->unmap_va, t->unmap_len);
		k_proc_unmap(px.self, t->unmap_va, t->unmap_len);
	}
	if (t->wrecv >= 0) {
		argot_close(t->wrecv);
		argot_close(t->wsend);
	}
	px_lock(&px_threads_lock);
	if (px_ndead < PX_MAXTHREADS)
		px_dead[px_ndead++] = h;
	t->used = 0;
	px_unlock(&px_threads_lock);
	px_exit_msgs[idx] = (struct argot_msg){
		.tag = ARGOT_THREAD_EXIT, .timeout = ARGOT_FOREVER,
	};
	px_exit_final(h, &px_exit_lock, &px_exit_msgs[idx]);
}

long px_sys_exit(struct px_frame *f)
{
	struct px_thread *t = px_self();

	(void)f;
	px_lock(&px_exit_lock);
	px_on_stack(px_finish, t, px_exit_stack + sizeof px_exit_stack);
	return 0;
}

/* In a new child of fork: only the thread that forked exists there, as
 * the first thread (its TLS base, hence musl's pthread self, unchanged),
 * with the thread handle fork gave and the child's pid as its tid. */
void px_thread_forked(int thread)
{
	struct px_thread me = *px_self();
	int i;

	for (i = 0; i < PX_MAXTHREADS; i++)
		px_threads[i].used = 0;
	me.handle = thread;
	me.tid = (int)px.pid;
	me.wrecv = me.wsend = ARGOT_NOHANDLE;
	me.futex = 0;
	me.fnext = 0;
	me.in_call = me.aborted = 0;
	px_threads[0] = me;
	px_ndead = 0;
	px_threads_lock = 0;
	px_exit_lock = 0;
}

/* Signals are delivered on the first thread (signal.c). */
struct px_thread *px_main_thread(void)
{
	return &px_threads[0];
}

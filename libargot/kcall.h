/*
 * libargot/kcall.h - user-space wrappers of the kernel's three calls and
 * one typed stub per kernel service (include/argot/kernel.h says what each
 * does).  Every stub returns 0 or a positive result on success and a
 * negative ARGOT_E* code on failure; handles created come back through
 * out-parameters.  Freestanding: needs only <stdint.h>.
 */
#ifndef ARGOT_KCALL_H
#define ARGOT_KCALL_H

#include <argot/kernel.h>

/* the three calls */
static inline int argot_send(int h, struct argot_msg *m, unsigned flags)
{
	int r;
	__asm__ volatile("int $0x40" : "=a"(r)
	                 : "a"(ARGOT_SYS_SEND), "b"(h), "c"(m), "d"(flags)
	                 : "memory");
	return r;
}

static inline int argot_recv(int h, struct argot_msg *m, unsigned flags)
{
	int r;
	__asm__ volatile("int $0x40" : "=a"(r)
	                 : "a"(ARGOT_SYS_RECV), "b"(h), "c"(m), "d"(flags)
	                 : "memory");
	return r;
}

static inline int argot_close(int h)
{
	int r;
	__asm__ volatile("int $0x40" : "=a"(r)
	                 : "a"(ARGOT_SYS_CLOSE), "b"(h) : "memory");
	return r;
}

/* A whole kernel-service exchange: request struct and handles in, reply
 * struct and handles out.  Returns the reply tag (0 or -ARGOT_E*). */
int kcall(int h, uint32_t tag, const void *req, uint32_t reqlen,
          const int32_t *hin, uint32_t nin,
          void *rep, uint32_t repcap, int32_t *hout, uint32_t nout);

/* ARGOT_HT_KERNEL */
int k_pipe_create(int kernel, uint32_t label, int *recv_end, int *send);
int k_proc_create(int kernel, const char *name, uint32_t maxprio,
                  uint32_t quota_pages, int *proc);
int k_memobj_create(int kernel, uint32_t size, int *memobj);
int k_clock(int kernel, struct argot_k_clock *clock);
int k_info(int kernel, struct argot_k_info *info);
/* 0 and *label if `send` reaches a pipe whose receive end this process
 * holds; -ARGOT_ENOENT if not (*label untouched), -ARGOT_ENOTSUP if it is
 * not a send handle */
int k_pipe_identify(int kernel, int send, uint32_t *label);

/* ARGOT_HT_PIPE_RECV */
int k_pipe_set_label(int recv_end, uint32_t label);
int k_pipe_make_send(int recv_end, int *send);

/* ARGOT_HT_PROCESS */
int k_proc_thread_create(int proc, const struct argot_proc_thread_create *t,
                         int *thread);
/* returns the address used (>= ARGOT_USER_BASE) or -ARGOT_E* */
int k_proc_map(int proc, int memobj, uint32_t va, uint32_t offset,
               uint32_t size, uint32_t prot, uint32_t flags, uint32_t *used);
int k_proc_unmap(int proc, uint32_t va, uint32_t size);
int k_proc_protect(int proc, uint32_t va, uint32_t size, uint32_t prot);
int k_proc_handle_give(int proc, int handle, int32_t *number);
int k_proc_handle_take(int proc, int32_t number, int *handle);
int k_proc_watch(int proc, int send, uint32_t cookie);
int k_proc_kill(int proc);
int k_proc_exit(int proc, uint32_t status);
int k_proc_info(int proc, struct argot_proc_info *info);
int k_proc_set_maxprio(int proc, uint32_t maxprio);
int k_proc_set_quota(int proc, uint32_t pages);

/* ARGOT_HT_THREAD */
int k_thread_suspend(int thread);
int k_thread_resume(int thread);
int k_thread_get_regs(int thread, struct argot_regs *regs);
int k_thread_set_regs(int thread, const struct argot_regs *regs);
int k_thread_set_tls(int thread, uint32_t base);
int k_thread_set_prio(int thread, uint32_t prio);
int k_thread_abort(int thread);
int k_thread_exit(int thread);

/* ARGOT_HT_MEMOBJ */
int k_memobj_size(int memobj, uint32_t *size);
int k_memobj_phys(int memobj, uint32_t *pages, uint32_t npages);

/* ARGOT_HT_IOPORT, ARGOT_HT_IRQ, ARGOT_HT_PHYSMEM */
int k_ioport_grant(int ioport, int proc);
int k_ioport_sub(int ioport, uint32_t base, uint32_t count, int *sub);
int k_irq_attach(int irq, int send, uint32_t label);
int k_irq_ack(int irq);
int k_physmem_memobj(int physmem, uint32_t base, uint32_t size, int *memobj);
int k_physmem_sub(int physmem, uint32_t base, uint32_t size, int *sub);

#endif /* ARGOT_KCALL_H */

/*
 * libargot/kcall.c - typed stubs for the kernel services.  Each one is a
 * single CALL on the object's handle (kernel.h: the kernel answers as if
 * it were the server behind the handle), so they all go through kcall().
 */
#include "kcall.h"

int kcall(int h, uint32_t tag, const void *req, uint32_t reqlen,
          const int32_t *hin, uint32_t nin,
          void *rep, uint32_t repcap, int32_t *hout, uint32_t nout)
{
	struct argot_msg m = {
		.tag = tag, .timeout = ARGOT_FOREVER,
		.sbuf = req, .slen = reqlen, .shnd = hin, .snhnd = nin,
		.rbuf = rep, .rcap = repcap, .rhnd = hout, .rhcap = nout,
	};
	int r = argot_send(h, &m, ARGOT_CALL);
	if (r < 0)
		return r;
	return (int32_t)m.tag;
}

/* a request with one word of data and nothing back */
static int kcall_word(int h, uint32_t tag, uint32_t word)
{
	return kcall(h, tag, &word, sizeof word, 0, 0, 0, 0, 0, 0);
}

/* a request with no data and nothing back */
static int kcall_none(int h, uint32_t tag)
{
	return kcall(h, tag, 0, 0, 0, 0, 0, 0, 0, 0);
}

/* a request whose answer is one new handle */
static int kcall_handle(int h, uint32_t tag, const void *req, uint32_t len,
                        int *out)
{
	int32_t hout = ARGOT_NOHANDLE;
	int r = kcall(h, tag, req, len, 0, 0, 0, 0, &hout, 1);
	if (r >= 0)
		*out = hout;
	return r;
}

int k_pipe_create(int kernel, uint32_t label, int *recv_end, int *send)
{
	struct argot_k_pipe_create req = { .label = label };
	int32_t hout[2] = { ARGOT_NOHANDLE, ARGOT_NOHANDLE };
	int r = kcall(kernel, ARGOT_K_PIPE_CREATE, &req, sizeof req, 0, 0,
	              0, 0, hout, 2);
	if (r >= 0) {
		*recv_end = hout[0];
		*send = hout[1];
	}
	return r;
}

int k_proc_create(int kernel, const char *name, uint32_t maxprio,
                  uint32_t quota_pages, int *proc)
{
	struct argot_k_proc_create req = { .maxprio = maxprio,
	                                   .quota_pages = quota_pages };
	for (unsigned i = 0; name && name[i] && i < sizeof req.name - 1; i++)
		req.name[i] = name[i];
	return kcall_handle(kernel, ARGOT_K_PROC_CREATE, &req, sizeof req,
	                    proc);
}

int k_memobj_create(int kernel, uint32_t size, int *memobj)
{
	struct argot_k_memobj_create req = { .size = size };
	return kcall_handle(kernel, ARGOT_K_MEMOBJ_CREATE, &req, sizeof req,
	                    memobj);
}

int k_clock(int kernel, struct argot_k_clock *clock)
{
	return kcall(kernel, ARGOT_K_CLOCK, 0, 0, 0, 0,
	             clock, sizeof *clock, 0, 0);
}

int k_info(int kernel, struct argot_k_info *info)
{
	return kcall(kernel, ARGOT_K_INFO, 0, 0, 0, 0,
	             info, sizeof *info, 0, 0);
}

int k_pipe_identify(int kernel, int send, uint32_t *label)
{
	int32_t hin = send;
	return kcall(kernel, ARGOT_K_PIPE_IDENTIFY, 0, 0, &hin, 1,
	             label, sizeof *label, 0, 0);
}

int k_pipe_set_label(int recv_end, uint32_t label)
{
	return kcall_word(recv_end, ARGOT_PIPE_SET_LABEL, label);
}

int k_pipe_make_send(int recv_end, int *send)
{
	return kcall_handle(recv_end, ARGOT_PIPE_MAKE_SEND, 0, 0, send);
}

int k_proc_thread_create(int proc, const struct argot_proc_thread_create *t,
                         int *thread)
{
	return kcall_handle(proc, ARGOT_PROC_THREAD_CREATE, t, sizeof *t,
	                    thread);
}

int k_proc_map(int proc, int memobj, uint32_t va, uint32_t offset,
               uint32_t size, uint32_t prot, uint32_t flags, uint32_t *used)
{
	struct argot_proc_map req = { va, offset, size, prot, flags };
	int32_t hin = memobj;
	uint32_t got = 0;
	int r = kcall(proc, ARGOT_PROC_MAP, &req, sizeof req, &hin, 1,
	              &got, sizeof got, 0, 0);
	if (r >= 0 && used)
		*used = got;
	return r;
}

int k_proc_unmap(int proc, uint32_t va, uint32_t size)
{
	struct argot_proc_range req = { va, size, 0 };
	return kcall(proc, ARGOT_PROC_UNMAP, &req, sizeof req, 0, 0, 0, 0, 0, 0);
}

int k_proc_protect(int proc, uint32_t va, uint32_t size, uint32_t prot)
{
	struct argot_proc_range req = { va, size, prot };
	return kcall(proc, ARGOT_PROC_PROTECT, &req, sizeof req,
	             0, 0, 0, 0, 0, 0);
}

int k_proc_handle_give(int proc, int handle, int32_t *number)
{
	int32_t hin = handle, got = ARGOT_NOHANDLE;
	int r = kcall(proc, ARGOT_PROC_HANDLE_GIVE, 0, 0, &hin, 1,
	              &got, sizeof got, 0, 0);
	if (r >= 0 && number)
		*number = got;
	return r;
}

int k_proc_handle_take(int proc, int32_t number, int *handle)
{
	return kcall_handle(proc, ARGOT_PROC_HANDLE_TAKE, &number,
	                    sizeof number, handle);
}

int k_proc_watch(int proc, int send, uint32_t cookie)
{
	int32_t hin = send;
	return kcall(proc, ARGOT_PROC_WATCH, &cookie, sizeof cookie, &hin, 1,
	             0, 0, 0, 0);
}

int k_proc_kill(int proc) { return kcall_none(proc, ARGOT_PROC_KILL); }

int k_proc_exit(int proc, uint32_t status)
{
	return kcall_word(proc, ARGOT_PROC_EXIT, status);
}

int k_proc_info(int proc, struct argot_proc_info *info)
{
	return kcall(proc, ARGOT_PROC_INFO, 0, 0, 0, 0,
	             info, sizeof *info, 0, 0);
}

int k_proc_set_maxprio(int proc, uint32_t maxprio)
{
	return kcall_word(proc, ARGOT_PROC_SET_MAXPRIO, maxprio);
}

int k_proc_set_quota(int proc, uint32_t pages)
{
	return kcall_word(proc, ARGOT_PROC_SET_QUOTA, pages);
}

int k_thread_suspend(int t) { return kcall_none(t, ARGOT_THREAD_SUSPEND); }
int k_thread_resume(int t)  { return kcall_none(t, ARGOT_THREAD_RESUME); }
int k_thread_abort(int t)   { return kcall_none(t, ARGOT_THREAD_ABORT); }
int k_thread_exit(int t)    { return kcall_none(t, ARGOT_THREAD_EXIT); }

int k_thread_get_regs(int t, struct argot_regs *regs)
{
	return kcall(t, ARGOT_THREAD_GET_REGS, 0, 0, 0, 0,
	             regs, sizeof *regs, 0, 0);
}

int k_thread_set_regs(int t, const struct argot_regs *regs)
{
	return kcall(t, ARGOT_THREAD_SET_REGS, regs, sizeof *regs,
	             0, 0, 0, 0, 0, 0);
}

int k_thread_set_tls(int t, uint32_t base)
{
	return kcall_word(t, ARGOT_THREAD_SET_TLS, base);
}

int k_thread_set_prio(int t, uint32_t prio)
{
	return kcall_word(t, ARGOT_THREAD_SET_PRIO, prio);
}

int k_memobj_size(int memobj, uint32_t *size)
{
	return kcall(memobj, ARGOT_MEMOBJ_SIZE, 0, 0, 0, 0,
	             size, sizeof *size, 0, 0);
}

int k_memobj_phys(int memobj, uint32_t *pages, uint32_t npages)
{
	return kcall(memobj, ARGOT_MEMOBJ_PHYS, 0, 0, 0, 0,
	             pages, npages * sizeof *pages, 0, 0);
}

int k_ioport_grant(int ioport, int proc)
{
	int32_t hin = proc;
	return kcall(ioport, ARGOT_IOPORT_GRANT, 0, 0, &hin, 1, 0, 0, 0, 0);
}

int k_ioport_sub(int ioport, uint32_t base, uint32_t count, int *sub)
{
	struct argot_range req = { base, count };
	return kcall_handle(ioport, ARGOT_IOPORT_SUB, &req, sizeof req, sub);
}

int k_irq_attach(int irq, int send, uint32_t label)
{
	int32_t hin = send;
	return kcall(irq, ARGOT_IRQ_ATTACH, &label, sizeof label, &hin, 1,
	             0, 0, 0, 0);
}

int k_irq_ack(int irq) { return kcall_none(irq, ARGOT_IRQ_ACK); }

int k_physmem_memobj(int physmem, uint32_t base, uint32_t size, int *memobj)
{
	struct argot_range req = { base, size };
	return kcall_handle(physmem, ARGOT_PHYSMEM_MEMOBJ, &req, sizeof req,
	                    memobj);
}

int k_physmem_sub(int physmem, uint32_t base, uint32_t size, int *sub)
{
	struct argot_range req = { base, size };
	return kcall_handle(physmem, ARGOT_PHYSMEM_SUB, &req, sizeof req, sub);
}

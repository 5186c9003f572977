/*
 * kern.h - the nanokernel's objects and the functions between modules.
 * Every module has one prefix (pmem_, kmem_, vm_, htab_, pipe_, ipc_,
 * proc_, thread_, sched_, memobj_, ksvc_, irq_, arch_).
 */
#ifndef ARGOT_KERN_H
#define ARGOT_KERN_H

#include <stdint.h>
#include <stddef.h>
#include <argot/kernel.h>

#define KBASE      0xC0000000u            /* physical memory mapped here */
#define DIRECT_MAX 0x3FC00000u            /* ...up to this physical address */
#define P2V(pa)    ((void *)((uint32_t)(pa) + KBASE))
#define V2P(va)    ((uint32_t)(va) - KBASE)
#define PGSIZE     4096u
#define PGROUND(x) (((x) + PGSIZE - 1) & ~(PGSIZE - 1))
#define HZ         100u
#define KSTACK     8192u                  /* per-thread kernel stack */
#define FPU_AREA   512u                   /* ...whose bottom holds FPU state */
#define NIRQ       16

struct thread;
struct proc;
struct trapframe;

/* ---- console, panic, libc bits (console.c, panic.c, lib.c) ---------- */
void cons_init(void);
void kprintf(const char *fmt, ...);
void panic(const char *fmt, ...) __attribute__((noreturn));
void panic_halt(void) __attribute__((noreturn));
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
void strlcpy0(char *d, const char *s, size_t n);
extern char kcmdline[128];
int cmdline_has(const char *word);

/* ---- physical pages and kernel heap (pmem.c, kmem.c) ----------------- */
void pmem_add(uint64_t base, uint64_t len);
void pmem_reserve(uint32_t base, uint32_t end);
uint32_t pmem_alloc(uint32_t n);          /* n contiguous frames, or 0 */
extern int pmem_duty;                     /* 1: may use the reserve */
void pmem_free(uint32_t pa, uint32_t n);
int pmem_is_ram(uint32_t pa);
extern uint32_t pmem_total, pmem_nfree;
void *kalloc(uint32_t size);              /* zeroed, or NULL */
void kfree(void *p, uint32_t size);
uint32_t kmem_cost(uint32_t size);        /* bytes it really takes */
void *kalloc_for(struct proc *a, uint32_t size);  /* charged to a */
void kfree_for(struct proc *a, void *p, uint32_t size);

/* ---- wait queues and the scheduler (sched.c) ------------------------- */
struct waitq { struct thread *head; };
enum { W_OK = 0, W_TIMEOUT, W_INTR, W_KILLED };
extern struct thread *cur;
extern volatile uint32_t jiffies;
extern int need_resched;
void sched_init(struct thread *idle);
void sched_ready(struct thread *t);       /* make runnable (unless suspended) */
void sched_unready(struct thread *t);     /* take off the run queue */
void sched_yield(void);
void sched_handoff(struct thread *t);     /* run t now if priority allows */
int sched_block(struct waitq *q, uint32_t timeout_ms, struct thread *hint);
void sched_wake(struct thread *t, int why);
void sched_wake_one(struct waitq *q);
void sched_wake_all(struct waitq *q);
void sched_tick(void);
void sched_exit(void) __attribute__((noreturn));
void sched_tail(void);
void sched_idle(void) __attribute__((noreturn));
void sched_setprio(struct thread *t, uint32_t prio);

/* ---- handles (handle.c) ---------------------------------------------- */
struct hent { uint32_t type; void *obj; };
struct hent *htab_get(struct proc *p, int32_t h);
int htab_put(struct proc *p, uint32_t type, void *obj);  /* takes a right */
int htab_nfree(struct proc *p, int n);    /* 1 if n slots are free */
struct hent htab_take(struct proc *p, int32_t h);        /* no drop */
int htab_close(struct proc *p, int32_t h);
void htab_close_all(struct proc *p);
int hent_dup(struct hent *e);             /* a new right to the same */
void hent_drop(struct hent *e);           /* release one right */
void hent_pin(struct hent *e);            /* keep the object's memory */
void hent_unpin(struct hent *e);

/* ---- messages and pipes (pipe.c, ipc.c) ------------------------------ */
enum { KM_NORMAL, KM_NOSENDERS, KM_IRQ };
struct kmsg {
	struct kmsg *next;
	struct proc *acct;                    /* charged (the sender), or NULL */
	uint32_t tag, label, haslabel, kind;
	uint32_t len, nh;
	struct hent h[ARGOT_MSG_MAXHANDLES];
	struct reply *reply;                  /* CALL: the reply right */
	uint8_t data[];
};
struct pipe {
	int ref;                  /* memory references */
	struct proc *acct;        /* charged: the creator */
	int nsend;                /* send rights (handles, messages, kernel) */
	int alive;                /* the receive end exists */
	struct proc *owner;       /* holds the receive end; NULL in flight */
	struct pipe *onext;       /* the owner's list of pipes */
	uint32_t label;
	struct kmsg *qhead, *qtail;
	uint32_t qlen;
	struct waitq recvq, sendq;
	struct kmsg *nsmsg;       /* preallocated no-senders message */
	int nsqueued;
	struct reply *replies;    /* calls in progress through this pipe */
};
enum { R_WAIT, R_DONE, R_DEAD };
struct reply {
	int ref;
	struct proc *acct;        /* charged: the caller's process */
	uint32_t rsv;             /* ...also for an answer of up to rcap */
	int state;
	struct thread *caller;
	struct pipe *pipe;
	struct reply *pnext, *pprev;
	struct kmsg *answer;
	struct waitq wq;
};
struct kmsg *kmsg_alloc(struct proc *acct, uint32_t len);
void kmsg_free(struct kmsg *m);
struct pipe *pipe_create(uint32_t label, struct proc *acct);
void pipe_ref(struct pipe *p);
void pipe_unref(struct pipe *p);
void pipe_send_drop(struct pipe *p);
void pipe_kill(struct pipe *p);
void pipe_set_owner(struct pipe *p, struct proc *owner);
void pipe_enqueue(struct pipe *p, struct kmsg *m);  /* ignores the bound */
struct kmsg *pipe_dequeue(struct pipe *p);
struct thread *pipe_enqueue_wake(struct pipe *p, struct kmsg *m);
void pipe_consumed(struct pipe *p, struct kmsg *m);
struct reply *reply_create(struct pipe *p, uint32_t rcap);
int reply_answer(struct reply *r, struct kmsg *m);
void reply_abandon(struct reply *r);
uint32_t ipc_deadline(uint32_t timeout_ms);
int ipc_why(int why);
void reply_unref(struct reply *r);
void reply_drop(struct reply *r);         /* the holder lets go */
int sys_send(int32_t h, uint32_t umsg, uint32_t flags);
int sys_recv(int32_t h, uint32_t umsg, uint32_t flags);
int sys_close(int32_t h);

/* ---- address spaces and memory objects (vm.c, memobj.c, usercopy.c) - */
struct memobj {
	int ref;
	uint32_t npages;
	int phys;                 /* wraps frames it does not own */
	struct proc *acct;        /* quota charged (owning memobjs) */
	uint32_t *frames;
};
struct memobj *memobj_create(struct proc *acct, uint32_t npages);
struct memobj *memobj_wrap(struct proc *acct, uint32_t pa, uint32_t npages);
void memobj_unref(struct memobj *m);
int vm_init_space(struct proc *p);
void vm_free_space(struct proc *p);
int vm_map(struct proc *p, uint32_t va, struct memobj *m, uint32_t pgoff,
	   uint32_t npages, uint32_t prot);
void vm_unmap(struct proc *p, uint32_t va, uint32_t npages);
void vm_protect(struct proc *p, uint32_t va, uint32_t npages, uint32_t prot);
uint32_t vm_findfree(struct proc *p, uint32_t hint, uint32_t npages);
uint32_t vm_phys(struct proc *p, uint32_t va, int write); /* 0: no access */
int copyin(struct proc *p, void *dst, uint32_t uva, uint32_t len);
int copyout(struct proc *p, uint32_t uva, const void *src, uint32_t len);
int uaccess_ok(struct proc *p, uint32_t uva, uint32_t len, int write);
extern uint32_t *kpgdir;

/* ---- processes and threads (proc.c, thread.c) ------------------------ */
struct watch {
	struct watch *next;
	struct pipe *pipe;        /* holds a send right */
	struct kmsg *msg;         /* preallocated death message */
	struct proc *acct;        /* charged: the watcher */
};
struct proc {
	int ref;
	char name[16];
	uint32_t *pgdir;
	uint32_t **shadow;        /* per page table: the memobj of each page */
	struct hent *htab;
	struct thread *threads;
	int nthreads;
	uint32_t maxprio, quota, pages;   /* quota in pages */
	uint64_t used;            /* bytes charged (see proc_charge) */
	struct proc *acct;        /* the creator: pays the fixed costs */
	struct pipe *pipes;       /* receive ends this process holds */
	struct waitq anyq;        /* threads in recv(ARGOT_ANY) */
	struct watch *watchers;
	uint8_t *iomap;           /* 8 KiB I/O permission bitmap, or NULL */
	int dying;                /* 1: killed, 2: finished */
	int nhandles;             /* process handles to it */
	int selfh;                /* ...of which in its own table */
	struct proc *knext;       /* proc_kill's work list */
	struct argot_death death;
	struct proc *next, *prev;
};
enum { T_READY = 1, T_RUNNING, T_BLOCKED, T_DEAD };
struct thread {
	int ref;
	struct proc *proc;        /* NULL: the idle thread */
	struct thread *pnext;
	uint8_t *kstack;
	uint32_t kesp;            /* saved kernel stack pointer (switch.S) */
	struct trapframe *tf;
	int state, suspended, killed, abort;
	uint32_t prio, tls;
	struct thread *qnext;     /* run queue or wait queue */
	struct waitq *wq;
	uint32_t deadline;        /* jiffies, 0 = none */
	int why;
	struct thread *snext;     /* threads with a deadline */
	int onsleep;
};
extern struct proc *first_proc;
extern uint32_t nprocs;
struct proc *proc_create(const char *name, uint32_t maxprio, uint32_t quota,
			 struct proc *acct);
void proc_ref(struct proc *p);
void proc_unref(struct proc *p);
void proc_kill(struct proc *p, uint32_t how, uint32_t status, uint32_t addr, uint32_t cr2);
void proc_finish(struct proc *p);
void proc_handle_drop(struct proc *p);
void proc_check_orphan(struct proc *p);
int proc_charge(struct proc *p, uint64_t bytes);
void proc_refund(struct proc *p, uint64_t bytes);
uint32_t proc_left(struct proc *p);       /* whole pages of quota left */
int proc_watch(struct proc *p, struct pipe *pp, uint32_t cookie, struct proc *acct);
struct thread *thread_create(struct proc *p, uint32_t eip, uint32_t esp,
			     uint32_t eax, uint32_t prio, int suspended);
void thread_ref(struct thread *t);
void thread_unref(struct thread *t);
void thread_kill(struct thread *t);
void thread_exit(void) __attribute__((noreturn));
void thread_abort(struct thread *t);
void thread_suspend(struct thread *t);
void thread_resume(struct thread *t);

/* ---- kernel services (ksvc*.c) --------------------------------------- */
struct range { int ref; uint32_t base, count; struct proc *acct; };
struct range *range_create(struct proc *acct, uint32_t base, uint32_t count);
void range_unref(struct range *r);
struct ksvc {
	struct proc *p;
	const uint8_t *req;       /* request data (reqsize bytes) */
	struct hent in[ARGOT_MSG_MAXHANDLES];
	int32_t inh[ARGOT_MSG_MAXHANDLES];
	uint32_t nin;
	uint8_t rep[64];          /* reply data */
	uint32_t replen;
	int direct;                /* the service wrote rbuf itself */
	struct hent out[2];
	uint32_t nout;
	struct argot_msg *m;
	uint32_t umsg;
};
int ksvc_call(struct hent *target, struct argot_msg *m, uint32_t umsg);
int ksvc_kernel(struct ksvc *k, uint32_t op, struct hent *t);
int ksvc_proc(struct ksvc *k, uint32_t op, struct hent *t);
int ksvc_thread(struct ksvc *k, uint32_t op, struct hent *t);
int ksvc_dev(struct ksvc *k, uint32_t op, struct hent *t);

/* ---- interrupts and time (irq.c, arch) ------------------------------- */
struct irqline {
	struct pipe *pipe;        /* holds a send right */
	uint32_t label;
	int queued;
	struct kmsg *msg;
};
extern struct irqline irqs[NIRQ];
void irq_dispatch(int irq);
uint64_t clock_ns(uint64_t *tsc);
extern uint64_t tsc_hz, tsc_boot;

/* ---- the machine (arch/i386) ----------------------------------------- */
void arch_init(void);
void arch_switch(struct thread *prev, struct thread *next);
void arch_set_tls(uint32_t base);
void arch_iomap_changed(struct proc *p);
void arch_proc_gone(struct proc *p);
void arch_thread_init(struct thread *t, uint32_t eip, uint32_t esp, uint32_t eax);
void arch_get_regs(struct thread *t, struct argot_regs *r);
void arch_set_regs(struct thread *t, const struct argot_regs *r);
void pic_mask(int irq);
void pic_unmask(int irq);
void pit_init(void);
void arch_exit_qemu(int v) __attribute__((noreturn));

/* ---- boot (boot.c, elf.c) -------------------------------------------- */
struct bootmod { uint32_t start, end; char cmdline[116]; };
int elf_load(struct proc *p, uint32_t pa, uint32_t size, uint32_t *entry);
void boot_first(struct bootmod *mods, uint32_t nmods, uint32_t mem_pages);

#endif

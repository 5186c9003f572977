/*
 * include/argot/kernel.h - the whole interface between the nanokernel and
 * user space.  Everything a program can ask of the kernel is in this file.
 *
 * There are three calls, made with `int $0x40`:
 *
 *   eax = ARGOT_SYS_SEND  ebx = handle  ecx = struct argot_msg *  edx = flags
 *   eax = ARGOT_SYS_RECV  ebx = handle  ecx = struct argot_msg *  edx = flags
 *   eax = ARGOT_SYS_CLOSE ebx = handle
 *
 * The result comes back in eax: >= 0 on success, a negative ARGOT_E* code
 * on failure.  No other register is changed.  No other trap exists.
 *
 * Objects are reached only through handles: small integers indexing the
 * calling process's handle table.  A handle has a type (enum argot_htype).
 * A send on a handle of type PIPE_SEND or REPLY delivers a message to the
 * pipe's owner.  A send on any other handle is a request to the kernel,
 * which masquerades as the owner of that object: it answers at once, as if
 * a server had received the message and replied (so kernel services use
 * the same call as every other RPC; ARGOT_CALL is implied).
 *
 * This header is included by the kernel and by user space; it has no
 * dependencies beyond <stdint.h>-style fixed-width types.
 */
#ifndef ARGOT_KERNEL_H
#define ARGOT_KERNEL_H

#include <stdint.h>

/* ---- the three calls ------------------------------------------------- */

#define ARGOT_TRAP_VECTOR 0x40

enum argot_syscall {
	ARGOT_SYS_SEND  = 0,
	ARGOT_SYS_RECV  = 1,
	ARGOT_SYS_CLOSE = 2,
};

/* flags for send and recv */
#define ARGOT_CALL      0x1  /* send: attach a one-shot reply handle and
                                block until the reply arrives in the
                                receive half of the same argot_msg */
#define ARGOT_NONBLOCK  0x2  /* never block: fail with ARGOT_EAGAIN instead
                                (same as timeout 0) */

/* Timeouts are in milliseconds, measured from the call.  They bound every
 * blocking step (waiting for queue space, for a message, for a reply). */
#define ARGOT_FOREVER   0xffffffffu

/* Pseudo-handles */
#define ARGOT_NOHANDLE  (-1)  /* "no handle" in any handle field */
#define ARGOT_ANY       (-2)  /* recv: from any pipe the process owns */

/*
 * A message: a tag, up to ARGOT_MSG_MAXDATA bytes and up to
 * ARGOT_MSG_MAXHANDLES handles.  One descriptor carries both directions,
 * so that a CALL is a single trap.
 *
 *  send:  the kernel reads tag, sbuf/slen, shnd/snhnd, timeout.
 *  recv:  the kernel writes tag, label, reply, rlen, rnhnd and fills
 *         rbuf (up to rcap bytes) and rhnd (up to rhcap handles).
 *  CALL:  both: the reply is received as by recv, except that label is 0
 *         and reply is ARGOT_NOHANDLE.
 *
 * A message larger than rcap/rhcap is not truncated: recv fails with
 * ARGOT_EMSGSIZE, sets rlen/rnhnd to the sizes needed and leaves the
 * message queued (for a CALL reply it is discarded: the reply buffer must
 * be large enough).
 */
struct argot_msg {
	uint32_t tag;        /* message id (requests) or status (replies) */
	uint32_t label;      /* out: label of the pipe the message came on */
	int32_t  reply;      /* out: reply handle of a CALL, or ARGOT_NOHANDLE */
	uint32_t timeout;    /* in: ms, ARGOT_FOREVER, or 0 (poll) */

	const void    *sbuf;   /* outgoing data */
	uint32_t       slen;
	const int32_t *shnd;   /* outgoing handles */
	uint32_t       snhnd;

	void     *rbuf;        /* incoming data */
	uint32_t  rcap;
	uint32_t  rlen;        /* out */
	int32_t  *rhnd;        /* incoming handles (numbers in the receiver) */
	uint32_t  rhcap;
	uint32_t  rnhnd;       /* out */
};

#define ARGOT_MSG_MAXDATA     65536u
#define ARGOT_MSG_MAXHANDLES  8u
#define ARGOT_PIPE_QUEUE      16u    /* messages queued per pipe */
#define ARGOT_MAXHANDLES      1024u  /* handle table size per process */

/*
 * Handle transfer.  A handle named in shnd is:
 *  - copied if it is a send handle or a kernel object handle (the sender
 *    keeps it; the receiver gets a new handle to the same object);
 *  - moved if it is a receive end or a reply handle (it leaves the sender
 *    when the message is queued).
 * Flagging a handle number with ARGOT_HMOVE moves any handle type (the
 * sender's handle is closed once the message is queued).
 */
#define ARGOT_HMOVE 0x40000000

/* ---- errors: negative returns.  Values match Linux errno numbers so the
 * POSIX personality can pass them through unchanged. ------------------- */
#define ARGOT_EPERM      1   /* not allowed with this handle */
#define ARGOT_ENOENT     2
#define ARGOT_ESRCH      3   /* the process or thread is dead */
#define ARGOT_EINTR      4   /* aborted by THREAD_ABORT */
#define ARGOT_EBADF      9   /* no such handle */
#define ARGOT_EAGAIN    11   /* would block, or timeout 0 */
#define ARGOT_ENOMEM    12   /* out of memory or over a quota */
#define ARGOT_EFAULT    14   /* a pointer the caller cannot access */
#define ARGOT_EBUSY     16
#define ARGOT_EEXIST    17
#define ARGOT_EINVAL    22   /* malformed request */
#define ARGOT_EMFILE    24   /* handle table full */
#define ARGOT_EPIPE     32   /* the other end is gone: receive end died,
                                or a reply handle was closed unanswered */
#define ARGOT_ENOSYS    38   /* no such request for this object */
#define ARGOT_EMSGSIZE  90   /* message too large (or too many handles) */
#define ARGOT_ENOTSUP   95   /* wrong handle type for this operation */
#define ARGOT_ETIMEDOUT 110

/* ---- handle types ----------------------------------------------------- */
enum argot_htype {
	ARGOT_HT_FREE = 0,
	ARGOT_HT_PIPE_RECV,  /* the receive end of a pipe */
	ARGOT_HT_PIPE_SEND,  /* a send handle to a pipe */
	ARGOT_HT_REPLY,      /* one-shot reply handle */
	ARGOT_HT_KERNEL,     /* the kernel itself: factory of new objects */
	ARGOT_HT_PROCESS,
	ARGOT_HT_THREAD,
	ARGOT_HT_MEMOBJ,
	ARGOT_HT_IOPORT,     /* an I/O port range */
	ARGOT_HT_IRQ,        /* an IRQ line */
	ARGOT_HT_PHYSMEM,    /* a physical address range */
};

/* ---- messages the kernel sends on its own ----------------------------- */
/* Tags 0xFFFF0000 and up are reserved for the kernel. */
#define ARGOT_MSG_NOSENDERS 0xFFFF0001u /* last send handle of the pipe
                                           closed; no data */
#define ARGOT_MSG_DEATH     0xFFFF0002u /* a watched process died; data:
                                           struct argot_death */
#define ARGOT_MSG_IRQ       0xFFFF0003u /* an interrupt; data: uint32_t irq.
                                           The line stays masked until
                                           IRQ_ACK. */

struct argot_death {
	uint32_t cookie;   /* the value given to PROC_WATCH */
	uint32_t how;      /* ARGOT_DEATH_* */
	uint32_t status;   /* exit code, or the trap vector of a fault */
	uint32_t addr;     /* faulting eip */
	uint32_t cr2;      /* faulting address (page faults) */
};
#define ARGOT_DEATH_EXIT   0  /* PROC_EXIT, or the last thread exited */
#define ARGOT_DEATH_KILLED 1  /* PROC_KILL by a holder of its handle */
#define ARGOT_DEATH_FAULT  2  /* a CPU exception in user mode */

/* ---- kernel services --------------------------------------------------
 * A request is a send with ARGOT_CALL (implied) to a handle of the given
 * type.  Request data is the struct named; reply data is the struct named
 * (or nothing), reply tag is 0 or a negative ARGOT_E* value, and the
 * send call itself returns the same value.  Handles named "in" travel in
 * shnd, handles named "out" come back in rhnd.
 */
enum argot_ksvc {
	/* on ARGOT_HT_KERNEL */
	ARGOT_K_PIPE_CREATE = 0x100, /* req: argot_k_pipe_create
	                                out: [0] receive end, [1] send handle */
	ARGOT_K_PROC_CREATE,         /* req: argot_k_proc_create
	                                out: [0] process handle, an empty
	                                address space, no threads, no handles */
	ARGOT_K_MEMOBJ_CREATE,       /* req: argot_k_memobj_create
	                                out: [0] memobj of zeroed pages */
	ARGOT_K_CLOCK,               /* reply: argot_k_clock */
	ARGOT_K_INFO,                /* reply: argot_k_info */
	ARGOT_K_PIPE_IDENTIFY,       /* in: [0] a send handle
	                                reply: uint32_t label of its pipe,
	                                if the caller's process holds the
	                                receive end; else -ARGOT_ENOENT
	                                (another's pipe, a dead one, or one
	                                whose receive end is in flight: the
	                                same answer, so nothing leaks), or
	                                -ARGOT_ENOTSUP for a handle that is
	                                not a send handle.  How a server
	                                recognises its own handles when a
	                                client hands them back.  Asked of
	                                the kernel, not of a receive end:
	                                one call answers "which of mine",
	                                where a receive end could only
	                                answer "this one?" */

	/* on ARGOT_HT_PIPE_RECV */
	ARGOT_PIPE_SET_LABEL = 0x200,/* req: uint32_t label */
	ARGOT_PIPE_MAKE_SEND,        /* out: [0] a new send handle */

	/* on ARGOT_HT_PROCESS */
	ARGOT_PROC_THREAD_CREATE = 0x300, /* req: argot_proc_thread_create
	                                     out: [0] thread handle (the
	                                     thread starts running) */
	ARGOT_PROC_MAP,              /* req: argot_proc_map, in: [0] memobj
	                                reply: uint32_t va actually used */
	ARGOT_PROC_UNMAP,            /* req: argot_proc_range */
	ARGOT_PROC_PROTECT,          /* req: argot_proc_range (prot used) */
	ARGOT_PROC_HANDLE_GIVE,      /* in: [0] any handle (moved if a receive
	                                end or reply, else copied; HMOVE moves)
	                                reply: int32_t its number in the
	                                target process */
	ARGOT_PROC_HANDLE_TAKE,      /* req: int32_t handle in the target
	                                out: [0] a copy of it (not for
	                                receive ends or replies) */
	ARGOT_PROC_WATCH,            /* req: uint32_t cookie,
	                                in: [0] send handle: an ARGOT_MSG_DEATH
	                                goes there when the process dies.
	                                Any number of watchers. */
	ARGOT_PROC_KILL,             /* end the process (ARGOT_DEATH_KILLED) */
	ARGOT_PROC_EXIT,             /* req: uint32_t status; on the caller's
	                                own process: never returns */
	ARGOT_PROC_INFO,             /* reply: argot_proc_info */
	ARGOT_PROC_SET_MAXPRIO,      /* req: uint32_t max priority for the
	                                process's threads; only lowers it
	                                unless the caller's own max is higher */
	ARGOT_PROC_SET_QUOTA,        /* req: uint32_t max pages the process may
	                                allocate in memory objects it creates,
	                                counting the kernel memory charged to
	                                it (its pipes, queued messages, calls,
	                                threads, page tables, the processes
	                                it creates); see kernel/README.md */

	/* on ARGOT_HT_THREAD */
	ARGOT_THREAD_SUSPEND = 0x400,
	ARGOT_THREAD_RESUME,
	ARGOT_THREAD_GET_REGS,       /* reply: argot_regs (thread suspended) */
	ARGOT_THREAD_SET_REGS,       /* req: argot_regs (thread suspended) */
	ARGOT_THREAD_SET_TLS,        /* req: uint32_t base of the %gs segment
	                                (selector ARGOT_TLS_SEL, limit 4 GiB) */
	ARGOT_THREAD_SET_PRIO,       /* req: uint32_t priority <= the
	                                process's max */
	ARGOT_THREAD_ABORT,          /* a blocked send/recv of the thread
	                                returns ARGOT_EINTR; if not blocked,
	                                its next blocking call does (the
	                                handle is the authority: the
	                                process's own signal thread holds it) */
	ARGOT_THREAD_EXIT,           /* on the caller's own thread: ends it
	                                (the process ends with its last) */

	/* on ARGOT_HT_MEMOBJ */
	ARGOT_MEMOBJ_SIZE = 0x500,   /* reply: uint32_t bytes */
	ARGOT_MEMOBJ_PHYS,           /* reply: uint32_t physical address of
	                                each page, up to rcap/4 of them
	                                (for DMA; needs the memobj to come
	                                from PHYSMEM_MEMOBJ or be pinned) */

	/* on ARGOT_HT_IOPORT */
	ARGOT_IOPORT_GRANT = 0x600,  /* in: [0] process: that process's
	                                threads may use in/out on the range */
	ARGOT_IOPORT_SUB,            /* req: argot_range (base,count)
	                                out: [0] a handle to a sub-range */
	ARGOT_IOPORT_INFO,           /* reply: argot_range */

	/* on ARGOT_HT_IRQ */
	ARGOT_IRQ_ATTACH = 0x700,    /* req: uint32_t label, in: [0] send handle:
	                                each interrupt sends ARGOT_MSG_IRQ there
	                                (one pending at most, never blocks) */
	ARGOT_IRQ_ACK,               /* unmask the line after handling */

	/* on ARGOT_HT_PHYSMEM */
	ARGOT_PHYSMEM_MEMOBJ = 0x800,/* req: argot_range (physical base,size)
	                                within the resource
	                                out: [0] memobj over those frames */
	ARGOT_PHYSMEM_SUB,           /* req: argot_range out: [0] sub-range */
	ARGOT_PHYSMEM_INFO,          /* reply: argot_range */
};

struct argot_k_pipe_create { uint32_t label; };
struct argot_k_proc_create {
	char     name[16];    /* for the kernel's panic and fault messages */
	uint32_t maxprio;     /* <= the caller's process max */
	uint32_t quota_pages; /* <= what the caller has left; 0 = same as
	                         the caller's remaining quota */
};
struct argot_k_memobj_create { uint32_t size; /* rounded up to pages */ };
struct argot_k_clock {
	uint64_t ns;          /* since boot, monotonic */
	uint64_t tsc;         /* rdtsc at the same instant */
	uint64_t tsc_hz;      /* measured TSC frequency */
};
struct argot_k_info {
	uint32_t mem_pages;   /* physical pages managed */
	uint32_t free_pages;
	uint32_t ticks_hz;    /* timer frequency */
	uint32_t nprocs;
};

struct argot_proc_thread_create {
	uint32_t eip, esp;
	uint32_t eax;         /* initial eax (an argument for the entry) */
	uint32_t prio;        /* <= the process's max */
	uint32_t suspended;   /* non-zero: created suspended */
};

#define ARGOT_PROT_READ   0x1
#define ARGOT_PROT_WRITE  0x2
#define ARGOT_PROT_EXEC   0x4  /* accepted; i386 paging cannot refuse it */

#define ARGOT_MAP_FIXED   0x1  /* va is exact; else va is a hint and the
                                  kernel picks a free range */
struct argot_proc_map {
	uint32_t va;          /* page aligned */
	uint32_t offset;      /* in the memobj, page aligned */
	uint32_t size;        /* bytes, rounded up to pages */
	uint32_t prot;        /* ARGOT_PROT_* */
	uint32_t flags;       /* ARGOT_MAP_* */
};
struct argot_proc_range { uint32_t va, size, prot; };
struct argot_range { uint32_t base, count; };

struct argot_proc_info {
	char     name[16];
	uint32_t nthreads;
	uint32_t pages;       /* pages mapped */
	uint32_t maxprio;
	uint32_t quota_pages; /* left */
};

/* user-visible address space: [ARGOT_USER_BASE, ARGOT_USER_TOP) */
#define ARGOT_USER_BASE  0x00001000u   /* page 0 stays unmapped */
#define ARGOT_USER_TOP   0xC0000000u   /* the kernel lives above */
#define ARGOT_PAGE_SIZE  4096u

#define ARGOT_PRIO_MAX   31u           /* 0 lowest .. 31 highest */
#define ARGOT_PRIO_DEFAULT 10u

#define ARGOT_TLS_SEL    0x33          /* %gs selector for THREAD_SET_TLS */

/* registers of a suspended thread */
struct argot_regs {
	uint32_t eax, ebx, ecx, edx, esi, edi, ebp, esp;
	uint32_t eip, eflags;
	uint32_t gs_base;
};

/* ---- the first process ------------------------------------------------
 * The kernel loads the first Multiboot module (a static ELF32) as the
 * first process and starts its one thread at the ELF entry with
 * %esp pointing at a struct argot_bootinfo pointer (i.e. the pointer is
 * the word at 0(%esp)).  Every other module is mapped read-only into it
 * and described in the bootinfo; the bootstrap server decides what they
 * are.  It holds every resource; it is ordinary in every other way.
 */
#define ARGOT_BOOT_MAXMODS 8
struct argot_bootmod {
	uint32_t va;          /* where it is mapped in the first process */
	uint32_t size;        /* bytes */
	int32_t  memobj;      /* handle of a memobj holding it */
	char     cmdline[116];/* the module's GRUB command line */
};
struct argot_bootinfo {
	uint32_t magic;       /* ARGOT_BOOTINFO_MAGIC */
	int32_t  kernel;      /* ARGOT_HT_KERNEL */
	int32_t  self;        /* ARGOT_HT_PROCESS: this process */
	int32_t  thread;      /* ARGOT_HT_THREAD: this thread */
	int32_t  ioports;     /* ARGOT_HT_IOPORT: ports 0..0xffff */
	int32_t  physmem;     /* ARGOT_HT_PHYSMEM: all physical memory
	                         not used by the kernel (device memory too) */
	int32_t  irq[16];     /* ARGOT_HT_IRQ for each line the kernel does
	                         not use itself (the timer's is NOHANDLE) */
	uint32_t mem_pages;   /* RAM pages */
	char     cmdline[128];/* the kernel's GRUB command line */
	uint32_t nmods;       /* modules after the first */
	struct argot_bootmod mods[ARGOT_BOOT_MAXMODS];
};
#define ARGOT_BOOTINFO_MAGIC 0xA2607001u

#endif /* ARGOT_KERNEL_H */

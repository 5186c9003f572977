/*
 * libc/personality/sigthread.c - the signal thread.  Every process
 * started by exec registers a msgport with proc (PROC_SET_MSGPORT); proc
 * sends MSG_SIG_POST there for kill and for SIGCHLD when a child dies.
 * A thread of our own, outside musl (no pthread, its own small stack and
 * a TLS block of its own so that nothing it calls mistakes it for a
 * program thread), receives them and hands each to px_sig_post.
 *
 * SIGCHLD also wakes wait4 (wait.c), which polls proc with WNOHANG and
 * sleeps on the "child" pipe between polls.  (proc's blocking PROC_WAIT
 * is now safe to abort too: a status is used up only by a delivered
 * reply.)
 */
#include <signal.h>
#include <argot/proc.h>
#include "px.h"

#define PX_SIGSTACK (16 * 1024)

static int px_msgport = ARGOT_NOHANDLE;
static int px_cw_recv = ARGOT_NOHANDLE, px_cw_send = ARGOT_NOHANDLE;
static uint32_t px_sigstack;         /* kept across fork: same address */
static uintptr_t px_sigtls[8];       /* %gs:0 of the signal thread */

/* Tell a waiting wait4 that a child changed state.  Never blocks: a full
 * queue already holds a wake-up. */
static void px_child_event(void)
{
	struct argot_msg m = { .timeout = 0 };

	if (px_cw_send >= 0)
		argot_send(px_cw_send, &m, ARGOT_NONBLOCK);
}

/* Sleep until a child event, at most ms; -EINTR if a signal came. */
int px_child_wait(uint32_t ms)
{
	struct argot_msg m = { .timeout = ms };
	int r;

	if (px_cw_recv < 0)
		return px_nap_ms(ms < 50 ? ms : 50);   /* no msgport: poll */
	r = argot_recv(px_cw_recv, &m, 0);
	return r == -ARGOT_EINTR ? -EINTR : 0;
}

/* exec waits for this: every signal queued before it has been posted */
static void px_sig_barrier_reply(int reply)
{
	struct argot_msg m = { .timeout = 0 };

	argot_send(reply, &m, 0);
	argot_close(reply);
}

static void px_sig_loop(void)
{
	struct msg_sig_post p;
	int32_t h[ARGOT_MSG_MAXHANDLES];
	uint32_t i;

	for (;;) {
		struct argot_msg m = { .timeout = ARGOT_FOREVER, .rbuf = &p,
			.rcap = sizeof p, .rhnd = h, .rhcap = ARGOT_MSG_MAXHANDLES };
		int r = argot_recv(px_msgport, &m, 0);
		if (r == -ARGOT_EMSGSIZE) {          /* not ours: drop it */
			struct argot_msg big = { .timeout = 0 };
			static char junk[ARGOT_MSG_MAXDATA];
			big.rbuf = junk, big.rcap = sizeof junk;
			big.rhnd = h, big.rhcap = ARGOT_MSG_MAXHANDLES;
			argot_recv(px_msgport, &big, 0);
			m = big;
		} else if (r < 0) {
			px_nap_ms(100);
			continue;
		}
		for (i = 0; i < m.rnhnd && i < ARGOT_MSG_MAXHANDLES; i++)
			argot_close(h[i]);
		if (m.tag == MSG_SIG_POST && m.rlen >= sizeof p && p.sig == 0 &&
		    m.reply >= 0) {
			px_sig_barrier_reply(m.reply);   /* exec's barrier */
			continue;
		}
		if (m.reply >= 0)
			argot_close(m.reply);        /* one-way: nothing to say */
		if (m.tag != MSG_SIG_POST || m.rlen < sizeof p || p.sig == 0)
			continue;
		/* pending first, then wake wait4: as on Linux, SIGCHLD is
		 * there before the child can be reaped.  The other way round,
		 * wait4 reaped it and returned, and the late kick aborted the
		 * program's next call (an open() failed with EINTR in ash) */
		px_sig_post(p.sig, p.sender_pid, 1);
		if (p.sig == SIGCHLD)
			px_child_event();
	}
}

/* The thread itself, on px_sigstack, entered through px_clone_start. */
static int px_sig_thread(void)
{
	uint32_t *sp = (uint32_t *)(uintptr_t)(px_sigstack + PX_SIGSTACK) - 8;
	int th, r;

	sp[0] = 0;                                  /* ebp */
	sp[1] = (uint32_t)(uintptr_t)px_sig_loop;   /* eip */
	sp[2] = (uint32_t)(uintptr_t)(sp + 4);      /* esp */
	struct argot_proc_thread_create tc = {
		.eip = (uint32_t)(uintptr_t)px_clone_start_addr(),
		.esp = (uint32_t)(uintptr_t)sp, .eax = 1,
		.prio = ARGOT_PRIO_DEFAULT, .suspended = 1,
	};
	px_sigtls[0] = (uintptr_t)px_sigtls;
	if ((r = k_proc_thread_create(px.self, &tc, &th)) < 0)
		return r;
	r = k_thread_set_tls(th, (uint32_t)(uintptr_t)px_sigtls);
	if (r >= 0)
		r = k_thread_resume(th);
	argot_close(th);
	return r;
}

/* msgport and child pipe, registered with proc, and the thread. */
static void px_sig_start(void)
{
	int send, r;

	if (!px.startup || px.startup->proc < 0)
		return;
	if (px.startup->msgport >= 0) {
		/* exec handed us its msgport, proc's already: what was sent
		 * to this pid during the exec is queued there (px_sig_exec) */
		px_msgport = px.startup->msgport;
		px.startup->msgport = ARGOT_NOHANDLE;
		r = 0;
	} else {
		if (k_pipe_create(px.kernel, 0, &px_msgport, &send) < 0)
			return;
		r = proc_set_msgport(px.startup->proc, send, ARGOT_FOREVER);
		argot_close(send);
	}
	if (r < 0 || k_pipe_create(px.kernel, 0, &px_cw_recv, &px_cw_send) < 0 ||
	    px_sig_thread() < 0) {
		argot_close(px_msgport);
		px_msgport = px_cw_recv = px_cw_send = ARGOT_NOHANDLE;
	}
}

void px_sig_init(void)
{
	uint32_t used;
	int mo;

	px_sig_inherit(px.startup->sigmask, px.startup->sigignore);
	if (k_memobj_create(px.kernel, PX_SIGSTACK, &mo) < 0)
		return;
	if (k_proc_map(px.self, mo, 0, 0, PX_SIGSTACK,
	               ARGOT_PROT_READ | ARGOT_PROT_WRITE, 0, &used) >= 0) {
		px_sigstack = used;
		px_vm_add(used, PX_SIGSTACK, ARGOT_PROT_READ | ARGOT_PROT_WRITE);
		px_sig_start();
	}
	argot_close(mo);
}

/* In a new child of fork: none of those handles is ours; the stack was
 * copied with the rest, at the same address. */
void px_sig_forked(void)
{
	px_msgport = px_cw_recv = px_cw_send = ARGOT_NOHANDLE;
	if (px_sigstack)
		px_sig_start();
}

/*
 * execve: signals sent to our pid must reach the new image, which proc
 * already names (PROC_SET_IMAGE) but which cannot receive them until its
 * signal thread runs; and the old image, busy ending, never delivers
 * what it still gets ("kill $!" right after "sleep 100 &" was lost and
 * the job ran on).  So exec makes the new image's msgport itself (*recv,
 * given into the new process by the caller) and here, once the pid has
 * moved: proc is told to send there, then a barrier through our own
 * msgport proves that everything proc sent us before has been posted,
 * and what is pending here is forwarded.  On any failure proc keeps our
 * msgport, which is no worse than before (the old image may drop a
 * signal).
 */
int px_sig_exec_port(int *recv, int *send)
{
	if (px_msgport < 0)
		return -1;                   /* no signal thread: nothing to move */
	return k_pipe_create(px.kernel, 0, recv, send);
}

void px_sig_exec_switch(int send)
{
	struct msg_sig_post b = { 0, 0, 0 };
	struct argot_msg m = { .timeout = ARGOT_FOREVER, .sbuf = &b,
	                       .slen = sizeof b, .tag = MSG_SIG_POST };
	int self, sig;
	int32_t sender;

	if (proc_set_msgport(px.startup->proc, send, ARGOT_FOREVER) < 0 ||
	    k_pipe_make_send(px_msgport, &self) < 0)
		return;
	argot_send(self, &m, ARGOT_CALL);    /* the barrier */
	argot_close(self);
	while ((sig = px_sig_take_pending(&sender)) > 0)
		msg_sig_post(send, sig, sender, 0, 0);
}

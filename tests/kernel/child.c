/*
 * tests/kernel/child.c - ktchild, the helper program the kernel tests
 * start as separate processes (from a GRUB module, through rt_spawn).
 * a->cmd says what to do; most behaviours report on h[0] first (with the
 * faulting eip/address they are about to cause), then do it.
 */
#include "kt.h"

struct argot_bootinfo *kt_bi;     /* unused here; kt.c refers to it */

static struct rt_spawn_args *A;

static void report(uint32_t eip, uint32_t cr2, uint32_t v0, uint32_t v1)
{
	struct kt_report r = { eip, cr2, v0, v1 };
	if (!A->nh)
		return;
	kt_send(A->h[0], KT_REPORT, &r, sizeof r, 0, 0, 5000);
}

/* Each faulting instruction sits in a small assembly function behind a
 * global label, so its eip is known exactly (inline asm could be
 * duplicated by the optimiser). */
extern char kc_pf_ip[], kc_pfw_ip[], kc_gp_ip[], kc_ud_ip[], kc_div_ip[];
extern char kc_in_ip[];
uint32_t kc_read(uint32_t addr);
void kc_write(uint32_t addr);
void kc_cli(void);
void kc_ud(void);
void kc_div(void);
uint32_t kc_inb(uint32_t port);
__asm__(".text\n"
	"kc_read: movl 4(%esp), %eax\n.globl kc_pf_ip\nkc_pf_ip: "
	"movl (%eax), %eax\n ret\n"
	"kc_write: movl 4(%esp), %eax\n.globl kc_pfw_ip\nkc_pfw_ip: "
	"movl $1, (%eax)\n ret\n"
	"kc_cli:\n.globl kc_gp_ip\nkc_gp_ip: cli\n ret\n"
	"kc_ud:\n.globl kc_ud_ip\nkc_ud_ip: ud2\n ret\n"
	"kc_div: movl $1, %eax\n xorl %edx, %edx\n xorl %ecx, %ecx\n"
	".globl kc_div_ip\nkc_div_ip: divl %ecx\n ret\n"
	"kc_inb: movl 4(%esp), %edx\n xorl %eax, %eax\n"
	".globl kc_in_ip\nkc_in_ip: inb %dx, %al\n ret\n");

static void do_read(uint32_t addr)
{
	report((uint32_t)kc_pf_ip, addr, 0, 0);
	kc_read(addr);
}

static void do_write(uint32_t addr)
{
	report((uint32_t)kc_pfw_ip, addr, 0, 0);
	kc_write(addr);
}

static void do_faults(const char *c)
{
	if (!strcmp(c, "gp")) {
		report((uint32_t)kc_gp_ip, 0, 0, 0);
		kc_cli();
	} else if (!strcmp(c, "ud")) {
		report((uint32_t)kc_ud_ip, 0, 0, 0);
		kc_ud();
	} else if (!strcmp(c, "div")) {
		report((uint32_t)kc_div_ip, 0, 0, 0);
		kc_div();
	}
}

/* Read an I/O port (granted or not); report what was read if alive. */
static void do_inb(uint16_t port)
{
	report((uint32_t)kc_in_ip, 0, 0, 0);
	uint32_t v = kc_inb(port);
	report(0, 0, 0xAA, v);
}

/* h[1] is a memobj the parent filled with words arg[0]+i: check them,
 * then write arg[1]+i for the parent to check. */
static uint32_t do_share(void)
{
	uint32_t va, bad = 0;
	if (k_proc_map(rt.self, A->h[1], 0, 0, ARGOT_PAGE_SIZE,
	               ARGOT_PROT_READ | ARGOT_PROT_WRITE, 0, &va) < 0)
		return 0xFFFF;
	volatile uint32_t *w = (volatile uint32_t *)va;
	for (uint32_t i = 0; i < 1024; i++) {
		bad += w[i] != A->arg[0] + i;
		w[i] = A->arg[1] + i;
	}
	return bad;
}

/* Map h[1] at arg[0], make it read-only (or unmap it), then write. */
static void do_ro(int unmap)
{
	uint32_t va = A->arg[0];
	if (k_proc_map(rt.self, A->h[1], va, 0, ARGOT_PAGE_SIZE,
	               ARGOT_PROT_READ | ARGOT_PROT_WRITE, ARGOT_MAP_FIXED,
	               0) < 0)
		return;
	*(volatile uint32_t *)va = 7;           /* writable now */
	if (unmap ? k_proc_unmap(rt.self, va, ARGOT_PAGE_SIZE) < 0
	          : k_proc_protect(rt.self, va, ARGOT_PAGE_SIZE,
	                           ARGOT_PROT_READ) < 0)
		return;
	if (!unmap && *(volatile uint32_t *)va != 7)
		return;
	do_write(va);
}

/* Create one-page memobjs until refused; report how many and why. */
static void do_quota(void)
{
	int n = 0, r, last = ARGOT_NOHANDLE, mo;
	while ((r = k_memobj_create(rt.kernel, ARGOT_PAGE_SIZE, &mo)) >= 0
	       && n < 100000) {
		last = mo;
		n++;
	}
	/* give one back: the next creation must work again */
	argot_close(last);
	int again = k_memobj_create(rt.kernel, ARGOT_PAGE_SIZE, &mo);
	if (again >= 0)
		argot_close(mo);   /* a queued report is charged to us too */
	report(0, 0, (uint32_t)n, (uint32_t)r);
	report(0, 0, (uint32_t)again, 0);
}

/* ---- hog: use up the quota one kind of kernel object at a time ------
 * Each stage makes objects until a call fails, gives back a one-page
 * ballast (so that its report can be queued: messages are charged to the
 * sender), reports (messages queued, count, error) on h[0], waits for a message on
 * h[1] while holding everything, then frees it all for the next stage. */
#define HOG_MAX 1000
static int hog_h[HOG_MAX];
static char hog_buf[8192];
static int hog_msgs;

static int hog_pipes(int *n)
{
	int r = 0, rr, rs;
	for (*n = 0; *n < HOG_MAX; (*n)++) {
		if ((r = kt_pipe(0, &rr, &rs)) < 0)
			break;
		hog_h[*n] = rr;
		for (uint32_t i = 0; i < ARGOT_PIPE_QUEUE && r >= 0; i++)
			if ((r = kt_send(rs, i, hog_buf, sizeof hog_buf, 0, 0, 0)) >= 0)
				hog_msgs++;
		argot_close(rs);
		if (r < 0) {
			(*n)++;
			break;
		}
	}
	return r;
}

static int hog_threads(int *n)
{
	struct argot_proc_thread_create t = { .prio = 1, .suspended = 1 };
	int r = 0;
	for (*n = 0; *n < HOG_MAX; (*n)++)
		if ((r = k_proc_thread_create(rt.self, &t, &hog_h[*n])) < 0)
			break;
	return r;
}

static int hog_procs(int *n)
{
	int r = 0;
	for (*n = 0; *n < HOG_MAX; (*n)++)
		if ((r = k_proc_create(rt.kernel, "hogling", 1, 1, &hog_h[*n])) < 0)
			break;
	return r;
}

static void hog_free(int stage, int n)
{
	for (int i = 0; i < n; i++) {
		if (stage == 1)
			k_thread_exit(hog_h[i]);
		argot_close(hog_h[i]);
	}
	if (stage == 1)
		rt_sleep(50);       /* killed threads are freed as they go */
}

static void do_hog(void)
{
	int (*const stages[])(int *) = { hog_pipes, hog_threads, hog_procs };
	for (int s = 0; s < 3; s++) {
		int ballast, n, r;
		struct argot_msg m;
		if (!(A->arg[0] & (1u << s)))
			continue;
		if (k_memobj_create(rt.kernel, ARGOT_PAGE_SIZE, &ballast) < 0)
			return;
		r = stages[s](&n);
		argot_close(ballast);
		report((uint32_t)hog_msgs, 0, (uint32_t)n, (uint32_t)r);
		kt_recv(A->h[1], &m, 0, 0, 0, 0, ARGOT_FOREVER);
		hog_free(s, n);
	}
	report(0, 0, 0xD0, 0);
	for (;;)
		rt_sleep(1000);
}

static void late_exit(void *arg)
{
	(void)arg;
	rt_sleep(30);
}

int rt_main(void *arg)
{
	A = arg;
	if (A->magic != RT_SPAWN_MAGIC)
		return 99;
	rt_init_spawned(A);
	const char *c = A->cmd;
	if (!strcmp(c, "exit"))
		k_proc_exit(rt.self, A->arg[0]);
	else if (!strcmp(c, "return"))
		return (int)A->arg[0];
	else if (!strcmp(c, "spin"))
		for (;;)
			;
	else if (!strcmp(c, "read"))
		do_read(A->arg[0]);
	else if (!strcmp(c, "write"))   /* 0: our own code */
		do_write(A->arg[0] ? A->arg[0] : (uint32_t)rt_main & ~3u);
	else if (!strcmp(c, "inb"))
		do_inb((uint16_t)A->arg[0]);
	else if (!strcmp(c, "share"))
		report(0, 0, do_share(), 0);
	else if (!strcmp(c, "ro"))
		do_ro(0);
	else if (!strcmp(c, "unmap"))
		do_ro(1);
	else if (!strcmp(c, "quota"))
		do_quota();
	else if (!strcmp(c, "hog"))
		do_hog();
	else if (!strcmp(c, "lastthread")) {
		int t;
		if (kt_thread(late_exit, 0, 0, &t) < 0)
			return 98;
		rt_thread_exit(rt.thread);
	} else if (!strcmp(c, "hold")) {
		/* h[1] is a receive end: take one message, say so, never
		 * answer (a server that hangs) */
		struct argot_msg m;
		kt_recv(A->h[1], &m, 0, 0, 0, 0, ARGOT_FOREVER);
		report(0, 0, m.tag, 0);
		for (;;)
			rt_sleep(1000);
	} else if (!strcmp(c, "identify")) {
		/* h[1] is a send handle to the parent's pipe: what does
		 * K_PIPE_IDENTIFY say of it, and of a pipe of our own? */
		uint32_t theirs = 0xFEEDF00Du, mine = 0;
		int r, s;
		int got = k_pipe_identify(rt.kernel, A->h[1], &theirs);
		int own = k_pipe_create(rt.kernel, 0xC41D, &r, &s);
		if (own >= 0)
			own = k_pipe_identify(rt.kernel, s, &mine);
		report((uint32_t)own, mine, (uint32_t)got, theirs);
		return 0;
	} else if (!strcmp(c, "echo")) {
		struct kt_server s;
		kt_server_start(&s, A->h[1], KT_SRV_ECHO);
		report(0, 0, 0, 0);
		kt_wait_flag(&s.done, 1, 0xFFFFFFF0u);
		return 0;
	} else
		do_faults(c);
	return 97;   /* the command did not do what it should have */
}

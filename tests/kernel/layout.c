/*
 * tests/kernel/layout.c - host unit test (TAP) of the kernel ABI layout.
 * Built with -m32, so that it sees the structures as the i386 kernel and
 * user programs do.  The static asserts pin every offset the assembly and
 * both sides rely on: changing kernel.h by accident breaks the build here
 * first.  The runtime checks print what was checked.
 */
#include <stddef.h>
#include <stdio.h>
#include <argot/kernel.h>

#define AT(T, f, off) _Static_assert(offsetof(T, f) == (off), #T "." #f)
#define SIZE(T, n) _Static_assert(sizeof(T) == (n), "sizeof " #T)

AT(struct argot_msg, tag, 0);    AT(struct argot_msg, label, 4);
AT(struct argot_msg, reply, 8);  AT(struct argot_msg, timeout, 12);
AT(struct argot_msg, sbuf, 16);  AT(struct argot_msg, slen, 20);
AT(struct argot_msg, shnd, 24);  AT(struct argot_msg, snhnd, 28);
AT(struct argot_msg, rbuf, 32);  AT(struct argot_msg, rcap, 36);
AT(struct argot_msg, rlen, 40);  AT(struct argot_msg, rhnd, 44);
AT(struct argot_msg, rhcap, 48); AT(struct argot_msg, rnhnd, 52);
SIZE(struct argot_msg, 56);
SIZE(struct argot_death, 20);
AT(struct argot_death, cr2, 16);
SIZE(struct argot_k_proc_create, 24);
SIZE(struct argot_k_clock, 24);
SIZE(struct argot_k_info, 16);
SIZE(struct argot_proc_thread_create, 20);
SIZE(struct argot_proc_map, 20);
SIZE(struct argot_proc_range, 12);
SIZE(struct argot_range, 8);
SIZE(struct argot_proc_info, 32);
SIZE(struct argot_regs, 44);
AT(struct argot_regs, eip, 32);  AT(struct argot_regs, gs_base, 40);
SIZE(struct argot_bootmod, 128);
AT(struct argot_bootinfo, irq, 24);
AT(struct argot_bootinfo, mem_pages, 88);
AT(struct argot_bootinfo, cmdline, 92);
AT(struct argot_bootinfo, nmods, 220);
AT(struct argot_bootinfo, mods, 224);
SIZE(struct argot_bootinfo, 224 + 8 * 128);

static int n, failed;

static void ok(int cond, const char *what)
{
	n++;
	printf("%sok %d - %s\n", cond ? "" : "not ", n, what);
	failed |= !cond;
}

int main(void)
{
	ok(sizeof(void *) == 4, "built for i386 (4-byte pointers)");
	ok(sizeof(struct argot_msg) == 56, "argot_msg is 56 bytes");
	/* the kernel's own messages are tags it reserves */
	ok(ARGOT_MSG_NOSENDERS >= 0xFFFF0000u && ARGOT_MSG_DEATH >= 0xFFFF0000u
	   && ARGOT_MSG_IRQ >= 0xFFFF0000u, "kernel tags in the reserved range");
	/* service tags of different objects never collide */
	ok(ARGOT_K_INFO < ARGOT_PIPE_SET_LABEL &&
	   ARGOT_PIPE_MAKE_SEND < ARGOT_PROC_THREAD_CREATE &&
	   ARGOT_PROC_SET_QUOTA < ARGOT_THREAD_SUSPEND &&
	   ARGOT_THREAD_EXIT < ARGOT_MEMOBJ_SIZE &&
	   ARGOT_MEMOBJ_PHYS < ARGOT_IOPORT_GRANT &&
	   ARGOT_IOPORT_INFO < ARGOT_IRQ_ATTACH &&
	   ARGOT_IRQ_ACK < ARGOT_PHYSMEM_MEMOBJ, "service tag ranges disjoint");
	/* HMOVE must not collide with any valid handle number */
	ok((ARGOT_HMOVE & (ARGOT_MAXHANDLES - 1)) == 0 &&
	   ARGOT_HMOVE > ARGOT_MAXHANDLES, "HMOVE is outside handle numbers");
	ok(ARGOT_MSG_MAXDATA % 4096 == 0, "max data is whole pages");
	ok(ARGOT_USER_TOP % 4096 == 0 && ARGOT_USER_BASE == 4096,
	   "user range page-aligned, page 0 excluded");
	printf("1..%d\n", n);
	return 0;
}

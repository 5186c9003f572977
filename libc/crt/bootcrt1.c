/*
 * libc/crt/bootcrt1.c - _start of a musl program the kernel starts as
 * the FIRST process (i686-argot-gcc --argot-first).  The kernel leaves
 * only a struct argot_bootinfo pointer at 0(%esp): this crt gives the
 * personality the boot handles, then builds the Linux-style vector musl
 * expects (argv, an empty environment, auxv with AT_SYSINFO, AT_PAGESZ,
 * AT_RANDOM, AT_PHDR for the TLS image) and starts musl.  Lets the personality be tested on the
 * bare kernel, with no server running.
 *
 * argv is the words that follow a "--" on the kernel's command line
 * (the bootinfo carries the kernel's command line, not the first
 * module's), or just "first" when there are none.
 */
#include "crt.h"

__asm__(
	".text\n"
	".global _start\n"
	".type _start,@function\n"
	"_start:\n"
	"	xorl %ebp,%ebp\n"
	"	movl (%esp),%eax\n"
	"	andl $-16,%esp\n"
	"	subl $12,%esp\n"
	"	pushl %eax\n"
	"	call crt_boot_c\n"
	"	hlt\n");

#define CRT_MAXARGS 16

static char crt_cmdline[sizeof ((struct argot_bootinfo *)0)->cmdline];

/* Split the words after "--" into argv; returns argc. */
static int crt_args(const struct argot_bootinfo *bi, char **argv)
{
	int argc = 0, after = 0;
	char *p = crt_cmdline;
	size_t i;

	for (i = 0; i + 1 < sizeof crt_cmdline && bi->cmdline[i]; i++)
		crt_cmdline[i] = bi->cmdline[i];
	while (*p && argc < CRT_MAXARGS) {
		char *w;
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		w = p;
		while (*p && *p != ' ')
			p++;
		if (*p)
			*p++ = 0;
		if (after)
			argv[argc++] = w;
		else if (w[0] == '-' && w[1] == '-' && !w[2])
			after = 1;
	}
	if (!argc)
		argv[argc++] = "first";
	argv[argc] = 0;
	return argc;
}

void crt_boot_c(const struct argot_bootinfo *bi)
{
	/* argv, NULL, envp NULL, then auxv pairs */
	size_t v[CRT_MAXARGS + 1 + 1 + 16];
	static unsigned char rnd[16];
	size_t *aux;
	uint32_t lo, hi;
	int argc, i;

	__argot_px_boot(bi);
	argc = crt_args(bi, (char **)v);
	v[argc + 1] = 0;                      /* empty environment */
	for (i = 0; i < 16; i++) {            /* stack-protector seed */
		__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
		rnd[i] = (unsigned char)(lo ^ (lo >> 8) ^ hi ^ (i * 131));
	}
	aux = &v[argc + 2];
	aux[0] = AT_SYSINFO; aux[1] = (size_t)__argot_syscall;
	aux[2] = AT_PAGESZ;  aux[3] = ARGOT_PAGE_SIZE;
	aux[4] = AT_RANDOM;  aux[5] = (size_t)rnd;
	aux[6] = AT_EXECFN;  aux[7] = v[0];
	aux[8] = AT_NULL;    aux[9] = 0;
	if (crt_phdrs(&aux[9], &aux[11], &aux[13])) {   /* TLS image */
		aux[8] = AT_PHDR; aux[10] = AT_PHNUM; aux[12] = AT_PHENT;
		aux[14] = AT_NULL; aux[15] = 0;
	}
	__libc_start_main(main, argc, (char **)v, _init, _fini, 0);
}

/*
 * libc/crt/crt1.c - _start of a program built by i686-argot-gcc and
 * started by exec: the stack is Linux's (argc, argv, envp, auxv), with
 * an AT_ARGOT_STARTUP entry pointing at the process's handles
 * (include/argot/startup.h).  Before musl runs, the personality learns
 * its handles and AT_SYSINFO is pointed at the personality, so that
 * every system call musl makes reaches it.
 */
#include "crt.h"

__asm__(
	".text\n"
	".global _start\n"
	".type _start,@function\n"
	"_start:\n"
	"	xorl %ebp,%ebp\n"
	"	movl %esp,%eax\n"
	"	andl $-16,%esp\n"
	"	subl $12,%esp\n"
	"	pushl %eax\n"
	"	call crt_start_c\n"
	"	hlt\n");

/* exec leaves an AT_SYSINFO 0 slot and AT_PHDR (doc/posix.md); if a
 * builder left either out, the vector is copied below us with the
 * missing entries added. */
static void crt_go(int argc, char **argv, size_t *auxv, size_t naux,
                   int sysinfo, int phdr)
{
	size_t i, nwords = (size_t)((char **)auxv - argv), *a;
	size_t copy[nwords + naux * 2 + 10];

	for (i = 0; i < nwords; i++)
		copy[i] = (size_t)argv[i];
	for (i = 0; i < naux * 2; i++)
		copy[nwords + i] = auxv[i];
	a = &copy[nwords + naux * 2];
	if (!sysinfo) {
		*a++ = AT_SYSINFO;
		*a++ = (size_t)__argot_syscall;
	}
	if (!phdr && crt_phdrs(&a[1], &a[3], &a[5])) {
		a[0] = AT_PHDR; a[2] = AT_PHNUM; a[4] = AT_PHENT;
		a += 6;
	}
	a[0] = AT_NULL;
	a[1] = 0;
	__libc_start_main(main, argc, (char **)copy, _init, _fini, 0);
}

void crt_start_c(size_t *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1), **envp = argv + argc + 1;
	size_t *auxv, i, naux = 0;
	const struct argot_startup *s = 0;
	size_t *sysinfo = 0;
	int phdr = 0;

	while (*envp)
		envp++;
	auxv = (size_t *)(envp + 1);
	for (i = 0; auxv[i] != AT_NULL; i += 2, naux++) {
		if (auxv[i] == AT_ARGOT_STARTUP)
			s = (const void *)auxv[i + 1];
		else if (auxv[i] == AT_SYSINFO)
			sysinfo = &auxv[i + 1];
		else if (auxv[i] == AT_PHDR)
			phdr = 1;
	}
	if (s && s->magic != ARGOT_STARTUP_MAGIC)
		s = 0;
	__argot_px_startup(s, sysinfo != 0);
	if (sysinfo)
		*sysinfo = (size_t)__argot_syscall;
	if (sysinfo && phdr)
		__libc_start_main(main, argc, argv, _init, _fini, 0);
	crt_go(argc, argv, auxv, naux, sysinfo != 0, phdr);
}

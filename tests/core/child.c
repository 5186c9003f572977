/*
 * tests/core/child.c - /bin/ctchild, the child the proc tests watch:
 *   ctchild exit N | segv | ud2 | sleep MS
 */
#include "ct.h"

struct argot_startup *ct_st;

static int num(const char *s)
{
	int n = 0;
	while (s && *s >= '0' && *s <= '9')
		n = n * 10 + (*s++ - '0');
	return n;
}

int xmain(int argc, char **argv, char **envp, struct argot_startup *st)
{
	(void)envp; (void)st;
	const char *what = argc > 1 ? argv[1] : "exit";
	if (!strcmp(what, "segv"))
		*(volatile int *)0 = 1;
	if (!strcmp(what, "ud2"))
		__asm__ volatile("ud2");
	if (!strcmp(what, "sleep")) {
		rt_sleep((uint32_t)num(argc > 2 ? argv[2] : "1000"));
		return 0;
	}
	return num(argc > 2 ? argv[2] : "0");
}

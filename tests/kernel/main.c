/*
 * tests/kernel/main.c - the kernel test program: the first process of the
 * test image, so it holds every resource.  The kernel command line picks
 * the group (`kt=ipc`; all groups if absent) so that the suite can boot
 * each group alone and a crash in one cannot hide the others' results.
 */
#include "kt.h"

struct argot_bootinfo *kt_bi;

static const struct { const char *name; const struct kt_test *tests; }
groups[] = {
	{ "ipc", kt_ipc },             { "handles", kt_handles },
	{ "memory", kt_memory },       { "threads", kt_threads },
	{ "faults", kt_faults },       { "resources", kt_resources },
	{ "badinput", kt_badinput },   { "charges", kt_charges },
};
#define NGROUPS (sizeof groups / sizeof groups[0])

/* the value of kt= on the kernel command line, into buf */
static const char *wanted_group(char *buf, size_t cap)
{
	const char *p = strstr(kt_bi->cmdline, "kt=");
	if (!p)
		return 0;
	size_t n = 0;
	for (p += 3; *p && *p != ' ' && n + 1 < cap; p++)
		buf[n++] = *p;
	buf[n] = 0;
	return buf;
}

static void run(const struct kt_test *t)
{
	rt_printf("RUN: %s\n", t->name);
	kt_why[0] = 0;
	int r = t->fn();
	if (r == KT_PASS)
		rt_printf("PASS: %s\n", t->name);
	else if (r == KT_SKIP)
		rt_printf("SKIP: %s %s\n", t->name, kt_why);
	else
		rt_printf("FAIL: %s %s\n", t->name, kt_why);
}

int rt_main(void *arg)
{
	kt_bi = arg;
	if (rt_init_first(kt_bi) < 0)
		return 1;       /* no console: nothing to say it with */
	char buf[32];
	const char *g = wanted_group(buf, sizeof buf);
	rt_printf("kernel tests (group %s)\n", g ? g : "all");
	int found = 0;
	for (unsigned i = 0; i < NGROUPS; i++) {
		if (g && strcmp(g, groups[i].name))
			continue;
		found = 1;
		for (const struct kt_test *t = groups[i].tests; t->name; t++)
			run(t);
	}
	if (!found)
		rt_printf("FAIL: kt_group no group named %s\n", g);
	rt_printf("TESTS DONE\n");
	qemu_exit(0);
}

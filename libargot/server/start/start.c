/*
 * libargot/server/start/start.c - from the exec stack to xmain().  rt
 * keeps its own notion of the process (rt.kernel, rt.self...), which we
 * fill from the startup block exec left on the stack.
 */
#include "rt.h"
#include "kcall.h"
#include "server/rpc.h"
#include "start.h"
#include "server/spawn.h"
#include <argot/exec.h>

struct argot_startup *argot_startup;
static uint32_t *auxv;

unsigned long argot_getauxval(unsigned long type)
{
	for (uint32_t *a = auxv; a && a[0] != AT_NULL; a += 2)
		if (a[0] == type)
			return a[1];
	return 0;
}

void argot_xstart(uint32_t *sp) __attribute__((noreturn));
void argot_xstart(uint32_t *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	char **e = envp;
	while (*e)
		e++;
	auxv = (uint32_t *)(e + 1);
	argot_startup = (struct argot_startup *)argot_getauxval(AT_ARGOT_STARTUP);
	if (!argot_startup || argot_startup->magic != ARGOT_STARTUP_MAGIC)
		for (;;)
			__asm__ volatile("ud2");  /* nothing to report with */
	struct rt_spawn_args a = {
		.magic = RT_SPAWN_MAGIC, .kernel = argot_startup->kernel,
		.self = argot_startup->self, .thread = argot_startup->thread,
	};
	rt_init_spawned(&a);
	argot_rt_hooks();
	argot_epoch_ns = argot_startup->epoch_ns;   /* passed on to children */
	rt_exit(xmain(argc, argv, envp, argot_startup));
}

/* rt's crt0 comes along with rt's threads (it holds their entry) and
 * names rt_main; programs started by exec never reach it. */
int rt_main(void *arg)
{
	(void)arg;
	return 127;
}

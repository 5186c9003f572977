/*
 * libargot/server/start/hooks.c - libargot's memory and thread hooks
 * served by libargot_rt (kept apart from start.c so that programs started
 * by rt_spawn, with rt's own crt0, can use them without xmain).
 */
#include "rt.h"
#include "kcall.h"
#include "server/rpc.h"
#include "start.h"

static int rt_thread_hook(void (*fn)(void *), void *arg)
{
	int h;
	int r = rt_thread_create(fn, arg, 0, 0, &h);
	if (r == 0)
		argot_close(h);
	return r;
}

void argot_rt_hooks(void)
{
	argot_hooks.alloc = rt_malloc;
	argot_hooks.free = rt_free;
	argot_hooks.thread = rt_thread_hook;
	argot_hooks.kernel = rt.kernel;
}


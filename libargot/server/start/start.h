/*
 * libargot/server/start/start.h - freestanding Argot programs on
 * libargot_rt: the two ways they start, and the hooks libargot needs.
 *
 * libargot_start.a holds both entries; link exactly one of:
 *   libargot_xstart.a (entry argot_xentry: -Wl,-e,argot_xentry
 *           -Wl,-u,argot_xentry): loaded by exec, defines xmain();
 *   rt's crt0 (libargot_rt.a): started by rt_spawn (the first servers),
 *           the program defines rt_main() and calls argot_rt_hooks().
 */
#ifndef ARGOT_START_H
#define ARGOT_START_H

#include <argot/startup.h>

/* Fill argot_hooks with rt's malloc, free and threads. */
void argot_rt_hooks(void);

/* The program's main when started by exec. */
int xmain(int argc, char **argv, char **envp, struct argot_startup *st);

/* The startup block and the auxiliary vector's values, for tests. */
extern struct argot_startup *argot_startup;
unsigned long argot_getauxval(unsigned long type);

#endif

/*
 * init/conshell.h - the stand-in shell's pieces (conshell.c: the loop,
 * cshfile.c: the commands on files and identity).
 */
#ifndef INIT_CONSHELL_H
#define INIT_CONSHELL_H

#include "server/start/start.h"

void out(const char *s);
void outf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* id, cat, write, stat, ls: 1 if line was one of them (and done) */
int csh_file_cmd(struct argot_startup *st, char *line);

#endif

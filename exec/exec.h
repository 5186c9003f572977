/*
 * exec/exec.h - the exec server's pieces.
 */
#ifndef EXEC_EXEC_H
#define EXEC_EXEC_H

#include "rt.h"
#include "kcall.h"
#include "server/rpc.h"
#include "server/start/start.h"
#include <argot/exec.h>
#include <argot/io.h>

#define ENOEXEC 8
#define E2BIG 7

struct exec_seg { uint32_t va, memsz, filesz, offset, prot; };

struct exec_image {
	uint32_t entry, phoff, phnum, phdr_va;
	uint32_t nseg;
	struct exec_seg seg[EXEC_PHNUM_MAX];
};

/* elf.c: headers read through io, checked before anything is mapped */
int exec_read_headers(int file, struct exec_image *im);
/* An io_read of exactly n bytes at off, or -ENOEXEC if the file ends. */
int exec_read_exact(int file, uint32_t off, void *buf, uint32_t n);

/* stack.c: the stack stays mapped here too until exec_stack_done */
struct exec_stack { char *here; uint32_t startup_va; };
int exec_build_stack(int proc, const struct exec_load_req *q,
                     const char *strs, uint32_t strlen_,
                     const struct exec_image *im, uint32_t *sp,
                     uint32_t *startup_va, struct exec_stack *st);
void exec_stack_done(struct exec_stack *st, int32_t thread);

#endif

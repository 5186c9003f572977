/*
 * libargot/rt/elf.h - reading the program headers of a static ELF32 i386
 * image.  Pure code, so the host unit tests check it on good and broken
 * images.
 */
#ifndef ARGOT_RT_ELF_H
#define ARGOT_RT_ELF_H

#include <stdint.h>

struct rt_seg {
	uint32_t va, filesz, memsz, offset, prot;  /* prot: ARGOT_PROT_* */
};

#define RT_ELF_MAXSEGS 8

/* Fill segs[] with the PT_LOAD segments of img (at most max) and *entry;
 * returns how many, or a negative ARGOT_E* code: -EINVAL for anything
 * that is not a well-formed static ELF32 i386 executable whose segments
 * lie in the file, in user space, and do not share pages. */
int rt_elf_segments(const void *img, uint32_t size, struct rt_seg *segs,
                    int max, uint32_t *entry);

#endif

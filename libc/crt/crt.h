/*
 * libc/crt/crt.h - what Argot's two crts share: musl's entry, the
 * personality's entry and set-up, and the auxv types used.
 */
#ifndef CRT_H
#define CRT_H

#include <stddef.h>
#include <stdint.h>
#include <elf.h>
#include <argot/kernel.h>
#include <argot/startup.h>

int main();
void _init(void), _fini(void);
int __libc_start_main(int (*)(), int, char **, void (*)(void),
                      void (*)(void), void (*)(void));

/* the personality (libc/personality) */
long __argot_syscall(void);
void __argot_px_startup(const struct argot_startup *s, int have_sysinfo);
void __argot_px_boot(const struct argot_bootinfo *bi);

/* Our own program headers, for musl's TLS set-up (AT_PHDR): the ELF
 * header sits in the first loaded segment, and GNU ld names it. */
extern const Elf32_Ehdr __ehdr_start __attribute__((weak));

static inline int crt_phdrs(size_t *phdr, size_t *phnum, size_t *phent)
{
	const Elf32_Ehdr *e = &__ehdr_start;

	if (!e)
		return 0;
	*phdr = (size_t)e + e->e_phoff;
	*phnum = e->e_phnum;
	*phent = e->e_phentsize;
	return 1;
}

#endif

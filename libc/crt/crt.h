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

#endif

/*
 * tests/harness/fakekernel.c - a tiny Multiboot kernel that plays a guest
 * test program, so the harness itself is tested without the real kernel.
 * Its GRUB command line picks the scenario:
 *   good   PASS, FAIL, SKIP lines then TESTS DONE and a clean exit
 *   hang   a test begins and never ends (the harness must time out)
 *   panic  a kernel panic message, then exit
 */
#include <stdint.h>

static inline void outb(uint16_t p, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(p));
}
static inline uint8_t inb(uint16_t p)
{
	uint8_t v;
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(p));
	return v;
}

static void puts(const char *s)
{
	for (; *s; s++) {
		while (!(inb(0x3fd) & 0x20))
			;
		outb(0x3f8, (uint8_t)*s);
	}
}

static int has(const char *s, const char *w)
{
	for (; *s; s++) {
		int i = 0;
		while (w[i] && s[i] == w[i])
			i++;
		if (!w[i])
			return 1;
	}
	return 0;
}

void kmain(uint32_t magic, const uint32_t *mbi)
{
	const char *cmd = (magic == 0x2BADB002u && (mbi[0] & 4))
	                  ? (const char *)mbi[4] : "";
	if (has(cmd, "hang")) {
		puts("PASS: before_hang\nRUN: hangs_forever\n");
		for (;;)
			__asm__ volatile("hlt");
	}
	if (has(cmd, "panic")) {
		puts("PASS: before_panic\nARGOT PANIC: fake panic for the harness\n");
		outb(0xf4, 0x7f);
	}
	puts("PASS: first\nFAIL: second expected 1 got 2\r\n"
	     "SKIP: third not on this machine\nTESTS DONE\n");
	outb(0xf4, 0);
	for (;;)
		;
}

/* The Multiboot header must sit in the first 8 KiB of the file: put it
 * right before the entry, at the start of .text (linked first). */
__asm__(".pushsection .text.boot,\"ax\"\n.align 4\n"
        ".long 0x1BADB002, 0, -0x1BADB002\n.globl _start\n_start:\n"
        "  mov $0x200000, %esp\n  push %ebx\n  push %eax\n"
        "  call kmain\n1: hlt\n  jmp 1b\n.popsection\n");

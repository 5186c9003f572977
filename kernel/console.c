/*
 * console.c - the kernel's own output: polled COM1, a small printf, and
 * panic.  Not a console driver: the serial server owns the port once
 * user space runs; the kernel only writes boot, fault and panic lines.
 */
#include <stdarg.h>
#include "kern.h"
#include "arch/i386/x86.h"

#define COM1 0x3f8

void cons_init(void)
{
	outb(COM1 + 1, 0x00);        /* no interrupts */
	outb(COM1 + 3, 0x80);        /* divisor latch */
	outb(COM1 + 0, 0x01);        /* 115200 baud */
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x03);        /* 8N1 */
	outb(COM1 + 2, 0xc7);        /* FIFO on */
}

static void putc(char c)
{
	if (c == '\n')
		putc('\r');
	for (int i = 0; i < 100000 && !(inb(COM1 + 5) & 0x20); i++)
		;
	outb(COM1, c);
}

static void putnum(uint32_t v, unsigned base, int sign)
{
	char buf[12];
	int i = 0;
	if (sign && (int32_t)v < 0) {
		putc('-');
		v = -v;
	}
	do
		buf[i++] = "0123456789abcdef"[v % base];
	while ((v /= base) != 0);
	while (i > 0)
		putc(buf[--i]);
}

static void vprint(const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			putc(*fmt);
			continue;
		}
		switch (*++fmt) {
		case 'd': putnum(va_arg(ap, uint32_t), 10, 1); break;
		case 'u': putnum(va_arg(ap, uint32_t), 10, 0); break;
		case 'x': putnum(va_arg(ap, uint32_t), 16, 0); break;
		case 'c': putc(va_arg(ap, int)); break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			while (s && *s)
				putc(*s++);
			break;
		}
		case '\0': return;
		default: putc(*fmt); break;
		}
	}
}

void kprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vprint(fmt, ap);
	va_end(ap);
}

void panic(const char *fmt, ...)
{
	va_list ap;
	__asm__ volatile("cli");
	kprintf("ARGOT PANIC: ");
	va_start(ap, fmt);
	vprint(fmt, ap);
	va_end(ap);
	kprintf("\n");
	panic_halt();
}

void panic_halt(void)
{
	if (cmdline_has("panic=exit"))
		arch_exit_qemu(0x7f);
	for (;;)
		__asm__ volatile("cli; hlt");
}

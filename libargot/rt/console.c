/*
 * libargot/rt/console.c - output on COM1 by polling, and QEMU's debug exit.
 * Polling keeps it usable before any interrupt or server exists, which is
 * exactly when the first process and the kernel tests need it.
 */
#include "rt.h"
#include "kcall.h"

#define COM1      0x3f8
#define COM1_LSR  (COM1 + 5)
#define LSR_THRE  0x20          /* transmit holding register empty */
#define DEBUG_EXIT 0xf4

static int console_ok;
static rt_lock_t console_lock;
static int (*console_redirect)(const char *s, uint32_t n);

int rt_console_init(int ioports)
{
	int com, dbg, r;
	if ((r = k_ioport_sub(ioports, COM1, 8, &com)) < 0)
		return r;
	if ((r = k_ioport_grant(com, rt.self)) < 0)
		return r;
	if ((r = k_ioport_sub(ioports, DEBUG_EXIT, 4, &dbg)) < 0)
		return r;
	if ((r = k_ioport_grant(dbg, rt.self)) < 0)
		return r;
	/* GRUB left the UART at 115200 8N1; we only need to send. */
	console_ok = 1;
	return 0;
}

static void putc_raw(char c)
{
	/* bounded wait: a missing UART must not hang the program */
	for (int i = 0; i < 100000 && !(inb(COM1_LSR) & LSR_THRE); i++)
		;
	outb(COM1, (uint8_t)c);
}

void rt_putc(char c)
{
	if (!console_ok)
		return;
	if (c == '\n')
		putc_raw('\r');
	putc_raw(c);
}

void rt_console_redirect(int (*fn)(const char *s, uint32_t n))
{
	console_redirect = fn;
}

void rt_puts(const char *s)
{
	if (console_redirect && console_redirect(s, (uint32_t)strlen(s)) >= 0)
		return;
	if (!console_ok)
		return;
	rt_lock(&console_lock);     /* whole strings, so lines don't mix */
	while (*s)
		rt_putc(*s++);
	rt_unlock(&console_lock);
}

int rt_printf(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	int n = rt_vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	rt_puts(buf);
	return n;
}

void qemu_exit(int code)
{
	if (console_ok)
		outb(DEBUG_EXIT, (uint8_t)code);
	/* not under QEMU, or the port was refused: end the process */
	rt_exit(code);
}

/*
 * libc/personality/console.c - output for the first process, which has
 * no console server to talk to: COM1, polled.  The personality granted
 * itself the ports at boot (init.c).  A lock keeps concurrent writers'
 * bytes from interleaving within one write.
 */
#include "px.h"

#define COM1     0x3f8
#define COM1_LSR (COM1 + 5)
#define LSR_THRE 0x20          /* transmit holding register empty */

static px_lock_t px_com1_lock;

static inline uint8_t px_inb(uint16_t port)
{
	uint8_t v;
	__asm__ volatile("inb %1,%0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void px_outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0,%1" : : "a"(v), "Nd"(port));
}

static void px_com1_putc(char c)
{
	while (!(px_inb(COM1_LSR) & LSR_THRE))
		;
	px_outb(COM1, c);
}

int px_console_write(const void *buf, size_t len)
{
	const char *p = buf;
	size_t i;

	if (!px.com1)
		return -EIO;
	px_lock(&px_com1_lock);
	for (i = 0; i < len; i++) {
		if (p[i] == '\n')
			px_com1_putc('\r');
		px_com1_putc(p[i]);
	}
	px_unlock(&px_com1_lock);
	return len;
}

/* QEMU's isa-debug-exit (tools/qemu-argot): the machine stops with
 * status (v << 1) | 1.  Harmless on hardware without the device. */
void px_poweroff(int status)
{
	if (px.first)
		px_outb(0xf4, (uint8_t)status);
}

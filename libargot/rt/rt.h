/*
 * libargot/rt/rt.h - a small freestanding runtime for programs that run
 * without libc: the first process (bootstrap server, kernel tests) and the
 * helper programs it starts.  Everything here is plain and single-purpose;
 * it is not a libc and does not try to be one.
 */
#ifndef ARGOT_RT_H
#define ARGOT_RT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <argot/kernel.h>

/* ---- process state, set by rt_init_first() or rt_init_spawned() ------ */
struct rt_state {
	int kernel;        /* ARGOT_HT_KERNEL */
	int self;          /* this process */
	int thread;        /* the first thread */
	int sleep_recv;    /* a pipe nobody sends on: rt_sleep waits on it */
	int sleep_send;
};
extern struct rt_state rt;

/* The program's entry, called by crt0 with the word found at 0(%esp): the
 * struct argot_bootinfo for the first process, a struct rt_spawn_args for
 * a process started by rt_spawn.  Its return value is the exit status. */
int rt_main(void *arg);
void rt_exit(int status) __attribute__((noreturn));

/* ---- string and memory (also what gcc may emit calls to) ------------- */
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strncpy(char *d, const char *s, size_t n);
char *strchr(const char *s, int c);
char *strstr(const char *h, const char *n);

/* ---- formatted output: %d %i %u %x %X %s %c %p %%, with '-', '0', a
 * width, and the 'l'/'ll' length modifiers.  Always NUL-terminates when
 * size > 0; returns the length the full output would have. ----------- */
int rt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int rt_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ---- console: COM1 polled, and QEMU's isa-debug-exit ---------------- */
/* Sub-range COM1 (0x3f8..0x3ff) and the debug-exit port (0xf4) out of
 * `ioports` and grant both to this process.  Returns 0 or -ARGOT_E*. */
int rt_console_init(int ioports);
void rt_putc(char c);
void rt_puts(const char *s);   /* no newline added */
/* From now on send rt_puts's strings to fn (e.g. io_write to a terminal
 * server) instead of the UART: once a console driver owns the port, a
 * second writer polling it would cut other programs' lines in half.
 * fn returns < 0 to have the string go to the UART after all. */
void rt_console_redirect(int (*fn)(const char *s, uint32_t n));
int rt_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* QEMU exits with status (code << 1) | 1. */
void qemu_exit(int code) __attribute__((noreturn));

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}
static inline uint8_t inb(uint16_t port)
{
	uint8_t v;
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}
static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* ---- memory ---------------------------------------------------------- */
/* Fresh zeroed pages mapped read-write somewhere in this process; the
 * memobj handle is returned through *memobj if not NULL (else closed). */
void *rt_page_alloc(uint32_t npages, int *memobj);
void rt_page_free(void *p, uint32_t npages);
void *rt_malloc(size_t n);
void rt_free(void *p);

/* ---- threads and time ------------------------------------------------ */
/* Start fn(arg) in a new thread of this process with a 16 KiB stack.
 * The thread ends (THREAD_EXIT on its own handle) when fn returns.  *handle receives the
 * thread handle.  prio 0 means ARGOT_PRIO_DEFAULT. */
int rt_thread_create(void (*fn)(void *), void *arg, uint32_t prio,
                     int suspended, int *handle);
void rt_thread_exit(int handle) __attribute__((noreturn));
/* Block for ms milliseconds (a recv with a timeout on a silent pipe). */
int rt_sleep(uint32_t ms);
/* Nanoseconds since boot from K_CLOCK, or 0 on error. */
uint64_t rt_now_ns(void);

/* ---- starting processes from ELF images ------------------------------ */
#define RT_SPAWN_MAGIC 0xA260C41Du
#define RT_SPAWN_MAXH  8
/* What a process started by rt_spawn finds at 0(%esp).  The handle
 * numbers are valid in the new process. */
struct rt_spawn_args {
	uint32_t magic;
	int32_t  kernel, self, thread;
	uint32_t nh;
	int32_t  h[RT_SPAWN_MAXH];
	uint32_t arg[4];
	char     cmd[32];
};
/* Load a static ELF32 image into a new process and start its thread.
 * a->h[] name handles of the caller that are given to the child (receive
 * ends are moved); a->kernel/self/thread are filled in.  Returns 0 or
 * -ARGOT_E*; *proc gets the process handle.  With thread not NULL the
 * thread is left suspended and *thread gets its handle (so the caller can
 * watch the process before it runs); else it runs at once. */
int rt_spawn(const void *elf, uint32_t size, const char *name,
             uint32_t maxprio, uint32_t quota, struct rt_spawn_args *a,
             int *proc, int *thread);
/* Set up rt from the args of a spawned process. */
void rt_init_spawned(struct rt_spawn_args *a);
/* Set up rt from the bootinfo of the first process. */
int rt_init_first(struct argot_bootinfo *bi);

/* the exit status helper: spinlock for short critical sections */
typedef struct { volatile int v; } rt_lock_t;
void rt_lock(rt_lock_t *l);
void rt_unlock(rt_lock_t *l);

#endif /* ARGOT_RT_H */

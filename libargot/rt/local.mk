# libargot/rt (see libargot/Makefile.am): libargot_rt.a, the freestanding
# runtime for programs without libc (the first process, kernel tests).
# Programs link it with -T $(top_srcdir)/libargot/rt/user.ld and -lgcc
# (64-bit division in rt_snprintf).
noinst_LIBRARIES += libargot_rt.a
libargot_rt_a_SOURCES = rt/crt0.S rt/string.c rt/fmt.c rt/console.c \
	rt/init.c rt/mem.c rt/thread.c rt/elf.c rt/spawn.c rt/rt.h rt/elf.h
libargot_rt_a_CFLAGS = $(TARGET_CFLAGS) -I$(top_srcdir)/include \
	-I$(top_srcdir)/libargot
libargot_rt_a_CCASFLAGS = -m32 -I$(top_srcdir)/include
EXTRA_DIST += rt/user.ld

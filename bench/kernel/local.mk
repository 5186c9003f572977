# bench/kernel (see bench/Makefile.am): IPC and kernel-call costs in one
# boot (kbench.c); `make bench` runs kernel/run.
BENCHES += kernel/run
noinst_PROGRAMS += kernel/kbench
kernel_kbench_SOURCES = kernel/kbench.c
kernel_kbench_CFLAGS = $(TARGET_CFLAGS) -I$(top_srcdir)/include \
	-I$(top_srcdir)/libargot -I$(top_srcdir)/libargot/rt
kernel_kbench_LDFLAGS = $(TARGET_LDFLAGS) \
	-Wl,-T,$(top_srcdir)/libargot/rt/user.ld
kernel_kbench_LDADD = $(top_builddir)/libargot/libargot_rt.a \
	$(top_builddir)/libargot/libargot.a -lgcc
EXTRA_DIST += kernel/run

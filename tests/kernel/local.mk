# tests/kernel (see tests/Makefile.am and doc/testing.md): the nanokernel
# tested from inside QEMU, plus host unit tests of the message layout and
# the runtime's pure code.
#
# ktest is the first module (it holds every resource); ktchild is a helper
# it starts as separate processes.  One boot per group (suite-GROUP).
KTFLAGS_C = $(TARGET_CFLAGS) -I$(top_srcdir)/include \
	-I$(top_srcdir)/libargot -I$(top_srcdir)/libargot/rt
KTFLAGS_LD = $(TARGET_LDFLAGS) -Wl,-T,$(top_srcdir)/libargot/rt/user.ld
KTLIBS = $(top_builddir)/libargot/libargot_rt.a \
	$(top_builddir)/libargot/libargot.a -lgcc

check_PROGRAMS += kernel/ktest kernel/ktchild
kernel_ktest_SOURCES = kernel/main.c kernel/kt.c kernel/kt.h \
	kernel/ipc.c kernel/handles.c kernel/memory.c kernel/threads.c \
	kernel/faults.c kernel/resources.c kernel/badinput.c kernel/charges.c
kernel_ktest_CFLAGS = $(KTFLAGS_C)
kernel_ktest_LDFLAGS = $(KTFLAGS_LD)
kernel_ktest_LDADD = $(KTLIBS)
kernel_ktchild_SOURCES = kernel/child.c kernel/kt.c kernel/kt.h
kernel_ktchild_CFLAGS = $(KTFLAGS_C)
kernel_ktchild_LDFLAGS = $(KTFLAGS_LD)
kernel_ktchild_LDADD = $(KTLIBS)

# host unit tests (i386 layout: built with -m32)
check_PROGRAMS += kernel/layout kernel/rtpure
kernel_layout_SOURCES = kernel/layout.c
kernel_layout_CFLAGS = -m32 -I$(top_srcdir)/include
kernel_layout_LDFLAGS = -m32
kernel_rtpure_SOURCES = kernel/rtpure.c
kernel_rtpure_CFLAGS = -m32 -I$(top_srcdir)/include \
	-I$(top_srcdir)/libargot/rt
kernel_rtpure_LDFLAGS = -m32

TESTS += kernel/layout kernel/rtpure \
	kernel/suite-ipc kernel/suite-handles kernel/suite-memory \
	kernel/suite-threads kernel/suite-faults kernel/suite-resources \
	kernel/suite-badinput kernel/suite-charges
EXTRA_DIST += kernel/run-group kernel/suite-ipc kernel/suite-handles \
	kernel/suite-memory kernel/suite-threads kernel/suite-faults \
	kernel/suite-resources kernel/suite-badinput kernel/suite-charges \
	kernel/KNOWN-BUGS.md

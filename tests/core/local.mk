# tests/core (see tests/Makefile.am and tests/core/README.md): the
# user-space core (libargot, auth, proc, exec, bootstrap, init) tested in
# QEMU from a test image, plus host unit tests of the demuxer's checks and
# the message layouts.
CTFLAGS_C = $(TARGET_CFLAGS) -I$(top_srcdir)/include \
	-I$(top_srcdir)/libargot -I$(top_srcdir)/libargot/rt
CTFLAGS_LD = $(TARGET_LDFLAGS) -Wl,-T,$(top_srcdir)/libargot/rt/user.ld \
	-Wl,-e,argot_xentry -Wl,-u,argot_xentry
CTLIBS = $(top_builddir)/libargot/libargot_xstart.a \
	$(top_builddir)/libargot/libargot_start.a \
	$(top_builddir)/libargot/libargot.a \
	$(top_builddir)/libargot/libargot_rt.a \
	$(top_builddir)/libargot/libargot_start.a \
	$(top_builddir)/libargot/libargot.a -lgcc

check_PROGRAMS += core/ctest core/ctchild
core_ctest_SOURCES = core/ct.c core/ct.h core/auth.c core/proc.c core/exec.c \
	core/wait.c core/term.c
core_ctest_CFLAGS = $(CTFLAGS_C)
core_ctest_LDFLAGS = $(CTFLAGS_LD)
core_ctest_LDADD = $(CTLIBS)
core_ctchild_SOURCES = core/child.c core/ct.h
core_ctchild_CFLAGS = $(CTFLAGS_C)
core_ctchild_LDFLAGS = $(CTFLAGS_LD)
core_ctchild_LDADD = $(CTLIBS)

# host unit tests, i386 layout (-m32)
check_PROGRAMS += core/demux
core_demux_SOURCES = core/demux.c
core_demux_CFLAGS = -m32 -I$(top_srcdir)/include -I$(top_srcdir)/libargot
core_demux_LDFLAGS = -m32

check_PROGRAMS += core/ldisc
core_ldisc_SOURCES = core/ldisc.c $(top_srcdir)/drivers/serial/ldisc.c
core_ldisc_CFLAGS = -m32 -I$(top_srcdir)/include
core_ldisc_LDFLAGS = -m32

TESTS += core/demux core/ldisc core/suite-core core/suite-console
EXTRA_DIST += core/suite-core core/suite-console core/console.script \
	core/mkbad core/README.md
CLEANFILES += core/core-initrd.tar core/console-initrd.tar core/console.iso

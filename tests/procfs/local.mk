# tests/procfs: /hurd/procfs (tests/procfs/README.md).
#   procfs/format-test   the /proc text formats, on the host (TAP)
#   procfs/suite-procfs  an image whose /etc/rc runs proctest: procfs on
#                        /proc of a ramfs root, read by POSIX calls and by
#                        BusyBox ps (QEMU, tests/harness/guest-tap)
check_PROGRAMS += procfs/format-test
procfs_format_test_SOURCES = procfs/format-test.c \
	$(top_srcdir)/translators/procfs/format.c \
	$(top_srcdir)/translators/procfs/procfs.h
procfs_format_test_CPPFLAGS = -I$(top_srcdir)/translators/procfs
procfs_format_test_CFLAGS = -Wall -Wextra -O2 -g
TESTS += procfs/format-test

# proctest is a musl program (libc/argot-cc.mk, included by tests/posix's
# fragment) linked with libnetfs.a for the translator start-up code.
PT_CFLAGS = -O2 -g -Wall -Wextra -D_GNU_SOURCE -I$(top_srcdir)/include \
	-I$(top_srcdir)/libargot -I$(top_srcdir)/libnetfs
PT_SRC = procfs/setup.c procfs/inside.c procfs/ps.c
procfs/proctest: $(PT_SRC:%=$(srcdir)/%) $(srcdir)/procfs/pt.h \
		$(top_builddir)/libnetfs/libnetfs.a $(ARGOT_LIBC)
	@$(MKDIR_P) procfs
	$(AM_V_CC)$(ARGOT_CC) $(PT_CFLAGS) -o $@ $(PT_SRC:%=$(srcdir)/%) \
		$(top_builddir)/libnetfs/libnetfs.a

check_DATA += procfs/proctest
TESTS += procfs/suite-procfs
EXTRA_DIST += procfs/suite-procfs procfs/README.md procfs/pt.h $(PT_SRC)
CLEANFILES += procfs/proctest procfs/procfs-initrd.tar

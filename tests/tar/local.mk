# tests/tar: libtar, tarfs and the FUSE backend (see tests/Makefile.am).
#   tar/unit     libtar: checksums, numbers, paths, each format, corrupt
#                headers (in memory)
#   tar/fuzz.sh  a few thousand corrupted archives through libtar and
#                tarfs's loader, built with AddressSanitizer
#   tar/fuse.sh  argot-tarfs mounted on the host against GNU tar
#                (skips itself when FUSE is unusable)
TAR_LIBDIR = $(top_srcdir)/libtar
EXTRA_DIST += tar/fuse.sh tar/fuzz.sh tar/lib.sh

check_PROGRAMS += tar/unit
tar_unit_SOURCES = tar/unit.c
tar_unit_CPPFLAGS = -I$(TAR_LIBDIR)
tar_unit_LDADD = $(top_builddir)/libtar/libtar-host.a
TESTS += tar/unit

if HAVE_ZLIB
# Everything compiled again with the sanitizer, so the library code itself
# is instrumented (not just the driver).
check_PROGRAMS += tar/fuzz
TARFS_DIR = $(top_srcdir)/translators/tarfs
tar_fuzz_SOURCES = tar/fuzz.c $(TARFS_DIR)/tree.c $(TARFS_DIR)/file.c \
	$(TARFS_DIR)/load.c $(top_srcdir)/libnetfs/common.c \
	$(TAR_LIBDIR)/header.c $(TAR_LIBDIR)/path.c $(TAR_LIBDIR)/iter.c \
	$(TAR_LIBDIR)/pax.c $(TAR_LIBDIR)/lookup.c $(TAR_LIBDIR)/write.c \
	$(TAR_LIBDIR)/gz.c
tar_fuzz_CPPFLAGS = -D_GNU_SOURCE -I$(TAR_LIBDIR) -I$(top_srcdir)/libnetfs \
	-I$(TARFS_DIR) $(ZLIB_CFLAGS)
tar_fuzz_CFLAGS = -g -O1 -fsanitize=address,undefined \
	-fno-sanitize-recover=all -fno-omit-frame-pointer
tar_fuzz_LDFLAGS = -fsanitize=address,undefined
tar_fuzz_LDADD = $(ZLIB_LIBS)
TESTS += tar/fuzz.sh
endif

TESTS += tar/fuse.sh

# tar/argot-suite  /hurd/tarfs inside Argot: argot-tartest, a musl program
#                  on tests/fs's helpers (ft.c), attaches tarfs as alice
#                  with settrans on a tar and a tar.gz from GNU tar, runs
#                  BusyBox ls -ln, cat and find in it, creates a file and
#                  changes one in place, checks that nothing reaches the
#                  archive before settrans -g and all of it after (libtar
#                  and zlib, and BusyBox tar -xO), that the archive keeps
#                  its owner and mode and no temporary is left; bob reads
#                  and finds but cannot write or create
AT_LIBS = $(top_builddir)/translators/libtar-argot.a \
	$(top_builddir)/libnetfs/libnetfs.a
tar/argot-tartest: tar/argot-tartest.c fs/ft.c fs/ft.h $(AT_LIBS) $(ARGOT_LIBC)
	@$(MKDIR_P) tar
	$(AM_V_CC)$(ARGOT_CC) -O2 -g -Wall -Wextra -D_GNU_SOURCE \
		-I$(top_srcdir)/include -I$(top_srcdir)/libargot \
		-I$(top_srcdir)/libnetfs -I$(top_srcdir)/libtar -I$(srcdir)/fs \
		-o $@ $(srcdir)/tar/argot-tartest.c $(srcdir)/fs/ft.c $(AT_LIBS) -lz
# Not in TESTS yet.  The EXDEV failure is gone: ramfs's rename used to
# check that the target directory was its own by sending itself a probe
# and giving up after 500 naps; it now asks the kernel
# (K_PIPE_IDENTIFY, libnetfs/argot/probe.c), and no EXDEV was seen in 36
# runs.  3 runs in 20 of a frozen build still failed, not from load: with
# each step timed in the guest (ft_run's spawn and wait), every other
# step takes its usual 10-130 ms and the failing one waits out a timeout
# exactly: settrans -g gets -ETIMEDOUT after 10 s (ramfs's FSYS_GOAWAY to
# tarfs, NA_GOAWAY_TIMEOUT: tarfs's write-back into ramfs never ends),
# or -EBUSY at once (tarfs still counts a protid), or reading the
# archive from ramfs before goaway gets -ETIMEDOUT after 20 s.  So a
# ramfs/tarfs request is lost or stuck now and then (a lost wakeup or a
# cycle between the two servers), not merely slow.  BusyBox tar and find
# failing with -ETIMEDOUT waited out ft_run's 60 s proc_wait the same
# way (seen while the tree was being rebuilt, so that proves less).
# Add `TESTS += tar/argot-suite` once that is understood.  By hand:
#     make -C tests tar-argot-check
tar-argot-check: tar/argot-tartest fs/fsbad
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
		$(srcdir)/tar/argot-suite
.PHONY: tar-argot-check
EXTRA_DIST += tar/argot-suite tar/argot-tartest.c
CLEANFILES += tar/argot-tartest tar/argot-initrd.tar

# translators/argot.mk, included by translators/Makefile.am: every
# translator built as an Argot program and staged as /hurd/NAME.  The twin
# of tools/fuse's host build, with the same rule: each translators/NAME
# folder with sources gives one program from all its *.c, so a new
# translator needs nothing here.
#
#   NAME/NAME.elf   the Argot program (musl, i686-argot-gcc), linked with
#                   the Argot backends libtrivfs.a and libnetfs.a, libtar
#                   and zlib (static archives: a translator only pulls in
#                   what it uses, as in tools/fuse)
#   libtar-argot.a  libtar whole (reader, writer, gzip) for musl programs;
#                   libtar/ builds only a freestanding reader for i386
#
# A translator including netfs.h needs libnetfs/libnetfs.a; one including
# trivfs.h needs libtrivfs/libtrivfs.a and libnetfs.a too (libtrivfs serves
# its node as a one-node libnetfs tree).  Until those Argot backends exist
# the translator is skipped with a message, so `make` never fails for it.
include $(top_srcdir)/libc/argot-cc.mk

ARGOT_TRIVFS = $(abs_top_builddir)/libtrivfs/libtrivfs.a
ARGOT_NETFS = $(abs_top_builddir)/libnetfs/libnetfs.a
ARGOT_ZLIB = $(abs_top_builddir)/libc/zlib/zlib.stamp
TR_ARGOT_FLAGS = -D_GNU_SOURCE -I$(top_srcdir)/libtrivfs -I$(top_srcdir)/libnetfs \
	-I$(top_srcdir)/libtar -O2 -g -Wall -Wextra
TR_ARGOT_INCS = $(top_srcdir)/libtrivfs/trivfs.h $(top_srcdir)/libnetfs/netfs.h \
	$(wildcard $(top_srcdir)/libtar/*.h)
STAGE = $(abs_top_builddir)/stage

# Built by libc/ (before translators/ in the top SUBDIRS); from here only
# when missing, as libc/argot-cc.mk does for libc.stamp.
$(ARGOT_ZLIB):
	cd $(abs_top_builddir)/libc && $(MAKE) $(AM_MAKEFLAGS) zlib/zlib.stamp

LIBTAR_SRC = $(wildcard $(top_srcdir)/libtar/*.c)
libtar-argot.a: $(LIBTAR_SRC) $(TR_ARGOT_INCS) $(ARGOT_LIBC) $(ARGOT_ZLIB)
	$(AM_V_GEN)rm -rf libtar-argot && mkdir libtar-argot && cd libtar-argot && \
	$(ARGOT_CC) $(TR_ARGOT_FLAGS) -c $(abspath $(LIBTAR_SRC)) && \
	rm -f ../$@ && $(AR) rcs ../$@ *.o

# NAME/NAME.elf from $(top_srcdir)/translators/NAME/*.[ch]; relinked only
# when a source, a header or a library changed.  A folder with an
# argot-only file (procfs: it asks Argot's servers directly) also gets
# the Argot headers; tools/fuse does not build it.
TR_ARGOT_ONLY_FLAGS = -I$(top_srcdir)/include -I$(top_srcdir)/libargot
.SECONDEXPANSION:
%.elf: $$(wildcard $(top_srcdir)/translators/$$(*F)/*.[ch]) $(TR_ARGOT_INCS) \
		libtar-argot.a $$(wildcard $(ARGOT_TRIVFS) $(ARGOT_NETFS)) $(ARGOT_LIBC)
	$(AM_V_GEN)src=$(top_srcdir)/translators/$(*F); mkdir -p $(@D) || exit 1; \
	only=; test -f $$src/argot-only && only="$(TR_ARGOT_ONLY_FLAGS)"; \
	$(ARGOT_CC) $(TR_ARGOT_FLAGS) $$only -I$$src -o $@ $$src/*.c \
		$(wildcard $(ARGOT_TRIVFS) $(ARGOT_NETFS)) libtar-argot.a -lz

# For each translator folder with sources: which backend it needs; skip it
# if that backend is not built yet; build the others in one make (so -j
# works) and stage them.
all-local: argot-translators
argot-translators:
	@progs= elfs=; for d in $(top_srcdir)/translators/*/; do \
	  t=`basename $$d`; \
	  ls $$d*.c >/dev/null 2>&1 || continue; \
	  need=; \
	  grep -qs '^#include "trivfs\.h"' $$d*.[ch] && need=trivfs; \
	  grep -qs '^#include "netfs\.h"' $$d*.[ch] && need=netfs; \
	  missing=; \
	  case $$need in trivfs) test -f $(ARGOT_TRIVFS) || missing=libtrivfs/libtrivfs.a;; esac; \
	  test -n "$$need" && test ! -f $(ARGOT_NETFS) && \
	    missing="$${missing:+$$missing }libnetfs/libnetfs.a"; \
	  if test -n "$$missing"; then \
	    echo "translators: no Argot backend $$missing yet: /hurd/$$t skipped"; \
	  else progs="$$progs $$t"; elfs="$$elfs $$t/$$t.elf"; fi; \
	done; \
	test -n "$$progs" || exit 0; \
	$(MAKE) $(AM_MAKEFLAGS) argot-build ARGOT_BUILD="$$elfs" || exit 1; \
	for t in $$progs; do \
	  $(top_srcdir)/tools/stage $(STAGE) $$t/$$t.elf /hurd/$$t || exit 1; done
argot-build: $(ARGOT_BUILD)
	@:

clean-local: clean-argot-translators
clean-argot-translators:
	rm -rf libtar-argot libtar-argot.a */*.elf
.PHONY: argot-translators argot-build clean-argot-translators

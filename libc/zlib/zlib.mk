# libc/zlib/zlib.mk, included by libc/Makefile.am: zlib for Argot.
#
# tarfs reads and writes .tar.gz, so Argot programs need zlib.  It comes
# from its Debian source package (libc/fetch-src: `apt-get source zlib`
# into $(ARGOT_SRC_CACHE), never into the repository; `make ZLIB_SRC=DIR`
# uses another unpacked tree) and is built unmodified by its own configure
# with the i686-argot-gcc wrapper as CC.  The result joins musl in the
# sysroot, so an Argot program just says -lz:
#     $(SYSROOT)/lib/libz.a  $(SYSROOT)/include/zlib.h  zconf.h
# zlib's configure builds out of tree and never writes into the source, so
# the cached tree is used in place.  Linking zlib's own test program
# (example) proves libz.a links into an Argot program.
#
# Rebuilt only when musl is (musl.stamp); the crt objects and the wrapper
# are needed to link but are order-only, so a personality change or a new
# configure run does not rebuild zlib.

ZLIB_SRC =
ZLIB_BUILD = $(abs_builddir)/zlib/build

zlib/zlib.stamp: musl.stamp $(srcdir)/fetch-src | libc.stamp i686-argot-gcc
	$(AM_V_GEN)tree=$$($(srcdir)/fetch-src zlib '$(ARGOT_SRC_CACHE)' '$(ZLIB_SRC)') && \
	rm -rf '$(ZLIB_BUILD)' && mkdir -p '$(ZLIB_BUILD)' && cd '$(ZLIB_BUILD)' && \
	{ CC='$(abs_builddir)/i686-argot-gcc' CFLAGS='-O2 -g' \
		"$$tree/configure" --static --prefix='$(SYSROOT)' >configure.log 2>&1 || \
		{ cat configure.log; exit 1; }; } && \
	{ $(MAKE) libz.a example >build.log 2>&1 || { tail -30 build.log; exit 1; }; } && \
	mkdir -p '$(SYSROOT)/lib' '$(SYSROOT)/include' && \
	cp libz.a '$(SYSROOT)/lib/' && cp zconf.h "$$tree/zlib.h" '$(SYSROOT)/include/'
	$(AM_V_at)touch $@

all-local: zlib/zlib.stamp
# The build folder goes with `make clean`; libz.a with the sysroot
# (distclean).
clean-local: clean-zlib
clean-zlib:
	rm -rf '$(ZLIB_BUILD)' zlib/zlib.stamp
EXTRA_DIST += zlib/zlib.mk
.PHONY: clean-zlib

# tests/fs: translators on Argot (tests/fs/README.md).  fstest runs in the
# guest from /etc/rc; fsbad is a translator that misbehaves on purpose.
# Both are musl programs (libc/argot-cc.mk, included by tests/posix's
# fragment) linked with libnetfs.a for the translator start-up code.
FT_CFLAGS = -O2 -g -Wall -Wextra -D_GNU_SOURCE -I$(top_srcdir)/include \
	-I$(top_srcdir)/libargot -I$(top_srcdir)/libnetfs
FT_LIBS = $(top_builddir)/libnetfs/libnetfs.a

fs/fstest: fs/fstest.c fs/ft.c fs/ft.h $(FT_LIBS) $(ARGOT_LIBC)
	@$(MKDIR_P) fs
	$(AM_V_CC)$(ARGOT_CC) $(FT_CFLAGS) -o $@ $(srcdir)/fs/fstest.c \
		$(srcdir)/fs/ft.c $(FT_LIBS)
fs/fsbad: fs/fsbad.c $(FT_LIBS) $(ARGOT_LIBC)
	@$(MKDIR_P) fs
	$(AM_V_CC)$(ARGOT_CC) $(FT_CFLAGS) -o $@ $(srcdir)/fs/fsbad.c $(FT_LIBS)

check_DATA += fs/fstest fs/fsbad
TESTS += fs/suite-fs
EXTRA_DIST += fs/suite-fs fs/README.md fs/fstest.c fs/ft.c fs/ft.h fs/fsbad.c
CLEANFILES += fs/fstest fs/fsbad fs/fs-initrd.tar

# libc/argot-cc.mk - how another Makefile.am builds a musl program for
# Argot.  Include it:
#     include $(top_srcdir)/libc/argot-cc.mk
# and build with a rule that depends on $(ARGOT_LIBC):
#     foo: foo.c $(ARGOT_LIBC)
#             $(ARGOT_CC) -O2 -o $@ $(srcdir)/foo.c
# (add --argot-first for a program the kernel starts as the first
# process).  For automake-built programs in a folder of your own, set
# CC = $(ARGOT_CC) there instead.  doc/toolchain.md has the details.

ARGOT_CC = $(abs_top_builddir)/libc/i686-argot-gcc
ARGOT_SYSROOT = $(abs_top_builddir)/libc/sysroot
ARGOT_LIBC = $(abs_top_builddir)/libc/libc.stamp

# musl, the crt and the personality: built by libc/ when missing
$(ARGOT_LIBC):
	cd $(abs_top_builddir)/libc && $(MAKE) $(AM_MAKEFLAGS) all

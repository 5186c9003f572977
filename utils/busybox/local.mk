# utils/busybox/local.mk - BusyBox, built with i686-argot-gcc from its
# Debian source package and staged as /bin/busybox, with a symlink for
# each configured applet (/bin/sh, /bin/awk...: stage-links, from
# BusyBox's busybox.links).  For utils/Makefile.am:
#     include $(top_srcdir)/libc/argot-cc.mk     (once per Makefile)
#     include $(srcdir)/busybox/local.mk
#     all-local: $(BUSYBOX_ALL)
# The build is out of tree in busybox/out/ of the build folder.

BUSYBOX_OUT = $(abs_builddir)/busybox/out
BUSYBOX_ALL = busybox-stage

$(BUSYBOX_OUT)/busybox: $(srcdir)/busybox/argot.config $(srcdir)/busybox/build $(ARGOT_LIBC)
	$(AM_V_GEN)$(srcdir)/busybox/build $(BUSYBOX_OUT) $(ARGOT_CC) \
		'$(ARGOT_SRC_CACHE)' '$(BUSYBOX_SRC)'

busybox-stage: $(BUSYBOX_OUT)/busybox
	$(AM_V_at)$(top_srcdir)/tools/stage $(abs_top_builddir)/stage \
		$(BUSYBOX_OUT)/busybox /bin/busybox
	$(AM_V_at)$(srcdir)/busybox/stage-links $(abs_top_builddir)/stage \
		$(BUSYBOX_OUT)/busybox.links

clean-busybox:
	rm -rf $(BUSYBOX_OUT)

EXTRA_DIST += busybox/argot.config busybox/build busybox/local.mk \
	busybox/stage-links
.PHONY: busybox-stage clean-busybox

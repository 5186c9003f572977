# libargot/server (see libargot/Makefile.am): the protocol client stubs
# and the server loop, in libargot.a.  No libc header is used, so the same
# objects link into freestanding servers (with libargot_rt.a) and into
# musl programs; memory and threads come from argot_hooks (server/rpc.h).
libargot_a_SOURCES += server/rpc.h server/call.c server/spec.c \
	server/srv.c server/stub_io.c server/stub_auth.c server/stub_proc.c \
	server/stub_exec.c server/stub_fs.c
libargot_a_SOURCES += server/spawn.h server/spawn.c server/strerror.c

# For freestanding programs on libargot_rt:
#   libargot_start.a   libargot's hooks served by rt (every such program)
#   libargot_xstart.a  the entry of programs loaded by exec (Linux-style
#                      stack, calls xmain): link it first and use
#                      -Wl,-e,argot_xentry -Wl,-u,argot_xentry.
noinst_LIBRARIES += libargot_start.a libargot_xstart.a
libargot_start_a_SOURCES = server/start/hooks.c server/start/start.h
libargot_start_a_CFLAGS = $(TARGET_CFLAGS) -I$(top_srcdir)/include \
	-I$(srcdir) -I$(srcdir)/rt
libargot_xstart_a_SOURCES = server/start/entry.S server/start/start.c
libargot_xstart_a_CFLAGS = $(libargot_start_a_CFLAGS)
libargot_xstart_a_CCASFLAGS = -m32

# libargot/server (see libargot/Makefile.am): the protocol client stubs
# and the server loop, in libargot.a.  No libc header is used, so the same
# objects link into freestanding servers (with libargot_rt.a) and into
# musl programs; memory and threads come from argot_hooks (server/rpc.h).
libargot_a_SOURCES += server/rpc.h server/call.c server/spec.c \
	server/srv.c server/stub_io.c server/stub_auth.c server/stub_proc.c \
	server/stub_exec.c server/stub_fs.c

# tests/harness (see tests/Makefile.am and harness/README.md): the shared
# QEMU drivers, and a self-test of the TAP conversion against a fake
# Multiboot kernel so the harness is known good before any real suite.
check_PROGRAMS += harness/fakekernel
harness_fakekernel_SOURCES = harness/fakekernel.c
harness_fakekernel_CFLAGS = -m32 -ffreestanding -fno-pie -fno-stack-protector -O2
harness_fakekernel_LDFLAGS = -m32 -nostdlib -static -no-pie \
	-Wl,--build-id=none -Wl,-Ttext=0x100000
TESTS += harness/selftest
EXTRA_DIST += harness/guest-tap harness/console.py harness/README.md \
	harness/selftest

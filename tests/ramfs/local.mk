# tests/ramfs: ramfs, hello, null/zero on the host and in Argot (see tests/Makefile.am)

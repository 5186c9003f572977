# tests/fs: suites of this component (see tests/Makefile.am)

# tests/tar: suites of this component (see tests/Makefile.am)

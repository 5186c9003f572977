# tests/posix: suites of this component (see tests/Makefile.am)

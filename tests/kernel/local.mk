# tests/kernel: suites of this component (see tests/Makefile.am)

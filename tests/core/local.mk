# tests/core: suites of this component (see tests/Makefile.am)

# tests/harness: suites of this component (see tests/Makefile.am)

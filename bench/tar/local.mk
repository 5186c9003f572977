# bench/tar (see bench/Makefile.am)

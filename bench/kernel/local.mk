# bench/kernel (see bench/Makefile.am)

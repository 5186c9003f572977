# libargot/rt (see libargot/Makefile.am)

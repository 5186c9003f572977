# libargot/server (see libargot/Makefile.am)

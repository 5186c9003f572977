# bench/tar (see bench/Makefile.am): argot-tarfs against archivemount on
# the same archive, under FUSE on the host.
BENCHES += tar/tarfs-vs-archivemount.sh
EXTRA_DIST += tar/tarfs-vs-archivemount.sh

#!/bin/sh
# bench/tar/tarfs-vs-archivemount.sh: the same archive through argot-tarfs
# and archivemount (Debian's): list a tree of 5,000 entries with stat,
# read every file, extract a 64 MiB file.  Prints seconds and the ratio
# argot-tarfs / archivemount for each (below 1: argot-tarfs is faster).
set -e
: "${top_builddir:=$(cd "$(dirname "$0")/../.." && pwd)}"
tarfs=$top_builddir/tools/fuse/argot-tarfs
[ -x "$tarfs" ] || { echo "bench/tar: $tarfs not built: skipped"; exit 0; }
command -v archivemount >/dev/null ||
	{ echo "bench/tar: archivemount not installed: skipped"; exit 0; }
[ -c /dev/fuse ] || { echo "bench/tar: no /dev/fuse: skipped"; exit 0; }
T=$(mktemp -d /tmp/tarbench.XXXXXX)
trap 'for m in "$T"/m-*; do fusermount3 -u "$m" 2>/dev/null || fusermount -u "$m" 2>/dev/null; done; rm -rf "$T"' EXIT

# 50 directories of 99 files (1-4 KiB) + 50 dirs = 5,000 entries, + big
mkdir -p "$T/src"
i=0
while [ $i -lt 50 ]; do
	mkdir "$T/src/d$i"
	j=0
	while [ $j -lt 99 ]; do
		head -c $((1024 + (j * 31) % 3072)) /dev/urandom > "$T/src/d$i/f$j"
		j=$((j + 1))
	done
	i=$((i + 1))
done
head -c 67108864 /dev/urandom > "$T/src/big"
tar -cf "$T/a.tar" -C "$T/src" .
echo "archive: $(find "$T/src" | wc -l) entries, $(du -m "$T/a.tar" | cut -f1) MiB"

now() { date +%s.%N; }
mounted() { grep -q " $1 fuse" /proc/self/mounts; }
wait_mount() { i=0; while ! mounted "$1" && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done; mounted "$1"; }

# run NAME: mounts with $MOUNT, times the three jobs into NAME.list etc.
run() {
	m=$T/m-$1; mkdir -p "$m"
	eval "$MOUNT"; wait_mount "$m"
	t0=$(now); ls -lR "$m" > "$T/$1.ls"; t1=$(now)
	find "$m" -type f ! -name big -exec cat {} + > /dev/null; t2=$(now)
	cp "$m/big" "$T/$1.big"; t3=$(now)
	cmp "$T/$1.big" "$T/src/big"; rm "$T/$1.big"
	fusermount3 -u "$m" 2>/dev/null || fusermount -u "$m"
	echo "$t1 - $t0" | bc > "$T/$1.list"
	echo "$t2 - $t1" | bc > "$T/$1.read"
	echo "$t3 - $t2" | bc > "$T/$1.big"
}
MOUNT='"$tarfs" "$T/a.tar" "$m" -r'; run argot
MOUNT='archivemount -o readonly "$T/a.tar" "$m"'; run archivemount
printf '%-28s %12s %12s %8s\n' job argot-tarfs archivemount ratio
for j in list read big; do
	case $j in list) what="ls -lR, 5000 entries";; read) what="read every file";;
		big) what="extract 64 MiB file";; esac
	a=$(cat "$T/argot.$j"); b=$(cat "$T/archivemount.$j")
	printf '%-28s %11.3fs %11.3fs %8.2f\n' "$what" "$a" "$b" \
		"$(echo "scale=4; $a / $b" | bc)"
done

#!/bin/sh
# tests/tar/fuse.sh: argot-tarfs on the host, checked against GNU tar.
# Archives of one tree in ustar, gnu, pax and pax+gzip are mounted and
# compared with `tar -x` of the same archive (diff -r, and find -printf of
# types, modes, sizes, mtimes, owners, link counts); changes made through
# the mount are mirrored on a real directory and must come back out of
# `tar -x` identical; permissions are checked as another uid; corrupt
# archives must mount with clear messages and never be rewritten.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tar/lib.sh"
T=$(mktemp -d /tmp/tarfs-test.XXXXXX)
chmod 755 "$T"		# other uids must reach the mounts
tarfs=$top_builddir/tools/fuse/argot-tarfs
PIDS=
cleanup() {
	for m in "$T"/m*; do
		grep -q " $m fuse" /proc/self/mounts && fusermount3 -u "$m"
	done
	for p in $PIDS; do wait "$p" 2>/dev/null; done
	rm -rf "$T"
}
trap cleanup EXIT

if [ ! -x "$tarfs" ]; then
	echo "1..1"; skip "argot-tarfs not built (configure found no libfuse3)"; exit 0
fi
if ! [ -c /dev/fuse ] || ! (exec 3<>/dev/fuse) 2>/dev/null ||
   ! command -v fusermount3 >/dev/null; then
	echo "1..1"; skip "/dev/fuse or fusermount3 unusable here"; exit 0
fi

mounted() { grep -q " $1 fuse" /proc/self/mounts; }
# mount_tar ARCHIVE MOUNTPOINT [ARGS]: foreground daemon in the background
mount_tar() {
	a=$1; m=$2; shift 2
	mkdir -p "$m"
	"$tarfs" "$a" "$m" -f "$@" 2>>"$T/tarfs.log" &
	pid=$!; PIDS="$PIDS $pid"
	i=0
	while [ $i -lt 100 ]; do
		mounted "$m" && return 0
		kill -0 $pid 2>/dev/null || return 1
		sleep 0.05; i=$((i + 1))
	done
	return 1
}
# unmount and wait for the write-back to finish
umount_tar() { fusermount3 -u "$1" && wait "$pid"; }
listing() { # types, modes, sizes, mtimes, owners; link counts of non-dirs
	(cd "$1" && find . -mindepth 1 -type d -printf '%p %y %m %T@ %U %G\n' &&
	 find . -mindepth 1 ! -type d -printf '%p %y %m %s %T@ %U %G %n %l\n') |
	LC_ALL=C sort
}

# ---- the tree every format archives ----
S=$T/src
mkdir -p "$S/dir/sub" "$S/empty" "$S/with space"
echo hello > "$S/hello.txt"
head -c 1048576 /dev/urandom > "$S/dir/random.bin"
seq 1 20000 > "$S/dir/sub/numbers"
printf '' > "$S/dir/zero"
echo s > "$S/with space/a b"
ln -s ../hello.txt "$S/dir/link"
ln -s /nonexistent/target "$S/dangling"
ln "$S/hello.txt" "$S/dir/hard"
chmod 600 "$S/dir/zero"; chmod 755 "$S/dir/sub/numbers"; chmod 1777 "$S/empty"
touch -h -d '2001-02-03 04:05:06' "$S/dir/link"
touch -d '1999-12-31 23:59:59' "$S/dir/sub/numbers"
touch -d '2020-01-01 00:00:00.5' "$S/hello.txt"
L=$(printf 'n%.0s' $(seq 1 120))		# long names: gnu and pax only
mkdir -p "$S.long/$L/$L"; echo deep > "$S.long/$L/$L/$L"
ln -s "$L/$L/$L" "$S.long/longlink$(printf 'k%.0s' $(seq 1 110))"

tar --format=ustar -cf "$T/ustar.tar" -C "$S" .
for f in gnu pax; do
	tar --format=$f -cf "$T/$f.tar" -C "$S" . -C "$S.long" .
done
tar --format=pax -czf "$T/gz.tar.gz" -C "$S" . -C "$S.long" .

# ---- 1. read: each format against tar -x ----
for f in ustar gnu pax gz; do
	a=$T/$f.tar; [ $f = gz ] && a=$T/gz.tar.gz
	mkdir "$T/x-$f"; tar -xf "$a" -C "$T/x-$f"
	cp "$a" "$T/orig-$f"
	if mount_tar "$a" "$T/m-$f"; then
		ok "$f: mounted"
		check "$f: diff -r with tar -x" diff -r --no-dereference "$T/x-$f" "$T/m-$f"
		listing "$T/x-$f" > "$T/l1"; listing "$T/m-$f" > "$T/l2"
		check "$f: types, modes, sizes, mtimes, owners, links" diff "$T/l1" "$T/l2"
		check "$f: unmounted with fusermount3 -u" umount_tar "$T/m-$f"
		check "$f: untouched archive not rewritten" cmp "$a" "$T/orig-$f"
	else
		not_ok "$f: mount failed"; sed 's/^/# /' "$T/tarfs.log" | tail -5
	fi
done

# ---- 2. write through the mount, mirrored on a real directory ----
changes() { # DIR: the same changes, on the mount or the mirror
	d=$1
	echo new > "$d/new file" && chmod 640 "$d/new file" &&
	mkdir "$d/newdir" && echo data > "$d/newdir/f" &&
	mv "$d/dir/sub/numbers" "$d/newdir/moved" &&
	rm "$d/with space/a b" && rmdir "$d/with space" &&
	echo more >> "$d/hello.txt" && truncate -s 1000 "$d/dir/random.bin" &&
	ln -s newdir/f "$d/newlink" && ln "$d/newdir/f" "$d/newhard" &&
	mv "$d/dir" "$d/newdir/dir2" && seq 1 1000 > "$d/newdir/dir2/zero" &&
	touch -d '2010-10-10 10:10:10' "$d/newdir/f"
}
for f in pax gz; do
	a=$T/$f.tar; [ $f = gz ] && a=$T/gz.tar.gz
	cp -a "$T/x-$f" "$T/mirror-$f"
	mount_tar "$a" "$T/m-w$f" || not_ok "$f: mount for writing"
	check "$f: changes through the mount" changes "$T/m-w$f"
	changes "$T/mirror-$f" >/dev/null 2>&1
	check "$f: mount shows the changes before write-back" \
		diff -r --no-dereference "$T/mirror-$f" "$T/m-w$f"
	check "$f: unmount writes back" umount_tar "$T/m-w$f"
	check "$f: tar -t reads the new archive" tar -tf "$a"
	check "$f: new names listed, removed ones gone" sh -c \
		"tar -tf '$a' > '$T/t' && grep -Eqx '(\./)?new file' '$T/t' && grep -Eqx '(\./)?newdir/dir2/' '$T/t' && ! grep -q 'with space' '$T/t'"
	mkdir "$T/y-$f"; tar -xf "$a" -C "$T/y-$f"
	check "$f: tar -x equals the mirror" diff -r --no-dereference "$T/mirror-$f" "$T/y-$f"
	check "$f: modes and link counts kept" sh -c "diff \
		\"\$(cd '$T/mirror-$f' && find . ! -type d -printf '%p %m %n\n' | sort)\" - >/dev/null 2>&1 <<X || true
X
		[ \"\$(cd '$T/mirror-$f' && find . -printf '%p %y %m %n\n' | grep -v ' d ' | LC_ALL=C sort)\" = \"\$(cd '$T/y-$f' && find . -printf '%p %y %m %n\n' | grep -v ' d ' | LC_ALL=C sort)\" ]"
	check "$f: explicit mtime survives" sh -c "[ \$(stat -c %Y '$T/y-$f/newdir/f') = \$(date -d '2010-10-10 10:10:10' +%s) ]"
done
check "gz: write-back is still gzip" gzip -t "$T/gz.tar.gz"
ls "$T" | grep -q '\.tar\.[A-Za-z0-9]\{6\}$' && not_ok "no temporary archive left" || ok "no temporary archive left"

# ---- 3. SIGTERM, background mode, --create ----
mount_tar "$T/new.tar" "$T/m-sig" --create || not_ok "--create mount"
echo "via sigterm" > "$T/m-sig/f"
kill -TERM $pid; wait $pid
check "SIGTERM unmounts" sh -c "! grep -q ' $T/m-sig fuse' /proc/self/mounts"
check "SIGTERM wrote the archive back" sh -c "tar -xOf '$T/new.tar' f | grep -qx 'via sigterm'"
mkdir -p "$T/m-bg"
check "background mode starts" "$tarfs" "$T/new.tar" "$T/m-bg"
check "background mount serves" grep -qx "via sigterm" "$T/m-bg/f"
fusermount3 -u "$T/m-bg"
check "background mount unmounted" sh -c "! grep -q ' $T/m-bg fuse' /proc/self/mounts"

# ---- 4. permissions as another uid ----
if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null; then
	skip "permission tests need root and setpriv"
else
	P=$T/perm; mkdir -p "$P/private" "$P/sticky" "$P/shared"
	echo s > "$P/secret"; chmod 600 "$P/secret"
	echo p > "$P/public"; chmod 644 "$P/public"
	echo g > "$P/group"; chown 0:100 "$P/group"; chmod 640 "$P/group"
	echo w > "$P/writable"; chmod 666 "$P/writable"
	echo in > "$P/private/f"; chmod 700 "$P/private"
	echo r > "$P/sticky/roots"; chmod 666 "$P/sticky/roots"
	echo b > "$P/sticky/bobs"; chown 1000:1000 "$P/sticky/bobs"
	chmod 1777 "$P/sticky"; chmod 777 "$P/shared"; echo r > "$P/shared/roots"
	tar -cf "$T/perm.tar" -C "$P" .
	mount_tar "$T/perm.tar" "$T/m-perm" || not_ok "mount for permissions"
	M=$T/m-perm
	cat "$M/private/f" >/dev/null	# root first: nothing may be cached
	bob() { setpriv --reuid=1000 --regid=1000 --clear-groups "$@"; }
	check "uid 1000 reads a 0644 file" bob cat "$M/public"
	check_fails "uid 1000 cannot read a 0600 root file" bob cat "$M/secret"
	check_fails "uid 1000 cannot list a 0700 directory" bob ls "$M/private"
	check_fails "uid 1000 cannot reach into it (after root did)" bob cat "$M/private/f"
	check_fails "uid 1000 without group 100 cannot read 0640" bob cat "$M/group"
	check "uid 1000 in group 100 reads 0640" setpriv --reuid=1000 --regid=1000 --groups=100 cat "$M/group"
	check_fails "uid 1000 cannot create in a 0755 root directory" bob sh -c "echo x > '$M/new'"
	check "uid 1000 writes a 0666 file" bob sh -c "echo x >> '$M/writable'"
	check_fails "uid 1000 cannot chmod root's file" bob chmod 777 "$M/public"
	check_fails "uid 1000 cannot truncate a 0644 file" bob truncate -s 0 "$M/public"
	check_fails "sticky: uid 1000 cannot remove root's file" bob rm -f "$M/sticky/roots"
	check "sticky: uid 1000 removes its own file" bob rm "$M/sticky/bobs"
	check "sticky: uid 1000 creates a file" bob sh -c "echo mine > '$M/sticky/mine'"
	check "new file owned by uid 1000" sh -c "[ \$(stat -c %u '$M/sticky/mine') = 1000 ]"
	check "0777 dir: uid 1000 removes root's file" bob rm -f "$M/shared/roots"
	check "uid 1000 chmods its own file" bob chmod 600 "$M/sticky/mine"
	check_fails "uid 1000 cannot chown" bob chown 0 "$M/sticky/mine"
	check "root reads everything" cat "$M/secret" "$M/private/f"
	umount_tar "$M"
	check "owners survive write-back" sh -c "tar -tvf '$T/perm.tar' | grep -q ' 1000/1000 .*sticky/mine'"
fi

# ---- 5. corrupt archives ----
cp "$T/ustar.tar" "$T/bad.tar"
# corrupt the checksum of the member "./with space/a b" (find its header)
off=$(grep -abo './with space/a b' "$T/bad.tar" | head -1 | cut -d: -f1)
printf 'X' | dd of="$T/bad.tar" bs=1 seek=$((off + 150)) conv=notrunc 2>/dev/null
cp "$T/bad.tar" "$T/bad.orig"
: > "$T/tarfs.log"
if mount_tar "$T/bad.tar" "$T/m-bad"; then
	ok "archive with a bad checksum still mounts"
	check "other members intact" cmp "$T/m-bad/dir/sub/numbers" "$S/dir/sub/numbers"
	check_fails "the bad member is absent" test -e "$T/m-bad/with space/a b"
	check "a clear message names the problem" grep -q "checksum" "$T/tarfs.log"
	check_fails "damaged archive is read-only" touch "$T/m-bad/newfile"
	umount_tar "$T/m-bad"
	check "damaged archive never rewritten" cmp "$T/bad.tar" "$T/bad.orig"
else
	not_ok "archive with a bad checksum mounts"
fi
head -c 30000 "$T/pax.tar" > "$T/trunc.tar"
: > "$T/tarfs.log"
if mount_tar "$T/trunc.tar" "$T/m-trunc"; then
	ok "truncated archive mounts"
	check "truncation reported" grep -q "truncated" "$T/tarfs.log"
	find "$T/m-trunc" -type f -exec cat {} + >/dev/null 2>&1
	check "every file readable, none past the end" sh -c "find '$T/m-trunc' -type f -exec cat {} + >/dev/null"
	umount_tar "$T/m-trunc"
else
	not_ok "truncated archive mounts"
fi
# ".." and absolute members, symlink loop
mkdir -p "$T/ev/in"; echo evil > "$T/ev/evil"; echo ok > "$T/ev/in/good"
ln -s loop2 "$T/ev/in/loop1"; ln -s loop1 "$T/ev/in/loop2"
(cd "$T/ev/in" && tar -P -cf "$T/evil.tar" good loop1 loop2 ../evil "$T/ev/evil")
: > "$T/tarfs.log"
if mount_tar "$T/evil.tar" "$T/m-evil"; then
	check "unsafe paths reported" grep -q "unsafe path" "$T/tarfs.log"
	check "only the safe members are there" sh -c "[ \"\$(ls '$T/m-evil' | tr '\n' ' ')\" = 'good loop1 loop2 ' ]"
	check_fails "a symlink loop fails cleanly" cat "$T/m-evil/loop1"
	check "with ELOOP" sh -c "cat '$T/m-evil/loop1' 2>&1 | grep -q 'Too many levels'"
	umount_tar "$T/m-evil"
else
	not_ok "archive with unsafe members mounts"
fi
printf 'not a tar archive at all, just text\n' > "$T/junk.tar"
check_fails "junk is refused or empty, without a crash" sh -c "'$tarfs' '$T/junk.tar' '$T/m-junk' -f & p=\$!; sleep 0.3; ls '$T/m-junk' | grep -q .; r=\$?; fusermount3 -u '$T/m-junk' 2>/dev/null; wait \$p; [ \$r = 0 ]"
head -c 5000 "$T/gz.tar.gz" > "$T/cut.tar.gz"
check_fails "truncated gzip is refused" "$tarfs" "$T/cut.tar.gz" "$T/m-junk" -f

echo "1..$n"
exit $failed

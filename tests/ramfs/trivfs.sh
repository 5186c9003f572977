#!/bin/sh
# tests/ramfs/trivfs.sh: argot-hello, argot-null and argot-zero mounted
# over files, plus what fsysopts and settrans reach in ramfs -- its options
# and its passive translator records -- through the extended attributes
# the FUSE backend maps them to (argot.options, gnu.translator).  tvopen
# (a test translator here) shows that libtrivfs calls the open() callback
# with the client's IDs and flags, and that its refusal reaches the client.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/ramfs/lib.sh"
OTHER=${PT_UID:-1000}
PLAN=30
echo "1..$PLAN"
why=$(fuse_unusable hello null zero ramfs)
[ -z "$why" ] && ! [ -x "$top_builddir/tests/ramfs/tvopen" ] &&
	why="tests/ramfs/tvopen not built"
if [ -n "$why" ]; then
	while [ $n -lt $PLAN ]; do skip "$why"; done; exit 0
fi

# xattr get|set|del PATH NAME [VALUE]: VALUE may hold \0 for NUL bytes.
xattr() {
	python3 - "$@" <<'PY'
import os, sys
op, path, name = sys.argv[1:4]
if op == "get":
    sys.stdout.write(os.getxattr(path, name).decode().replace("\0", "|"))
elif op == "set":
    os.setxattr(path, name, sys.argv[4].replace("\\0", "\0").encode())
else:
    os.removexattr(path, name)
PY
}
as_other() { setpriv --reuid="$OTHER" --regid="$OTHER" --clear-groups "$@"; }
have_other=; [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null && have_other=1
have_py=; command -v python3 >/dev/null && have_py=1

# ---- hello ----
touch "$T/m1" "$T/m2"
mount_tr hello "$T/m1" || not_ok "argot-hello mounts"
check "hello: cat shows the greeting" test "$(cat "$T/m1")" = "Hello, world!"
check "hello: the size is the greeting's" test "$(stat -c %s "$T/m1")" = 14
mount_tr hello "$T/m2" --contents=Bonjour || not_ok "argot-hello --contents mounts"
check "hello --contents=TEXT serves TEXT" test "$(cat "$T/m2")" = Bonjour
printf x | dd of="$T/m1" conv=notrunc status=none 2>"$T/err"
check "hello: a write is refused (EROFS)" grep -q "Read-only file system" "$T/err"
if [ -n "$have_other" ]; then
	as_other sh -c "printf x >>'$T/m1'" 2>"$T/err"
	check "hello: another user cannot open it for writing (EACCES)" \
		grep -q "Permission denied" "$T/err"
else skip "needs uid 0 and setpriv"; fi
echo x 2>"$T/err" >"$T/m1"
check "hello: truncating it (echo x > hello) is refused too (EROFS)" \
	grep -q "Read-only file system" "$T/err"
check "hello: the greeting is unchanged after the refused writes" \
	test "$(cat "$T/m1")" = "Hello, world!"
if [ -n "$have_py" ]; then
	xattr set "$T/m1" argot.options "--contents=Changed"
	check "hello: fsysopts --contents changes it while it runs" \
		test "$(cat "$T/m1")" = Changed
	check "hello: fsysopts reads the option back" \
		test "$(xattr get "$T/m1" argot.options)" = "--contents=Changed|"
	check_fails "hello: an unknown option is refused" \
		xattr set "$T/m1" argot.options "--bogus"
	check "hello: ... and leaves the greeting alone" \
		test "$(cat "$T/m1")" = Changed
	# options are an argz: NULs separate them, spaces belong to them
	xattr set "$T/m1" argot.options "--contents=Hello world"
	check "hello: an option without NULs is one argument, spaces kept" \
		test "$(cat "$T/m1")" = "Hello world"
	xattr set "$T/m1" argot.options '--contents=two  spaces\0'
	check "hello: NUL-separated options keep their spaces" \
		test "$(cat "$T/m1")" = "two  spaces"
else for i in 1 2 3 4 5 6; do skip "python3 missing"; done; fi

# ---- null and zero ----
touch "$T/m3" "$T/m4"
mount_tr null "$T/m3" || not_ok "argot-null mounts"
mount_tr zero "$T/m4" || not_ok "argot-zero mounts"
check "null: writes succeed (echo > null)" sh -c "echo data >'$T/m3'"
check "null: 1 MiB through dd is swallowed" \
	dd if=/dev/urandom of="$T/m3" bs=64k count=16 status=none
check "null: reads see end of file at once" test "$(wc -c <"$T/m3")" = 0
dd if="$T/m4" of="$T/zeros" bs=4k count=16 status=none 2>/dev/null
head -c 65536 /dev/zero >"$T/ref"
check "zero: dd reads 64 KiB of zeros (size 0 is no limit: direct_io)" \
	cmp "$T/zeros" "$T/ref"
check "zero: writes succeed" dd if=/dev/urandom of="$T/m4" bs=4k count=4 status=none

# ---- ramfs: options and passive translator records ----
mkdir "$T/m5" "$T/m6"
mount_tr ramfs "$T/m5" --size=8M || not_ok "argot-ramfs mounts"
check_fails "ramfs: a bad option at start is refused" \
	"$FUSEDIR/argot-ramfs" "$T/m6" -f --size=lots
mount_tr ramfs "$T/m6" --mode=750 || not_ok "argot-ramfs --mode mounts"
check "ramfs --mode=750 sets the root's mode" test "$(stat -c %a "$T/m6")" = 750
if [ -n "$have_py" ]; then
	check "ramfs: fsysopts shows --size and --mode" \
		test "$(xattr get "$T/m5" argot.options)" = "--size=8388608|--mode=1777|"
	xattr set "$T/m5" argot.options "--size=16M"
	check "ramfs: fsysopts --size=16M grows the filesystem" \
		test "$(stat -f -c '%b %S' "$T/m5")" = "4096 4096"
	head -c 2097152 /dev/zero >"$T/m5/two-megs"
	check_fails "ramfs: shrinking below what is stored is refused" \
		xattr set "$T/m5" argot.options "--size=1M"
	echo x >"$T/m5/node"
	xattr set "$T/m5/node" gnu.translator '/hurd/hello\0--contents=hi\0'
	check "ramfs: a passive translator record is stored and read back" \
		test "$(xattr get "$T/m5/node" gnu.translator)" = "/hurd/hello|--contents=hi|"
	if [ -n "$have_other" ]; then
		chmod 666 "$T/m5/node"
		check_fails "ramfs: a non-owner cannot set the record" as_other \
			python3 -c "import os; os.setxattr('$T/m5/node', 'gnu.translator', b'/hurd/null\0')"
	else skip "needs uid 0 and setpriv"; fi
	xattr del "$T/m5/node" gnu.translator
	check_fails "ramfs: removing the record leaves none" \
		xattr get "$T/m5/node" gnu.translator
else for i in 1 2 3 4 5 6; do skip "python3 missing"; done; fi
# ---- open() reaches a trivfs translator ----
touch "$T/m7"
TV=$top_builddir/tests/ramfs/tvopen
"$TV" "$T/m7" -f 2>>"$T/log" & PIDS="$PIDS $!"
i=0; while ! mounted "$T/m7" && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
check "trivfs open(): called with uid 0 and O_RDONLY" \
	test "$(cat "$T/m7")" = "uid 0 rdonly"
check "trivfs open(): O_RDWR is passed on" \
	test "$(cat 0<>"$T/m7")" = "uid 0 rdwr"
if [ -n "$have_other" ]; then
	check "trivfs open(): another user's uid is passed on" \
		test "$(as_other cat "$T/m7")" = "uid $OTHER rdonly"
else skip "needs uid 0 and setpriv"; fi
echo x 2>"$T/err" >>"$T/m7"
check "trivfs open(): its refusal (EBUSY for O_APPEND) reaches the client" \
	grep -q "busy" "$T/err"
[ $n -eq $PLAN ] || echo "# ran $n tests, planned $PLAN"
exit $failed

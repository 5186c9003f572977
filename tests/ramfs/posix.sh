#!/bin/sh
# tests/ramfs/posix.sh: the portable POSIX test (posix-test) against
# argot-ramfs --size=8M mounted through FUSE.  Its TAP is passed through,
# plus one last line: the translator is still serving afterwards.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/ramfs/lib.sh"
PT=$top_builddir/tests/ramfs/posix-test

why=$(fuse_unusable ramfs)
[ -x "$PT" ] || why="tests/ramfs/posix-test not built"
if [ -n "$why" ]; then
	echo "1..1"; skip "$why"; exit 0
fi
mkdir "$T/m"
if ! mount_tr ramfs "$T/m" --size=8M; then
	echo "1..1"; not_ok "argot-ramfs mounts"; sed 's/^/# /' "$T/log"
	exit 1
fi
"$PT" "$T/m" >"$T/tap"
status=$?
grep -v '^1\.\.' "$T/tap"
n=$(grep -c '^\(not \)\{0,1\}ok ' "$T/tap")
grep -q '^1\.\.' "$T/tap" || { echo "not ok $((n + 1)) - posix-test finished (exit $status)"; n=$((n + 1)); }
if mounted "$T/m" && [ -z "$(ls -A "$T/m")" ] && echo alive >"$T/m/x" &&
   [ "$(cat "$T/m/x")" = alive ]; then
	echo "ok $((n + 1)) - argot-ramfs still serves, and the suite left nothing"
else
	echo "not ok $((n + 1)) - argot-ramfs still serves, and the suite left nothing"
	sed 's/^/# /' "$T/log"
fi
echo "1..$((n + 1))"

# tests/ramfs/lib.sh: shared by posix.sh and trivfs.sh (sourced).
# Mounts argot-* translators through FUSE in a private temp dir, and
# decides once whether FUSE can be used here at all.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
FUSEDIR=${FUSEDIR:-$top_builddir/tools/fuse}	# override: a sanitizer build
T=$(mktemp -d /tmp/ramfs-test.XXXXXX)
chmod 755 "$T"			# other uids must reach the mounts
PIDS=
cleanup() {
	for m in "$T"/m*; do
		grep -q " $m fuse" /proc/self/mounts 2>/dev/null &&
			fusermount3 -u "$m"
	done
	for p in $PIDS; do wait "$p" 2>/dev/null; done
	rm -rf "$T"
}
trap cleanup EXIT

# fuse_unusable: prints why FUSE cannot be used, or nothing.
fuse_unusable() {
	for t in "$@"; do
		[ -x "$FUSEDIR/argot-$t" ] ||
			{ echo "argot-$t not built (no libfuse3?)"; return; }
	done
	if ! [ -c /dev/fuse ] || ! (exec 3<>/dev/fuse) 2>/dev/null; then
		echo "/dev/fuse unusable here"; return
	fi
	command -v fusermount3 >/dev/null || echo "fusermount3 missing"
}

mounted() { grep -q " $1 fuse" /proc/self/mounts; }

# mount_tr NAME MOUNTPOINT [ARGS]: the translator in the foreground, in the
# background; waits until the mount appears (5 s at most).
mount_tr() {
	name=$1; mp=$2; shift 2
	"$FUSEDIR/argot-$name" "$mp" -f "$@" 2>>"$T/log" &
	pid=$!; PIDS="$PIDS $pid"
	i=0
	while [ $i -lt 100 ]; do
		mounted "$mp" && return 0
		kill -0 $pid 2>/dev/null || return 1
		sleep 0.05; i=$((i + 1))
	done
	return 1
}

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $*"; failed=1; }
skip() { n=$((n + 1)); echo "ok $n # SKIP $*"; }
# check NAME COMMAND...: ok if the command succeeds
check() {
	name=$1; shift
	if "$@" >"$T/out" 2>&1; then ok "$name"; else
		not_ok "$name"; sed 's/^/# /' "$T/out" | head -20; fi
}
# check_fails NAME COMMAND...: ok if the command fails
check_fails() {
	name=$1; shift
	if "$@" >"$T/out" 2>&1; then not_ok "$name (it succeeded)"; else
		ok "$name"; fi
}

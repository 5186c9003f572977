# tests/tar/lib.sh: TAP helpers for the shell suites (sourced).
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $*"; failed=1; }
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
skip() { n=$((n + 1)); echo "ok $n # SKIP $*"; }
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"

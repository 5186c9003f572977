#!/bin/sh
# tests/tar/fuzz.sh: build a seed archive with GNU tar (pax long names,
# GNU long links, symlinks, hard links) and run the ASan fuzz driver on it.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tar/lib.sh"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fuzz=$top_builddir/tests/tar/fuzz
[ -x "$fuzz" ] || { echo "1..0 # SKIP $fuzz not built"; exit 0; }
mkdir -p "$T/src/d/sub"
long=$(printf 'L%.0s' $(seq 1 130))
echo one > "$T/src/a"; seq 1 300 > "$T/src/d/b"; echo deep > "$T/src/d/sub/$long"
ln -s ../a "$T/src/d/s"; ln "$T/src/a" "$T/src/d/hard"; mkdir "$T/src/$long"
tar --format=pax -cf "$T/seed.tar" -C "$T/src" .
tar --format=gnu -rf "$T/seed.tar" -C "$T/src" d "$long"  # GNU members too
cd "$T" && ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
	"$fuzz" "$T/seed.tar" "${FUZZ_COUNT:-3000}" "${FUZZ_SECONDS:-40}" \
	"${FUZZ_SEED:-$$}" 2>"$T/log"
st=$?
[ $st = 0 ] || { echo "# fuzz driver exit $st; last messages:"; tail -30 "$T/log" | sed 's/^/# /'; echo "not ok 3 - fuzz driver exited with $st"; exit 1; }
echo "# $(wc -l < "$T/log") messages about corrupt members (seed ${FUZZ_SEED:-$$})"

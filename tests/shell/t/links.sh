# ln, ln -s, chmod, chown, touch -d: calls on names the personality may
# still lack.  A call that says ENOSYS is a SKIP naming it (the runner
# takes a "SKIP:" line as the result); any other failure fails.
d=${TMPDIR:-/tmp}/links.$$
mkdir "$d" && cd "$d" || exit 1
echo data > f
try() {   # try CALL COMMAND...: run it; ENOSYS -> SKIP line and stop
	call=$1; shift
	if ! "$@" 2>err; then
		if grep -q 'Function not implemented' err; then
			echo "SKIP: $call is ENOSYS in the personality ($*: $(cat err))"
			cd / && rm -rf "$d"
			exit 0
		fi
		cat err; exit 1
	fi
}
try 'link(2)' ln f hard
echo "hard: $(cat hard)"
try 'symlink(2)' ln -s f soft
echo "soft -> $(readlink soft): $(cat soft)"
try 'chmod(2)' chmod 640 f
stat -c '%a %n' f
try 'chown(2)' chown 1000:1000 f
stat -c '%u %g %n' f
try 'utimensat(2)' touch new
stat -c '%s %F %n' new
try 'utimensat(2)' touch -d '2001-02-03 04:05:06' f
date -r f '+%Y-%m-%d'
cd / && rm -rf "$d"

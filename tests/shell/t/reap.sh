# Every member of a pipeline is reaped: with SIGCHLD's handler installed
# (ash's), a status lost in wait4 left jobs "Running" for ever and made a
# later bare `wait` hang (personality: PROC_WAIT must not be aborted).
i=0
while [ $i -lt 10 ]; do ls / | sort | head -1 > "${TMPDIR:-/tmp}/reap.$$"; i=$((i+1)); done
jobs
echo "jobs listed above: none"
sleep 1 &
wait
echo "wait $?"
rm -f "${TMPDIR:-/tmp}/reap.$$"

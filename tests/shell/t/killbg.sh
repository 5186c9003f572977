# kill ends a background job: wait reports it killed by SIGTERM (128+15),
# and well before sleep 100 would end (the test's own timeout is 30 s)
sleep 100 &
p=$!
kill $p
wait $p
echo "TERM $?"
sleep 100 &
p=$!
kill -9 $p
wait $p
echo "KILL $?"
kill $p 2>"${TMPDIR:-/tmp}/killbg.$$"
echo "again $?"
rm -f "${TMPDIR:-/tmp}/killbg.$$"

# a background job and wait: bare wait, wait for one pid and its status
sleep 1 &
wait
echo "wait $?"
sh -c 'sleep 1; exit 5' &
p=$!
wait $p
echo "wait pid $?"
( sleep 1; echo "from the job" ) &
wait
echo "after job"

# 200 children forked, exec'd and waited for, one after another
i=0
while [ $i -lt 200 ]; do /bin/true; i=$((i+1)); done
echo "loop $i"
i=0 bad=0
while [ $i -lt 20 ]; do sh -c "exit $i"; [ $? -eq $i ] || bad=$((bad+1)); i=$((i+1)); done
echo "statuses wrong: $bad"

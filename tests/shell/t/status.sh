# exit statuses as $? sees them
false; echo "false $?"
true; echo "true $?"
/bin/false; echo "/bin/false $?"
(exit 3); echo "subshell $?"
sh -c 'exit 7'; echo "sh -c $?"
e=${TMPDIR:-/tmp}/status.$$
no-such-command-here 2>"$e"; echo "missing $?"; rm -f "$e"
! true; echo "not $?"
false | true; echo "pipeline $?"
sh -c 'kill -TERM $$'; echo "killed $?"
test 1 -lt 2 && echo "and-list ok"
false || echo "or-list ok"

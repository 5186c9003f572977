# ls / | sort | head: three processes and two pipes; what it prints must
# be the first names of / as the shell's own glob sorts them
a=$(ls / | sort | head -3)
b=$(for f in /*; do echo "${f#/}"; done | head -3)
[ -n "$a" ] && [ "$a" = "$b" ] || { echo "ls|sort|head gave '$a', glob '$b'"; exit 1; }
echo "first three names agree"
printf 'pear\napple\npear\nfig\n' | sort | uniq -c | sort -rn | head -2

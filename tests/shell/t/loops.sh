# for and while loops, break, continue, arithmetic, case
for i in 1 2 3; do echo "for $i"; done
i=0
while [ $i -lt 5 ]; do
	i=$((i + 1))
	[ $i -eq 2 ] && continue
	[ $i -eq 4 ] && break
	echo "while $i"
done
n=0
until [ $n -ge 3 ]; do n=$((n + 1)); done
echo "until $n"
for w in apple banana cherry; do
	case $w in a*) echo "A: $w";; *an*) echo "AN: $w";; *) echo "other: $w";; esac
done
printf '3\n1\n2\n' | while read -r v; do echo "read $v"; done

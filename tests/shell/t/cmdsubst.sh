# command substitution: $(), ``, nested, trailing newlines removed, status
x=$(echo inner)
echo "got $x"
y=`echo back`
echo "got $y"
echo "nested $(echo $(echo deep))"
n=$(printf 'a\n\n\n')
echo "[$n]"
z=$(exit 4)
echo "status $?"
echo "count $(printf '1\n2\n3\n' | wc -l)"

# >, >>, <, 2>&1, 2>, and a descriptor kept across commands
d=${TMPDIR:-/tmp}/redir.$$
mkdir "$d" || exit 1
echo one > "$d/f"
echo two >> "$d/f"
cat < "$d/f"
ls "$d/nonexistent" > "$d/out" 2>&1
echo "ls status $?"
grep -c nonexistent "$d/out"
ls "$d/nonexistent" 2> "$d/err" > "$d/null"
wc -l < "$d/err"
exec 3> "$d/fd3"
echo via fd3 >&3
exec 3>&-
cat "$d/fd3"
{ echo a; echo b >&2; } > "$d/both" 2>&1
cat "$d/both"
rm -r "$d"

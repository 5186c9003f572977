# file utilities on files of our own under $TMPDIR (a ramfs on Argot);
# touch, chmod, chown, cp -p and tar -x as root change attributes by name
d=${TMPDIR:-/tmp}/files.$$
mkdir -p "$d/a/b" && cd "$d" || exit 1
printf 'red 3\nblue 1\ngreen 2\nblue 1\n' > a/colours
cp a/colours a/b/copy && cmp a/colours a/b/copy && echo "cp same"
mv a/b/copy a/b/moved && [ ! -e a/b/copy ] && echo "mv gone"
find . -name '*o*' | sort
find . -type d | sort
grep -n blue a/colours
grep -c -v blue a/colours
sed -e 's/blue/BLUE/' -e '/green/d' a/colours
awk '{ s += $2 } END { print "sum", s, NR }' a/colours
sort -k2n a/colours | uniq
sort a/colours | uniq -d
wc -l -w -c < a/colours
cut -d' ' -f1 a/colours | tr a-z A-Z | tee a/upper | head -1
dd if=a/colours of=a/dd bs=4 count=2 2> dd.err && cat a/dd && echo
tar -cf t.tar a && rm -r a && tar -xof t.tar && head -1 a/b/moved
tar -tf t.tar | sort
gzip -c a/colours > c.gz && gzip -dc c.gz | cmp - a/colours && echo "gzip round trip"
gzip a/colours && [ -f a/colours.gz ] && gunzip a/colours.gz && wc -l < a/colours
touch a/stamp && chmod 751 a/stamp && chown 2:3 a/stamp && stat -c '%a %u %g %s' a/stamp
chmod go-x,u-w a/stamp && stat -c '%a' a/stamp
touch -d '2010-01-02 03:04:05' a/colours && cp -p a/colours a/kept &&
	stat -c '%a %Y %n' a/colours a/kept
tar -cf own.tar a/stamp && rm a/stamp && tar -xf own.tar && stat -c '%u %g %a' a/stamp
mkdir e && rmdir e && echo "rmdir ok"
cd / && rm -rf "$d" && [ ! -e "$d" ] && echo "rm -r ok"

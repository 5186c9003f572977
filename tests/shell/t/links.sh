# ln, ln -s, chmod, chown, touch, mv: the calls on names BusyBox needs
# (link, symlink, chmod, chown/lchown, utimensat, rename), each checked
# by what stat, readlink and ls then say.
d=${TMPDIR:-/tmp}/links.$$
mkdir "$d" && cd "$d" || exit 1
echo data > f
ln f hard || exit 1
echo "hard: $(cat hard) links $(stat -c %h f)"
[ "$(stat -c %i f)" = "$(stat -c %i hard)" ] && echo "same inode"
ln f hard 2>/dev/null || echo "ln onto an existing name fails"
ln -s f soft || exit 1
echo "soft -> $(readlink soft): $(cat soft) $(stat -c %F soft)"
ln -s nowhere dangling && [ -L dangling ] && [ ! -e dangling ] && echo "dangling"
ln -sf hard soft && echo "soft -> $(readlink soft)"
ln -s f soft 2>/dev/null || echo "ln -s onto an existing name fails"
mkdir sub && ln -s ../f sub/up && echo "sub/up: $(cat sub/up)"
chmod 640 f && stat -c '%a %n' f hard
chmod u+x,g-r f && stat -c '%a %n' f
chmod 600 soft && stat -c '%a %n' f
chown 1000:1000 f && stat -c '%u %g %n' f
chown -h 1001:1002 soft && stat -c '%u %g %n' soft f
chown :1003 f && stat -c '%u %g %n' f
touch new && stat -c '%s %F %n' new
touch -d '2001-02-03 04:05:06' f && date -r f '+%Y-%m-%d %H:%M:%S'
touch -c nosuch && [ ! -e nosuch ] && echo "touch -c made nothing"
touch f && [ "$(date -r f +%Y)" != 2001 ] && echo "touch made it now"
mv f sub/ && [ ! -e f ] && echo "mv into sub: $(cat sub/f) $(stat -c %h sub/f)"
mv sub/f sub/g && mv sub/g . && echo "mv back: $(cat g)"
rm hard && stat -c '%h %n' g
cd / && rm -rf "$d" && [ ! -e "$d" ] && echo "rm -r ok"

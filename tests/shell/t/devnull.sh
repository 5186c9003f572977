# /dev/null and /dev/zero, served by bootstrap's /dev
echo gone > /dev/null && echo "write to /dev/null"
ls -l / > /dev/null 2>&1 && echo "redirect into /dev/null"
echo "$(wc -c < /dev/null) bytes from /dev/null"
cat /dev/null | wc -l
head -c 16 /dev/zero | tr '\0' 0 && echo
head -c 5000 /dev/zero | wc -c
[ -c /dev/null ] && [ -c /dev/zero ] && echo "character devices"
sleep 0 & wait $! && echo "background job (stdin from /dev/null)"

/* posix-limit.c: filling the filesystem.  A full filesystem must say
 * ENOSPC (never crash or corrupt), recover when space is freed, and not
 * count holes.  Skipped when the free space is too big to fill quickly
 * (run the test on a ramfs started with --size=4M or so). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include "posix.h"

#define MAX_FILL (64ull << 20)

/* Writes until an error; returns the errno that stopped it (0: none). */
static int fill(const char *path, unsigned long long max, off_t *written)
{
	static char buf[65536];
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644), err = 0;
	ssize_t n;

	*written = 0;
	if (fd < 0)
		return errno;
	memset(buf, 'f', sizeof buf);
	while ((unsigned long long)*written < max) {
		if ((n = write(fd, buf, sizeof buf)) < 0) {
			err = errno;
			break;
		}
		*written += n;
	}
	close(fd);
	return err;
}

void test_limit(void)
{
	const char *names[] = { "filling ENOSPC at the limit",
		"the partial file reads back what was written",
		"new names at the limit: ENOSPC, not a crash",
		"after unlink the filesystem works again",
		"holes do not count against the limit" };
	unsigned long long room;
	struct statvfs sv;
	struct stat st;
	off_t written;
	int err, i;

	if (call_missing("statvfs")) {
		for (i = 0; i < 5; i++)
			skip("statvfs: not implemented here (ENOSYS)", "%s",
			     names[i]);
		return;
	}
	if (statvfs(P("."), &sv) != 0 || sv.f_blocks == 0 ||
	    (room = (unsigned long long)sv.f_bavail * sv.f_frsize) > MAX_FILL) {
		for (i = 0; i < 5; i++)
			skip("free space unknown or above 64 MiB", "%s", names[i]);
		return;
	}
	err = fill(P("full"), room + (8u << 20), &written);
	ok(err == ENOSPC, "%s (%lld bytes written of %llu free)", names[0],
	   (long long)written, room);
	ok(stat(P("full"), &st) == 0 && st.st_size == written, "%s", names[1]);
	for (i = 0, err = 0; i < 100000 && !err; i++)
		err = mkdir(P("d%d", i), 0755) ? errno : 0;
	ok(err == ENOSPC, "%s (after %d)", names[2], i);
	while (--i >= 0)
		rmdir(P("d%d", i));
	ok(unlink(P("full")) == 0 && put(P("after"), "works") == 0 &&
	   fill(P("again"), 1 << 20, &written) == 0, "%s", names[3]);
	unlink(P("again"));
	unlink(P("after"));
	uses("truncate");
	ok(put(P("holey"), "") == 0 &&
	   truncate(P("holey"), (off_t)(room * 4)) == 0 &&
	   stat(P("holey"), &st) == 0 && st.st_size == (off_t)(room * 4),
	   "%s", names[4]);
	unlink(P("holey"));
}

/* px.c: what the backend needs from the POSIX personality, in one place.
 *
 * The startup block comes from the auxiliary vector (startup.h), which
 * musl keeps.  An io handle for a path has no public call yet: we open()
 * the path and take a copy of the handle with the personality's
 * px_fd_copy (libc/personality/fd.c), then close the descriptor.  When
 * libc offers a public equivalent (the Hurd's file_name_lookup), only
 * this file changes. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <stdlib.h>
#include "server/rpc.h"
#include "tstart.h"

int px_fd_copy(int fd, int *h);	/* libc/personality, not yet public */

const struct argot_startup *tstart_startup(void)
{
	const struct argot_startup *s =
	    (const void *)getauxval(AT_ARGOT_STARTUP);

	return s && s->magic == ARGOT_STARTUP_MAGIC ? s : NULL;
}

int tstart_open(const char *path, uint32_t flags, int *h)
{
	int fd = open(path, (int)flags), r;

	if (fd < 0)
		return -errno;
	r = px_fd_copy(fd, h);
	close(fd);
	return r;
}

const struct argot_startup *tstart_init(void)
{
	const struct argot_startup *s = tstart_startup();

	argot_hooks.alloc = malloc;
	argot_hooks.free = free;
	if (s)
		argot_hooks.kernel = s->kernel;
	return s;
}

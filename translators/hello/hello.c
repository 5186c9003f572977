/* hello.c: /hurd/hello -- a read-only file holding a greeting.
 *
 *   settrans -a greeting /hurd/hello --contents='Hi there'; cat greeting
 *   fsysopts greeting --contents='Bye'
 *
 * The example translator of the docs: libtrivfs checks permissions, keeps
 * file pointers and answers select, so we only say what the file holds. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "trivfs.h"

static char *contents;			/* the greeting; never NULL */
static struct trivfs_time changed;	/* when it last changed */

static int hello_stat(struct trivfs_stat *st)
{
	st->mode = S_IFREG | 0444;	/* writes are refused anyway */
	st->size = strlen(contents);
	if (changed.sec)
		st->mtime = st->ctime = changed;
	return 0;
}

static int hello_read(uint64_t off, void *buf, size_t *len)
{
	size_t size = strlen(contents);

	if (off >= size) {
		*len = 0;		/* end of file */
		return 0;
	}
	if (*len > size - off)
		*len = size - off;
	memcpy(buf, contents + off, *len);
	return 0;
}

/* Options come from the command line and from fsysopts.  They are checked
 * before anything changes, so a bad request leaves the greeting alone. */
static int hello_set_options(int argc, char **argv)
{
	const char *text = NULL;
	struct timespec now;
	char *copy;

	for (int i = 0; i < argc; i++) {
		if (strncmp(argv[i], "--contents=", 11) != 0)
			return EINVAL;
		text = argv[i] + 11;
	}
	if (!text)
		return 0;
	if (!(copy = strdup(text)))
		return ENOMEM;
	free(contents);
	contents = copy;
	clock_gettime(CLOCK_REALTIME, &now);
	changed.sec = now.tv_sec;
	changed.nsec = (uint32_t)now.tv_nsec;
	return 0;
}

static int hello_get_options(struct trivfs_argz *z)
{
	char *arg = malloc(strlen(contents) + 12);
	int err = ENOMEM;

	if (arg) {
		sprintf(arg, "--contents=%s", contents);
		err = trivfs_argz_add(z, arg);
		free(arg);
	}
	return err;
}

static const struct trivfs_ops hello_ops = {
	.name = "hello",
	.stat = hello_stat,
	.read = hello_read,		/* no write: the library says EROFS */
	.get_options = hello_get_options,
	.set_options = hello_set_options,
};

int main(int argc, char **argv)
{
	trivfs_init(&argc, argv);
	contents = strdup("Hello, world!\n");
	if (!contents || hello_set_options(argc - 1, argv + 1) != 0) {
		fprintf(stderr, "usage: %s [--contents=TEXT]\n", argv[0]);
		return 2;
	}
	return trivfs_serve(&hello_ops);
}

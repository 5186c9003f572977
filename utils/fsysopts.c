/* fsysopts: show or change the options of a running translator.
 *
 *   fsysopts NODE            prints its options
 *   fsysopts NODE OPTS...    asks it to change them (e.g. --contents=hi)
 *
 * The control handle comes from the filesystem holding NODE, which gives
 * it to the node's owner (or uid 0) only. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <argot/io.h>
#include <argot/file.h>
#include <argot/fsys.h>
#include "argot/tstart.h"
#include "kcall.h"

#define O_NOTRANS ARGOT_O_NOTRANS /* the node itself (include/argot/io.h) */

static int fail(const char *what, int err)
{
	fprintf(stderr, "fsysopts: %s: %s\n", what, strerror(-err));
	return 1;
}

int main(int argc, char **argv)
{
	char buf[8192];
	int h, control, r;
	uint32_t len = 0;

	if (argc < 2 || !tstart_init()) {
		fprintf(stderr, "usage: fsysopts NODE [OPTIONS...]\n");
		return 2;
	}
	if ((r = tstart_open(argv[1], O_PATH | O_NOTRANS, &h)) < 0)
		return fail(argv[1], r);
	r = file_get_translator_cntl(h, &control, 10000);
	argot_close(h);
	if (r < 0)
		return fail(argv[1], r);
	if (argc == 2) {
		if ((r = fsys_get_options(control, buf, sizeof buf - 1, 10000)) < 0)
			return fail(argv[1], r);
		for (int i = 0; i < r; i++)
			if (!buf[i])
				buf[i] = i == r - 1 ? 0 : ' ';
		buf[r] = 0;
		printf("%s\n", buf);
		return 0;
	}
	for (int i = 2; i < argc; i++) {
		size_t n = strlen(argv[i]) + 1;
		if (len + n > sizeof buf)
			return fail("options", -E2BIG);
		memcpy(buf + len, argv[i], n);
		len += (uint32_t)n;
	}
	if ((r = fsys_set_options(control, buf, len, 0, 10000)) < 0)
		return fail(argv[1], r);
	return 0;
}

/* showtrans: print the passive translator record of nodes.
 *
 *   showtrans [-p|-P] [-s] [-t] NODE...
 *
 * -p always prefixes "NODE: ", -P never (default: when more than one
 * node); -s prints nothing (the exit status says it all); -t shows only
 * nodes that have a record.  Exit status 0 if every node could be read
 * (and, with -s or -t, had a record), else 1. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <argot/io.h>
#include <argot/file.h>
#include "argot/tstart.h"
#include "kcall.h"

#define O_NOTRANS ARGOT_O_NOTRANS /* the node itself (include/argot/io.h) */

static int show(const char *node, int prefix, int silent, int only)
{
	char rec[4096];
	int h, n;

	if ((n = tstart_open(node, O_PATH | O_NOTRANS, &h)) < 0) {
		fprintf(stderr, "showtrans: %s: %s\n", node, strerror(-n));
		return 1;
	}
	n = file_get_translator(h, rec, sizeof rec - 1, 10000);
	argot_close(h);
	if (n < 0) {
		fprintf(stderr, "showtrans: %s: %s\n", node, strerror(-n));
		return 1;
	}
	if (silent || (only && !n))
		return (silent || only) && !n;
	for (int i = 0; i < n - 1; i++)	/* the argz as a command line */
		if (!rec[i])
			rec[i] = ' ';
	rec[n > 0 ? n - 1 : 0] = 0;
	printf("%s%s%s\n", prefix ? node : "", prefix ? ": " : "", rec);
	return 0;
}

int main(int argc, char **argv)
{
	int c, prefix = -1, silent = 0, only = 0, status = 0;

	while ((c = getopt(argc, argv, "pPst")) != -1) {
		switch (c) {
		case 'p': prefix = 1; break;
		case 'P': prefix = 0; break;
		case 's': silent = 1; break;
		case 't': only = 1; break;
		default:
			fprintf(stderr, "usage: showtrans [-p|-P] [-s] [-t] "
			        "NODE...\n");
			return 2;
		}
	}
	if (optind >= argc || !tstart_init()) {
		fprintf(stderr, "usage: showtrans [-p|-P] [-s] [-t] NODE...\n");
		return 2;
	}
	if (prefix < 0)
		prefix = argc - optind > 1;
	for (int i = optind; i < argc; i++)
		status |= show(argv[i], prefix, silent, only);
	return status;
}

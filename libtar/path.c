/* path.c: cleaning member names.  A tar member name is untrusted: an
 * absolute path or a ".." component would let an archive name files
 * outside itself, so such members are refused rather than rewritten. */
#include "tar.h"

/* In place: drop empty and "." components and the trailing slash; refuse
 * a leading "/" and any "..".  "./" or "." alone becomes "" (the root). */
int tar_clean_path(char *path)
{
	char *r = path, *w = path;

	if (*path == '/')
		return TAR_EPATH;
	while (*r) {
		char *start = r;
		size_t n;

		while (*r && *r != '/')
			r++;
		n = (size_t)(r - start);
		if (n == 2 && start[0] == '.' && start[1] == '.')
			return TAR_EPATH;
		if (n && !(n == 1 && start[0] == '.')) {
			if (w != path)
				*w++ = '/';
			for (size_t i = 0; i < n; i++)
				*w++ = start[i];
		}
		while (*r == '/')
			r++;
	}
	*w = 0;
	return 0;
}

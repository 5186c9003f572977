/*
 * libc/personality/path.c - walking a path across servers.  DIR_LOOKUP
 * goes as far as one server can and answers with a retry (dir.h): go on
 * with the rest of the name at a new handle (NORMAL), the same after
 * reauthenticating that handle to its server (REAUTH: we crossed into a
 * server that must not take the previous one's word for who we are), or
 * a name for us to interpret (MAGICAL: "/rest" for an absolute symlink,
 * "fd/N", "tty").  The client, not the servers, walks across them.
 */
#include <string.h>
#include <argot/dir.h>
#include <argot/io.h>
#include <argot/auth.h>
#include "px.h"

/* Give h's server our identity: a rendezvous through our auth handle,
 * handed to the server, met by us at the auth server (auth.h). */
int px_reauth(int *h)
{
	int rv, newh, r;
	uint32_t id;

	if (!px.startup || px.startup->auth < 0)
		return 0;                    /* no identity to show */
	r = auth_rendezvous(px.startup->auth, &rv, &id, ARGOT_FOREVER);
	if (r < 0)
		return r;
	r = io_reauth(*h, rv, ARGOT_FOREVER);
	argot_close(rv);
	if (r < 0)
		return r;
	r = auth_user_authenticate(px.startup->auth, id, &newh, ARGOT_FOREVER);
	if (r < 0)
		return r;
	argot_close(*h);
	*h = newh;
	return 0;
}

/* "fd/N": a new handle on descriptor N's open */
static int px_magic(const char *name, int *out)
{
	if (!strncmp(name, "fd/", 3)) {
		int fd = 0;
		for (name += 3; *name >= '0' && *name <= '9'; name++)
			fd = fd * 10 + (*name - '0');
		if (*name)
			return -ENOENT;
		return px_fd_copy(fd, out);
	}
	return -ENXIO;                   /* "tty": no terminal server yet */
}

/*
 * Look up path from the directory handle `at` (not consumed); the final
 * component is opened with flags/mode.  On success *out is a new io
 * handle.  Absolute paths and absolute symlinks start at our root.
 */
int px_walk(int at, const char *path, uint32_t flags, uint32_t mode, int *out)
{
	char name[ARGOT_PATH_MAX], rname[ARGOT_PATH_MAX];
	int dir = at, own = 0, n, r, newh;
	uint32_t retry;

	if (strlen(path) >= sizeof name)
		return -ENAMETOOLONG;
	strcpy(name, path);
	for (n = 0; n < DIR_MAXRETRIES; n++) {
		const char *p = name;
		if (*p == '/') {
			if (own)
				argot_close(dir);
			dir = px_root(), own = 0;
			while (*p == '/')
				p++;
		}
		if (dir < 0)
			return -ENOENT;
		r = dir_lookup(dir, p, flags, mode, &retry, rname, sizeof rname,
		               &newh, ARGOT_FOREVER);
		if (own)
			argot_close(dir);
		if (r < 0)
			return r;
		if (retry == DIR_RETRY_MAGICAL) {
			if (rname[0] != '/')
				return px_magic(rname, out);
			dir = px_root(), own = 0;
			strcpy(name, rname);
			continue;
		}
		if (retry == DIR_RETRY_REAUTH && (r = px_reauth(&newh)) < 0) {
			argot_close(newh);
			return r;
		}
		if (!rname[0]) {
			*out = newh;
			return 0;
		}
		dir = newh, own = 1;
		strcpy(name, rname);
	}
	if (own)
		argot_close(dir);
	return -ELOOP;
}

/* Split path into its directory and last name: the parent is walked
 * (opened as O_PATH|O_DIRECTORY) and the name copied into last. */
int px_walk_parent(int at, const char *path, int *dir, char *last, size_t cap)
{
	char parent[ARGOT_PATH_MAX], trimmed[ARGOT_PATH_MAX];
	const char *slash;
	size_t len = strlen(path);

	/* "dir/" names dir, as on Linux (BusyBox's mkdir -p makes each
	 * prefix with its slash: "/tmp/a/"); "/" stays, with last "" */
	if (len >= sizeof trimmed)
		return -ENAMETOOLONG;
	while (len > 1 && path[len - 1] == '/')
		len--;
	memcpy(trimmed, path, len);
	trimmed[len] = 0;
	path = trimmed;
	slash = strrchr(path, '/');

	if (!slash) {
		if (strlen(path) >= cap)
			return -ENAMETOOLONG;
		strcpy(last, path);
		return px_walk(at, "", ARGOT_O_PATH | ARGOT_O_DIRECTORY, 0, dir);
	}
	len = slash - path;
	if (len >= sizeof parent || strlen(slash + 1) >= cap)
		return -ENAMETOOLONG;
	memcpy(parent, path, len);
	parent[len] = 0;
	strcpy(last, slash + 1);
	if (!len)
		strcpy(parent, "/");
	return px_walk(at, parent, ARGOT_O_PATH | ARGOT_O_DIRECTORY, 0, dir);
}

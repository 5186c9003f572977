/* trivfs.h: the translator-facing API of libtrivfs, a server for a single
 * node (hello, null, zero, a password server...).
 *
 * The translator fills a struct trivfs_ops and calls trivfs_init() then
 * trivfs_serve().  As with libnetfs, the same sources link with the Argot
 * backend (settrans NODE /hurd/hello) or with the FUSE backend (the node is
 * mounted over a file on the Linux host: argot-hello FILE).
 *
 * The library checks permissions (the stat() mode, owner and group against
 * the client's IDs and its open mode) before read and write run, keeps file
 * pointers, and handles O_APPEND and select.
 *
 * Every callback returns 0 or a positive errno value.  Callbacks left NULL
 * answer EOPNOTSUPP (read: end of file; write: EROFS; stat: see below).
 * Unless flags has TRIVFS_CONCURRENT, one callback runs at a time.
 */
#ifndef TRIVFS_H
#define TRIVFS_H

#include <stddef.h>
#include <stdint.h>

#define TRIVFS_NIDS 32

/* The IDs the client showed; uids[0]/gids[0] are the effective ones. */
struct trivfs_cred {
	uint32_t nuids, ngids;
	uint32_t uids[TRIVFS_NIDS];
	uint32_t gids[TRIVFS_NIDS];
};

struct trivfs_time {
	int64_t sec;
	uint32_t nsec;
};

/* The node's attributes.  Before stat() is called the library fills in
 * defaults: a regular file, mode 0644, owned by the translator's own uid
 * and gid (the node's owner on Argot), size 0, times of startup.  stat()
 * changes what differs; with stat NULL the defaults stand. */
struct trivfs_stat {
	uint32_t mode;		/* S_IFMT type | permission bits */
	uint32_t uid, gid;
	uint64_t size;
	uint64_t rdev;
	struct trivfs_time atime, mtime, ctime;
};

/* growing argz vector for get_options (arguments separated by NULs) */
struct trivfs_argz {
	char *buf;
	size_t len, cap;
};

int trivfs_argz_add(struct trivfs_argz *z, const char *arg);

#define TRIVFS_APPEND UINT64_MAX	/* write() at the end of file */

#define TRIVFS_GOAWAY_FORCE 1
#define TRIVFS_GOAWAY_NOSYNC 2

#define TRIVFS_CONCURRENT 1	/* ops->flags: callbacks may overlap */

struct trivfs_ops {
	const char *name;	/* for messages: "hello" */
	unsigned flags;

	int (*stat)(struct trivfs_stat *st);
	/* Optional: refuse an open (e.g. EBUSY) after the permission check;
	 * oflags are the O_* flags of open(2). */
	int (*open)(const struct trivfs_cred *cred, int oflags);
	/* At most *len bytes at off; *len = what was read, 0 at the end. */
	int (*read)(uint64_t off, void *buf, size_t *len);
	/* *len bytes at off (or at the end: TRIVFS_APPEND); *len = written. */
	int (*write)(uint64_t off, const void *buf, size_t *len);
	int (*truncate)(uint64_t size);		/* O_TRUNC, ftruncate */

	int (*get_options)(struct trivfs_argz *z);
	/* fsysopts NODE --contents=... (argv[0] is the first option) */
	int (*set_options)(int argc, char **argv);
	int (*goaway)(int flags);
};

/* Takes the backend's arguments out of argv (on FUSE: -f, -d, -s, -o OPTS
 * and the last non-option argument, the file to mount over; give options
 * with values as --name=VALUE) and leaves the translator's own. */
void trivfs_init(int *argc, char **argv);

/* Serves until goaway or unmount; returns an exit status for main(). */
int trivfs_serve(const struct trivfs_ops *ops);

void trivfs_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif

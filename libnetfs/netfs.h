/* netfs.h: the translator-facing API of libnetfs, a server for a tree of
 * nodes (ramfs, tarfs, ftpfs, ext2fs, procfs).
 *
 * A translator fills a struct netfs_ops with node callbacks and calls
 * netfs_init() then netfs_serve().  It never sees the transport: the same
 * sources link with the Argot backend (RPCs on pipes, started by settrans)
 * or with the FUSE backend (a Linux program that mounts on the host).
 *
 * The library, not the translator, decides who may do what: before a
 * callback runs it has checked the client's credentials against the POSIX
 * rules (permission bits, owner, groups, uid 0, open modes, sticky
 * directories, who may chmod/chown/utime).  A callback only does the work
 * and reports the errors only it can know (ENOENT, EEXIST, ENOTEMPTY,
 * ENOSPC, EINVAL for moving a directory into itself...).
 *
 * Conventions:
 *  - Every callback returns 0 or a positive errno value (<errno.h>; Argot
 *    uses Linux's numbers, so these are the same on both backends).
 *  - Mode bits and file types are the POSIX ones of <sys/stat.h>.
 *  - Callbacks set to NULL answer EOPNOTSUPP (or a sensible default, noted).
 *  - Unless ops->flags has NETFS_CONCURRENT, the library runs at most one
 *    callback at a time per translator, so simple translators need no locks.
 */
#ifndef NETFS_H
#define NETFS_H

#include <stddef.h>
#include <stdint.h>

/* ---- identities --------------------------------------------------------- */

#define NETFS_NIDS 32

/* Who is asking: the IDs the client chose to show (on Argot, learned through
 * the auth server; on FUSE, the request's uid, gid and supplementary groups).
 * Like the Hurd, a client may hold several uids; uids[0]/gids[0] are the
 * effective ones, used as the owner of what it creates. */
struct netfs_cred {
	uint32_t nuids, ngids;
	uint32_t uids[NETFS_NIDS];
	uint32_t gids[NETFS_NIDS];
};

/* ---- attributes --------------------------------------------------------- */

struct netfs_time {
	int64_t sec;
	uint32_t nsec;
};

/* A node's attributes, independent of any host's struct stat. */
struct netfs_stat {
	uint64_t ino;		/* unique within the translator */
	uint32_t mode;		/* S_IFMT type | permission bits */
	uint32_t nlink;
	uint32_t uid, gid;
	uint64_t size;
	uint64_t blocks;	/* 512-byte units */
	uint32_t blksize;	/* preferred I/O size; 0 means 4096 */
	uint64_t rdev;		/* device nodes: makedev(major, minor) */
	struct netfs_time atime, mtime, ctime;
};

/* What setattr changes.  The library turns the *_NOW requests into explicit
 * times before the callback runs, so a callback only looks at ATIME/MTIME. */
enum {
	NETFS_SET_MODE = 1 << 0,	/* chmod: only the permission bits */
	NETFS_SET_UID = 1 << 1,		/* chown */
	NETFS_SET_GID = 1 << 2,
	NETFS_SET_SIZE = 1 << 3,	/* truncate or extend */
	NETFS_SET_ATIME = 1 << 4,	/* utimes */
	NETFS_SET_MTIME = 1 << 5,
	NETFS_SET_ATIME_NOW = 1 << 6,	/* seen by the library only */
	NETFS_SET_MTIME_NOW = 1 << 7,
};

struct netfs_setattr {
	uint32_t mask;			/* NETFS_SET_* */
	uint32_t mode;
	uint32_t uid, gid;
	uint64_t size;
	struct netfs_time atime, mtime;
};

struct netfs_statfs {
	uint32_t bsize;			/* block size of the counts below */
	uint64_t blocks, bfree, bavail;
	uint64_t files, ffree;
	uint32_t namemax;		/* 0 means 255 */
};

/* ---- nodes -------------------------------------------------------------- */

/* The translator allocates its nodes and embeds this header in each (for
 * instance as the first member of its own struct, then casts).  The fields
 * are the library's: initialise them with netfs_node_init() and do not
 * touch them afterwards.
 *
 * Lifetime: the library counts the references its clients hold (open
 * files, names a kernel or client cached).  When that count falls to zero it
 * calls ops->drop(node).  A translator frees a node when both it has no
 * name left in the tree (nlink 0) and the library holds no reference:
 * in unlink/rmdir/rename, free an unlinked node only if
 * !netfs_node_busy(node); otherwise drop() will come later and free it. */
struct netfs_node {
	unsigned long refs;	/* library references */
	void *backend;		/* backend-private state (active translator...) */
};

void netfs_node_init(struct netfs_node *np);
int netfs_node_busy(const struct netfs_node *np);

/* ---- directory listing -------------------------------------------------- */

/* readdir calls this once per entry.  `next` is the cookie at which a later
 * readdir resumes after this entry.  A nonzero return means "buffer full":
 * stop now, this entry was not taken. */
typedef int (*netfs_fill_fn)(void *ctx, const char *name, uint64_t ino,
			     uint32_t type /* S_IF* */, uint64_t next);

/* ---- options (fsysopts) ------------------------------------------------- */

/* A growing argz vector (arguments separated by NUL bytes), used to report
 * the translator's current options; the library owns the buffer. */
struct netfs_argz {
	char *buf;
	size_t len, cap;
};

int netfs_argz_add(struct netfs_argz *z, const char *arg);

/* ---- the callbacks ------------------------------------------------------ */

/* write() offset meaning "at the current end of file" (O_APPEND), so that
 * appending is atomic with respect to other writers. */
#define NETFS_APPEND UINT64_MAX

/* goaway flags */
#define NETFS_GOAWAY_FORCE 1	/* the backend exits whatever the answer */
#define NETFS_GOAWAY_NOSYNC 2	/* settrans -g -S: do not write back */

/* ops->flags */
#define NETFS_CONCURRENT 1	/* callbacks may run at the same time */
#define NETFS_READONLY 2	/* refuse every change with EROFS */
/* Sizes are no limit: every read and write reaches the callbacks, whatever
 * getattr says (devices such as /hurd/zero, size 0 yet endless).  The
 * FUSE backend opens such files with direct_io, so the host kernel neither
 * stops reading at the size nor caches pages. */
#define NETFS_DIRECT_IO 4

struct netfs_ops {
	const char *name;	/* for messages: "tarfs" */
	unsigned flags;

	/* The translator's own nodes.  lookup never sees "" or "."; it must
	 * answer ".." (the root's ".." is the root itself: the backend leaves
	 * the translator before asking).  On success *out is a node the
	 * library now references. */
	int (*lookup)(struct netfs_node *dir, const char *name,
		      struct netfs_node **out);
	int (*getattr)(struct netfs_node *np, struct netfs_stat *st);
	/* Called after the permission checks; also sets ctime. */
	int (*setattr)(struct netfs_node *np, const struct netfs_setattr *sa);
	/* Reads at most *len bytes at off; sets *len to what was read (0 at
	 * end of file). */
	int (*read)(struct netfs_node *np, uint64_t off, void *buf,
		    size_t *len);
	/* Writes *len bytes at off (or at the end: NETFS_APPEND); sets *len to
	 * what was written, and updates size and mtime. */
	int (*write)(struct netfs_node *np, uint64_t off, const void *buf,
		     size_t *len);
	/* Lists entries from cookie `start` (0: the beginning), "." and ".."
	 * first, until fill() says stop or the directory ends. */
	int (*readdir)(struct netfs_node *dir, uint64_t start,
		       netfs_fill_fn fill, void *ctx);

	/* Namespace changes.  The library has checked write and search
	 * permission on the directories and the sticky-bit rules, and computes
	 * the new node's owner (uid: the client's, gid: the client's or the
	 * directory's when it is set-group-ID) and mode (umask already
	 * applied by the client).  Return EEXIST when the name exists. */
	int (*create)(struct netfs_node *dir, const char *name, uint32_t mode,
		      uint32_t uid, uint32_t gid, struct netfs_node **out);
	int (*mkdir)(struct netfs_node *dir, const char *name, uint32_t mode,
		     uint32_t uid, uint32_t gid, struct netfs_node **out);
	int (*symlink)(struct netfs_node *dir, const char *name,
		       const char *target, uint32_t uid, uint32_t gid,
		       struct netfs_node **out);
	/* Device nodes and FIFOs (mode carries the type); optional. */
	int (*mknod)(struct netfs_node *dir, const char *name, uint32_t mode,
		     uint64_t rdev, uint32_t uid, uint32_t gid,
		     struct netfs_node **out);
	int (*link)(struct netfs_node *dir, const char *name,
		    struct netfs_node *target);
	int (*unlink)(struct netfs_node *dir, const char *name);
	int (*rmdir)(struct netfs_node *dir, const char *name);
	/* POSIX rename: replaces an existing target of a compatible type
	 * (EISDIR, ENOTDIR, ENOTEMPTY otherwise); EINVAL when a directory would
	 * move under itself.  With `noreplace`, EEXIST if the target exists. */
	int (*rename)(struct netfs_node *fromdir, const char *fromname,
		      struct netfs_node *todir, const char *toname,
		      int noreplace);
	/* Copies at most size bytes of the target (no NUL) and sets *len. */
	int (*readlink)(struct netfs_node *np, char *buf, size_t size,
			size_t *len);

	/* np NULL: the whole filesystem (syncfs).  NULL callback: nothing to
	 * write back. */
	int (*sync)(struct netfs_node *np);
	int (*statfs)(struct netfs_statfs *sf);	/* NULL: zeros */

	/* The passive translator record of a node: an argz command line
	 * ("/hurd/tarfs\0/home/a.tar\0").  The library allows setting it only
	 * to the node's owner or uid 0; len 0 removes it.  NULL: EOPNOTSUPP. */
	int (*get_translator)(struct netfs_node *np, char *buf, size_t size,
			      size_t *len);
	int (*set_translator)(struct netfs_node *np, const char *argz,
			      size_t len);

	/* fsysopts: report the current options, or change them while running
	 * (argv[0] is the first option, not a program name). */
	int (*get_options)(struct netfs_argz *z);
	int (*set_options)(int argc, char **argv);

	/* Asked to exit (settrans -g, unmount, SIGTERM).  Write back unless
	 * NETFS_GOAWAY_NOSYNC; may refuse with EBUSY unless FORCE. */
	int (*goaway)(int flags);

	/* The library no longer references np (see struct netfs_node). */
	void (*drop)(struct netfs_node *np);

	/* Optional: called when c opens np, after the permission checks and
	 * before O_TRUNC is applied; a nonzero errno refuses the open (e.g.
	 * EBUSY for a device that allows one reader).  oflags are the O_*
	 * flags of open(2) (O_ACCMODE, O_APPEND, O_TRUNC...). */
	int (*open)(struct netfs_node *np, const struct netfs_cred *c,
		    int oflags);
};

/* ---- running ------------------------------------------------------------ */

/* Takes out of argv what belongs to the backend and leaves the translator's
 * own arguments, argv[0] first, for it to parse.  On FUSE the backend takes
 * -f (foreground), -d (debug), -s (single thread), -o OPTS, and the last
 * argument that does not start with '-' as the mount point: give options
 * with values as --name=VALUE.  On Argot it takes nothing (the bootstrap
 * handle comes from the parent).  Prints usage and exits on a bad backend
 * argument. */
void netfs_init(int *argc, char **argv);

/* Serves until goaway, unmount or a fatal error; returns an exit status
 * for main().  `root` must be a directory node; it is never dropped. */
int netfs_serve(const struct netfs_ops *ops, struct netfs_node *root);

/* ---- helpers any translator may use ------------------------------------- */

void netfs_now(struct netfs_time *t);

/* After c wrote to or truncated np successfully: drops np's set-user-ID
 * bit (and set-group-ID if group-executable) unless c is uid 0, as POSIX
 * allows and Linux does, so that nobody can plant code in a set-ID
 * program.  Every backend calls it, inside the callback lock. */
int netfs_drop_setid(const struct netfs_ops *ops, const struct netfs_cred *c,
		     struct netfs_node *np);

/* printf-style message on stderr (or the console), prefixed with the
 * translator's name: for errors that do not belong to one client call,
 * such as a corrupt entry skipped in an archive. */
void netfs_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- permission rules (libnetfs/perm.c, shared by every backend) -------- */

#define NETFS_R 4
#define NETFS_W 2
#define NETFS_X 1

int netfs_cred_is_root(const struct netfs_cred *c);
int netfs_cred_has_uid(const struct netfs_cred *c, uint32_t uid);
int netfs_cred_has_gid(const struct netfs_cred *c, uint32_t gid);
/* 0 or EACCES for the access bits `want` (NETFS_R|W|X) on st. */
int netfs_access(const struct netfs_cred *c, const struct netfs_stat *st,
		 int want);
/* The owner or uid 0, else EPERM (chmod, utimes to explicit times...). */
int netfs_check_owner(const struct netfs_cred *c, const struct netfs_stat *st);
/* Deleting or renaming away `victim` from `dir`: the sticky-bit rule. */
int netfs_check_sticky(const struct netfs_cred *c, const struct netfs_stat *dir,
		       const struct netfs_stat *victim);
/* Access bits that an open with these O_* flags needs. */
int netfs_open_want(int oflags);
/* Checks a setattr request against st; may adjust it (chmod by a non-member
 * of the group clears S_ISGID; chown by non-root clears set-ID bits). */
int netfs_check_setattr(const struct netfs_cred *c, const struct netfs_stat *st,
			struct netfs_setattr *sa);
/* 1 if a write by c must clear set-ID bits of st, with sa filled in for
 * the mode change; 0 if nothing changes (see netfs_drop_setid). */
int netfs_setid_after_write(const struct netfs_cred *c,
			    const struct netfs_stat *st,
			    struct netfs_setattr *sa);

#endif

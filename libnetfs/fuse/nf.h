/* nf.h: internals of libnetfs's FUSE backend (libfuse 3, low-level API).
 * A netfs node is a FUSE inode: its address is the nodeid (the root is
 * FUSE_ROOT_ID), and the kernel's lookup count is the library reference. */
#ifndef NF_H
#define NF_H

#define FUSE_USE_VERSION 31
#include <fuse_lowlevel.h>
#include <pthread.h>
#include "../netfs.h"

struct nf_state {
	const struct netfs_ops *ops;
	struct netfs_node *root;
	int concurrent;		/* NETFS_CONCURRENT: no big lock */
	int multiuser;		/* allow_other: other uids reach us */
	double entry_timeout, attr_timeout;
	pthread_mutex_t big;	/* one callback at a time (default) */
	pthread_mutex_t refs;	/* node reference counts */
};

extern struct nf_state nf;
extern const struct fuse_lowlevel_ops nf_ll_ops;
extern const char *netfs_name;

/* per-open state kept in fuse_file_info.fh */
struct nf_open {
	int oflags;
};

void nf_lock(void);
void nf_unlock(void);

struct netfs_node *nf_node(fuse_ino_t ino);
fuse_ino_t nf_ino(struct netfs_node *np);
void nf_ref(struct netfs_node *np);
void nf_unref(struct netfs_node *np, uint64_t n);

void nf_cred(fuse_req_t req, struct netfs_cred *c);
void nf_cred_groups(struct netfs_cred *c);
/* netfs_access, fetching supplementary groups only if they could help */
int nf_access(const struct netfs_cred *c, const struct netfs_stat *st, int want);
void nf_to_stat(const struct netfs_stat *st, struct stat *out);
int nf_getattr(struct netfs_node *np, struct netfs_stat *st);
int nf_lookup(struct netfs_node *dir, const char *name,
	      struct netfs_node **out);
int nf_readonly(void);

/* Replies with an entry for np (taking a reference) or with err. */
void nf_reply_entry(fuse_req_t req, int err, struct netfs_node *np);

/* Checks that the client may add `name` to dir, then creates it. */
enum { MK_FILE, MK_DIR, MK_LINK, MK_NOD };
int nf_make(fuse_req_t req, struct netfs_node *dir, const char *name,
	    int kind, uint32_t mode, uint64_t rdev, const char *target,
	    struct netfs_node **out);

/* main.c, node.c, dir.c, io.c, xattr.c: the low-level handlers */
void nf_op_init(void *, struct fuse_conn_info *);
void nf_op_lookup(fuse_req_t, fuse_ino_t, const char *);
void nf_op_forget(fuse_req_t, fuse_ino_t, uint64_t);
void nf_op_forget_multi(fuse_req_t, size_t, struct fuse_forget_data *);
void nf_op_getattr(fuse_req_t, fuse_ino_t, struct fuse_file_info *);
void nf_op_setattr(fuse_req_t, fuse_ino_t, struct stat *, int,
		   struct fuse_file_info *);
void nf_op_readlink(fuse_req_t, fuse_ino_t);
void nf_op_access(fuse_req_t, fuse_ino_t, int);
void nf_op_statfs(fuse_req_t, fuse_ino_t);
void nf_op_mknod(fuse_req_t, fuse_ino_t, const char *, mode_t, dev_t);
void nf_op_mkdir(fuse_req_t, fuse_ino_t, const char *, mode_t);
void nf_op_symlink(fuse_req_t, const char *, fuse_ino_t, const char *);
void nf_op_link(fuse_req_t, fuse_ino_t, fuse_ino_t, const char *);
void nf_op_unlink(fuse_req_t, fuse_ino_t, const char *);
void nf_op_rmdir(fuse_req_t, fuse_ino_t, const char *);
void nf_op_rename(fuse_req_t, fuse_ino_t, const char *, fuse_ino_t,
		  const char *, unsigned int);
void nf_op_create(fuse_req_t, fuse_ino_t, const char *, mode_t,
		  struct fuse_file_info *);
void nf_op_open(fuse_req_t, fuse_ino_t, struct fuse_file_info *);
void nf_op_read(fuse_req_t, fuse_ino_t, size_t, off_t,
		struct fuse_file_info *);
void nf_op_write(fuse_req_t, fuse_ino_t, const char *, size_t, off_t,
		 struct fuse_file_info *);
void nf_op_release(fuse_req_t, fuse_ino_t, struct fuse_file_info *);
void nf_op_fsync(fuse_req_t, fuse_ino_t, int, struct fuse_file_info *);
void nf_op_opendir(fuse_req_t, fuse_ino_t, struct fuse_file_info *);
void nf_op_readdir(fuse_req_t, fuse_ino_t, size_t, off_t,
		   struct fuse_file_info *);
void nf_op_releasedir(fuse_req_t, fuse_ino_t, struct fuse_file_info *);
void nf_op_getxattr(fuse_req_t, fuse_ino_t, const char *, size_t);
void nf_op_setxattr(fuse_req_t, fuse_ino_t, const char *, const char *,
		    size_t, int);
void nf_op_listxattr(fuse_req_t, fuse_ino_t, size_t);
void nf_op_removexattr(fuse_req_t, fuse_ino_t, const char *);

#endif

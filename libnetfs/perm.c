/* perm.c: the POSIX permission rules of libnetfs, shared by every backend.
 * Pure functions of the client's IDs and a node's attributes: the backend
 * calls them before it calls a translator's callback, so translators never
 * decide who may do what. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include "netfs.h"

int netfs_cred_has_uid(const struct netfs_cred *c, uint32_t uid)
{
	for (uint32_t i = 0; i < c->nuids && i < NETFS_NIDS; i++)
		if (c->uids[i] == uid)
			return 1;
	return 0;
}

int netfs_cred_has_gid(const struct netfs_cred *c, uint32_t gid)
{
	for (uint32_t i = 0; i < c->ngids && i < NETFS_NIDS; i++)
		if (c->gids[i] == gid)
			return 1;
	return 0;
}

int netfs_cred_is_root(const struct netfs_cred *c)
{
	return netfs_cred_has_uid(c, 0);
}

/* Owner bits if the client holds the owner's uid, else group bits if it
 * holds the group, else the others' bits -- the first class that matches
 * decides, as in POSIX.  uid 0 passes everything but execution of a file
 * nobody may execute. */
int netfs_access(const struct netfs_cred *c, const struct netfs_stat *st,
		 int want)
{
	uint32_t m = st->mode;
	int have;

	if (netfs_cred_is_root(c)) {
		if (!(want & NETFS_X) || S_ISDIR(m) || (m & 0111))
			return 0;
		return EACCES;
	}
	if (netfs_cred_has_uid(c, st->uid))
		have = (m >> 6) & 7;
	else if (netfs_cred_has_gid(c, st->gid))
		have = (m >> 3) & 7;
	else
		have = m & 7;
	return (want & ~have) ? EACCES : 0;
}

int netfs_check_owner(const struct netfs_cred *c, const struct netfs_stat *st)
{
	if (netfs_cred_is_root(c) || netfs_cred_has_uid(c, st->uid))
		return 0;
	return EPERM;
}

/* In a sticky directory (mode 01000, like /tmp) only the owner of the entry,
 * the owner of the directory or uid 0 may remove or rename the entry, even
 * though everyone may write the directory. */
int netfs_check_sticky(const struct netfs_cred *c, const struct netfs_stat *dir,
		       const struct netfs_stat *victim)
{
	if (!(dir->mode & S_ISVTX) || netfs_cred_is_root(c))
		return 0;
	if (netfs_cred_has_uid(c, victim->uid) ||
	    netfs_cred_has_uid(c, dir->uid))
		return 0;
	return EPERM;
}

int netfs_open_want(int oflags)
{
	int want = 0;

	switch (oflags & O_ACCMODE) {
	case O_RDONLY: want = NETFS_R; break;
	case O_WRONLY: want = NETFS_W; break;
	default: want = NETFS_R | NETFS_W; break;
	}
	if (oflags & O_TRUNC)
		want |= NETFS_W;
	return want;
}

/* chown: uid 0 may give a file away; the owner may only change the group,
 * and only to a group it is in.  Non-root chown clears the set-ID bits of a
 * file so that a file cannot become set-ID under a new identity. */
static int check_chown(const struct netfs_cred *c, const struct netfs_stat *st,
		       struct netfs_setattr *sa)
{
	int root = netfs_cred_is_root(c);

	if ((sa->mask & NETFS_SET_UID) && sa->uid != st->uid && !root)
		return EPERM;
	if (sa->mask & NETFS_SET_GID && sa->gid != st->gid && !root) {
		if (!netfs_cred_has_uid(c, st->uid) ||
		    !netfs_cred_has_gid(c, sa->gid))
			return EPERM;
	}
	if ((sa->mask & (NETFS_SET_UID | NETFS_SET_GID)) && !S_ISDIR(st->mode) &&
	    (st->mode & (S_ISUID | S_ISGID))) {
		uint32_t mode = sa->mask & NETFS_SET_MODE ? sa->mode : st->mode;
		sa->mode = mode & ~(uint32_t)(S_ISUID | S_ISGID) & 07777;
		sa->mask |= NETFS_SET_MODE;
	}
	return 0;
}

/* 1 if the change only takes set-ID bits away. */
static int only_drops_setid(const struct netfs_stat *st,
			    const struct netfs_setattr *sa)
{
	uint32_t old = st->mode & 07777, new = sa->mode & 07777;

	return new != old && !(new & ~old) &&
	       !((old ^ new) & ~(uint32_t)(S_ISUID | S_ISGID));
}

/* chmod: the owner or uid 0.  A non-root owner who is not in the file's
 * group cannot set S_ISGID; it is silently dropped, as Linux does.
 * Dropping set-ID bits and nothing else is allowed to anyone who may
 * write the file: any write of theirs does it (netfs_drop_setid), and a
 * Linux kernel whose FUSE library does not take over that job asks for it
 * this way, as the writer, before the write. */
static int check_chmod(const struct netfs_cred *c, const struct netfs_stat *st,
		       struct netfs_setattr *sa)
{
	int err = netfs_check_owner(c, st);

	if (err && S_ISREG(st->mode) && only_drops_setid(st, sa) &&
	    netfs_access(c, st, NETFS_W) == 0)
		err = 0;
	if (err)
		return err;
	sa->mode &= 07777;
	if (!netfs_cred_is_root(c) && !S_ISDIR(st->mode) &&
	    !netfs_cred_has_gid(c, st->gid))
		sa->mode &= ~(uint32_t)S_ISGID;
	return 0;
}

/* utimes: explicit times need the owner (or root); "now" is also allowed
 * to anyone who may write the file (touch on a shared file). */
static int check_times(const struct netfs_cred *c, const struct netfs_stat *st,
		       const struct netfs_setattr *sa)
{
	uint32_t explicit = NETFS_SET_ATIME | NETFS_SET_MTIME;
	uint32_t now = NETFS_SET_ATIME_NOW | NETFS_SET_MTIME_NOW;

	/* the backend sets *_NOW alone for "now"; it fills in the time later */
	if (sa->mask & explicit)
		return netfs_check_owner(c, st);
	if (sa->mask & now) {
		if (netfs_check_owner(c, st) == 0)
			return 0;
		return netfs_access(c, st, NETFS_W);
	}
	return 0;
}

int netfs_check_setattr(const struct netfs_cred *c, const struct netfs_stat *st,
			struct netfs_setattr *sa)
{
	int err = 0;

	if (sa->mask & NETFS_SET_MODE)
		err = check_chmod(c, st, sa);
	if (!err && (sa->mask & (NETFS_SET_UID | NETFS_SET_GID)))
		err = check_chown(c, st, sa);
	if (!err && (sa->mask & NETFS_SET_SIZE)) {
		if (S_ISDIR(st->mode))
			err = EISDIR;
		else if (!S_ISREG(st->mode))
			err = EINVAL;
		else
			err = netfs_access(c, st, NETFS_W);
	}
	if (!err)
		err = check_times(c, st, sa);
	return err;
}

/* A write by anyone but uid 0 drops S_ISUID, and S_ISGID when the group
 * may execute (without group execute, S_ISGID marks mandatory locking on
 * System V and Linux, not a program, so Linux keeps it: so do we). */
int netfs_setid_after_write(const struct netfs_cred *c,
			    const struct netfs_stat *st,
			    struct netfs_setattr *sa)
{
	uint32_t kill = S_ISUID;

	if (netfs_cred_is_root(c) || !S_ISREG(st->mode))
		return 0;
	if ((st->mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
		kill |= S_ISGID;
	if (!(st->mode & kill))
		return 0;
	memset(sa, 0, sizeof *sa);
	sa->mask = NETFS_SET_MODE;
	sa->mode = st->mode & 07777 & ~kill;
	return 1;
}

/* The translator's setattr does the change, as for a chmod the library
 * allowed; the write itself has already succeeded, so a failure here is
 * only logged. */
int netfs_drop_setid(const struct netfs_ops *ops, const struct netfs_cred *c,
		     struct netfs_node *np)
{
	struct netfs_setattr sa;
	struct netfs_stat st;
	int err;

	memset(&st, 0, sizeof st);
	if (!ops->getattr || !ops->setattr || ops->getattr(np, &st) != 0 ||
	    !netfs_setid_after_write(c, &st, &sa))
		return 0;
	if ((err = ops->setattr(np, &sa)) != 0)
		netfs_log("clearing set-ID bits after a write: %s",
			  strerror(err));
	return err;
}

/*
 * libargot/server/stub_fs.c - client stubs of the file, dir and fsys
 * protocols (file.h, dir.h, fsys.h).
 */
#include "rpc.h"
#include "kcall.h"
#include <argot/file.h>
#include <argot/dir.h>
#include <argot/fsys.h>

#define ERANGE 34

static int simple(int h, uint32_t id, const void *q, uint32_t len,
                  uint32_t timeout)
{
	return rpc_simple(h, id, q, len, 0, 0, timeout);
}

int file_chmod(int h, uint32_t mode, uint32_t timeout)
{
	struct file_chmod_req q = { mode };
	return simple(h, FILE_CHMOD, &q, sizeof q, timeout);
}

int file_chown(int h, uint32_t uid, uint32_t gid, uint32_t timeout)
{
	struct file_chown_req q = { uid, gid };
	return simple(h, FILE_CHOWN, &q, sizeof q, timeout);
}

int file_utimes(int h, const struct file_utimes_req *t, uint32_t timeout)
{
	return simple(h, FILE_UTIMES, t, sizeof *t, timeout);
}

int file_truncate(int h, int64_t size, uint32_t timeout)
{
	struct file_truncate_req q = { size };
	return simple(h, FILE_TRUNCATE, &q, sizeof q, timeout);
}

int file_sync(int h, uint32_t wait, uint32_t timeout)
{
	struct file_sync_req q = { wait, 0 };
	return simple(h, FILE_SYNC, &q, sizeof q, timeout);
}

int file_set_translator(int h, const struct file_settrans_req *req,
                        const char *argz, int active, uint32_t timeout)
{
	int32_t hin = active;
	struct rpc c = { .id = FILE_SET_TRANSLATOR, .req = req,
	                 .reqlen = sizeof *req, .tail = argz,
	                 .taillen = req->len, .hin = &hin,
	                 .nin = active == ARGOT_NOHANDLE ? 0 : 1,
	                 .timeout = timeout };
	return rpc_call(h, &c);
}

/* replies of a length word and that many bytes */
static int get_string(int h, uint32_t id, char *buf, uint32_t cap,
                      uint32_t timeout)
{
	if (!argot_hooks.alloc)
		return -ARGOT_ENOMEM;
	char *tmp = argot_hooks.alloc(ARGOT_MSG_MAXDATA);
	if (!tmp)
		return -ARGOT_ENOMEM;
	struct rpc c = { .id = id, .rep = tmp, .repcap = ARGOT_MSG_MAXDATA,
	                 .timeout = timeout };
	int r = rpc_call(h, &c);
	uint32_t len = 0;
	if (r == 0) {
		rpc_copy(&len, tmp, c.replen >= 4 ? 4 : 0);
		if (c.replen < 4 || len > c.replen - 4)
			r = -ARGOT_EINVAL;
		else if (len > cap)
			r = -ERANGE;
		else
			rpc_copy(buf, tmp + 4, len);
	}
	argot_hooks.free(tmp);
	return r < 0 ? r : (int)len;
}

int file_get_translator(int h, char *buf, uint32_t cap, uint32_t timeout)
{
	return get_string(h, FILE_GET_TRANSLATOR, buf, cap, timeout);
}

int file_get_translator_cntl(int h, int *cntl, uint32_t timeout)
{
	return rpc_get_handle(h, FILE_GET_TRANSLATOR_CNTL, 0, 0, cntl, timeout);
}

int file_readlink(int h, char *buf, uint32_t cap, uint32_t timeout)
{
	return get_string(h, FILE_READLINK, buf, cap, timeout);
}

int file_exec_auth(int h, int auth, int *newauth, uint32_t timeout)
{
	int32_t hin = auth, hout = ARGOT_NOHANDLE;
	struct rpc c = { .id = FILE_EXEC_AUTH, .hin = &hin, .nin = 1,
	                 .hout = &hout, .nout = 1, .timeout = timeout };
	int r = rpc_call(h, &c);
	if (r == 0 && c.nhout != 1)
		r = -ARGOT_EINVAL;
	*newauth = r == 0 ? hout : ARGOT_NOHANDLE;
	return r;
}

/* the answer of DIR_LOOKUP and FSYS_GETROOT: a retry, a name, a handle */
static int retry_call(int h, struct rpc *c, uint32_t *retry, char *rname,
                      uint32_t cap, int *newh)
{
	int32_t hout = ARGOT_NOHANDLE;
	char *tmp = argot_hooks.alloc ? argot_hooks.alloc(ARGOT_PATH_MAX + 8)
	                              : 0;
	if (!tmp)
		return -ARGOT_ENOMEM;
	c->rep = tmp;
	c->repcap = ARGOT_PATH_MAX + 8;
	c->hout = &hout;
	c->nout = 1;
	int r = rpc_call(h, c);
	if (r == 0) {
		uint32_t n = c->replen > 4 ? c->replen - 4 : 0;
		uint32_t len = rpc_strnlen(tmp + 4, n);
		if (c->replen < 4 || len == n)   /* no NUL: malformed */
			r = -ARGOT_EINVAL;
		else if (len + 1 > cap)
			r = -ERANGE;
		if (r == 0) {
			rpc_copy(retry, tmp, 4);
			rpc_copy(rname, tmp + 4, len + 1);
		}
	}
	argot_hooks.free(tmp);
	if (r < 0 && c->nhout)
		argot_close(hout);
	*newh = r == 0 && c->nhout ? hout : ARGOT_NOHANDLE;
	return r;
}

int dir_lookup(int dir, const char *path, uint32_t flags, uint32_t mode,
               uint32_t *retry, char *rname, uint32_t cap, int *newh,
               uint32_t timeout)
{
	struct dir_lookup_req q = { flags, mode };
	uint32_t n = rpc_strnlen(path, ARGOT_PATH_MAX);
	if (n == ARGOT_PATH_MAX)
		return -36;  /* ENAMETOOLONG */
	struct rpc c = { .id = DIR_LOOKUP, .req = &q, .reqlen = sizeof q,
	                 .tail = path, .taillen = n + 1, .timeout = timeout };
	return retry_call(dir, &c, retry, rname, cap, newh);
}

int dir_readdir(int dir, uint32_t entry, uint32_t nentries, void *buf,
                uint32_t cap, uint32_t *count, uint32_t *next,
                uint32_t timeout)
{
	struct dir_readdir_req q = { entry, nentries, cap };
	struct dir_readdir_rep *rep;
	char *tmp = argot_hooks.alloc ? argot_hooks.alloc(cap + sizeof *rep)
	                              : 0;
	if (!tmp)
		return -ARGOT_ENOMEM;
	struct rpc c = { .id = DIR_READDIR, .req = &q, .reqlen = sizeof q,
	                 .rep = tmp, .repcap = cap + sizeof *rep,
	                 .timeout = timeout };
	int r = rpc_call(dir, &c);
	if (r == 0 && c.replen < sizeof *rep)
		r = -ARGOT_EINVAL;
	if (r == 0) {
		rep = (struct dir_readdir_rep *)tmp;
		*count = rep->count;
		*next = rep->next;
		r = (int)(c.replen - sizeof *rep);
		rpc_copy(buf, tmp + sizeof *rep, (uint32_t)r);
	}
	argot_hooks.free(tmp);
	return r;
}

/* requests of a struct and one or two names */
static int named(int dir, uint32_t id, const void *q, uint32_t qlen,
                 const char *a, const char *b, uint32_t timeout)
{
	char buf[2 * 256];
	uint32_t na = rpc_strnlen(a, 256), nb = b ? rpc_strnlen(b, 256) : 0;
	if (na == 256 || nb == 256)
		return -36;  /* ENAMETOOLONG */
	rpc_copy(buf, a, na);
	buf[na] = 0;
	if (b) {
		rpc_copy(buf + na + 1, b, nb);
		buf[na + 1 + nb] = 0;
	}
	struct rpc c = { .id = id, .req = q, .reqlen = qlen, .tail = buf,
	                 .taillen = na + 1 + (b ? nb + 1 : 0),
	                 .timeout = timeout };
	return rpc_call(dir, &c);
}

int dir_mkdir(int dir, const char *name, uint32_t mode, uint32_t timeout)
{
	struct dir_mode_req q = { mode, 0 };
	return named(dir, DIR_MKDIR, &q, sizeof q, name, 0, timeout);
}

int dir_rmdir(int dir, const char *name, uint32_t timeout)
{
	return named(dir, DIR_RMDIR, 0, 0, name, 0, timeout);
}

int dir_unlink(int dir, const char *name, uint32_t timeout)
{
	return named(dir, DIR_UNLINK, 0, 0, name, 0, timeout);
}

int dir_link(int dir, int file, const char *name, uint32_t excl,
             uint32_t timeout)
{
	struct dir_link_req q = { excl };
	uint32_t n = rpc_strnlen(name, 256);
	int32_t hin = file;
	if (n == 256)
		return -36;
	struct rpc c = { .id = DIR_LINK, .req = &q, .reqlen = sizeof q,
	                 .tail = name, .taillen = n + 1, .hin = &hin,
	                 .nin = 1, .timeout = timeout };
	return rpc_call(dir, &c);
}

int dir_rename(int dir, const char *oldname, int todir,
               const char *newname, uint32_t excl, uint32_t timeout)
{
	char buf[2 * 256];
	uint32_t na = rpc_strnlen(oldname, 256), nb = rpc_strnlen(newname, 256);
	int32_t hin = todir;
	if (na == 256 || nb == 256)
		return -36;
	rpc_copy(buf, oldname, na);
	buf[na] = 0;
	rpc_copy(buf + na + 1, newname, nb);
	buf[na + 1 + nb] = 0;
	struct dir_rename_req q = { excl, na + 1 };
	struct rpc c = { .id = DIR_RENAME, .req = &q, .reqlen = sizeof q,
	                 .tail = buf, .taillen = na + nb + 2, .hin = &hin,
	                 .nin = 1, .timeout = timeout };
	return rpc_call(dir, &c);
}

int dir_mkfile(int dir, uint32_t flags, uint32_t mode, int *newh,
               uint32_t timeout)
{
	struct dir_mode_req q = { mode, flags };
	return rpc_get_handle(dir, DIR_MKFILE, &q, sizeof q, newh, timeout);
}

int dir_symlink(int dir, const char *name, const char *target,
                uint32_t timeout)
{
	return named(dir, DIR_SYMLINK, 0, 0, name, target, timeout);
}

int fsys_startup(int bootstrap, int control, uint32_t flags, int *realnode,
                 uint32_t timeout)
{
	struct fsys_flags q = { flags };
	int32_t hin = control, hout = ARGOT_NOHANDLE;
	struct rpc c = { .id = FSYS_STARTUP, .req = &q, .reqlen = sizeof q,
	                 .hin = &hin, .nin = 1, .hout = &hout, .nout = 1,
	                 .timeout = timeout };
	int r = rpc_call(bootstrap, &c);
	*realnode = r == 0 && c.nhout ? hout : ARGOT_NOHANDLE;
	return r;
}

int fsys_getroot(int control, int dotdot, uint32_t flags, uint32_t *retry,
                 char *rname, uint32_t cap, int *root, uint32_t timeout)
{
	struct fsys_getroot_req q = { flags };
	int32_t hin = dotdot;
	struct rpc c = { .id = FSYS_GETROOT, .req = &q, .reqlen = sizeof q,
	                 .hin = &hin, .nin = dotdot == ARGOT_NOHANDLE ? 0 : 1,
	                 .timeout = timeout };
	return retry_call(control, &c, retry, rname, cap, root);
}

int fsys_goaway(int control, uint32_t flags, uint32_t timeout)
{
	struct fsys_flags q = { flags };
	return simple(control, FSYS_GOAWAY, &q, sizeof q, timeout);
}

int fsys_get_options(int control, char *buf, uint32_t cap, uint32_t timeout)
{
	return get_string(control, FSYS_GET_OPTIONS, buf, cap, timeout);
}

int fsys_set_options(int control, const char *argz, uint32_t len,
                     uint32_t do_children, uint32_t timeout)
{
	struct fsys_options_req q = { do_children, len };
	struct rpc c = { .id = FSYS_SET_OPTIONS, .req = &q, .reqlen = sizeof q,
	                 .tail = argz, .taillen = len, .timeout = timeout };
	return rpc_call(control, &c);
}

int fsys_syncfs(int control, uint32_t wait, uint32_t do_children,
                uint32_t timeout)
{
	struct fsys_syncfs_req q = { wait, do_children };
	return simple(control, FSYS_SYNCFS, &q, sizeof q, timeout);
}

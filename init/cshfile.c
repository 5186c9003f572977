/*
 * init/cshfile.c - conshell's commands on identity and files, enough to
 * check by hand (and from tests) who a login made us and what we may do:
 *   id                 our uids and gids, from our auth handle
 *   cat PATH           a file's content
 *   write PATH TEXT    create or truncate PATH and put TEXT in it
 *   stat PATH          type, mode, owner and size
 *   ls [PATH]          the names in a directory
 *   rm PATH            remove a file (the directory's rules: sticky...)
 * Paths walk from our root or cwd with our identity (walk.c), so every
 * check is the filesystem's, made against who we are.
 */
#include "rt.h"
#include "kcall.h"
#include "server/rpc.h"
#include "conshell.h"
#include "walk.h"
#include <argot/io.h>
#include <argot/dir.h>
#include <argot/auth.h>

#define T 5000

static struct walk w;

static void ids(const char *what, const uint32_t *v, uint32_t n)
{
	outf("%s=", what);
	for (uint32_t i = 0; i < n; i++)
		outf(i ? ",%u" : "%u", v[i]);
	if (!n)
		out("none");
}

static void cmd_id(struct argot_startup *st)
{
	struct argot_idset s;
	int r = auth_getids(st->auth, &s, T);
	if (r < 0) {
		outf("id: %s\n", argot_strerror(r));
		return;
	}
	ids("uid", s.euids, s.neuids > 1 ? 1 : s.neuids);
	ids(" gid", s.egids, s.negids > 1 ? 1 : s.negids);
	ids(" groups", s.egids, s.negids);
	out("\n");
}

static int fail(const char *cmd, const char *path, int r)
{
	/* the number too: argot_strerror does not name every errno */
	outf("%s: %s: %s (errno %d)\n", cmd, path, argot_strerror(r), -r);
	return 1;
}

static void cmd_cat(const char *path)
{
	char buf[512];
	int h, n, r = walk_open(&w, path, ARGOT_O_RDONLY, 0, &h);
	if (r < 0) {
		fail("cat", path, r);
		return;
	}
	for (int64_t off = 0; (n = io_read(h, off, buf, sizeof buf - 1, T)) > 0;
	     off += n) {
		buf[n] = 0;
		out(buf);
	}
	if (n < 0)
		fail("cat", path, n);
	argot_close(h);
}

static void cmd_write(const char *path, const char *text)
{
	int h, r = walk_open(&w, path, ARGOT_O_WRONLY | ARGOT_O_CREAT |
	                     ARGOT_O_TRUNC, 0644, &h);
	if (r < 0) {
		fail("write", path, r);
		return;
	}
	uint32_t n = (uint32_t)strlen(text);
	if ((r = io_write(h, 0, text, n, T)) >= 0)
		r = io_write(h, n, "\n", 1, T);
	if (r < 0)
		fail("write", path, r);
	argot_close(h);
}

static void cmd_stat(const char *path)
{
	struct argot_stat s;
	int h, r = walk_open(&w, path, ARGOT_O_PATH | ARGOT_O_NOFOLLOW, 0, &h);
	if (r == 0) {
		r = io_stat(h, &s, T);
		argot_close(h);
	}
	if (r < 0) {
		fail("stat", path, r);
		return;
	}
	uint32_t t = s.mode & ARGOT_S_IFMT, m = s.mode & 07777;
	char mode[5] = { (char)('0' + (m >> 9)), (char)('0' + (m >> 6 & 7)),
	                 (char)('0' + (m >> 3 & 7)), (char)('0' + (m & 7)), 0 };
	outf("%s: %s mode=%s uid=%u gid=%u size=%u\n", path,
	     t == ARGOT_S_IFDIR ? "directory" : t == ARGOT_S_IFLNK ? "symlink" :
	     t == ARGOT_S_IFREG ? "file" : "other", mode,
	     s.uid, s.gid, (uint32_t)s.size);
}

static void cmd_ls(const char *path)
{
	static char buf[4096];
	uint32_t count, next = 0;
	int h, n, r = walk_open(&w, path, ARGOT_O_RDONLY | ARGOT_O_DIRECTORY,
	                        0, &h);
	if (r < 0) {
		fail("ls", path, r);
		return;
	}
	while ((n = dir_readdir(h, next, 0, buf, sizeof buf, &count, &next,
	                        T)) > 0 && count) {
		for (int off = 0; off < n;) {
			struct argot_dirent *d = (void *)(buf + off);
			if (d->name[0] != '.')
				outf("%s\n", d->name);
			off += d->reclen;
		}
	}
	if (n < 0)
		fail("ls", path, n);
	argot_close(h);
}

static void cmd_rm(char *path)
{
	char *slash = 0;
	for (char *c = path; *c; c++)
		if (*c == '/')
			slash = c;
	const char *dir = slash ? (slash == path ? "/" : path) : ".";
	const char *name = slash ? slash + 1 : path;
	int h, r;
	if (slash)
		*slash = 0;
	if ((r = walk_open(&w, dir, ARGOT_O_RDONLY | ARGOT_O_DIRECTORY, 0,
	                   &h)) == 0) {
		r = dir_unlink(h, name, T);
		argot_close(h);
	}
	if (slash)
		*slash = '/';
	if (r < 0)
		fail("rm", path, r);
}

/* the word after the command, NUL-terminated; *rest: what follows it */
static char *arg(char *s, char **rest)
{
	while (*s == ' ')
		s++;
	char *e = s;
	while (*e && *e != ' ')
		e++;
	*rest = *e ? e + 1 : e;
	*e = 0;
	return s;
}

int csh_file_cmd(struct argot_startup *st, char *line)
{
	char *rest, *cmd = arg(line, &rest), *p;
	w = (struct walk){ st->root, st->cwd, st->auth, T };
	if (!strcmp(cmd, "id"))
		cmd_id(st);
	else if (!strcmp(cmd, "cat") && *(p = arg(rest, &rest)))
		cmd_cat(p);
	else if (!strcmp(cmd, "write") && *(p = arg(rest, &rest)))
		cmd_write(p, rest);
	else if (!strcmp(cmd, "stat") && *(p = arg(rest, &rest)))
		cmd_stat(p);
	else if (!strcmp(cmd, "rm") && *(p = arg(rest, &rest)))
		cmd_rm(p);
	else if (!strcmp(cmd, "ls"))
		cmd_ls(*(p = arg(rest, &rest)) ? p : ".");
	else
		return 0;
	return 1;
}

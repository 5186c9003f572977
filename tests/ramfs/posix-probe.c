/* posix-probe.c: which calls this system does not implement at all.
 *
 * A young system (Argot's personality while it grows) answers ENOSYS for
 * calls it has no handler for.  A check that needs such a call cannot say
 * anything about the filesystem, so it must come out as a SKIP naming the
 * call -- never as a pass, and not as a filesystem failure either.
 *
 * Each call is tried once at start with an argument no implementation can
 * accept (an empty path, fd -1): an implemented call fails with ENOENT,
 * EBADF or the like, a missing one with ENOSYS.  Checks name the calls
 * they need with uses(): a check that needs a missing call is skipped
 * whatever its outcome (its setup did not happen, so even a pass would
 * mean nothing), and a failing check that ends with errno ENOSYS is
 * skipped too (some call it made is missing). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>
#include "posix.h"

static int p_pread(void) { char c; return (int)pread(-1, &c, 1, 0); }
static int p_pwrite(void) { return (int)pwrite(-1, "", 1, 0); }
static int p_link(void) { return link("", ""); }
static int p_symlink(void) { return symlink("x", ""); }
static int p_readlink(void) { char c; return (int)readlink("", &c, 1); }
static int p_chmod(void) { return chmod("", 0644); }
static int p_fchmod(void) { return fchmod(-1, 0644); }
static int p_chown(void) { return chown("", (uid_t)-1, (gid_t)-1); }
static int p_utimensat(void) { return utimensat(AT_FDCWD, "", NULL, 0); }
static int p_truncate(void) { return truncate("", 0); }
static int p_ftruncate(void) { return ftruncate(-1, 0); }
static int p_mknod(void) { return mknod("", S_IFIFO | 0600, 0); }
static int p_statvfs(void) { struct statvfs s; return statvfs("", &s); }
static int p_rename(void) { return rename("", ""); }
static int p_waitpid(void) { return (int)waitpid(-32000, NULL, WNOHANG); }

/* fork has no argument to refuse: make a child that exits at once */
static int p_fork(void)
{
	pid_t pid;

	fflush(stdout);
	if ((pid = fork()) == 0)
		_exit(0);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	return pid < 0 ? -1 : 0;
}

static const struct { const char *name; int (*try)(void); } probes[] = {
	{ "pread", p_pread }, { "pwrite", p_pwrite }, { "link", p_link },
	{ "symlink", p_symlink }, { "readlink", p_readlink },
	{ "chmod", p_chmod }, { "fchmod", p_fchmod }, { "chown", p_chown },
	{ "utimensat", p_utimensat }, { "truncate", p_truncate },
	{ "ftruncate", p_ftruncate }, { "mknod", p_mknod },
	{ "statvfs", p_statvfs }, { "rename", p_rename },
	{ "waitpid", p_waitpid }, { "fork", p_fork },
};
#define NPROBES (sizeof probes / sizeof probes[0])
static int missing[NPROBES];
static const char *needs;	/* the calls of the check to come */
static char why[256];

void probe_calls(void)
{
	char list[256] = "";

	for (size_t i = 0; i < NPROBES; i++) {
		errno = 0;
		missing[i] = probes[i].try() == -1 && errno == ENOSYS;
		if (missing[i])
			snprintf(list + strlen(list), sizeof list - strlen(list),
				 " %s", probes[i].name);
	}
	errno = 0;
	if (list[0])
		diag("not implemented here (ENOSYS):%s", list);
}

int call_missing(const char *name)
{
	for (size_t i = 0; i < NPROBES; i++)
		if (!strcmp(probes[i].name, name))
			return missing[i];
	return 0;
}

void uses(const char *calls)
{
	needs = calls;
}

/* Why a check is a skip (NULL: its result stands).  err is the errno a
 * failed check ended with; ENOSYS there means some call it made (maybe
 * one not probed) is not implemented. */
const char *enosys_why(int failed, int err)
{
	char word[32];
	const char *p = needs;
	int n;

	why[0] = 0;
	while (p && sscanf(p, "%31s%n", word, &n) == 1) {
		p += n;
		if (call_missing(word))
			snprintf(why + strlen(why), sizeof why - strlen(why),
				 "%s%s", why[0] ? ", " : "", word);
	}
	if (why[0]) {
		strncat(why, ": not implemented here (ENOSYS)",
			sizeof why - strlen(why) - 1);
		return why;
	}
	if (failed && err == ENOSYS)
		return "a call it makes is not implemented here (ENOSYS)";
	return NULL;
}

/* After each reported check: the next one starts with a clean slate. */
void probe_reset(void)
{
	needs = NULL;
	errno = 0;
}

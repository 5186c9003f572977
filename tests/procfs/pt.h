/* pt.h: the in-guest procfs test (prefix pt_), one program in three roles:
 *
 *   proctest           from /etc/rc (uid 0): starts /hurd/ramfs as a new
 *                      root, fills it (/bin, /hurd, /etc, /tmp, /proc),
 *                      runs `settrans -a /proc /hurd/procfs` there, then
 *                      runs itself with that root (setup.c);
 *   proctest --inside  the checks, through plain POSIX calls on /proc
 *                      (inside.c);
 *   proctest --child   a child to look at: it makes uid 1000 its owner in
 *                      proc, then sleeps until killed (setup.c).
 *
 * Results are lines for tests/harness/guest-tap (RUN:/PASS:/FAIL:/SKIP:).
 */
#ifndef PT_H
#define PT_H

#include <stdint.h>
#include <argot/startup.h>

#define PT_T 20000		/* ms for each RPC */
#define PT_CHILD_UID 1000

extern const struct argot_startup *pt_st;

void pt_run(const char *name);
void pt_pass(const char *name);
void pt_fail(const char *name, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void pt_skip(const char *name, const char *why);

/* Start /bin/PROG of our root with argv, root and cwd `root` (ours if
 * ARGOT_NOHANDLE), stdout/stderr `out`; its pid, or -errno. */
int pt_spawn(const char *prog, const char *const *argv, int root, int out,
	     uint32_t *pid);
/* Wait for pid; its exit code, 128 + signal, or -errno. */
int pt_wait(uint32_t pid, uint32_t timeout);

int pt_inside(const char *argv0);	/* inside.c */
int pt_ps(uint32_t child);		/* inside.c: the BusyBox ps check */

#endif

/* ps.c: BusyBox ps, unchanged, reading procfs (pt.h).  ps is started with
 * argot_spawn, the way this image's init starts programs, so the check
 * needs no fork or execve from the personality; its output goes to a file
 * we then read.  Our own line must name us and our owner; the child's
 * must show the owner it took (uid 1000, "alice" in our /etc/passwd). */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <argot/kernel.h>
#include "kcall.h"
#include "pt.h"

int px_fd_copy(int fd, int *h);	/* libc/personality: our fd's io handle */

/* The line of ps's output for pid: its USER field in user, the rest from
 * the COMMAND column in cmd.  1 if found. */
static int ps_line(const char *out, int pid, char *user, char *cmd)
{
	for (const char *l = out; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		int p, n = 0;
		char vsz[16], stat[16];

		if (sscanf(l, "%d %31s %15s %15s %n", &p, user, vsz, stat, &n) >= 4 &&
		    p == pid && n) {
			snprintf(cmd, 128, "%.*s", (int)strcspn(l + n, "\n"), l + n);
			return 1;
		}
	}
	return 0;
}

/* BusyBox with argv, its stdout and stderr in the new file path, whose
 * contents then land in out.  Its exit status, or -errno. */
static int run(const char *path, const char *const *argv, char *out,
	       size_t cap)
{
	uint32_t pid;
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644), h, r, n;

	out[0] = 0;
	if (fd < 0)
		return -errno;
	if ((r = px_fd_copy(fd, &h)) < 0) {
		close(fd);
		return r;
	}
	r = pt_spawn("/bin/busybox", argv, ARGOT_NOHANDLE, h, &pid);
	argot_close(h);
	if (r >= 0)
		r = pt_wait(pid, 60000);
	/* the file pointer is shared with BusyBox: back to 0 */
	n = lseek(fd, 0, SEEK_SET) == 0 ? (int)read(fd, out, cap - 1) : -1;
	out[n > 0 ? n : 0] = 0;
	close(fd);
	return r;
}

int pt_ps(uint32_t child)
{
	static char out[8192];
	char user[32], cmd[128], cuser[32], ccmd[128], why[200];
	struct passwd *me = getpwuid(geteuid());
	int r;

	pt_run("busybox-ps");
	if (access("/bin/busybox", X_OK) < 0) {
		pt_skip("busybox-ps", "no /bin/busybox in the image");
		return 0;
	}
	/* Can BusyBox open a file at all?  If not, ps could tell nothing
	 * about procfs: skip, quoting BusyBox's own complaint. */
	r = run("/tmp/cat.out", (const char *[]){ "cat", "/etc/passwd", NULL },
		out, sizeof out);
	if (r != 0 || !strstr(out, "root:")) {
		snprintf(why, sizeof why, "BusyBox cannot open files yet "
			 "(cat /etc/passwd: status %d, \"%.*s\")", r,
			 (int)strcspn(out, "\n"), out);
		pt_skip("busybox-ps", why);
		return 0;
	}
	r = run("/tmp/ps.out", (const char *[]){ "ps", NULL }, out, sizeof out);
	printf("%s", out);	/* into the log, for whoever reads a failure */
	if (r != 0)
		pt_fail("busybox-ps", "ps exited with %d", r);
	else if (!strstr(out, "PID") || !strstr(out, "COMMAND"))
		pt_fail("busybox-ps", "no header line");
	else if (!ps_line(out, getpid(), user, cmd) || !me ||
		 strcmp(user, me->pw_name) || !strstr(cmd, "proctest"))
		pt_fail("busybox-ps", "no line \"%d %s ... proctest\"",
			(int)getpid(), me ? me->pw_name : "?");
	else if (!ps_line(out, (int)child, cuser, ccmd) || strcmp(cuser, "alice"))
		pt_fail("busybox-ps", "no line \"%u alice ...\" for the child",
			child);
	else
		pt_pass("busybox-ps");
	return 0;
}

/*
 * login/login.c - /sbin/login: asks for a user name and a password on its
 * terminal (the password not echoed), trades them with the password
 * server for the user's auth handle, and runs the user's shell from
 * /etc/passwd with it, in their home directory.  login uses no privilege
 * of its own: /etc/passwd is world-readable, and every handle the shell
 * gets (auth, root, cwd) is the user's, made from the password server's
 * answer.  It waits for the shell and ends with it; init then starts a
 * new login on the terminal.
 */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <argot/io.h>
#include <argot/password.h>
#include <argot/startup.h>
#include <argot/proc.h>
#include "server/rpc.h"
#include "server/spawn.h"
#include "kcall.h"
#include "walk.h"

#define T 10000
#define PWSERVER "/servers/password"
#define FALLBACK_SHELL "/sbin/conshell"

static const struct argot_startup *st;

/* One line from the terminal without its newline; -1 at end of file. */
static int get_line(char *buf, int cap)
{
	if (!fgets(buf, cap, stdin))
		return -1;
	buf[strcspn(buf, "\r\n")] = 0;
	return 0;
}

/* The password, with echo off while it is typed. */
static int get_password(char *buf, int cap)
{
	struct termios old, quiet;
	int have = tcgetattr(0, &old) == 0, r;

	if (have) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
		tcsetattr(0, TCSAFLUSH, &quiet);
	}
	fputs("Password: ", stdout);
	fflush(stdout);
	r = get_line(buf, cap);
	if (have)
		tcsetattr(0, TCSAFLUSH, &old);
	fputs("\n", stdout);
	return r;
}

/* Ask the password server; 0 and the user's auth handle, or -errno. */
static int ask(const char *name, const char *pass, int *auth)
{
	struct walk w = { st->root, st->cwd, st->auth, T };
	struct password_req q = { (uint32_t)-1 };
	struct password_rep rep;
	char tail[2 * PASSWORD_MAX];
	size_t nl = strlen(name), pl = strlen(pass);
	int srv, r;

	if (nl >= PASSWORD_MAX || pl >= PASSWORD_MAX)
		return -EINVAL;
	memcpy(tail, name, nl + 1);
	memcpy(tail + nl + 1, pass, pl + 1);
	if ((r = walk_open(&w, PWSERVER, ARGOT_O_RDONLY, 0, &srv)) < 0) {
		fprintf(stderr, "login: no password server at %s: %s\n",
		        PWSERVER, strerror(-r));
		return r;
	}
	struct rpc c = { .id = PASSWORD_CHECK_USER, .req = &q,
	                 .reqlen = sizeof q, .tail = tail,
	                 .taillen = (uint32_t)(nl + pl + 2), .rep = &rep,
	                 .repcap = sizeof rep, .hout = auth, .nout = 1,
	                 .timeout = PASSWORD_DELAY_MS + T };
	r = rpc_call(srv, &c);
	memset(tail, 0, sizeof tail);
	argot_close(srv);
	return r < 0 ? r : c.nhout == 1 ? 0 : -EPROTO;
}

/* The user's shell, as the user, in their home; waits for it. */
static int run_shell(const struct passwd *pw, int auth)
{
	char home[300], pwd[300], user[64], logname[64], shell[300], arg0[64];
	const char *sh = pw->pw_shell && *pw->pw_shell ? pw->pw_shell : "/bin/sh";
	const char *base = strrchr(sh, '/') ? strrchr(sh, '/') + 1 : sh;
	int root, cwd, file, r, homed = 1;

	/* our root handle carries our identity: the shell needs its own */
	if ((r = rpc_reauth(st->root, IO_REAUTH, auth, &root, T)) < 0)
		return r;
	struct walk w = { root, root, auth, T };
	if (walk_open(&w, pw->pw_dir, ARGOT_O_RDONLY | ARGOT_O_DIRECTORY, 0,
	              &cwd) < 0) {
		printf("No directory %s; logging in with HOME=/\n", pw->pw_dir);
		homed = 0;
		if ((r = walk_open(&w, "/", ARGOT_O_RDONLY, 0, &cwd)) < 0)
			goto out_root;
	}
	if ((r = walk_open(&w, sh, ARGOT_O_RDONLY | ARGOT_O_EXEC, 0,
	                   &file)) < 0) {
		/* an image built without BusyBox still gets a console */
		printf("login: cannot run %s: %s; using %s\n", sh,
		       strerror(-r), FALLBACK_SHELL);
		sh = FALLBACK_SHELL;
		base = sh + 6;
		r = walk_open(&w, sh, ARGOT_O_RDONLY | ARGOT_O_EXEC, 0, &file);
		if (r < 0)
			goto out_cwd;
	}
	snprintf(home, sizeof home, "HOME=%s", homed ? pw->pw_dir : "/");
	/* PWD: the shell cannot learn the name of the directory it starts
	 * in from the handle alone */
	snprintf(pwd, sizeof pwd, "PWD=%s", homed ? pw->pw_dir : "/");
	snprintf(user, sizeof user, "USER=%s", pw->pw_name);
	snprintf(logname, sizeof logname, "LOGNAME=%s", pw->pw_name);
	snprintf(shell, sizeof shell, "SHELL=%s", sh);
	snprintf(arg0, sizeof arg0, "-%s", base);   /* a login shell */
	const char *argv[] = { arg0, NULL };
	const char *envp[] = { home, pwd, user, logname, shell,
	                       "PATH=/bin:/sbin:/usr/bin:/usr/sbin",
	                       "TERM=vt100", NULL };
	int tty = st->fds[0].handle;
	struct argot_spawn sp = {
		.kernel = st->kernel, .auth = auth, .proc = st->proc,
		.exec = st->exec, .cwd = cwd, .root = root,
		.console = st->console, .nfds = 3, .fds = { tty, tty, tty },
		.ids = { pw->pw_uid, pw->pw_uid, pw->pw_gid, pw->pw_gid },
		.timeout = T,
	};
	struct argot_spawned out;
	fflush(stdout);
	r = argot_spawn(&sp, file, argv, envp, &out);
	argot_close(file);
	if (r == 0) {
		uint32_t status;
		argot_close(out.process);
		if (out.proc != ARGOT_NOHANDLE)
			argot_close(out.proc);
		proc_wait(st->proc, (int32_t)out.pid, 0, &status, ARGOT_FOREVER);
	} else {
		printf("login: cannot run %s: %s\n", sh, strerror(-r));
	}
out_cwd:
	argot_close(cwd);
out_root:
	argot_close(root);
	return r;
}

int main(void)
{
	char name[PASSWORD_MAX], pass[PASSWORD_MAX];
	int auth;

	st = (const void *)getauxval(AT_ARGOT_STARTUP);
	if (!st || st->magic != ARGOT_STARTUP_MAGIC || st->nfds < 1) {
		fprintf(stderr, "login: not started by Argot's exec\n");
		return 1;
	}
	argot_hooks.alloc = malloc;
	argot_hooks.free = free;
	argot_hooks.kernel = st->kernel;
	/* Our own session, and the terminal's foreground group ours: the
	 * shell inherits our group, and a job-control shell (ash) waits
	 * until it is in the foreground, which a previous user's dead
	 * group would never let happen. */
	setsid();
	tcsetpgrp(0, getpgrp());
	for (;;) {
		fputs("login: ", stdout);
		fflush(stdout);
		if (get_line(name, sizeof name) < 0)
			return 0;
		if (!name[0])
			continue;
		if (get_password(pass, sizeof pass) < 0)
			return 0;
		int r = ask(name, pass, &auth);
		memset(pass, 0, sizeof pass);
		struct passwd *pw = r == 0 ? getpwnam(name) : NULL;
		if (!pw) {
			if (r == 0)
				argot_close(auth);
			puts("Login incorrect");
			continue;
		}
		r = run_shell(pw, auth);
		argot_close(auth);
		return r < 0 ? 1 : 0;
	}
}

/* ft.h: helpers of the in-guest filesystem tests (prefix ft_).
 *
 * The tests run as a program from /etc/rc (uid 0).  They start /hurd/ramfs
 * themselves as a test root filesystem, act as several users by holding
 * an auth handle and a root handle for each (ft_user), walk paths with
 * the retries of dir.h the way the C library does, and run settrans,
 * showtrans and fsysopts as real programs whose root is the test
 * filesystem and whose identity is the user's. */
#ifndef FT_H
#define FT_H

#include <stdint.h>
#include <argot/startup.h>


struct ft_user {
	uint32_t uid;
	int auth;		/* the user's identity */
	int root;		/* the test filesystem's root, as this user */
};

extern const struct argot_startup *ft_st;
extern struct ft_user ft_root, ft_alice, ft_bob;

/* result lines for tests/harness/guest-tap */
void ft_result(const char *name, const char *why);	/* why NULL: PASS */
void ft_skip(const char *name, const char *why);

/* Start /hurd/ramfs as the test root, make the users.  NULL or why not. */
const char *ft_setup(void);

/* Look path up as u (absolute paths start at u's root).  0 or -errno. */
int ft_walk(const struct ft_user *u, const char *path, uint32_t flags,
            uint32_t mode, int *out);
/* Whole contents of a file into buf (NUL ended); length or -errno. */
int ft_read(const struct ft_user *u, const char *path, char *buf,
            uint32_t cap);
int ft_write(const struct ft_user *u, const char *path, const char *text,
             uint32_t mode);
int ft_mkdir(const struct ft_user *u, const char *path, uint32_t mode);

/* Run /bin/PROG (from the image) as u with args; its stdout and stderr
 * land in out (NUL ended).  The exit status, or -errno. */
int ft_run(const struct ft_user *u, char *out, uint32_t cap, const char *prog,
           ...);

uint64_t ft_ms(void);	/* monotonic milliseconds */

#endif

/* fstest: translators on Argot, tested in the guest (tests/fs/README.md).
 * One PASS:/FAIL:/SKIP: line per test for tests/harness/guest-tap.  Each
 * test returns NULL or why it failed; every expectation is checked
 * against what the system actually did. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <argot/dir.h>
#include <argot/file.h>
#include <argot/fsys.h>
#include <argot/io.h>
#include "server/rpc.h"
#include "kcall.h"
#include "ft.h"

#define T 20000
static char out[4096], buf[4096], why[256];

static const char *fail(const char *fmt, long a)
{
	snprintf(why, sizeof why, fmt, a);
	return why;
}

static const char *expect_text(const struct ft_user *u, const char *path,
                               const char *want)
{
	int r = ft_read(u, path, buf, sizeof buf);

	if (r < 0)
		return fail("read failed: %ld", r);
	if (strcmp(buf, want))
		return fail("read back something else (%ld bytes)", r);
	return NULL;
}

static const char *t_passive_roundtrip(void)
{
	int r = ft_run(&ft_root, out, sizeof out, "settrans", "-c", "/greet",
	               "/hurd/hello", "--contents=hi", NULL);
	if (r)
		return fail("settrans exit status %ld", r);
	if ((r = ft_run(&ft_root, out, sizeof out, "showtrans", "/greet", NULL)))
		return fail("showtrans exit status %ld", r);
	if (strcmp(out, "/hurd/hello --contents=hi\n"))
		return "showtrans printed another record";
	if (ft_run(&ft_root, out, sizeof out, "showtrans", "-p", "/greet",
	           NULL) || strcmp(out, "/greet: /hurd/hello --contents=hi\n"))
		return "showtrans -p: wrong prefix";
	return NULL;
}

static const char *t_passive_started(void)
{
	struct argot_stat st;
	const char *e = expect_text(&ft_root, "/greet", "hi");
	int h, r;

	if (e)
		return e;
	if ((r = ft_walk(&ft_root, "/greet", ARGOT_O_PATH | ARGOT_O_NOTRANS, 0,
	                 &h)) < 0)
		return fail("lookup of the node itself: %ld", r);
	r = io_stat(h, &st, T);
	argot_close(h);
	if (r < 0 || !(st.flags & ARGOT_ST_TRANS_ACTIVE) ||
	    !(st.flags & ARGOT_ST_TRANS_PASSIVE))
		return "node not marked active+passive after the first lookup";
	return NULL;
}

static const char *t_fsysopts(void)
{
	int r = ft_run(&ft_root, out, sizeof out, "fsysopts", "/greet", NULL);

	if (r)
		return fail("fsysopts (get) exit status %ld", r);
	if (!strstr(out, "--contents=hi"))
		return "fsysopts did not print --contents=hi";
	if ((r = ft_run(&ft_root, out, sizeof out, "fsysopts", "/greet",
	                "--contents=bye", NULL)))
		return fail("fsysopts (set) exit status %ld", r);
	return expect_text(&ft_root, "/greet", "bye");
}

static const char *t_settrans_clear(void)
{
	int r = ft_run(&ft_root, out, sizeof out, "settrans", "/greet", NULL);

	if (r)
		return fail("settrans NODE exit status %ld", r);
	if (ft_run(&ft_root, out, sizeof out, "showtrans", "-s", "/greet",
	           NULL) != 1)
		return "showtrans -s still finds a record";
	/* the translator went away: the node itself is an empty file */
	return expect_text(&ft_root, "/greet", "");
}

static const char *t_user_ramfs(void)
{
	struct argot_stat st;
	int h, r = ft_run(&ft_alice, out, sizeof out, "settrans", "-c",
	                  "/home/alice/r", "/hurd/ramfs", "--size=4M", NULL);
	if (r)
		return fail("settrans as uid 1000: exit status %ld", r);
	if ((r = ft_write(&ft_alice, "/home/alice/r/f", "data", 0644)) < 0)
		return fail("write inside alice's ramfs: %ld", r);
	if (expect_text(&ft_alice, "/home/alice/r/f", "data"))
		return why;
	if ((r = ft_walk(&ft_alice, "/home/alice/r/f", ARGOT_O_PATH, 0, &h)) < 0)
		return fail("lookup %ld", r);
	r = io_stat(h, &st, T);
	argot_close(h);
	if (r < 0 || st.uid != 1000)
		return fail("file owned by %ld, not 1000", r < 0 ? (long)r : (long)st.uid);
	return NULL;
}

static const char *t_user_hello(void)
{
	int r = ft_run(&ft_alice, out, sizeof out, "settrans", "-a", "-c",
	               "/home/alice/h", "/hurd/hello", "--contents=alice", NULL);
	if (r)
		return fail("settrans -a as uid 1000: exit status %ld", r);
	return expect_text(&ft_alice, "/home/alice/h", "alice");
}

static const char *t_other_denied(void)
{
	struct file_settrans_req q = { .passive_flags = FS_TRANS_SET,
	                               .len = 7 };
	int h, r = ft_run(&ft_bob, out, sizeof out, "settrans", "/home/alice/h",
	                  "/hurd/hello", "--contents=bob", NULL);
	if (r == 0)
		return "settrans by uid 1001 on alice's node succeeded";
	if (!strstr(out, "Operation not permitted"))
		return "settrans failed, but not with EPERM";
	if ((r = ft_walk(&ft_bob, "/home/alice/h", ARGOT_O_PATH | ARGOT_O_NOTRANS,
	                 0, &h)) < 0)
		return fail("lookup as bob: %ld", r);
	r = file_set_translator(h, &q, "/x/bob", ARGOT_NOHANDLE, T);
	argot_close(h);
	if (r != -EPERM)
		return fail("file_set_translator as bob: %ld, not -EPERM", r);
	return NULL;
}

static const char *t_other_reads(void)
{
	return expect_text(&ft_bob, "/home/alice/h", "alice");
}

static const char *t_goaway_busy(void)
{
	int open_h, node, ctl, r;

	if ((r = ft_walk(&ft_alice, "/home/alice/h", ARGOT_O_RDONLY, 0,
	                 &open_h)) < 0)
		return fail("open: %ld", r);
	r = ft_walk(&ft_alice, "/home/alice/h", ARGOT_O_PATH | ARGOT_O_NOTRANS, 0,
	            &node);
	if (r >= 0) {
		r = file_get_translator_cntl(node, &ctl, T);
		argot_close(node);
	}
	if (r < 0) {
		argot_close(open_h);
		return fail("get_translator_cntl as the owner: %ld", r);
	}
	r = fsys_goaway(ctl, 0, T);
	argot_close(open_h);
	argot_close(ctl);
	if (r != -EBUSY)
		return fail("goaway with a client: %ld, not -EBUSY", r);
	if ((r = ft_run(&ft_alice, out, sizeof out, "settrans", "-g",
	                "/home/alice/h", NULL)))
		return fail("settrans -g: exit status %ld", r);
	return expect_text(&ft_alice, "/home/alice/h", "");
}

static const char *t_dies(void)
{
	int h, r = ft_run(&ft_root, out, sizeof out, "settrans", "-c", "/crash",
	                  "/bin/fsbad", "crash", NULL);
	char c;

	if (r)
		return fail("settrans: exit status %ld", r);
	if ((r = ft_walk(&ft_root, "/crash", ARGOT_O_RDONLY, 0, &h)) < 0)
		return fail("first lookup: %ld", r);
	r = io_read(h, 0, &c, 1, T);
	argot_close(h);
	if (r >= 0)
		return "read from the crashing translator succeeded";
	if (ft_walk(&ft_root, "/home", ARGOT_O_PATH, 0, &h) < 0)
		return "the parent stopped serving after the crash";
	argot_close(h);
	/* the next lookup starts the passive record again */
	if ((r = ft_walk(&ft_root, "/crash", ARGOT_O_RDONLY, 0, &h)) < 0)
		return fail("lookup after the crash: %ld", r);
	argot_close(h);
	return NULL;
}

struct hang { int r; uint64_t ms; };

static void *hang_lookup(void *arg)
{
	struct hang *hg = arg;
	uint64_t t0 = ft_ms();
	int h;

	hg->r = ft_walk(&ft_root, "/hang", ARGOT_O_RDONLY, 0, &h);
	hg->ms = ft_ms() - t0;
	if (hg->r >= 0)
		argot_close(h);
	return NULL;
}

static const char *t_never_answers(void)
{
	struct hang hg = { 0, 0 };
	pthread_t th;
	uint64_t t0;
	int h, r = ft_run(&ft_root, out, sizeof out, "settrans", "-c", "/hang",
	                  "/bin/fsbad", "hang", NULL);
	if (r)
		return fail("settrans: exit status %ld", r);
	pthread_create(&th, NULL, hang_lookup, &hg);
	ft_walk(&ft_root, "/home", ARGOT_O_PATH, 0, &h);	/* let it start */
	argot_close(h);
	t0 = ft_ms();
	r = ft_walk(&ft_alice, "/home/alice", ARGOT_O_PATH, 0, &h);
	if (r >= 0)
		argot_close(h);
	uint64_t other = ft_ms() - t0;
	pthread_join(th, NULL);
	if (r < 0 || other > 3000)
		return fail("another client waited %ld ms", (long)other);
	if (hg.r != -ETIMEDOUT)
		return fail("lookup through it gave %ld, not -ETIMEDOUT", hg.r);
	if (hg.ms > 25000)
		return fail("the timeout took %ld ms", (long)hg.ms);
	return NULL;
}

static const char *t_startup_timeout(void)
{
	uint64_t t0 = ft_ms();
	int r = ft_run(&ft_root, out, sizeof out, "settrans", "-a", "-t", "2",
	               "-c", "/nostart", "/bin/fsbad", "nostart", NULL);
	if (r == 0)
		return "settrans -a of a translator that never starts succeeded";
	if (!strstr(out, "did not start in time"))
		return "settrans failed for another reason than the timeout";
	if (ft_ms() - t0 > 15000)
		return fail("took %ld ms with -t 2", (long)(ft_ms() - t0));
	return NULL;
}

static const char *t_symlinks(void)
{
	int h, r;

	if (ft_mkdir(&ft_root, "/d", 0755) < 0 ||
	    ft_write(&ft_root, "/d/f", "sym", 0644) < 0)
		return "setup";
	if ((r = ft_walk(&ft_root, "/", ARGOT_O_PATH, 0, &h)) < 0)
		return "root";
	r = dir_symlink(h, "lrel", "d", T) | dir_symlink(h, "labs", "/d/f", T) |
	    dir_symlink(h, "l1", "l2", T) | dir_symlink(h, "l2", "l1", T);
	argot_close(h);
	if (r < 0)
		return fail("dir_symlink: %ld", r);
	if (expect_text(&ft_root, "/lrel/f", "sym"))
		return "relative symlink";
	if (expect_text(&ft_root, "/labs", "sym"))
		return "absolute symlink";
	if ((r = ft_walk(&ft_root, "/l1", ARGOT_O_RDONLY, 0, &h)) != -ELOOP)
		return fail("symlink loop gave %ld, not -ELOOP", r);
	return NULL;
}

static const char *t_nested(void)
{
	struct argot_stat a, b;
	int h, r = ft_run(&ft_root, out, sizeof out, "settrans", "-c", "/n1",
	                  "/hurd/ramfs", "--size=4M", NULL);
	if (!r)
		r = ft_run(&ft_root, out, sizeof out, "settrans", "-c", "/n1/n2",
		           "/hurd/ramfs", "--size=4M", NULL);
	if (!r)
		r = ft_run(&ft_root, out, sizeof out, "settrans", "-c",
		           "/n1/n2/n3", "/hurd/hello", "--contents=deep", NULL);
	if (r)
		return fail("settrans: exit status %ld", r);
	if (expect_text(&ft_root, "/n1/n2/n3", "deep"))
		return "three deep";
	if (expect_text(&ft_root, "/n1/n2/../n2/n3", "deep"))
		return "out through .. and back in";
	if (ft_walk(&ft_root, "/n1/..", ARGOT_O_PATH, 0, &h) < 0)
		return "/n1/..";
	r = io_stat(h, &a, T);
	argot_close(h);
	if (r < 0 || ft_walk(&ft_root, "/", ARGOT_O_PATH, 0, &h) < 0)
		return "stat";
	r = io_stat(h, &b, T);
	argot_close(h);
	if (r < 0 || a.dev != b.dev || a.ino != b.ino)
		return "/n1/.. is not the parent's root";
	return NULL;
}

/* raw requests that the demuxer or the backend must refuse */
static int raw(int h, uint32_t id, const void *data, uint32_t len)
{
	char rep[256];
	struct rpc c = { .id = id, .req = data, .reqlen = len, .rep = rep,
	                 .repcap = sizeof rep, .timeout = T };
	return rpc_call(h, &c);
}

static const char *t_malformed(void)
{
	char bad[16] = { 0 }, nonul[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 'a', 'b',
	                                    'c', 'd' };
	struct file_settrans_req q = { .passive_flags = FS_TRANS_SET, .len = 40 };
	int h, r;

	if (ft_walk(&ft_root, "/", ARGOT_O_RDONLY, 0, &h) < 0)
		return "root";
	if ((r = raw(h, DIR_LOOKUP, bad, 3)) != -EINVAL)
		return fail("short lookup: %ld", r);
	if ((r = raw(h, ARGOT_RPC_DIR + 0xff, bad, 0)) != -ENOSYS)
		return fail("unknown id: %ld", r);
	if ((r = raw(h, DIR_LOOKUP, nonul, sizeof nonul)) != -EINVAL)
		return fail("path without NUL: %ld", r);
	if ((r = raw(h, IO_STAT, bad, 4)) != -EINVAL)
		return fail("stat with data: %ld", r);
	if ((r = raw(h, FILE_SET_TRANSLATOR, &q, sizeof q)) != -EINVAL)
		return fail("settrans length lie: %ld", r);
	argot_close(h);
	return NULL;
}

static const struct { const char *name; const char *(*fn)(void); } tests[] = {
	{ "settrans-showtrans-roundtrip", t_passive_roundtrip },
	{ "passive-started-on-lookup", t_passive_started },
	{ "fsysopts-get-set", t_fsysopts },
	{ "settrans-clears-record-and-stops", t_settrans_clear },
	{ "user-attaches-ramfs", t_user_ramfs },
	{ "user-attaches-hello-active", t_user_hello },
	{ "other-user-settrans-eperm", t_other_denied },
	{ "other-user-reads-through", t_other_reads },
	{ "goaway-busy-then-settrans-g", t_goaway_busy },
	{ "translator-dies-parent-serves-restart", t_dies },
	{ "getroot-never-answered-timeout", t_never_answers },
	{ "startup-timeout-settrans-t", t_startup_timeout },
	{ "symlinks-relative-absolute-loop", t_symlinks },
	{ "nested-translators-three-deep", t_nested },
	{ "malformed-requests-refused", t_malformed },
};

int main(void)
{
	const char *e = ft_setup();
	unsigned i;

	ft_result("setup-test-ramfs", e);
	for (i = 0; i < sizeof tests / sizeof tests[0]; i++) {
		if (e) {
			ft_skip(tests[i].name, "no test filesystem (see setup)");
			continue;
		}
		printf("RUN: %s\n", tests[i].name);
		fflush(stdout);
		ft_result(tests[i].name, tests[i].fn());
	}
	printf("TESTS DONE\n");
	fflush(stdout);
	return 0;
}

/* argot-tartest: /hurd/tarfs inside Argot (run by tests/tar/argot-suite).
 *
 * On tests/fs's test ramfs (tests/fs/ft.h: users, path walks, running
 * settrans as a user), alice attaches tarfs to archives GNU tar made on
 * the host, reads and lists them, writes through them, stops the
 * translator with `settrans -g`, and the archive she owns is checked with
 * libtar's reader (and zlib for .tar.gz): the old members are intact and
 * the new one is there.  One PASS:/FAIL:/SKIP: line per test. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <argot/dir.h>
#include <argot/io.h>
#include "kcall.h"
#include "ft.h"
#include "tar.h"

#define T 20000
static char out[4096], why[256];
static unsigned char arc[256 * 1024], raw[256 * 1024];

static const char *fail(const char *fmt, long a)
{
	snprintf(why, sizeof why, fmt, a);
	return why;
}

static const char *fails(const char *fmt, const char *a)
{
	snprintf(why, sizeof why, fmt, a);
	return why;
}

/* A file of the image (served by bootstrap) copied into the test ramfs as
 * user u, so that u owns it. */
static int copy_in(const char *from, const struct ft_user *u, const char *to,
                   uint32_t mode)
{
	static char buf[IO_MAX];
	int fd = open(from, O_RDONLY), h, n, r;

	if (fd < 0)
		return -errno;
	r = ft_walk(u, to, ARGOT_O_WRONLY | ARGOT_O_CREAT | ARGOT_O_TRUNC, mode,
	            &h);
	while (r >= 0 && (n = (int)read(fd, buf, sizeof buf)) > 0)
		r = io_write(h, IO_FILEPTR, buf, (uint32_t)n, T);
	if (r >= 0)
		argot_close(h);
	close(fd);
	return r < 0 ? r : 0;
}

static const char *expect_text(const char *path, const char *want)
{
	int r = ft_read(&ft_alice, path, out, sizeof out);

	if (r < 0)
		return fail("read failed: %ld", r);
	if (strcmp(out, want))
		return fail("read back something else (%ld bytes)", r);
	return NULL;
}

/* The names in a directory, space separated, into out. */
static int list(const char *path)
{
	static char buf[IO_MAX];
	uint32_t count, next = 0, entry = 0;
	int h, r;

	out[0] = 0;
	if ((r = ft_walk(&ft_alice, path, ARGOT_O_RDONLY | ARGOT_O_DIRECTORY, 0,
	                 &h)) < 0)
		return r;
	do {
		r = dir_readdir(h, entry, 0, buf, sizeof buf, &count, &next, T);
		for (uint32_t i = 0, off = 0; r >= 0 && i < count; i++) {
			struct argot_dirent *d = (void *)(buf + off);
			if (strlen(out) + d->namelen + 2 < sizeof out)
				strcat(strcat(out, " "), d->name);
			off += d->reclen;
		}
		entry = next;
	} while (r >= 0 && count);
	argot_close(h);
	return r < 0 ? r : 0;
}

/* The archive as it is now, inflated if gzipped, into arc; its length. */
static long load_archive(const char *path)
{
	int h, r;
	uint32_t n = 0;

	if ((r = ft_walk(&ft_alice, path, ARGOT_O_RDONLY, 0, &h)) < 0)
		return r;
	while (n < sizeof raw &&
	       (r = io_read(h, IO_FILEPTR, raw + n, sizeof raw - n, T)) > 0)
		n += (uint32_t)r;
	argot_close(h);
	if (r < 0)
		return r;
	if (n < 2 || raw[0] != 0x1f || raw[1] != 0x8b) {
		memcpy(arc, raw, n);
		return n;
	}
	z_stream z = { .next_in = raw, .avail_in = n, .next_out = arc,
	               .avail_out = sizeof arc };
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		return -ENOMEM;
	r = inflate(&z, Z_FINISH);
	inflateEnd(&z);
	return r == Z_STREAM_END ? (long)z.total_out : -EIO;
}

/* The archive's members as " name name ...", in archive order, into
 * out; libtar's reader must find no damage.  The count, or -1. */
static int members(long len, uint32_t want_uid)
{
	static struct tar_iter it;
	static struct tar_mem m;
	struct tar_src src;
	int r, n = 0;

	out[0] = 0;
	tar_src_mem(&src, &m, arc, (uint64_t)len);
	tar_iter_init(&it, &src);
	while ((r = tar_next(&it)) == TAR_OK) {
		if (it.ent.uid != want_uid)
			return -1;
		if (!it.ent.name[0])
			continue;	/* the archive's root, "./" */
		if (strlen(out) + strlen(it.ent.name) + 2 >= sizeof out)
			return -1;
		strcat(strcat(out, " "), it.ent.name);
		n++;
	}
	return r == TAR_END ? n : -1;
}

/* The member's contents and mode in the archive, or why not. */
static const char *member(long len, const char *name, const char *want,
                          uint32_t mode)
{
	static struct tar_iter it;
	static struct tar_mem m;
	struct tar_src src;
	struct tar_entry e;
	long n;

	tar_src_mem(&src, &m, arc, (uint64_t)len);
	tar_iter_init(&it, &src);
	if (tar_lookup(&it, name, &e) != TAR_OK)
		return fails("member %s is missing from the archive", name);
	if (e.mode != mode)
		return fail("a member has mode %lo in the archive", e.mode);
	n = tar_read(&src, &e, 0, out, sizeof out - 1);
	out[n > 0 ? n : 0] = 0;
	if (n < 0 || strcmp(out, want))
		return fails("member %s has other contents in the archive",
		             name);
	return NULL;
}

/* A BusyBox applet run as u; its output in out.  NULL or why not. */
static const char *busybox(const struct ft_user *u, const char *a1,
                           const char *a2, const char *a3)
{
	int r = ft_run(u, out, sizeof out, "busybox", a1, a2, a3, NULL);

	if (r) {
		snprintf(why, sizeof why, "busybox %s: exit status %d: %.80s",
		         a1, r, out);
		return why;
	}
	return NULL;
}

/* `ls -ln` has a line for name with these mode bits and owner. */
static int ls_has(const char *name, const char *mode)
{
	for (char *l = out; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : l) {
		char m[16], nm[64];
		unsigned links, uid, gid;
		if (sscanf(l, "%15s %u %u %u %*s %*s %*s %*s %63s", m, &links,
		           &uid, &gid, nm) == 5 && !strcmp(nm, name) &&
		    !strcmp(m, mode) && uid == 1000 && gid == 1000)
			return 1;
	}
	return 0;
}

/* out holds exactly these lines, in any order (find's output). */
static int same_lines(const char *const *want, int n)
{
	int lines = 0;

	for (char *l = out; *l; lines++) {
		char *nl = strchr(l, '\n');
		int ok = 0;
		if (!nl)
			return 0;
		for (int i = 0; i < n; i++)
			ok |= strlen(want[i]) == (size_t)(nl - l) &&
			      !strncmp(l, want[i], (size_t)(nl - l));
		if (!ok)
			return 0;
		l = nl + 1;
	}
	return lines == n;
}

/* Nothing but the archive in alice's home: no temporary archive left. */
static const char *no_leftover(const char *arch)
{
	const char *base = strrchr(arch, '/') + 1;
	char pre[64];

	snprintf(pre, sizeof pre, " %s.", base);
	if (list("/home/alice") < 0)
		return "cannot list alice's home";
	if (strstr(out, pre))
		return "a temporary archive was left next to the archive";
	return NULL;
}

/* Owner and mode of the archive file. */
static const char *archive_attrs(const char *arch)
{
	struct argot_stat st;
	int h, r;

	if ((r = ft_walk(&ft_alice, arch, ARGOT_O_RDONLY, 0, &h)) < 0)
		return fail("the archive is gone: %ld", r);
	r = io_stat(h, &st, T);
	argot_close(h);
	if (r < 0)
		return fail("stat of the archive: %ld", r);
	if (st.uid != 1000 || (st.mode & 07777) != 0644)
		return fail("the new archive lost its owner or mode (%lo)",
		            st.mode & 07777);
	return NULL;
}

/* The whole story on one archive: attach as alice; ls, cat and find it
 * with BusyBox and readdir; write a new file and change one in place;
 * nothing reaches the archive before settrans -g, everything after, as
 * libtar's reader and BusyBox tar both see it. */
static const char *t_archive(const char *arch, const char *node, int gz)
{
	char path[96], p2[96], p3[96], p4[96];
	const char *e;
	long len;
	int h, r;

	if ((r = ft_run(&ft_alice, out, sizeof out, "settrans", "-ac", node,
	                "/hurd/tarfs", arch, NULL)))
		return fail("settrans -ac as alice: exit status %ld", r);
	if ((e = busybox(&ft_alice, "ls", "-ln", node)))
		return e;
	if (!ls_has("hello.txt", "-rw-r--r--") || !ls_has("dir", "drwxr-xr-x"))
		return "ls -ln does not show hello.txt and dir as in the archive";
	snprintf(path, sizeof path, "%s/hello.txt", node);
	if ((e = busybox(&ft_alice, "cat", path, NULL)))
		return e;
	if (strcmp(out, "hello from tar\n"))
		return "cat shows something else";
	snprintf(p2, sizeof p2, "%s/dir", node);
	snprintf(p3, sizeof p3, "%s/dir/sub.txt", node);
	if ((e = busybox(&ft_alice, "find", node, NULL)))
		return e;
	if (!same_lines((const char *[]){ node, path, p2, p3 }, 4))
		return "find lists other names than the archive holds";
	if ((e = expect_text(p3, "in a directory\n")))
		return e;
	if ((r = list(node)) < 0)
		return fail("readdir: %ld", r);
	if (!strstr(out, " hello.txt") || !strstr(out, " dir"))
		return "readdir does not show hello.txt and dir";

	snprintf(p4, sizeof p4, "%s/dir/new.txt", node);
	if ((r = ft_write(&ft_alice, p4, "written in Argot\n", 0644)) < 0)
		return fail("create and write through tarfs: %ld", r);
	if ((e = expect_text(p4, "written in Argot\n")))
		return e;
	/* in place, not truncated: the rest must come from the archive */
	if ((r = ft_walk(&ft_alice, path, ARGOT_O_WRONLY, 0, &h)) < 0)
		return fail("opening hello.txt for writing: %ld", r);
	r = io_write(h, 0, "HELLO", 5, T);
	argot_close(h);
	if (r != 5)
		return fail("writing into hello.txt: %ld", r);
	if ((e = expect_text(path, "HELLO from tar\n")))
		return e;
	if ((len = load_archive(arch)) < 0)
		return fail("reading the archive before goaway: %ld", len);
	if (members(len, 1000) != 3 || (e = member(len, "hello.txt",
	                                           "hello from tar\n", 0644)))
		return "the archive changed before settrans -g";

	if ((r = ft_run(&ft_alice, out, sizeof out, "settrans", "-g", node,
	                NULL))) {
		snprintf(why, sizeof why, "settrans -g: exit status %d: %.100s",
		         r, out);
		return why;
	}
	if (ft_read(&ft_alice, path, out, sizeof out) >= 0)
		return "tarfs still serves the node after settrans -g";
	if ((len = load_archive(arch)) < 0)
		return fail("reading the archive back: %ld", len);
	if (gz && (raw[0] != 0x1f || raw[1] != 0x8b))
		return "the archive is no longer gzipped";
	if ((r = members(len, 1000)) != 4)
		return fail("libtar finds %ld members (or damage or other "
		            "owners), not 4", r);
	if (!strstr(out, " hello.txt") || !strstr(out, " dir ") ||
	    !strstr(out, " dir/sub.txt") || !strstr(out, " dir/new.txt"))
		return "the archive does not hold the tree's four names";
	if ((e = member(len, "hello.txt", "HELLO from tar\n", 0644)) ||
	    (e = member(len, "dir/sub.txt", "in a directory\n", 0644)) ||
	    (e = member(len, "dir/new.txt", "written in Argot\n", 0644)) ||
	    (e = member(len, "dir", "", 0755)))
		return e;
	/* a reader that is not ours */
	if ((e = busybox(&ft_alice, "tar", gz ? "-xzOf" : "-xOf",
	                 arch)))
		return e;
	if (!strstr(out, "HELLO from tar\n") ||
	    !strstr(out, "written in Argot\n") ||
	    !strstr(out, "in a directory\n"))
		return "BusyBox tar -xO does not show the new contents";
	if ((e = archive_attrs(arch)) || (e = no_leftover(arch)))
		return e;
	return NULL;
}

static const char *t_tar(void)
{
	return t_archive("/home/alice/a.tar", "/home/alice/a.d", 0);
}

static const char *t_tgz(void)
{
	return t_archive("/home/alice/b.tar.gz", "/home/alice/b.d", 1);
}

/* bob reads and finds in alice's tree but cannot change it (her files
 * are 0644 and her directories 0755 in the archive); the archive, a copy
 * of a.tar as GNU tar made it, stays as it was. */
static const char *t_other_user(void)
{
	const char *e;
	int r = ft_run(&ft_alice, out, sizeof out, "settrans", "-ac",
	               "/home/alice/c.d", "/hurd/tarfs", "/home/alice/c.tar",
	               NULL);
	if (r)
		return fail("settrans -ac as alice: exit status %ld", r);
	if ((e = busybox(&ft_bob, "cat", "/home/alice/c.d/dir/sub.txt", NULL)))
		return e;
	if (strcmp(out, "in a directory\n"))
		return "bob's cat shows something else";
	if ((e = busybox(&ft_bob, "find", "/home/alice/c.d", NULL)))
		return e;
	if (!strstr(out, "/home/alice/c.d/dir/sub.txt\n"))
		return "bob's find misses dir/sub.txt";
	r = ft_read(&ft_bob, "/home/alice/c.d/hello.txt", out, sizeof out);
	if (r < 0 || strcmp(out, "hello from tar\n"))
		return fail("bob cannot read alice's tarfs: %ld", r);
	r = ft_write(&ft_bob, "/home/alice/c.d/hello.txt", "bob\n", 0644);
	if (r != -EACCES)
		return fail("bob's write gave %ld, not -EACCES", r);
	r = ft_write(&ft_bob, "/home/alice/c.d/dir/bob.txt", "bob\n", 0644);
	if (r != -EACCES)
		return fail("bob's create gave %ld, not -EACCES", r);
	r = ft_read(&ft_alice, "/home/alice/c.d/hello.txt", out, sizeof out);
	if (r < 0 || strcmp(out, "hello from tar\n"))
		return "bob's refused write changed the file";
	if (ft_run(&ft_alice, out, sizeof out, "settrans", "-g",
	           "/home/alice/c.d", NULL))
		return "settrans -g failed";
	return NULL;
}

static const struct {
	const char *name;
	const char *(*fn)(void);
} tests[] = {
	{ "tarfs-attach-read-write-goaway", t_tar },
	{ "tarfs-gzip-archive", t_tgz },
	{ "tarfs-other-user-reads-not-writes", t_other_user },
};

static const char *setup(void)
{
	const char *e = ft_setup();

	if (e)
		return e;
	/* pflocal too: BusyBox tar -z makes a pipe, and a program's first
	 * pipe() starts /hurd/pflocal from its own root */
	if (copy_in("/hurd/tarfs", &ft_root, "/hurd/tarfs", 0755) < 0 ||
	    copy_in("/hurd/pflocal", &ft_root, "/hurd/pflocal", 0755) < 0)
		return "copying /hurd/tarfs or pflocal into the test ramfs failed";
	if (copy_in("/etc/tartest/a.tar", &ft_alice, "/home/alice/a.tar",
	            0644) < 0 ||
	    copy_in("/etc/tartest/b.tar.gz", &ft_alice, "/home/alice/b.tar.gz",
	            0644) < 0 ||
	    copy_in("/etc/tartest/a.tar", &ft_alice, "/home/alice/c.tar",
	            0644) < 0)
		return "copying the archives to alice's home failed";
	return NULL;
}

int main(void)
{
	const char *e = setup();

	ft_result("tarfs-setup", e);
	for (unsigned i = 0; i < sizeof tests / sizeof tests[0]; i++) {
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

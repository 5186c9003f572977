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

/* The member's contents in out, or why not. */
static const char *member(long len, const char *name, const char *want)
{
	static struct tar_iter it;
	static struct tar_mem m;
	struct tar_src src;
	struct tar_entry e;
	long n;

	tar_src_mem(&src, &m, arc, (uint64_t)len);
	tar_iter_init(&it, &src);
	if (tar_lookup(&it, name, &e) != TAR_OK)
		return "a member is missing from the archive";
	n = tar_read(&src, &e, 0, out, sizeof out - 1);
	out[n > 0 ? n : 0] = 0;
	if (n < 0 || strcmp(out, want))
		return "a member has other contents in the archive";
	return NULL;
}

/* The whole story on one archive: attach as alice, read, list, write,
 * settrans -g, check the archive.  gz: it is a .tar.gz. */
static const char *t_archive(const char *arch, const char *node, int gz)
{
	char path[96];
	const char *e;
	long len;
	int r;

	if ((r = ft_run(&ft_alice, out, sizeof out, "settrans", "-ac", node,
	                "/hurd/tarfs", arch, NULL)))
		return fail("settrans -ac as alice: exit status %ld", r);
	snprintf(path, sizeof path, "%s/hello.txt", node);
	if ((e = expect_text(path, "hello from tar\n")))
		return e;
	snprintf(path, sizeof path, "%s/dir/sub.txt", node);
	if ((e = expect_text(path, "in a directory\n")))
		return e;
	if ((r = list(node)) < 0)
		return fail("readdir: %ld", r);
	if (!strstr(out, " hello.txt") || !strstr(out, " dir"))
		return "readdir does not show hello.txt and dir";
	snprintf(path, sizeof path, "%s/dir/new.txt", node);
	if ((r = ft_write(&ft_alice, path, "written in Argot\n", 0644)) < 0)
		return fail("create and write through tarfs: %ld", r);
	if ((e = expect_text(path, "written in Argot\n")))
		return e;
	if ((r = ft_run(&ft_alice, out, sizeof out, "settrans", "-g", node,
	                NULL)))
		return fail("settrans -g: exit status %ld", r);
	if ((len = load_archive(arch)) < 0)
		return fail("reading the archive back: %ld", len);
	if (gz && (raw[0] != 0x1f || raw[1] != 0x8b))
		return "the archive is no longer gzipped";
	if ((e = member(len, "hello.txt", "hello from tar\n")) ||
	    (e = member(len, "dir/sub.txt", "in a directory\n")) ||
	    (e = member(len, "dir/new.txt", "written in Argot\n")))
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

/* bob reads alice's tree but cannot write into it (her files are 0644
 * and her directories 0755 in the archive). */
static const char *t_other_user(void)
{
	int r = ft_run(&ft_alice, out, sizeof out, "settrans", "-ac",
	               "/home/alice/c.d", "/hurd/tarfs", "/home/alice/a.tar",
	               NULL);
	if (r)
		return fail("settrans -ac as alice: exit status %ld", r);
	r = ft_read(&ft_bob, "/home/alice/c.d/hello.txt", out, sizeof out);
	if (r < 0 || strcmp(out, "hello from tar\n"))
		return fail("bob cannot read alice's tarfs: %ld", r);
	r = ft_write(&ft_bob, "/home/alice/c.d/hello.txt", "bob\n", 0644);
	if (r != -EACCES)
		return fail("bob's write gave %ld, not -EACCES", r);
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
	if (copy_in("/hurd/tarfs", &ft_root, "/hurd/tarfs", 0755) < 0)
		return "copying /hurd/tarfs into the test ramfs failed";
	if (copy_in("/etc/tartest/a.tar", &ft_alice, "/home/alice/a.tar",
	            0644) < 0 ||
	    copy_in("/etc/tartest/b.tar.gz", &ft_alice, "/home/alice/b.tar.gz",
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

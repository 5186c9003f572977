/* unit.c: host unit tests of libtar (TAP).  Archives are built in memory,
 * by the library's writer or by hand where a format must be exact (GNU
 * long names, broken fields), then read back with the iterator. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tar.h"
#include "tar-write.h"

static int n, failed;

static void ok(int cond, const char *name)
{
	printf("%sok %d - %s\n", cond ? "" : "not ", ++n, name);
	failed |= !cond;
}

/* ---- an in-memory archive ---- */
static unsigned char arc[1 << 20];
static size_t alen;

static int mem_write(void *ctx, const void *buf, size_t len)
{
	(void)ctx;
	if (alen + len > sizeof arc)
		return -1;
	memcpy(arc + alen, buf, len);
	alen += len;
	return 0;
}

static struct tar_out out = { mem_write, NULL, 0 };

static void reset(void)
{
	alen = 0;
	out.pos = 0;
	memset(arc, 0, sizeof arc);
}

static void add(const char *name, int type, const char *data,
		const char *link)
{
	static struct tar_entry e;

	memset(&e, 0, sizeof e);
	snprintf(e.name, sizeof e.name, "%s", name);
	snprintf(e.link, sizeof e.link, "%s", link ? link : "");
	e.type = (char)type;
	e.mode = 0644;
	e.uid = 1000;
	e.gid = 100;
	e.mtime = 1700000000;
	e.size = data ? strlen(data) : 0;
	tar_write_header(&out, &e);
	if (data) {
		tar_write_data(&out, data, e.size);
		tar_write_pad(&out);
	}
}

/* raw ustar header by hand, checksum fixed afterwards */
static unsigned char *raw(size_t at, const char *name, int type,
			  const char *size_oct)
{
	unsigned char *b = arc + at;

	memset(b, 0, 512);
	memcpy(b, name, strlen(name) > 100 ? 100 : strlen(name));
	memcpy(b + 100, "0000644", 7);
	memcpy(b + 108, "0000000", 7);
	memcpy(b + 116, "0000000", 7);
	memcpy(b + 124, size_oct, strlen(size_oct));
	memcpy(b + 136, "14000000000", 11);
	b[156] = (unsigned char)type;
	memcpy(b + 257, "ustar  ", 8);	/* GNU magic */
	return b;
}

static void fix_sum(unsigned char *b)
{
	snprintf((char *)b + 148, 8, "%06o", (unsigned)tar_checksum(b));
	b[155] = ' ';
}

static struct tar_src src;
static struct tar_mem mem;
static struct tar_iter it;

static int first(void)
{
	tar_src_mem(&src, &mem, arc, alen);
	tar_iter_init(&it, &src);
	return tar_next(&it);
}

static void test_numbers(void)
{
	int64_t v = 0;
	unsigned char f[12];

	ok(tar_number((const unsigned char *)"0000644\0", 8, &v) == 0 &&
	   v == 0644, "octal field");
	ok(tar_number((const unsigned char *)"  755 \0\0", 8, &v) == 0 &&
	   v == 0755, "octal with leading spaces");
	ok(tar_number((const unsigned char *)"00x4\0\0\0\0", 8, &v) ==
	   TAR_ENUM, "bad digit is an error");
	memset(f, 0, sizeof f);
	f[0] = 0x80;
	f[7] = 0x02;		/* 2 << 32 */
	ok(tar_number(f, 12, &v) == 0 && v == (INT64_C(2) << 32),
	   "GNU base-256 number");
	memset(f, 0xff, sizeof f);
	ok(tar_number(f, 12, &v) == 0 && v == -1, "negative base-256");
}

static void test_paths(void)
{
	char p[64];
	struct { const char *in, *out; int r; } c[] = {
		{ "./a/b/", "a/b", 0 }, { "a//b/./c", "a/b/c", 0 },
		{ "./", "", 0 }, { "/etc/passwd", NULL, TAR_EPATH },
		{ "a/../../x", NULL, TAR_EPATH }, { "..", NULL, TAR_EPATH },
		{ "a/..b", "a/..b", 0 },
	};
	for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
		char name[96];
		int r;
		strcpy(p, c[i].in);
		r = tar_clean_path(p);
		snprintf(name, sizeof name, "clean_path(\"%s\")", c[i].in);
		ok(r == c[i].r && (r || !strcmp(p, c[i].out)), name);
	}
}

static void test_roundtrip(void)
{
	char longname[300];
	long got;
	char buf[32];

	memset(longname, 'n', sizeof longname - 1);
	longname[sizeof longname - 1] = 0;
	reset();
	add("dir", TAR_DIR, NULL, NULL);
	add("dir/f.txt", TAR_REG, "hello", NULL);
	add(longname, TAR_REG, "long", NULL);
	add("dir/s", TAR_SYM, NULL, "f.txt");
	add("h", TAR_LNK, NULL, "dir/f.txt");
	tar_write_end(&out);
	ok(alen % 512 == 0, "writer output is whole blocks");
	ok(tar_checksum_ok(arc), "writer checksum verifies");
	ok(first() == TAR_OK && it.ent.type == TAR_DIR &&
	   !strcmp(it.ent.name, "dir"), "ustar directory read back");
	ok(tar_next(&it) == TAR_OK && !strcmp(it.ent.name, "dir/f.txt") &&
	   it.ent.size == 5 && it.ent.uid == 1000 && it.ent.mode == 0644 &&
	   it.ent.mtime == 1700000000, "ustar file attributes");
	got = tar_read(&src, &it.ent, 1, buf, sizeof buf);
	ok(got == 4 && !memcmp(buf, "ello", 4), "content read at offset");
	ok(tar_next(&it) == TAR_OK && !strcmp(it.ent.name, longname),
	   "pax path for a 299-byte name");
	ok(tar_next(&it) == TAR_OK && it.ent.type == TAR_SYM &&
	   !strcmp(it.ent.link, "f.txt"), "symlink target");
	ok(tar_next(&it) == TAR_OK && it.ent.type == TAR_LNK &&
	   !strcmp(it.ent.link, "dir/f.txt"), "hard link target");
	ok(tar_next(&it) == TAR_END, "end of archive");
	{
		struct tar_iter li;
		struct tar_entry e;
		tar_iter_init(&li, &src);
		ok(tar_lookup(&li, "/dir/f.txt", &e) == TAR_OK && e.size == 5,
		   "lookup by path");
		tar_iter_init(&li, &src);
		ok(tar_lookup(&li, "nope", &e) == TAR_END, "lookup of a missing path");
	}
}

static void test_gnu_long(void)
{
	char name[200];

	memset(name, 'g', 150);
	name[150] = 0;
	reset();
	fix_sum(raw(0, "././@LongLink", 'L', "00000000227"));
	memcpy(arc + 512, name, 151);
	fix_sum(raw(1024, "truncated-name", '0', "00000000003"));
	memcpy(arc + 1536, "abc", 3);
	alen = 2048 + 1024;
	ok(first() == TAR_OK && !strcmp(it.ent.name, name) && it.ent.size == 3,
	   "GNU long name ('L')");
	ok(tar_next(&it) == TAR_END, "GNU archive ends");
}

static void test_pax_fields(void)
{
	const char *rec = "30 mtime=1234567890.500000000\n"
			  "13 uid=70000\n17 path=pax/name\n13 size=4000\n";
	size_t len = strlen(rec);
	char sz[24];

	reset();
	snprintf(sz, sizeof sz, "%011zo", len);
	fix_sum(raw(0, "PaxHeaders/x", 'x', sz));
	memcpy(arc + 512, rec, len);
	fix_sum(raw(1024, "short", '0', "00000000001"));
	alen = 1024 + 512 + 4096 + 1024;
	ok(first() == TAR_OK && !strcmp(it.ent.name, "pax/name") &&
	   it.ent.uid == 70000 && it.ent.size == 4000 &&
	   it.ent.mtime == 1234567890 && it.ent.mtime_nsec == 500000000,
	   "pax path, uid, size and mtime override the header");
	ok(tar_next(&it) == TAR_END, "pax size moved to the right next header");
}

static void test_corrupt(void)
{
	unsigned char *b;

	reset();
	add("a", TAR_REG, "aaaa", NULL);
	add("b", TAR_REG, "bbbb", NULL);
	tar_write_end(&out);
	arc[10] ^= 1;		/* break a's checksum */
	ok(first() == TAR_EBADSUM, "bad checksum reported");
	ok(tar_next(&it) == TAR_OK && !strcmp(it.ent.name, "b"),
	   "resync finds the next good header");

	reset();
	fix_sum(raw(0, "big", '0', "77777777777"));
	alen = 1024;
	ok(first() == TAR_ETRUNC, "size past the end of the archive");
	ok(tar_next(&it) == TAR_END, "nothing after a truncation");

	reset();
	add("x", TAR_REG, "xxxx", NULL);
	alen = 514;		/* ends inside the 4 data bytes */
	ok(first() == TAR_ETRUNC, "archive truncated inside data");
	reset();
	add("x", TAR_REG, "x", NULL);
	alen = 300;
	ok(first() == TAR_ETRUNC, "archive truncated inside a header");

	reset();
	fix_sum(raw(0, "../evil", '0', "00000000000"));
	fix_sum(raw(512, "/etc/shadow", '0', "00000000000"));
	fix_sum(raw(1024, "good", '0', "00000000000"));
	alen = 2560;
	ok(first() == TAR_EPATH && tar_next(&it) == TAR_EPATH,
	   "'..' and absolute paths refused");
	ok(tar_next(&it) == TAR_OK && !strcmp(it.ent.name, "good"),
	   "members after refused ones still read");

	reset();
	b = raw(0, "", '0', "00000000000");
	memset(b, 'u', 100);	/* 100 bytes, no NUL: legal, bounded */
	fix_sum(b);
	alen = 1536;
	ok(first() == TAR_OK && strlen(it.ent.name) == 100,
	   "100-byte name without NUL stays bounded");

	reset();
	fix_sum(raw(0, "././@LongLink", 'L', "00000010000"));  /* 4096 */
	memset(arc + 512, 'z', 4096);	/* no terminator, too long */
	fix_sum(raw(512 + 4096, "f", '0', "00000000000"));
	alen = 512 + 4096 + 512 + 1024;
	ok(first() == TAR_ENAME, "unterminated GNU long name refused");
	ok(tar_next(&it) == TAR_END, "and its member skipped");

	reset();
	fix_sum(raw(0, "PaxHeaders/x", 'x', "00000000020"));
	memcpy(arc + 512, "99 path=abcdef\n", 16);
	fix_sum(raw(1024, "f", '0', "00000000000"));
	alen = 1536 + 1024;
	ok(first() == TAR_EPAX, "pax record length past its header");

	reset();
	fix_sum(raw(0, "dev", 'V', "00000000000"));
	alen = 1536;
	ok(first() == TAR_ETYPE, "unknown type skipped with a code");

	reset();
	b = raw(0, "n", '0', "00000000000");
	memcpy(b + 100, "07x0644", 7);
	fix_sum(b);
	alen = 1536;
	ok(first() == TAR_ENUM, "malformed mode field");
	ok(strcmp(tar_strerror(TAR_EBADSUM), tar_strerror(TAR_ETRUNC)) != 0,
	   "distinct error messages");
}

int main(void)
{
	test_numbers();
	test_paths();
	test_roundtrip();
	test_gnu_long();
	test_pax_fields();
	test_corrupt();
	printf("1..%d\n", n);
	return failed;
}

/*
 * tests/kernel/rtpure.c - host unit test (TAP) of libargot/rt's pure code:
 * rt_snprintf against the host's snprintf, and the ELF segment reader on
 * good and broken images.  Built with -m32 and the rt sources included
 * directly (they need no kernel).
 */
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include "../../libargot/rt/fmt.c"
#include "../../libargot/rt/elf.c"

static int n;

static void ok(int cond, const char *what, const char *detail)
{
	n++;
	printf("%sok %d - %s\n", cond ? "" : "not ", n, what);
	if (!cond && detail)
		printf("# %s\n", detail);
}

#define FMT(name, ...) do { \
	char a[128], b[128], d[300]; \
	int ra = rt_snprintf(a, sizeof a, __VA_ARGS__); \
	int rb = snprintf(b, sizeof b, __VA_ARGS__); \
	snprintf(d, sizeof d, "rt gave \"%s\" (%d), libc \"%s\" (%d)", \
	         a, ra, b, rb); \
	ok(ra == rb && !strcmp(a, b), "fmt " name, d); } while (0)

static void fmt_tests(void)
{
	FMT("plain", "hello");
	FMT("%d", "%d %d %d", 0, -1, 2147483647);
	FMT("%d INT_MIN", "%d", (int)0x80000000);
	FMT("%u", "%u", 4294967295u);
	FMT("%x %X", "%x %X", 0xdeadbeefu, 0xabcu);
	FMT("%s", "[%s]", "str");
	FMT("%c", "%c%c", 'a', 'Z');
	FMT("width", "[%5d] [%-5d] [%05d] [%8x]", 42, 42, 42, 0xff);
	FMT("width negative zero-pad", "[%06d]", -42);
	FMT("%s width", "[%6s] [%-6s]", "ab", "ab");
	FMT("%ld %lu", "%ld %lu", -5L, 5UL);
	FMT("%lld", "%lld %llu %llx", -1234567890123LL,
	    18446744073709551615ULL, 0x123456789abULL);
	FMT("%%", "100%%");
	char p[32], q[32];
	rt_snprintf(p, sizeof p, "%p", (void *)0x1234);
	ok(!strcmp(p, "0x1234"), "fmt %p", p);
	/* truncation: NUL-terminated, returns the full length */
	int r = rt_snprintf(q, 5, "%s", "abcdefgh");
	ok(r == 8 && !strcmp(q, "abcd"), "fmt truncates, returns full length",
	   q);
	r = rt_snprintf(q, 0, "%d", 12345);
	ok(r == 5, "fmt size 0 writes nothing", 0);
	rt_snprintf(q, sizeof q, "%s", (char *)0);
	ok(!strcmp(q, "(null)"), "fmt NULL string", q);
}

/* a minimal ELF image built here: header + 2 PT_LOAD program headers */
static unsigned char img[8192];

static struct ehdr *build(void)
{
	memset(img, 0, sizeof img);
	struct ehdr *e = (struct ehdr *)img;
	memcpy(e->ident, "\x7f" "ELF\x01\x01\x01", 7);
	e->type = 2; e->machine = 3; e->version = 1;
	e->entry = 0x08048100; e->phoff = sizeof *e;
	e->phentsize = sizeof(struct phdr); e->phnum = 2;
	struct phdr *p = (struct phdr *)(img + e->phoff);
	p[0] = (struct phdr){ PT_LOAD, 0, 0x08048000, 0, 0x1000, 0x1000,
	                      PF_R | PF_X, 0x1000 };
	p[1] = (struct phdr){ PT_LOAD, 0x1000, 0x08049000, 0, 0x800, 0x3000,
	                      PF_R | PF_W, 0x1000 };
	return e;
}

static int parse(void)
{
	struct rt_seg s[RT_ELF_MAXSEGS];
	uint32_t entry;
	return rt_elf_segments(img, sizeof img, s, RT_ELF_MAXSEGS, &entry);
}

static void elf_tests(void)
{
	struct rt_seg s[RT_ELF_MAXSEGS];
	uint32_t entry = 0;
	build();
	int r = rt_elf_segments(img, sizeof img, s, RT_ELF_MAXSEGS, &entry);
	ok(r == 2 && entry == 0x08048100 && s[1].memsz == 0x3000 &&
	   s[0].prot == (ARGOT_PROT_READ | ARGOT_PROT_EXEC) &&
	   s[1].prot == (ARGOT_PROT_READ | ARGOT_PROT_WRITE),
	   "elf good image", 0);
	struct ehdr *e;
	struct phdr *p;
#define BROKEN(name, stmt) do { e = build(); \
	p = (struct phdr *)(img + e->phoff); (void)p; stmt; \
	ok(parse() == -ARGOT_EINVAL, "elf rejects " name, 0); } while (0)
	BROKEN("bad magic", img[1] = 'X');
	BROKEN("64-bit class", e->ident[4] = 2);
	BROKEN("wrong machine", e->machine = 62);
	BROKEN("shared object", e->type = 3);
	BROKEN("phdrs past the end", e->phoff = sizeof img - 8);
	BROKEN("huge phnum", e->phnum = 0xffff);
	BROKEN("filesz > memsz", p[1].filesz = 0x4000);
	BROKEN("data past the file", p[1].offset = sizeof img - 0x10);
	BROKEN("offset overflow", p[1].offset = 0xfffff000u);
	BROKEN("segment in page 0", p[0].vaddr = 0x10);
	BROKEN("segment into the kernel", p[1].vaddr = 0xBFFFF000u);
	BROKEN("vaddr+memsz wraps", p[1].memsz = 0xfffff000u);
	BROKEN("segments share a page", p[1].vaddr = 0x08048800);
	BROKEN("entry in the kernel", e->entry = 0xC0000000u);
	BROKEN("no PT_LOAD", p[0].type = p[1].type = 4);
	ok(rt_elf_segments(img, 10, s, RT_ELF_MAXSEGS, &entry) ==
	   -ARGOT_EINVAL, "elf rejects a truncated header", 0);
}

int main(void)
{
	fmt_tests();
	elf_tests();
	printf("1..%d\n", n);
	return 0;
}

/* header.c: the fixed-format parts of a tar header -- checksums, numeric
 * fields, and the small string helpers the freestanding read side needs
 * (it cannot count on a libc). */
#include "tar.h"

void tar_memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n--)
		*d++ = *s++;
}

void tar_memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	while (n--)
		*d++ = (unsigned char)c;
}

size_t tar_strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int tar_strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

/* The checksum is the sum of the header's bytes with the checksum field
 * (offset 148, 8 bytes) counted as spaces. */
uint32_t tar_checksum(const unsigned char *b)
{
	uint32_t sum = 0;

	for (int i = 0; i < TAR_BLOCK; i++)
		sum += (i >= 148 && i < 156) ? ' ' : b[i];
	return sum;
}

/* Some old tars summed signed chars; POSIX says unsigned.  Accept both. */
static int32_t signed_checksum(const unsigned char *b)
{
	int32_t sum = 0;

	for (int i = 0; i < TAR_BLOCK; i++)
		sum += (i >= 148 && i < 156) ? ' ' : (signed char)b[i];
	return sum;
}

int tar_checksum_ok(const unsigned char *b)
{
	int64_t want;

	if (tar_number(b + 148, 8, &want) != 0)
		return 0;
	return want == (int64_t)tar_checksum(b) ||
	       want == (int64_t)signed_checksum(b);
}

/* GNU base-256: the first byte's top bit is set; the remaining bits, big
 * endian, two's complement (0xff first byte: negative, e.g. old mtimes). */
static int base256(const unsigned char *f, size_t len, int64_t *out)
{
	int neg = (f[0] & 0x40) != 0;
	uint64_t v = f[0] & 0x3f;

	if (neg)
		v |= ~(uint64_t)0x3f;	/* sign-extend the first byte */
	for (size_t i = 1; i < len; i++) {
		if (!neg && (v >> 55))
			return TAR_ENUM;	/* would overflow int64 */
		v = (v << 8) | f[i];
	}
	*out = (int64_t)v;
	return 0;
}

/* Octal digits, optionally led by spaces, ended by NUL or space (or the
 * end of the field).  Anything else means a corrupt header. */
int tar_number(const unsigned char *f, size_t len, int64_t *out)
{
	uint64_t v = 0;
	size_t i = 0;
	int digits = 0;

	if (len && (f[0] & 0x80))
		return base256(f, len, out);
	while (i < len && f[i] == ' ')
		i++;
	for (; i < len && f[i] >= '0' && f[i] <= '7'; i++, digits++) {
		if (v >> 60)
			return TAR_ENUM;
		v = v * 8 + (uint64_t)(f[i] - '0');
	}
	for (; i < len; i++)
		if (f[i] != ' ' && f[i] != 0)
			return TAR_ENUM;
	(void)digits;	/* an all-blank field is 0, as GNU tar reads it */
	*out = (int64_t)v;
	return 0;
}

const char *tar_strerror(int code)
{
	switch (code) {
	case TAR_OK: return "success";
	case TAR_END: return "end of archive";
	case TAR_EBADSUM: return "header checksum mismatch";
	case TAR_ETRUNC: return "archive truncated (data past the end)";
	case TAR_EPATH: return "unsafe path (absolute or with ..)";
	case TAR_ENAME: return "bad name (empty, too long or unterminated)";
	case TAR_EPAX: return "malformed pax extended header";
	case TAR_ENUM: return "malformed numeric field";
	case TAR_ETYPE: return "unsupported entry type";
	case TAR_EIO: return "read error";
	default: return "unknown error";
	}
}

static int mem_read(void *ctx, uint64_t off, void *buf, size_t len)
{
	struct tar_mem *m = ctx;

	tar_memcpy(buf, m->base + off, len);
	return 0;
}

void tar_src_mem(struct tar_src *src, struct tar_mem *m, const void *base,
		 uint64_t size)
{
	m->base = base;
	src->read = mem_read;
	src->ctx = m;
	src->size = size;
}

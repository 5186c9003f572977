/* write.c: writing members in POSIX ustar, falling back to a pax extended
 * header for whatever a ustar field cannot hold. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tar-write.h"

static int out(struct tar_out *o, const void *buf, size_t len)
{
	if (len && o->write(o->ctx, buf, len) != 0)
		return -1;
	o->pos += len;
	return 0;
}

static int fits_octal(int64_t v, size_t len)
{
	return v >= 0 && (uint64_t)v < (UINT64_C(1) << (3 * (len - 1)));
}

/* Octal with a NUL if it fits, else GNU base-256 (the pax header then
 * carries the value for readers that do not know base-256). */
static void put_num(unsigned char *f, size_t len, int64_t v)
{
	if (fits_octal(v, len)) {
		for (size_t i = len - 1; i-- > 0; v >>= 3)
			f[i] = (unsigned char)('0' + (v & 7));
		f[len - 1] = 0;
		return;
	}
	for (size_t i = len; i-- > 0; v >>= 8)	/* arithmetic shift keeps sign */
		f[i] = (unsigned char)(v & 0xff);
	f[0] = (unsigned char)(v < 0 ? 0xff : 0x80);
}

/* Where to cut a long name into ustar's prefix (155) and name (100);
 * -1 if no slash allows it. */
static int split_at(const char *name)
{
	size_t n = strlen(name);

	if (n <= 100)
		return 0;
	for (size_t i = n - 1; i > 0; i--)
		if (name[i] == '/' && i <= 155 && n - i - 1 <= 100 &&
		    n - i - 1 > 0)
			return (int)i;
	return -1;
}

void tar_make_header(unsigned char *b, const char *name, const char *link,
		     const struct tar_entry *e, int type, uint64_t size)
{
	int cut = split_at(name);

	memset(b, 0, TAR_BLOCK);
	if (cut > 0) {
		memcpy(b + 345, name, (size_t)cut);
		strncpy((char *)b, name + cut + 1, 100);
	} else
		strncpy((char *)b, name, 100);	/* pax holds the full name */
	put_num(b + 100, 8, e->mode & 07777);
	put_num(b + 108, 8, e->uid);
	put_num(b + 116, 8, e->gid);
	put_num(b + 124, 12, (int64_t)size);
	put_num(b + 136, 12, e->mtime);
	b[156] = (unsigned char)type;
	strncpy((char *)b + 157, link, 100);
	memcpy(b + 257, "ustar\0" "00", 8);
	memcpy(b + 265, e->uname, strnlen(e->uname, 32));
	memcpy(b + 297, e->gname, strnlen(e->gname, 32));
	put_num(b + 329, 8, e->devmajor);
	put_num(b + 337, 8, e->devminor);
	snprintf((char *)b + 148, 8, "%06o", (unsigned)tar_checksum(b));
	b[155] = ' ';
}

/* Appends "LEN key=value\n"; LEN counts its own digits. */
static int pax_add(char **buf, size_t *len, const char *key, const char *val)
{
	size_t body = strlen(key) + strlen(val) + 3, total = body + 1;
	char digits[24], *nb;

	while (snprintf(digits, sizeof digits, "%zu", total) &&
	       strlen(digits) + body != total)
		total = strlen(digits) + body;
	if (!(nb = realloc(*buf, *len + total + 1)))
		return -1;
	*buf = nb;
	snprintf(nb + *len, total + 1, "%zu %s=%s\n", total, key, val);
	*len += total;
	return 0;
}

static int mtime_str(char *s, size_t n, const struct tar_entry *e)
{
	if (e->mtime < 0 && e->mtime_nsec)
		return snprintf(s, n, "-%lld.%09u", -(long long)(e->mtime + 1),
				1000000000u - e->mtime_nsec);
	if (e->mtime_nsec)
		return snprintf(s, n, "%lld.%09u", (long long)e->mtime,
				e->mtime_nsec);
	return snprintf(s, n, "%lld", (long long)e->mtime);
}

/* The pax records this member needs (none: *len stays 0). */
static int pax_records(const struct tar_entry *e, const char *name,
		       uint64_t size, char **buf, size_t *len)
{
	char v[48];
	int err = 0;

	if (split_at(name) < 0)
		err |= pax_add(buf, len, "path", name);
	if (strlen(e->link) > 100)
		err |= pax_add(buf, len, "linkpath", e->link);
	if (!fits_octal((int64_t)size, 12) &&
	    snprintf(v, sizeof v, "%llu", (unsigned long long)size))
		err |= pax_add(buf, len, "size", v);
	if (!fits_octal(e->uid, 8) && snprintf(v, sizeof v, "%u", e->uid))
		err |= pax_add(buf, len, "uid", v);
	if (!fits_octal(e->gid, 8) && snprintf(v, sizeof v, "%u", e->gid))
		err |= pax_add(buf, len, "gid", v);
	if ((!fits_octal(e->mtime, 12) || e->mtime_nsec) &&
	    mtime_str(v, sizeof v, e) > 0)
		err |= pax_add(buf, len, "mtime", v);
	return err ? -1 : 0;
}

static int write_pax(struct tar_out *o, const struct tar_entry *e,
		     const char *name, const char *recs, size_t len)
{
	unsigned char b[TAR_BLOCK];
	char pname[101];
	const char *base = strrchr(name, '/');

	base = base && base[1] ? base + 1 : name;
	snprintf(pname, sizeof pname, "PaxHeaders/%.80s", base);
	tar_make_header(b, pname, "", e, 'x', len);
	if (out(o, b, TAR_BLOCK) || out(o, recs, len))
		return -1;
	return tar_write_pad(o);
}

int tar_write_header(struct tar_out *o, const struct tar_entry *e)
{
	unsigned char b[TAR_BLOCK];
	char name[TAR_PATH_MAX + 2];
	uint64_t size = e->type == TAR_REG ? e->size : 0;
	char *recs = NULL;
	size_t rlen = 0;
	int err;

	snprintf(name, sizeof name, "%s%s", e->name[0] ? e->name : ".",
		 e->type == TAR_DIR ? "/" : "");
	if (pax_records(e, name, size, &recs, &rlen) != 0) {
		free(recs);
		return -1;
	}
	err = rlen ? write_pax(o, e, name, recs, rlen) : 0;
	free(recs);
	if (err)
		return -1;
	tar_make_header(b, name, e->link, e, e->type, size);
	return out(o, b, TAR_BLOCK);
}

int tar_write_data(struct tar_out *o, const void *buf, size_t len)
{
	return out(o, buf, len);
}

int tar_write_pad(struct tar_out *o)
{
	static const unsigned char zero[TAR_BLOCK];
	size_t r = (size_t)(o->pos % TAR_BLOCK);

	return r ? out(o, zero, TAR_BLOCK - r) : 0;
}

int tar_write_end(struct tar_out *o)
{
	static const unsigned char zero[2 * TAR_BLOCK];

	if (tar_write_pad(o))
		return -1;
	return out(o, zero, sizeof zero);
}

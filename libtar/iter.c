/* iter.c: walking an archive's headers.  One tar_next() call consumes any
 * extension headers (GNU 'L'/'K', pax 'x'/'g') and the member they
 * describe, so the caller sees one entry per member. */
#include "tar-int.h"

void tar_iter_init(struct tar_iter *it, const struct tar_src *src)
{
	it->src = src;
	it->pos = 0;
	it->done = 0;
	it->resync = 0;
}

/* Every read goes through here: nothing past src->size is ever asked. */
static int rd(struct tar_iter *it, uint64_t off, void *buf, size_t len)
{
	if (off > it->src->size || len > it->src->size - off)
		return TAR_ETRUNC;
	if (it->src->read(it->src->ctx, off, buf, len) != 0)
		return TAR_EIO;
	return 0;
}

static uint64_t round_block(uint64_t n)
{
	return (n + TAR_BLOCK - 1) / TAR_BLOCK * TAR_BLOCK;
}

static int is_zero(const unsigned char *b)
{
	for (int i = 0; i < TAR_BLOCK; i++)
		if (b[i])
			return 0;
	return 1;
}

/* GNU 'L'/'K': the data is the name, normally NUL-terminated. */
static int read_long(struct tar_iter *it, uint64_t off, uint64_t size,
		     char *dst)
{
	int err;

	if (size == 0 || size >= TAR_PATH_MAX)
		return TAR_ENAME;
	if ((err = rd(it, off, dst, (size_t)size)) != 0)
		return err;
	dst[size] = 0;
	return dst[0] ? 0 : TAR_ENAME;
}

/* Copies a fixed-size header field that may lack its NUL. */
static void field(char *dst, const unsigned char *f, size_t len)
{
	size_t n = tar_strnlen((const char *)f, len);

	tar_memcpy(dst, f, n);
	dst[n] = 0;
}

static int is_posix_ustar(const unsigned char *b)
{
	return b[257] == 'u' && b[258] == 's' && b[259] == 't' &&
	       b[260] == 'a' && b[261] == 'r' && b[262] == 0;
}

/* ustar splits long names into prefix "/" name; GNU's format uses those
 * bytes for other things, hence the magic test. */
static void header_name(const unsigned char *b, char *dst)
{
	size_t p = 0;

	if (is_posix_ustar(b) && b[345]) {
		field(dst, b + 345, 155);
		p = tar_strnlen(dst, 155);
		dst[p++] = '/';
	}
	field(dst + p, b, 100);
}

static int normal_type(int t, const char *rawname)
{
	size_t n = tar_strnlen(rawname, TAR_PATH_MAX);

	if (t == 0 || t == '7' || t == '0')	/* V7 marks dirs with '/' */
		return n && rawname[n - 1] == '/' ? TAR_DIR : TAR_REG;
	if (t == 'D')
		return TAR_DIR;
	if (t >= '1' && t <= '6')
		return t;
	return 0;
}

/* Does content follow the header?  POSIX: for symlinks, devices, FIFOs
 * and directories the size is ignored; hard links may carry data (pax). */
static int has_data(int raw)
{
	return !(raw >= '2' && raw <= '6');
}

static int numbers(struct tar_entry *e, const unsigned char *b)
{
	int64_t v[6];

	if (tar_number(b + 100, 8, &v[0]) || tar_number(b + 108, 8, &v[1]) ||
	    tar_number(b + 116, 8, &v[2]) || tar_number(b + 136, 12, &v[3]))
		return TAR_ENUM;
	v[4] = v[5] = 0;
	if (is_posix_ustar(b) || (b[257] == 'u' && b[262] == ' '))
		if (tar_number(b + 329, 8, &v[4]) ||
		    tar_number(b + 337, 8, &v[5]))
			return TAR_ENUM;
	e->mode = (uint32_t)v[0] & 07777;
	e->uid = (uint32_t)v[1];
	e->gid = (uint32_t)v[2];
	e->mtime = v[3];
	e->mtime_nsec = 0;
	e->devmajor = (uint32_t)v[4];
	e->devminor = (uint32_t)v[5];
	field(e->uname, b + 265, 32);
	field(e->gname, b + 297, 32);
	return 0;
}

/* Fills it->ent from a member's header and the extensions before it. */
static int member(struct tar_iter *it, const unsigned char *b, struct ext *x,
		  int raw)
{
	struct tar_entry *e = &it->ent;
	int err;

	if (!x->path)
		header_name(b, e->name);
	if (!x->link)
		field(e->link, b + 157, 100);
	e->type = (char)normal_type(raw, e->name);
	if ((err = numbers(e, b)) != 0)
		return err;
	if (x->has_mtime)
		e->mtime = x->mtime, e->mtime_nsec = x->nsec;
	if (x->has_uid)
		e->uid = x->uid;
	if (x->has_gid)
		e->gid = x->gid;
	if ((err = tar_clean_path(e->name)) != 0)
		return err;
	if (e->type == TAR_LNK && (err = tar_clean_path(e->link)) != 0)
		return err;
	if (!e->type)
		return TAR_ETYPE;
	if ((e->name[0] == 0 && e->type != TAR_DIR) ||
	    ((e->type == TAR_LNK || e->type == TAR_SYM) && !e->link[0]))
		return TAR_ENAME;
	if (e->type != TAR_REG)
		e->size = 0;
	return x->err;
}

/* One header block at it->pos: an extension (returns 1 to go on), a
 * member (0), or an error. */
static int step(struct tar_iter *it, const unsigned char *b, struct ext *x)
{
	uint64_t data = it->pos + TAR_BLOCK, avail = it->src->size - data;
	int raw = b[156], err;
	int64_t hsize;

	if (tar_number(b + 124, 12, &hsize) != 0 || hsize < 0) {
		it->pos = data;		/* size unknown: hunt for a header */
		it->resync = 1;
		return TAR_ENUM;
	}
	uint64_t size = (uint64_t)hsize;
	if (x->has_size && raw != 'L' && raw != 'K' && raw != 'x' && raw != 'g')
		size = x->size;
	if (!has_data(raw))
		size = 0;
	if (size > avail) {
		it->done = 1;
		return TAR_ETRUNC;
	}
	it->pos = data + round_block(size);
	if (it->pos > it->src->size)
		it->pos = it->src->size;	/* last member, unpadded */
	switch (raw) {
	case 'L':
		err = read_long(it, data, size, it->ent.name);
		x->path = 1;
		break;
	case 'K':
		err = read_long(it, data, size, it->ent.link);
		x->link = 1;
		break;
	case 'x':
		err = tar_pax_parse(it, data, size, x);
		break;
	case 'g':	/* global pax defaults: rare, ignored */
		return 1;
	default:
		it->ent.offset = data;
		it->ent.size = size;
		return member(it, b, x, raw);
	}
	if (err == TAR_EIO || err == TAR_ETRUNC) {
		it->done = 1;
		return err;
	}
	if (err && !x->err)
		x->err = err;
	return 1;
}

int tar_next(struct tar_iter *it)
{
	struct ext x;
	int r;

	tar_memset(&x, 0, sizeof x);
	it->ent.header = it->pos;
	for (;;) {
		if (it->done || it->pos == it->src->size) {
			it->done = 1;
			return TAR_END;
		}
		if ((r = rd(it, it->pos, it->block, TAR_BLOCK)) != 0) {
			it->done = 1;
			return r;
		}
		if (is_zero(it->block) && !it->resync) {
			it->done = 1;
			return TAR_END;
		}
		if (!tar_checksum_ok(it->block)) {
			it->pos += TAR_BLOCK;
			if (it->resync)
				continue;
			it->resync = 1;
			return TAR_EBADSUM;
		}
		it->resync = 0;
		if ((r = step(it, it->block, &x)) != 1)
			return r;
	}
}

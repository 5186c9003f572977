/* pax.c: pax extended header records, "LEN KEY=VALUE\n", where LEN counts
 * the whole record.  Read one record at a time into a fixed buffer, so a
 * hostile header cannot make us allocate or overrun anything. */
#include "tar-int.h"

static int keyis(const char *k, size_t klen, const char *want)
{
	size_t n = tar_strnlen(want, 64);

	if (n != klen)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (k[i] != want[i])
			return 0;
	return 1;
}

/* Decimal, optional sign, optional ".fraction" (mtime). */
static int decimal(const char *v, size_t n, int64_t *out, uint32_t *nsec,
		   int allow_sign)
{
	size_t i = 0;
	int neg = 0;
	uint64_t val = 0;

	if (allow_sign && i < n && v[i] == '-')
		neg = 1, i++;
	if (i == n || v[i] < '0' || v[i] > '9')
		return TAR_EPAX;
	for (; i < n && v[i] >= '0' && v[i] <= '9'; i++) {
		if (val > (UINT64_C(1) << 62))
			return TAR_EPAX;
		val = val * 10 + (uint64_t)(v[i] - '0');
	}
	if (nsec) {
		uint32_t ns = 0, scale = 100000000;
		*nsec = 0;
		if (i < n && v[i] == '.') {
			for (i++; i < n && v[i] >= '0' && v[i] <= '9'; i++) {
				ns += (uint32_t)(v[i] - '0') * scale;
				scale /= 10;
			}
			*nsec = ns;
		}
	}
	if (i != n)
		return TAR_EPAX;
	*out = neg ? -(int64_t)val : (int64_t)val;
	if (neg && nsec && *nsec) {	/* -1.5 is 1.5 s before the epoch */
		*out -= 1;
		*nsec = 1000000000u - *nsec;
	}
	return 0;
}

static int copy_name(char *dst, const char *v, size_t n)
{
	if (n == 0 || n >= TAR_PATH_MAX)
		return TAR_ENAME;
	tar_memcpy(dst, v, n);
	dst[n] = 0;
	return 0;
}

static int apply(struct tar_iter *it, struct ext *x, const char *k,
		 size_t kl, const char *v, size_t vl)
{
	int64_t n;
	struct tar_entry *e = &it->ent;

	if (keyis(k, kl, "path"))
		return x->path = 1, copy_name(e->name, v, vl);
	if (keyis(k, kl, "linkpath"))
		return x->link = 1, copy_name(e->link, v, vl);
	if (keyis(k, kl, "size")) {
		if (decimal(v, vl, &n, 0, 0))
			return TAR_EPAX;
		return x->has_size = 1, x->size = (uint64_t)n, 0;
	}
	if (keyis(k, kl, "mtime"))
		return x->has_mtime = 1, decimal(v, vl, &x->mtime, &x->nsec, 1);
	if (keyis(k, kl, "uid") || keyis(k, kl, "gid")) {
		if (decimal(v, vl, &n, 0, 0) || n > UINT32_MAX)
			return TAR_EPAX;
		if (k[0] == 'u')
			x->has_uid = 1, x->uid = (uint32_t)n;
		else
			x->has_gid = 1, x->gid = (uint32_t)n;
	}
	/* uname, gname and the rest: the header's values are enough */
	return 0;
}

/* Reads the length prefix of the record at off; 0 or an error. */
static int rec_len(struct tar_iter *it, uint64_t off, uint64_t left,
		   uint64_t *len, size_t *digits)
{
	size_t n = left < 24 ? (size_t)left : 24, i = 0;
	uint64_t v = 0;

	if (it->src->read(it->src->ctx, off, it->rec, n) != 0)
		return TAR_EIO;
	for (; i < n && it->rec[i] >= '0' && it->rec[i] <= '9'; i++)
		v = v * 10 + (uint64_t)(it->rec[i] - '0');
	if (i == 0 || i == n || it->rec[i] != ' ' || v <= i + 1 || v > left)
		return TAR_EPAX;
	*len = v;
	*digits = i;
	return 0;
}

/* The caller has checked that off+len lies inside the archive. */
int tar_pax_parse(struct tar_iter *it, uint64_t off, uint64_t len,
		  struct ext *x)
{
	uint64_t end = off + len, rl;
	size_t d, kl, cap = sizeof it->rec - 1;
	int err;

	while (off < end) {
		if (it->rec[0] = 0, (err = rec_len(it, off, end - off, &rl, &d)))
			return err;
		size_t take = rl > cap ? 64 : (size_t)rl;
		if (it->src->read(it->src->ctx, off, it->rec, take) != 0)
			return TAR_EIO;
		const char *k = it->rec + d + 1;
		for (kl = 0; d + 1 + kl < take && k[kl] != '='; kl++)
			;
		if (d + 1 + kl >= take)
			return TAR_EPAX;
		if (rl > cap) {		/* too long for us: names are fatal */
			if (keyis(k, kl, "path") || keyis(k, kl, "linkpath"))
				return TAR_ENAME;
		} else {
			if (it->rec[rl - 1] != '\n')
				return TAR_EPAX;
			err = apply(it, x, k, kl, k + kl + 1,
				    (size_t)rl - d - kl - 3);
			if (err)
				return err;
		}
		off += rl;
	}
	return 0;
}

/* lookup.c: finding a member by path and reading its content, without
 * an index: what the bootstrap server needs for the initrd. */
#include "tar.h"

int tar_lookup(struct tar_iter *it, const char *path, struct tar_entry *out)
{
	static const char dot[] = ".";
	int found = 0, r;
	char want[TAR_PATH_MAX];
	size_t n;

	while (*path == '/')	/* callers may say /sbin/init */
		path++;
	n = tar_strnlen(path, TAR_PATH_MAX);
	if (n >= TAR_PATH_MAX)
		return TAR_ENAME;
	tar_memcpy(want, n ? path : dot, n ? n + 1 : sizeof dot);
	if (tar_clean_path(want) != 0)
		return TAR_EPATH;
	while ((r = tar_next(it)) != TAR_END) {
		if (r == TAR_OK && tar_strcmp(it->ent.name, want) == 0) {
			tar_memcpy(out, &it->ent, sizeof *out);
			found = 1;
		}
	}
	return found ? TAR_OK : TAR_END;
}

long tar_read(const struct tar_src *src, const struct tar_entry *e,
	      uint64_t off, void *buf, size_t len)
{
	if (off >= e->size)
		return 0;
	if (len > e->size - off)
		len = (size_t)(e->size - off);
	if (len > 0x40000000)
		len = 0x40000000;	/* stays positive in a 32-bit long */
	if (e->offset > src->size || e->size > src->size - e->offset)
		return TAR_ETRUNC;
	if (src->read(src->ctx, e->offset + off, buf, len) != 0)
		return TAR_EIO;
	return (long)len;
}

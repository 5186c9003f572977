/* common.c: small helpers of libnetfs that do not depend on a backend. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <time.h>
#include "netfs.h"

/* The translator's name for netfs_log; set by the backend in netfs_serve. */
const char *netfs_name = "netfs";

void netfs_node_init(struct netfs_node *np)
{
	np->refs = 0;
	np->backend = NULL;
}

int netfs_node_busy(const struct netfs_node *np)
{
	return np->refs != 0;
}

int netfs_argz_add(struct netfs_argz *z, const char *arg)
{
	size_t n = strlen(arg) + 1;

	if (z->len + n > z->cap) {
		size_t cap = z->cap ? z->cap * 2 : 128;
		char *b;
		while (cap < z->len + n)
			cap *= 2;
		b = realloc(z->buf, cap);
		if (!b)
			return ENOMEM;
		z->buf = b;
		z->cap = cap;
	}
	memcpy(z->buf + z->len, arg, n);
	z->len += n;
	return 0;
}

void netfs_now(struct netfs_time *t)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	t->sec = ts.tv_sec;
	t->nsec = (uint32_t)ts.tv_nsec;
}

void netfs_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "%s: ", netfs_name);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

/*
 * libargot/rt/fmt.c - rt_snprintf: the handful of printf conversions the
 * runtime's users need.  Pure code (no kernel calls) so that the host unit
 * test in tests/kernel/ can compile this very file and check it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

int rt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

struct out {
	char *buf;
	size_t size, len;     /* len counts what would have been written */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

/* One converted field: sign/prefix already in `pre`, digits in `s`. */
static void field(struct out *o, const char *pre, const char *s, size_t n,
                  int width, int left, int zero)
{
	size_t np = 0;
	while (pre[np])
		np++;
	int pad = width - (int)(n + np);
	if (!left && !zero)
		for (; pad > 0; pad--)
			put(o, ' ');
	for (size_t i = 0; i < np; i++)
		put(o, pre[i]);
	if (!left && zero)
		for (; pad > 0; pad--)
			put(o, '0');
	for (size_t i = 0; i < n; i++)
		put(o, s[i]);
	for (; left && pad > 0; pad--)
		put(o, ' ');
}

/* Digits of v in base 10 or 16, written backwards into the end of tmp. */
static size_t digits(char *tmp, size_t cap, uint64_t v, unsigned base,
                     int upper)
{
	const char *dig = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	size_t n = 0;
	do {
		tmp[cap - ++n] = dig[v % base];
		v /= base;
	} while (v);
	return n;
}

int rt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };
	char tmp[24];

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		int left = 0, zero = 0, width = 0, lng = 0;
		for (fmt++; *fmt == '-' || *fmt == '0'; fmt++)
			*fmt == '-' ? (left = 1) : (zero = 1);
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (*fmt - '0');
		for (; *fmt == 'l'; fmt++)
			lng++;
		const char *pre = "";
		uint64_t v;
		size_t n;
		switch (*fmt) {
		case 'd': case 'i': {
			int64_t sv = lng >= 2 ? va_arg(ap, long long)
			           : lng ? va_arg(ap, long) : va_arg(ap, int);
			v = sv < 0 ? -(uint64_t)sv : (uint64_t)sv;
			if (sv < 0)
				pre = "-";
			n = digits(tmp, sizeof tmp, v, 10, 0);
			field(&o, pre, tmp + sizeof tmp - n, n, width, left, zero);
			break;
		}
		case 'u': case 'x': case 'X':
			v = lng >= 2 ? va_arg(ap, unsigned long long)
			  : lng ? va_arg(ap, unsigned long)
			  : va_arg(ap, unsigned);
			n = digits(tmp, sizeof tmp, v, *fmt == 'u' ? 10 : 16,
			           *fmt == 'X');
			field(&o, pre, tmp + sizeof tmp - n, n, width, left, zero);
			break;
		case 'p':
			v = (uintptr_t)va_arg(ap, void *);
			n = digits(tmp, sizeof tmp, v, 16, 0);
			field(&o, "0x", tmp + sizeof tmp - n, n, width, left, zero);
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			size_t len = 0;
			while (s[len])
				len++;
			field(&o, "", s, len, width, left, 0);
			break;
		}
		case 'c':
			tmp[0] = (char)va_arg(ap, int);
			field(&o, "", tmp, 1, width, left, 0);
			break;
		case '%':
			put(&o, '%');
			break;
		case '\0':           /* a lone % at the end: print it, stop */
			put(&o, '%');
			fmt--;
			break;
		default:             /* unknown: show it as written */
			put(&o, '%');
			put(&o, *fmt);
			break;
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = 0;
	return (int)o.len;
}

int rt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = rt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

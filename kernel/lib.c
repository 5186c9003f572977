/*
 * lib.c - the few string functions a freestanding kernel needs.  gcc may
 * emit calls to memset/memcpy itself, so they are real functions.
 */
#include "kern.h"

void *memset(void *d, int c, size_t n)
{
	void *r = d;
	__asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
	return r;
}

void *memcpy(void *d, const void *s, size_t n)
{
	void *r = d;
	__asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
	return r;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const uint8_t *x = a, *y = b;
	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

/* Copy with truncation; the destination is always terminated and its
 * tail zeroed (it may be copied out to user space whole). */
void strlcpy0(char *d, const char *s, size_t n)
{
	size_t i = 0;
	for (; i + 1 < n && s[i]; i++)
		d[i] = s[i];
	for (; i < n; i++)
		d[i] = 0;
}

char kcmdline[128];

int cmdline_has(const char *word)
{
	size_t n = strlen(word);
	for (const char *p = kcmdline; *p; p++)
		if ((p == kcmdline || p[-1] == ' ') && !memcmp(p, word, n) &&
		    (p[n] == 0 || p[n] == ' '))
			return 1;
	return 0;
}

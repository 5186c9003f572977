/*
 * libargot/server/strerror.c - names of the error codes servers print in
 * their boot and failure lines (libc-free, so servers need no libc).
 */
#include "rpc.h"

static const struct { int e; const char *s; } names[] = {
	{ 1, "operation not permitted" }, { 2, "no such file" },
	{ 3, "no such process" }, { 4, "interrupted" }, { 5, "I/O error" },
	{ 7, "argument list too long" }, { 8, "not an executable (bad ELF)" },
	{ 9, "bad handle" }, { 10, "no child" }, { 11, "try again" },
	{ 12, "out of memory" }, { 13, "permission denied" },
	{ 14, "bad address" }, { 16, "busy" },
	{ 17, "exists" }, { 20, "not a directory" }, { 21, "is a directory" },
	{ 22, "invalid request" }, { 24, "handle table full" },
	{ 30, "read-only filesystem" },
	{ 32, "server gone (broken pipe)" }, { 36, "name too long" },
	{ 38, "no such request" }, { 90, "message too large" },
	{ 95, "not supported" }, { 110, "timed out" },
};

const char *argot_strerror(int err)
{
	if (err < 0)
		err = -err;
	for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].e == err)
			return names[i].s;
	return "unknown error";
}

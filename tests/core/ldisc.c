/*
 * tests/core/ldisc.c - host unit test (TAP) of the serial line
 * discipline (drivers/serial/ldisc.c): canonical editing, echo, signals,
 * end of file, raw mode, output processing.
 */
#include <stdio.h>
#include <string.h>
#include "../../drivers/serial/ldisc.h"

static int n, failed;
static struct term_ld ld;
static char echoed[4096];

static void ok(int c, const char *what)
{
	n++;
	failed += !c;
	printf("%sok %d - %s\n", c ? "" : "not ", n, what);
}

static uint32_t type(const char *s)
{
	uint32_t sig = 0;
	echoed[0] = 0;
	for (; *s; s++) {
		term_ld_input(&ld, *s);
		strncat(echoed, ld.echo, ld.necho);
		if (ld.sig)
			sig = ld.sig;
	}
	return sig;
}

static const char *readall(void)
{
	static char buf[512];
	uint32_t k = term_ld_read(&ld, buf, sizeof buf - 1);
	buf[k] = 0;
	return buf;
}

int main(void)
{
	term_ld_init(&ld);
	type("abc");
	ok(!term_ld_readable(&ld), "no line before Enter");
	ok(!strcmp(echoed, "abc"), "typed characters echo");
	type("\r");
	ok(!strcmp(echoed, "\r\n"), "Enter echoes CR LF");
	ok(!strcmp(readall(), "abc\n"), "CR becomes a line ending in NL");
	type("abX\x7f" "c\n");
	ok(!strcmp(readall(), "abc\n"), "erase removes the last character");
	type("junk\x15ok\n");
	ok(!strcmp(readall(), "ok\n"), "kill removes the line");
	type("one\ntwo\n");
	ok(!strcmp(readall(), "one\n"), "a read takes one line");
	ok(!strcmp(readall(), "two\n"), "then the next");
	ok(type("half\x03") == 2 && !term_ld_readable(&ld), "^C is SIGINT, drops the line");
	ok(strstr(echoed, "^C") != 0, "^C echoes");
	ok(type("\x1a") == 20, "^Z is SIGTSTP");
	type("\x04");
	ok(term_ld_readable(&ld) && term_ld_read(&ld, echoed, 10) == 0, "^D on an empty line is end of file");
	type("part\x04");
	ok(!strcmp(readall(), "part"), "^D after text sends it without NL");
	ld.t.lflag &= ~(T_ICANON | T_ECHO);
	type("x");
	ok(!strcmp(readall(), "x") && !echoed[0], "raw mode: at once, no echo");
	ld.t.lflag &= ~T_ISIG;
	ok(type("\x03") == 0 && !strcmp(readall(), "\x03"), "no ISIG: ^C is data");
	char out[16];
	ok(term_ld_output(&ld, "a\nb", 3, out) == 4 && !memcmp(out, "a\r\nb", 4), "output NL becomes CR NL");
	printf("1..%d\n", n);
	return failed != 0;
}

/*
 * drivers/serial/ldisc.c - canonical mode with erase and kill, echo,
 * raw mode, ^C/^\/^Z as signals, ^D as end of file.
 */
#include "ldisc.h"

#define SIGINT 2
#define SIGQUIT 3
#define SIGTSTP 20

void term_ld_init(struct term_ld *ld)
{
	char *p = (char *)ld;
	for (uint32_t i = 0; i < sizeof *ld; i++)
		p[i] = 0;
	ld->t.iflag = T_ICRNL;
	ld->t.oflag = T_OPOST | T_ONLCR;
	ld->t.cflag = 0x8bd;           /* B38400 CS8 CREAD HUPCL */
	ld->t.lflag = T_ISIG | T_ICANON | T_ECHO | T_ECHOE | T_ECHOK;
	ld->t.cc[T_VINTR] = 3;
	ld->t.cc[T_VQUIT] = 0x1c;
	ld->t.cc[T_VERASE] = 0x7f;
	ld->t.cc[T_VKILL] = 0x15;
	ld->t.cc[T_VEOF] = 4;
	ld->t.cc[T_VSUSP] = 0x1a;
	ld->t.cc[T_VMIN] = 1;
	ld->t.ispeed = ld->t.ospeed = 115200;
}

static void echo(struct term_ld *ld, const char *s, uint32_t n)
{
	if (!(ld->t.lflag & T_ECHO))
		return;
	for (uint32_t i = 0; i < n && ld->necho < sizeof ld->echo - 2; i++) {
		if (s[i] == '\n' && (ld->t.oflag & T_ONLCR))
			ld->echo[ld->necho++] = '\r';
		ld->echo[ld->necho++] = s[i];
	}
}

static void push(struct term_ld *ld, const char *s, uint32_t n)
{
	for (uint32_t i = 0; i < n && ld->count < TERM_RING; i++)
		ld->ring[(ld->head + ld->count++) % TERM_RING] = s[i];
}

static int signal_char(struct term_ld *ld, char c)
{
	const struct { int idx; uint32_t sig; const char *show; } s[] = {
		{ T_VINTR, SIGINT, "^C\n" }, { T_VQUIT, SIGQUIT, "^\\\n" },
		{ T_VSUSP, SIGTSTP, "^Z\n" },
	};
	if (!(ld->t.lflag & T_ISIG))
		return 0;
	for (int i = 0; i < 3; i++)
		if (c && c == (char)ld->t.cc[s[i].idx]) {
			ld->sig = s[i].sig;
			ld->nline = 0;      /* the line is discarded */
			echo(ld, s[i].show, 3);
			return 1;
		}
	return 0;
}

static void canonical(struct term_ld *ld, char c)
{
	if (c == (char)ld->t.cc[T_VERASE] || c == '\b') {
		if (ld->nline) {
			ld->nline--;
			echo(ld, "\b \b", 3);
		}
	} else if (c == (char)ld->t.cc[T_VKILL]) {
		while (ld->nline) {
			ld->nline--;
			echo(ld, "\b \b", 3);
		}
	} else if (c == (char)ld->t.cc[T_VEOF]) {
		if (ld->nline)
			push(ld, ld->line, ld->nline);
		else
			ld->eofs++;
		ld->nline = 0;
	} else if (c == '\n') {
		echo(ld, "\n", 1);
		push(ld, ld->line, ld->nline);
		push(ld, "\n", 1);
		ld->nline = 0;
	} else if (ld->nline < TERM_LINE_MAX) {
		ld->line[ld->nline++] = c;
		echo(ld, &c, 1);
	}
}

void term_ld_input(struct term_ld *ld, char c)
{
	ld->necho = 0;
	ld->sig = 0;
	if (c == '\r' && (ld->t.iflag & T_ICRNL))
		c = '\n';
	if (signal_char(ld, c))
		return;
	if (ld->t.lflag & T_ICANON) {
		canonical(ld, c);
	} else {
		push(ld, &c, 1);
		echo(ld, &c, 1);
	}
}

int term_ld_readable(const struct term_ld *ld)
{
	return ld->count > 0 || ld->eofs > 0;
}

uint32_t term_ld_read(struct term_ld *ld, char *buf, uint32_t n)
{
	uint32_t got = 0;
	if (ld->count == 0 && ld->eofs) {
		ld->eofs--;
		return 0;
	}
	while (got < n && ld->count) {
		char c = ld->ring[ld->head];
		ld->head = (ld->head + 1) % TERM_RING;
		ld->count--;
		buf[got++] = c;
		if (c == '\n' && (ld->t.lflag & T_ICANON))
			break;
	}
	return got;
}

uint32_t term_ld_output(const struct term_ld *ld, const char *in,
                        uint32_t n, char *out)
{
	uint32_t o = 0;
	int crlf = (ld->t.oflag & T_OPOST) && (ld->t.oflag & T_ONLCR);
	for (uint32_t i = 0; i < n; i++) {
		if (in[i] == '\n' && crlf)
			out[o++] = '\r';
		out[o++] = in[i];
	}
	return o;
}

/*
 * drivers/serial/ldisc.h - the line discipline, as pure code: bytes in
 * from the wire, bytes for readers, echo and signals out.  No I/O here,
 * so host tests drive it directly.
 */
#ifndef TERM_LDISC_H
#define TERM_LDISC_H

#include <stdint.h>
#include <argot/term.h>

#define TERM_LINE_MAX 255
#define TERM_RING 4096

struct term_ld {
	struct argot_termios t;
	char line[TERM_LINE_MAX];  /* the line being edited (canonical) */
	uint32_t nline;
	char ring[TERM_RING];      /* bytes readers may take */
	uint32_t head, count;
	uint32_t eofs;             /* ^D on an empty line, not yet read */
	/* outputs of term_ld_input, for the caller to act on */
	char echo[3 * TERM_LINE_MAX + 8];
	uint32_t necho;
	uint32_t sig;              /* a signal for the foreground group */
};

void term_ld_init(struct term_ld *ld);
/* One byte from the wire.  Afterwards echo[0..necho) must be written out
 * and sig (if not 0) sent to the foreground process group. */
void term_ld_input(struct term_ld *ld, char c);
/* Is there something for a reader (data or an end of file)? */
int term_ld_readable(const struct term_ld *ld);
/* Take up to n bytes for a reader (one line at most in canonical mode);
 * returns the count, 0 for end of file. */
uint32_t term_ld_read(struct term_ld *ld, char *buf, uint32_t n);
/* Output processing (ONLCR): returns bytes written to out (cap >= 2n). */
uint32_t term_ld_output(const struct term_ld *ld, const char *in,
                        uint32_t n, char *out);

#endif

/*
 * include/argot/term.h - the term protocol: a terminal's line discipline
 * settings and job control.  A terminal also answers io (read/write:
 * reads block until a line is complete in canonical mode, ^D at the
 * start of a line is end of file; writes block while the output buffer is
 * full, never drop) and returns itself from io_stat as a character device.
 */
#ifndef ARGOT_TERM_H
#define ARGOT_TERM_H

#include <argot/rpc.h>

/* musl's struct termios layout, Linux flag values */
#define ARGOT_NCCS 32
struct argot_termios {
	uint32_t iflag, oflag, cflag, lflag;
	uint8_t  line;
	uint8_t  cc[ARGOT_NCCS];
	uint8_t  pad[3];
	uint32_t ispeed, ospeed;
};
/* cc indexes */
#define T_VINTR 0
#define T_VQUIT 1
#define T_VERASE 2
#define T_VKILL 3
#define T_VEOF 4
#define T_VTIME 5
#define T_VMIN 6
#define T_VSUSP 10
/* lflag */
#define T_ISIG   0000001
#define T_ICANON 0000002
#define T_ECHO   0000010
#define T_ECHOE  0000020
#define T_ECHOK  0000040
#define T_ECHONL 0000100
/* iflag / oflag */
#define T_ICRNL  0000400
#define T_OPOST  0000001
#define T_ONLCR  0000004

struct argot_winsize { uint16_t rows, cols, xpixel, ypixel; };

#define TERM_TCSANOW   0
#define TERM_TCSADRAIN 1
#define TERM_TCSAFLUSH 2
struct term_set_modes_req { uint32_t when; struct argot_termios t; };
struct term_pgrp { int32_t pgrp; };

enum {
	TERM_GET_MODES = ARGOT_RPC_TERM, /* reply argot_termios */
	TERM_SET_MODES,        /* req term_set_modes_req */
	TERM_GET_PGRP,         /* reply term_pgrp (foreground group) */
	TERM_SET_PGRP,         /* req term_pgrp: -EINVAL if pgrp <= 0,
	                          -ESRCH if no live process is in it,
	                          -EPERM if it is in another session than
	                          the terminal's (the session of the first
	                          foreground group, until its leader dies) */
	TERM_GET_WINSIZE,      /* reply argot_winsize */
	TERM_SET_WINSIZE,      /* req argot_winsize */
	TERM_FLUSH,            /* req term_pgrp-sized word: 0 in, 1 out,
	                          2 both (TCIFLUSH...) */
	TERM_END
};

#define TERM_RPCS(X) \
	X(TERM_GET_MODES,   struct rpc_empty,           RPC_FIXED, 0, 0) \
	X(TERM_SET_MODES,   struct term_set_modes_req,  RPC_FIXED, 0, 0) \
	X(TERM_GET_PGRP,    struct rpc_empty,           RPC_FIXED, 0, 0) \
	X(TERM_SET_PGRP,    struct term_pgrp,           RPC_FIXED, 0, 0) \
	X(TERM_GET_WINSIZE, struct rpc_empty,           RPC_FIXED, 0, 0) \
	X(TERM_SET_WINSIZE, struct argot_winsize,       RPC_FIXED, 0, 0) \
	X(TERM_FLUSH,       struct term_pgrp,           RPC_FIXED, 0, 0)

/* client stubs */
int term_get_modes(int h, struct argot_termios *t, uint32_t timeout);
int term_set_modes(int h, uint32_t when, const struct argot_termios *t,
                   uint32_t timeout);
int term_get_pgrp(int h, int32_t *pgrp, uint32_t timeout);
int term_set_pgrp(int h, int32_t pgrp, uint32_t timeout);
int term_get_winsize(int h, struct argot_winsize *w, uint32_t timeout);
int term_set_winsize(int h, const struct argot_winsize *w, uint32_t timeout);
int term_flush(int h, uint32_t queue, uint32_t timeout);

#endif /* ARGOT_TERM_H */

/*
 * tests/kernel/kt.h - the in-guest kernel test framework.  A test is a
 * function returning KT_PASS, or KT_FAIL/KT_SKIP with a reason left in
 * kt_why by the macros below.  The runner (main.c) prints the result lines
 * that tests/harness/guest-tap turns into TAP.
 */
#ifndef KT_H
#define KT_H

#include "rt.h"
#include "kcall.h"

enum { KT_PASS = 0, KT_FAIL = 1, KT_SKIP = 2 };

struct kt_test {
	const char *name;
	int (*fn)(void);
};

extern struct argot_bootinfo *kt_bi;
extern char kt_why[200];

#define KT_FAILF(...) do { \
	rt_snprintf(kt_why, sizeof kt_why, __VA_ARGS__); \
	return KT_FAIL; } while (0)
#define KT_SKIPF(...) do { \
	rt_snprintf(kt_why, sizeof kt_why, __VA_ARGS__); \
	return KT_SKIP; } while (0)
/* a condition that must hold */
#define CHECK(c) do { if (!(c)) \
	KT_FAILF("line %d: %s", __LINE__, #c); } while (0)
/* an integer result that must equal an expected value */
#define EXPECT(got, want) do { long _g = (long)(got), _w = (long)(want); \
	if (_g != _w) KT_FAILF("line %d: %s = %ld, expected %ld", \
	                       __LINE__, #got, _g, _w); } while (0)
/* a call that must succeed (>= 0) */
#define OK(call) do { long _r = (long)(call); if (_r < 0) \
	KT_FAILF("line %d: %s failed: %ld", __LINE__, #call, _r); } while (0)

/* ---- helpers (kt.c) ------------------------------------------------- */
int kt_pipe(uint32_t label, int *recv_end, int *send);
/* send `len` bytes and `nh` handles with a tag; returns the call result */
int kt_send(int h, uint32_t tag, const void *data, uint32_t len,
            const int32_t *hnd, uint32_t nh, uint32_t timeout);
/* receive into m (buffers set up from buf/cap and hbuf/hcap) */
int kt_recv(int h, struct argot_msg *m, void *buf, uint32_t cap,
            int32_t *hbuf, uint32_t hcap, uint32_t timeout);
/* wait up to ms for *flag to become want */
int kt_wait_flag(volatile int *flag, int want, uint32_t ms);
int kt_thread(void (*fn)(void *), void *arg, uint32_t prio, int *h);
uint32_t kt_ms_since(uint64_t ns0);

/* An echo server thread on a receive end: replies to each CALL with
 * tag + 1 and the same data; KT_STOP ends it.  Modes change what it does
 * with the reply handle. */
enum kt_srv_mode { KT_SRV_ECHO, KT_SRV_CLOSE_REPLY, KT_SRV_HOLD };
#define KT_STOP 0x5707u
struct kt_server {
	int recv;
	enum kt_srv_mode mode;
	volatile int got;        /* requests received */
	volatile int done;
	int thread;
	int held_reply;          /* KT_SRV_HOLD: the reply handle kept */
};
int kt_server_start(struct kt_server *s, int recv, enum kt_srv_mode mode);
void kt_server_stop(struct kt_server *s, int send);

/* ---- child processes (child.c is the program) ----------------------- */
struct kt_report { uint32_t eip, cr2, v0, v1; };
#define KT_REPORT 0x4e90u    /* tag of a child's report message */
/* Start the ktchild module running `cmd`; handles h[0..nh) are given to
 * it (receive ends move).  quota 0 = the default.  With watch_recv not
 * NULL, a death watch with cookie KT_COOKIE is set before the child runs
 * and *watch_recv is the receive end the death message arrives on. */
#define KT_COOKIE 0xC00C1Eu
int kt_spawn(const char *cmd, const uint32_t args[4], const int *h,
             int nh, uint32_t quota, int *watch_recv, int *proc);
/* if set, kt_spawn calls it with the new process before it runs */
extern int (*kt_before_run)(int proc);
/* wait for the death message on a watch pipe */
int kt_death(int watch_recv, uint32_t ms, struct argot_death *d);
/* wait for a report from a child */
int kt_report(int recv, uint32_t ms, struct kt_report *r);

/* the groups, one per file */
extern const struct kt_test kt_ipc[], kt_handles[], kt_memory[],
	kt_threads[], kt_faults[], kt_resources[], kt_badinput[],
	kt_charges[];

#endif

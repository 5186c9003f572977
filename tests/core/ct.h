/*
 * tests/core/ct.h - helpers of the in-guest core tests: results on the
 * boot console in the harness's PASS:/FAIL: format.
 */
#ifndef CT_H
#define CT_H

#include "rt.h"
#include "kcall.h"
#include "server/rpc.h"
#include "server/spawn.h"
#include "server/start/start.h"
#include <argot/io.h>
#include <argot/dir.h>
#include <argot/auth.h>
#include <argot/proc.h>
#include <argot/exec.h>

#define CT_T 5000

extern struct argot_startup *ct_st;
void ct_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ct_check(const char *name, int ok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
#define CHECK_EQ(name, got, want) \
	ct_check(name, (long)(got) == (long)(want), "got %ld want %ld", \
	         (long)(got), (long)(want))

int ct_open(const char *path, int *h);
/* spawn a program; returns pid or -errno */
int ct_spawn(const char *path, const char *a1, const char *a2);
/* a raw request: tag, data, handles; returns the reply tag */
int ct_raw(int h, uint32_t tag, const void *data, uint32_t len,
           const int32_t *hs, uint32_t nh);

void ct_auth(void);
void ct_proc(void);
void ct_wait(void);
void ct_term(void);
void ct_exec(void);
void ct_malformed(void);

#endif

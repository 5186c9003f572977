/* probe.c: is a send handle a client gave us (DIR_LINK's file, DIR_RENAME's
 * target directory) one of our own protids?  A handle's number tells us
 * nothing, so we send ourselves a probe through it (rpc.h,
 * ARGOT_RPC_PROBE) carrying a fresh nonce, and see on which of our pipes
 * it arrives.  If it never does, the handle belongs to another server:
 * the caller answers EXDEV. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "na.h"

#define NA_PROBE_WAIT_MS 500
#define NA_PROBE_SLOTS 16

static struct {
	uint64_t nonce;		/* 0: free */
	struct na_prot *found;
} na_waits[NA_PROBE_SLOTS];
static pthread_mutex_t na_wlock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t na_counter;

static uint64_t na_nonce(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	/* never 0, which marks a free slot */
	return (((uint64_t)t.tv_nsec << 20) ^ (uint64_t)rand() ^
	        __atomic_add_fetch(&na_counter, 1, __ATOMIC_RELAXED) ^
	        ((uint64_t)t.tv_sec << 40)) | 1;
}

/* the server loop saw a probe (or another kernel message) on a protid */
void na_probe_seen(struct srv_req *r)
{
	uint64_t nonce;

	if (r->id != ARGOT_RPC_PROBE || r->len != sizeof nonce)
		return;
	memcpy(&nonce, r->data, sizeof nonce);
	pthread_mutex_lock(&na_wlock);
	for (int i = 0; i < NA_PROBE_SLOTS; i++)
		if (na_waits[i].nonce == nonce)
			na_waits[i].found = (struct na_prot *)r->obj;
	pthread_mutex_unlock(&na_wlock);
}

struct na_prot *na_probe(int h)
{
	uint64_t nonce = na_nonce();
	struct argot_msg m = { .tag = ARGOT_RPC_PROBE, .timeout = 0,
	                       .sbuf = &nonce, .slen = sizeof nonce };
	struct timespec ms = { 0, 1000000 };
	struct na_prot *p = NULL;
	int slot = -1;

	pthread_mutex_lock(&na_wlock);
	for (int i = 0; i < NA_PROBE_SLOTS && slot < 0; i++)
		if (!na_waits[i].nonce) {
			slot = i;
			na_waits[i].nonce = nonce;
			na_waits[i].found = NULL;
		}
	pthread_mutex_unlock(&na_wlock);
	if (slot < 0)
		return NULL;
	if (argot_send(h, &m, ARGOT_NONBLOCK) >= 0) {
		for (int i = 0; i < NA_PROBE_WAIT_MS && !p; i++) {
			pthread_mutex_lock(&na_wlock);
			p = na_waits[slot].found;
			pthread_mutex_unlock(&na_wlock);
			if (!p)
				nanosleep(&ms, NULL);
		}
	}
	pthread_mutex_lock(&na_wlock);
	na_waits[slot].nonce = 0;
	pthread_mutex_unlock(&na_wlock);
	/* the protid stays alive: the client's handle in r->h holds it */
	return p;
}

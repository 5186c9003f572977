/*
 * pmem.c - physical page frames: one bit per frame of the direct map.
 * Only RAM the firmware reports usable is ever added; the kernel image,
 * the modules and the first MiB are reserved before anything allocates.
 */
#include "kern.h"

#define MAXFRAMES (DIRECT_MAX / PGSIZE)
static uint32_t used[MAXFRAMES / 32];      /* 1 = not available */
static uint32_t ram[MAXFRAMES / 32];       /* 1 = usable RAM */
static uint32_t hint;
uint32_t pmem_total, pmem_nfree;

/* The last frames are kept for the kernel's duties that must not fail:
 * an answer to a caller that is waiting (its room is already charged to
 * the caller's quota, but quotas may add up to more than the machine).
 * Death and no-senders messages are preallocated and need none. */
#define RESERVE 64
int pmem_duty;

static int bit(const uint32_t *m, uint32_t f) { return (m[f / 32] >> (f % 32)) & 1; }
static void setb(uint32_t *m, uint32_t f) { m[f / 32] |= 1u << (f % 32); }
static void clrb(uint32_t *m, uint32_t f) { m[f / 32] &= ~(1u << (f % 32)); }

/* Called first for each usable region; all frames start "used". */
void pmem_add(uint64_t base, uint64_t len)
{
	static int inited;
	if (!inited) {
		memset(used, 0xff, sizeof(used));
		inited = 1;
	}
	uint64_t end = base + len;
	if (end > DIRECT_MAX)
		end = DIRECT_MAX;
	for (uint64_t a = PGROUND(base); a + PGSIZE <= end; a += PGSIZE) {
		uint32_t f = (uint32_t)(a / PGSIZE);
		if (bit(ram, f))
			continue;
		setb(ram, f);
		clrb(used, f);
		pmem_total++;
		pmem_nfree++;
	}
}

void pmem_reserve(uint32_t base, uint32_t end)
{
	for (uint32_t f = base / PGSIZE; f < PGROUND(end) / PGSIZE && f < MAXFRAMES; f++)
		if (!bit(used, f)) {
			setb(used, f);
			pmem_nfree--;
		}
}

int pmem_is_ram(uint32_t pa)
{
	return pa < DIRECT_MAX && bit(ram, pa / PGSIZE);
}

/* First fit from a rotating hint; multi-frame runs are rare (kernel
 * stacks, large messages, handle tables). */
uint32_t pmem_alloc(uint32_t n)
{
	if (n == 0 || n + (pmem_duty ? 0 : RESERVE) > pmem_nfree)
		return 0;
	for (int pass = 0; pass < 2; pass++) {
		uint32_t f = pass ? 0 : hint, run = 0;
		for (; f < MAXFRAMES; f++) {
			if (f % 32 == 0 && used[f / 32] == 0xffffffffu && run == 0) {
				f += 31;
				continue;
			}
			run = bit(used, f) ? 0 : run + 1;
			if (run < n)
				continue;
			uint32_t first = f + 1 - n;
			for (uint32_t i = first; i <= f; i++)
				setb(used, i);
			pmem_nfree -= n;
			hint = f + 1;
			memset(P2V(first * PGSIZE), 0, n * PGSIZE);
			return first * PGSIZE;
		}
	}
	return 0;
}

void pmem_free(uint32_t pa, uint32_t n)
{
	for (uint32_t f = pa / PGSIZE; n--; f++) {
		if (!bit(ram, f) || !bit(used, f))
			panic("pmem_free: bad frame %x", f * PGSIZE);
		clrb(used, f);
		pmem_nfree++;
	}
}

/*
 * exec/stack.c - the initial stack, as Linux/i386 lays it out:
 *   sp -> argc, argv[], NULL, envp[], NULL, auxv pairs, AT_NULL
 * with the strings, 16 random bytes and the startup block above them.
 * Built in a memobj mapped both here and in the new process.
 */
#include "exec.h"

#define AUXMAX 20

struct frame {             /* where things go, as the process sees them */
	char *here;            /* our mapping of the stack */
	uint32_t base;         /* its address in the process */
	uint32_t top;          /* next free byte, growing down */
};

static uint32_t push(struct frame *f, const void *p, uint32_t n)
{
	f->top = (f->top - n) & ~3u;
	rpc_copy(f->here + (f->top - f->base), p, n);
	return f->top;
}

static void put_word(struct frame *f, uint32_t at, uint32_t v)
{
	rpc_copy(f->here + (at - f->base), &v, 4);
}

int exec_build_stack(int proc, const struct exec_load_req *q,
                     const char *strs, uint32_t slen,
                     const struct exec_image *im, uint32_t *sp,
                     uint32_t *startup_va, struct exec_stack *st)
{
	st->here = 0;
	uint32_t size = EXEC_STACK_SIZE, used;
	int mo, r;
	if ((r = k_memobj_create(rt.kernel, size, &mo)) < 0)
		return r;
	if ((r = k_proc_map(rt.self, mo, 0, 0, size,
	                    ARGOT_PROT_READ | ARGOT_PROT_WRITE, 0, &used)) < 0)
		goto out;
	struct frame f = { (char *)used, EXEC_STACK_TOP - size, EXEC_STACK_TOP };
	*startup_va = push(&f, &q->startup, sizeof q->startup);
	uint64_t rnd[2] = { rdtsc(), rdtsc() * 0x9E3779B97F4A7C15ull };
	uint32_t random = push(&f, rnd, sizeof rnd);
	uint32_t sbase = push(&f, strs, slen);
	uint32_t n = q->argc + q->envc;
	uint32_t auxv[2 * AUXMAX], na = 0;
#define AUX(t, v) (auxv[na++] = (t), auxv[na++] = (v))
	AUX(AT_PHDR, im->phdr_va); AUX(AT_PHENT, 32); AUX(AT_PHNUM, im->phnum);
	AUX(AT_PAGESZ, ARGOT_PAGE_SIZE); AUX(AT_ENTRY, im->entry);
	AUX(AT_UID, q->uid); AUX(AT_EUID, q->euid);
	AUX(AT_GID, q->gid); AUX(AT_EGID, q->egid);
	AUX(AT_SECURE, q->uid != q->euid || q->gid != q->egid);
	AUX(AT_RANDOM, random); AUX(AT_SYSINFO, 0);
	AUX(AT_ARGOT_STARTUP, *startup_va); AUX(AT_NULL, 0);
	/* the vector: argc, n+2 pointers, the aux pairs; 16-byte aligned */
	uint32_t words = 1 + n + 2 + na;
	f.top = (f.top - words * 4) & ~15u;
	uint32_t at = f.top, off = 0;
	put_word(&f, at, q->argc);
	at += 4;
	for (uint32_t i = 0; i < n; i++) {
		if (i == q->argc) {
			put_word(&f, at, 0);
			at += 4;
		}
		put_word(&f, at, sbase + off);
		at += 4;
		off += rpc_strnlen(strs + off, slen - off) + 1;
	}
	if (n == q->argc) {
		put_word(&f, at, 0);
		at += 4;
	}
	put_word(&f, at, 0);
	at += 4;
	for (uint32_t i = 0; i < na; i++, at += 4)
		put_word(&f, at, auxv[i]);
	*sp = f.top;
	st->here = f.here;
	st->startup_va = *startup_va;
	r = k_proc_map(proc, mo, EXEC_STACK_TOP - size, 0, size,
	               ARGOT_PROT_READ | ARGOT_PROT_WRITE, ARGOT_MAP_FIXED, 0);
	if (r < 0)
		k_proc_unmap(rt.self, used, size);
out:
	argot_close(mo);
	return r < 0 ? r : 0;
}

/* Put the thread's handle number into the startup block and drop our
 * view of the stack (thread < 0: just drop it). */
void exec_stack_done(struct exec_stack *st, int32_t thread)
{
	if (!st->here)
		return;
	if (thread >= 0) {
		uint32_t off = st->startup_va - (EXEC_STACK_TOP - EXEC_STACK_SIZE);
		struct argot_startup *sb = (void *)(st->here + off);
		sb->thread = thread;
	}
	k_proc_unmap(rt.self, (uint32_t)st->here, EXEC_STACK_SIZE);
	st->here = 0;
}

/*
 * libargot/rt/mem.c - pages from the kernel (a memory object mapped where
 * the kernel likes) and a small first-fit malloc on top of them.  Freed
 * blocks go on one list without coalescing: programs using rt allocate
 * little and mostly at start-up.
 */
#include "rt.h"
#include "kcall.h"

void *rt_page_alloc(uint32_t npages, int *memobj)
{
	int mo;
	uint32_t va;
	uint32_t size = npages * ARGOT_PAGE_SIZE;
	if (k_memobj_create(rt.kernel, size, &mo) < 0)
		return 0;
	if (k_proc_map(rt.self, mo, 0, 0, size,
	               ARGOT_PROT_READ | ARGOT_PROT_WRITE, 0, &va) < 0) {
		argot_close(mo);
		return 0;
	}
	/* the mapping keeps the pages alive; the handle is optional */
	if (memobj)
		*memobj = mo;
	else
		argot_close(mo);
	return (void *)va;
}

void rt_page_free(void *p, uint32_t npages)
{
	k_proc_unmap(rt.self, (uint32_t)p, npages * ARGOT_PAGE_SIZE);
}

struct block {
	size_t size;            /* usable bytes after the header */
	struct block *next;     /* free list link */
};

static struct block *free_list;
static char *arena, *arena_end;
static rt_lock_t heap_lock;

#define ARENA_PAGES 16
#define ALIGN(n) (((n) + 15) & ~(size_t)15)

static void *carve(size_t n)
{
	size_t need = sizeof(struct block) + n;
	if (!arena || (size_t)(arena_end - arena) < need) {
		uint32_t pages = ARENA_PAGES;
		if (need > pages * ARGOT_PAGE_SIZE)
			pages = (need + ARGOT_PAGE_SIZE - 1) / ARGOT_PAGE_SIZE;
		arena = rt_page_alloc(pages, 0);
		if (!arena)
			return 0;
		arena_end = arena + pages * ARGOT_PAGE_SIZE;
	}
	struct block *b = (struct block *)arena;
	arena += ALIGN(need);
	b->size = n;
	return b + 1;
}

void *rt_malloc(size_t n)
{
	n = ALIGN(n ? n : 1);
	rt_lock(&heap_lock);
	for (struct block **pp = &free_list; *pp; pp = &(*pp)->next) {
		if ((*pp)->size >= n) {
			struct block *b = *pp;
			*pp = b->next;
			rt_unlock(&heap_lock);
			return b + 1;
		}
	}
	void *p = carve(n);
	rt_unlock(&heap_lock);
	return p;
}

void rt_free(void *p)
{
	if (!p)
		return;
	struct block *b = (struct block *)p - 1;
	rt_lock(&heap_lock);
	b->next = free_list;
	free_list = b;
	rt_unlock(&heap_lock);
}

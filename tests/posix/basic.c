/*
 * tests/posix/basic.c - what musl needs from the kernel alone: memory,
 * stdio, threads, futexes, clocks, sleeping, TLS.  Ordinary C: built
 * for the Linux host with gcc it must print the same PASS lines as on
 * Argot (run-basic compares them).  Prints PASS:/FAIL: lines, then
 * TESTS DONE.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/utsname.h>

static int failures;

static void result(const char *name, int ok, const char *why)
{
	if (ok)
		printf("PASS: %s\n", name);
	else
		printf("FAIL: %s %s\n", name, why), failures++;
	fflush(stdout);
}

static int64_t now_ns(clockid_t c)
{
	struct timespec ts;
	if (clock_gettime(c, &ts) != 0)
		return -1;
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* many small blocks of varied sizes, each with its own pattern */
static void test_malloc_small(void)
{
	enum { N = 2000 };
	static unsigned char *p[N];
	int i, ok = 1;
	size_t j;

	for (i = 0; i < N; i++) {
		p[i] = malloc(1 + i % 200);
		if (!p[i]) { ok = 0; break; }
		memset(p[i], i & 0xff, 1 + i % 200);
	}
	for (i = 0; ok && i < N; i++)
		for (j = 0; j < (size_t)(1 + i % 200); j++)
			if (p[i][j] != (i & 0xff)) { ok = 0; break; }
	for (i = 0; i < N; i++)
		free(p[i]);
	result("malloc_small", ok, "pattern mismatch or NULL");
}

/* big blocks come from mmap: touch every page, grow one with realloc */
static void test_malloc_large(void)
{
	size_t size = 4u << 20, i;
	unsigned char *p = malloc(size), *q;
	int ok = p != 0;

	for (i = 0; ok && i < size; i += 4096)
		p[i] = (unsigned char)(i >> 12);
	for (i = 0; ok && i < size; i += 4096)
		if (p[i] != (unsigned char)(i >> 12)) ok = 0;
	q = ok ? realloc(p, size * 2) : 0;
	if (!q) ok = 0; else p = q;
	for (i = 0; ok && i < size; i += 4096)
		if (p[i] != (unsigned char)(i >> 12)) ok = 0;
	if (ok)
		memset(p + size, 0x5a, size);
	free(p);
	p = calloc(1, 1u << 20);
	for (i = 0; ok && p && i < (1u << 20); i += 512)
		if (p[i]) ok = 0;
	result("malloc_large", ok && p, "large block lost its contents");
	free(p);
}

static void test_printf(void)
{
	char buf[128];
	snprintf(buf, sizeof buf, "%d|%5s|%-4x|%.3f|%lld|%c", -42, "ab", 255,
	         3.14159, (long long)1 << 40, 'z');
	result("printf", strcmp(buf, "-42|   ab|ff  |3.142|1099511627776|z") == 0,
	       buf);
}

/* ---- threads: a mutex-protected counter and a condition variable ---- */
enum { NTHREADS = 4, NINCR = 20000 };
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static long counter;
static int turn;                         /* condition: whose turn it is */

static void *adder(void *arg)
{
	int i;
	for (i = 0; i < NINCR; i++) {
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
	}
	return arg;
}

static void test_mutex(void)
{
	pthread_t t[NTHREADS];
	int i, ok = 1;
	void *ret;

	for (i = 0; i < NTHREADS; i++)
		if (pthread_create(&t[i], 0, adder, (void *)(intptr_t)i)) ok = 0;
	for (i = 0; ok && i < NTHREADS; i++)
		if (pthread_join(t[i], &ret) || ret != (void *)(intptr_t)i) ok = 0;
	result("pthread_mutex", ok && counter == (long)NTHREADS * NINCR,
	       "lost increments or bad join value");
}

/* ping-pong: each side waits for its turn 200 times */
static void *ponger(void *arg)
{
	int i;
	(void)arg;
	for (i = 0; i < 200; i++) {
		pthread_mutex_lock(&lock);
		while (turn != 1)
			pthread_cond_wait(&cond, &lock);
		turn = 0;
		pthread_cond_signal(&cond);
		pthread_mutex_unlock(&lock);
	}
	return 0;
}

static void test_cond(void)
{
	pthread_t t;
	int i, ok = pthread_create(&t, 0, ponger, 0) == 0;

	for (i = 0; ok && i < 200; i++) {
		pthread_mutex_lock(&lock);
		turn = 1;
		pthread_cond_signal(&cond);
		while (turn != 0)
			pthread_cond_wait(&cond, &lock);
		pthread_mutex_unlock(&lock);
	}
	result("pthread_cond", ok && pthread_join(t, 0) == 0, "ping-pong failed");
}

/* a timed wait that nobody signals must time out, not hang */
static void test_cond_timeout(void)
{
	struct timespec ts;
	int64_t t0 = now_ns(CLOCK_MONOTONIC);
	int r;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 30000000;
	if (ts.tv_nsec >= 1000000000) ts.tv_sec++, ts.tv_nsec -= 1000000000;
	pthread_mutex_lock(&lock);
	r = pthread_cond_timedwait(&cond, &lock, &ts);
	pthread_mutex_unlock(&lock);
	result("pthread_cond_timedwait", r == ETIMEDOUT &&
	       now_ns(CLOCK_MONOTONIC) - t0 >= 25000000, "no timeout");
}

/* ---- TLS: each thread sees its own copy ---- */
static __thread int tls_value = 7;
static __thread char tls_buf[64];

static void *tls_thread(void *arg)
{
	int id = (int)(intptr_t)arg, ok = tls_value == 7;
	struct timespec d = { 0, 2000000 };
	tls_value = id;
	snprintf(tls_buf, sizeof tls_buf, "thread %d", id);
	nanosleep(&d, 0);                  /* let the others run */
	ok = ok && tls_value == id;
	snprintf(tls_buf + 40, 20, "thread %d", id);
	ok = ok && strcmp(tls_buf, tls_buf + 40) == 0;
	return (void *)(intptr_t)ok;
}

static void test_tls(void)
{
	pthread_t t[4];
	int i, ok = 1;
	void *r;

	tls_value = 100;
	for (i = 0; i < 4; i++)
		pthread_create(&t[i], 0, tls_thread, (void *)(intptr_t)(i + 1));
	for (i = 0; i < 4; i++) {
		pthread_join(t[i], &r);
		ok = ok && r == (void *)1;
	}
	result("tls", ok && tls_value == 100, "a thread saw another's copy");
}

/* thread records, stacks and handles are recycled */
static void *nothing(void *arg) { return arg; }
static void test_many_threads(void)
{
	int i, ok = 1;
	void *r;

	for (i = 0; ok && i < 60; i++) {
		pthread_t t;
		if (pthread_create(&t, 0, nothing, (void *)(intptr_t)i) ||
		    pthread_join(t, &r) || r != (void *)(intptr_t)i)
			ok = 0;
	}
	result("thread_churn", ok, "create/join failed");
}

/* detached threads unmap their own stacks as they exit */
static volatile int detached_done;
static void *detached(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	detached_done++;
	pthread_mutex_unlock(&lock);
	return 0;
}

static void test_detached(void)
{
	pthread_attr_t a;
	struct timespec d = { 0, 5000000 };
	int i, waited;

	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	for (i = 0; i < 10; i++) {
		pthread_t t;
		pthread_create(&t, &a, detached, 0);
	}
	for (waited = 0; detached_done < 10 && waited < 400; waited++)
		nanosleep(&d, 0);
	result("pthread_detached", detached_done == 10, "detached threads lost");
}

static void test_clock(void)
{
	int64_t a = now_ns(CLOCK_MONOTONIC), b;
	volatile unsigned long spin;

	for (spin = 0; spin < 5000000; spin++)
		;
	b = now_ns(CLOCK_MONOTONIC);
	result("clock_monotonic", a >= 0 && b > a, "clock did not advance");
	result("clock_realtime", now_ns(CLOCK_REALTIME) >= 0 && time(0) >= 0,
	       "no realtime clock");
}

static void test_nanosleep(void)
{
	struct timespec d = { 0, 50000000 };
	int64_t a = now_ns(CLOCK_MONOTONIC), el;
	int r = nanosleep(&d, 0);

	el = now_ns(CLOCK_MONOTONIC) - a;
	result("nanosleep", r == 0 && el >= 50000000 && el < 2000000000LL,
	       "slept too short or too long");
	a = now_ns(CLOCK_MONOTONIC);
	usleep(20000);
	el = now_ns(CLOCK_MONOTONIC) - a;
	result("usleep", el >= 20000000, "slept too short");
}

static void test_misc(void)
{
	struct utsname u;
	result("uname", uname(&u) == 0 && u.sysname[0], "uname failed");
	result("getpid", getpid() > 0, "no pid");
}

int main(void)
{
	test_printf();
	test_malloc_small();
	test_malloc_large();
	test_clock();
	test_nanosleep();
	test_mutex();
	test_cond();
	test_cond_timeout();
	test_tls();
	test_many_threads();
	test_detached();
	test_misc();
	printf("TESTS DONE\n");
	return failures != 0;
}

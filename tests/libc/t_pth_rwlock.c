/* Read-write locks through the real libc: readers share, a writer
 * excludes (tryrdlock/trywrlock EBUSY), and writers under contention keep
 * a two-field invariant that readers check. */
#include <pthread.h>
#include <stdatomic.h>
#include "libc_test.h"

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static int other;

static void *try_rd(void *arg) { other = pthread_rwlock_tryrdlock(&rw);
	if (other == 0) pthread_rwlock_unlock(&rw); return NULL; }
static void *try_wr(void *arg) { other = pthread_rwlock_trywrlock(&rw);
	if (other == 0) pthread_rwlock_unlock(&rw); return NULL; }

static int run(void *(*fn)(void *))
{
	pthread_t t;
	CHECK_EQ(pthread_create(&t, NULL, fn, NULL), 0);
	CHECK_EQ(pthread_join(t, NULL), 0);
	return other;
}

static const char *name(int r)
{
	return r == 0 ? "ok" : r == EBUSY ? "EBUSY" : "other";
}

static long a, b; /* a == b whenever the lock is free */
static atomic_int bad_reads;
static void *writer(void *arg)
{
	int i;
	for (i = 0; i < 5000; i++) {
		pthread_rwlock_wrlock(&rw);
		a++;
		b++;
		pthread_rwlock_unlock(&rw);
	}
	return NULL;
}
static void *reader(void *arg)
{
	int i;
	for (i = 0; i < 5000; i++) {
		pthread_rwlock_rdlock(&rw);
		if (a != b)
			atomic_fetch_add(&bad_reads, 1);
		pthread_rwlock_unlock(&rw);
	}
	return NULL;
}

int main(void)
{
	pthread_t t[8];
	int i;

	CHECK_EQ(pthread_rwlock_rdlock(&rw), 0);
	printf("read-held: other reader %s, other writer %s\n", name(run(try_rd)),
	       name(run(try_wr)));
	CHECK_EQ(pthread_rwlock_unlock(&rw), 0);
	CHECK_EQ(pthread_rwlock_wrlock(&rw), 0);
	printf("write-held: other reader %s, other writer %s\n", name(run(try_rd)),
	       name(run(try_wr)));
	CHECK_EQ(pthread_rwlock_unlock(&rw), 0);
	printf("free: other reader %s, other writer %s\n", name(run(try_rd)),
	       name(run(try_wr)));

	for (i = 0; i < 8; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, i % 2 ? reader : writer, NULL), 0);
	for (i = 0; i < 8; i++)
		CHECK_EQ(pthread_join(t[i], NULL), 0);
	printf("a=%ld b=%ld torn reads %d\n", a, b, atomic_load(&bad_reads));
	CHECK_EQ(a, 4 * 5000);
	CHECK_EQ(atomic_load(&bad_reads), 0);
	CHECK_EQ(pthread_rwlock_destroy(&rw), 0);
	return libc_done();
}

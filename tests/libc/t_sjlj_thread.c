/* setjmp/longjmp on several threads at once (each thread's own stacks
 * and stack pointer), and raise() in a thread: its handler runs on that
 * thread. */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include "libc_test.h"

#define NTHREADS 4
#define ROUNDS 20000

static __attribute__((noinline)) void thrower(jmp_buf jb, int depth, int v)
{
	if (depth == 0)
		longjmp(jb, v);
	thrower(jb, depth - 1, v);
}

static void *worker(void *arg)
{
	long id = (long)arg, sum = 0;
	int i;
	for (i = 0; i < ROUNDS; i++) {
		jmp_buf jb;
		volatile long local = id * 1000 + i;
		int r = setjmp(jb);
		if (r == 0)
			thrower(jb, i % 5, (int)(i % 3) + 1);
		if (local != id * 1000 + i)
			return (void *)-1L;
		sum += r;
	}
	return (void *)sum;
}

static pthread_t handler_thread;
static volatile sig_atomic_t handled;

static void on_usr1(int sig)
{
	handler_thread = pthread_self();
	handled = sig;
}

static void *raiser(void *arg)
{
	(void)arg;
	raise(SIGUSR1);
	return (void *)(long)(handled == SIGUSR1 &&
			      pthread_equal(handler_thread, pthread_self()));
}

int main(void)
{
	pthread_t th[NTHREADS];
	long expect = 0, i;
	void *res;
	for (i = 0; i < ROUNDS; i++)
		expect += i % 3 + 1;
	for (i = 0; i < NTHREADS; i++)
		CHECK_EQ(pthread_create(&th[i], NULL, worker, (void *)i), 0);
	for (i = 0; i < NTHREADS; i++) {
		CHECK_EQ(pthread_join(th[i], &res), 0);
		CHECK_EQ((long)res, expect);
	}
	printf("threads: %d x %d longjmps\n", NTHREADS, ROUNDS);

	CHECK(signal(SIGUSR1, on_usr1) != SIG_ERR);
	CHECK_EQ(pthread_create(&th[0], NULL, raiser, NULL), 0);
	CHECK_EQ(pthread_join(th[0], &res), 0);
	printf("raise in a thread: handled there %ld\n", (long)res);
	CHECK_EQ((long)res, 1);
	return libc_done();
}

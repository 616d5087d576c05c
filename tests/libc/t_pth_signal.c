/* Signals and threads through the real libc: raise() on the main thread;
 * a process signal (kill) handled while the main thread blocks in
 * pthread_join and in pthread_cond_wait, whose waits then carry on to
 * their normal ends (a signal is at most a spurious wakeup, never an
 * error); pthread_kill to the main thread and to a created thread, whose
 * handler runs on that thread. */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <unistd.h>
#include "libc_test.h"

static atomic_int usr1, usr2;
static pthread_t main_thread, target;
static atomic_int on_main, on_target;

static void on_usr1(int sig)
{
	atomic_fetch_add(&usr1, 1);
	if (pthread_equal(pthread_self(), main_thread))
		atomic_fetch_add(&on_main, 1);
	else if (pthread_equal(pthread_self(), target))
		atomic_fetch_add(&on_target, 1);
}

static void on_usr2(int sig)
{
	atomic_fetch_add(&usr2, 1);
}

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t c = PTHREAD_COND_INITIALIZER;
static int ready;

static void *kill_then_return(void *arg)
{
	usleep(100000);
	kill(getpid(), SIGUSR2);
	usleep(300000);
	return (void *)42;
}

static void *kill_then_signal(void *arg)
{
	usleep(100000);
	kill(getpid(), SIGUSR2);
	usleep(300000);
	pthread_mutex_lock(&m);
	ready = 1;
	pthread_cond_signal(&c);
	pthread_mutex_unlock(&m);
	return NULL;
}

static void *kill_main(void *arg)
{
	pthread_kill(main_thread, SIGUSR1);
	return NULL;
}

static void *wait_for_usr1(void *arg)
{
	int i;
	for (i = 0; i < 5000 && atomic_load(&on_target) == 0; i++)
		usleep(1000);
	return NULL;
}

int main(void)
{
	struct sigaction sa;
	pthread_t t;
	void *ret = NULL;
	int i;

	main_thread = pthread_self();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	sa.sa_handler = on_usr2;
	CHECK_EQ(sigaction(SIGUSR2, &sa, NULL), 0);

	CHECK_EQ(raise(SIGUSR1), 0);
	printf("raise: usr1 %d (on main %d)\n", atomic_load(&usr1),
	       atomic_load(&on_main));

	CHECK_EQ(pthread_create(&t, NULL, kill_then_return, NULL), 0);
	CHECK_EQ(pthread_join(t, &ret), 0);
	printf("join: %d, usr2 %d\n", (int)(long)ret, atomic_load(&usr2));

	CHECK_EQ(pthread_create(&t, NULL, kill_then_signal, NULL), 0);
	pthread_mutex_lock(&m);
	while (!ready)
		CHECK_EQ(pthread_cond_wait(&c, &m), 0);
	pthread_mutex_unlock(&m);
	CHECK_EQ(pthread_join(t, NULL), 0);
	printf("cond_wait: ready %d, usr2 %d\n", ready, atomic_load(&usr2));

	CHECK_EQ(pthread_create(&t, NULL, kill_main, NULL), 0);
	CHECK_EQ(pthread_join(t, NULL), 0);
	for (i = 0; i < 5000 && atomic_load(&on_main) < 2; i++)
		usleep(1000);
	printf("pthread_kill(main): on main %d\n", atomic_load(&on_main));

	CHECK_EQ(pthread_create(&target, NULL, wait_for_usr1, NULL), 0);
	CHECK_EQ(pthread_kill(target, SIGUSR1), 0);
	CHECK_EQ(pthread_join(target, NULL), 0);
	printf("pthread_kill(thread): on that thread %d, usr1 %d\n",
	       atomic_load(&on_target), atomic_load(&usr1));
	return libc_done();
}

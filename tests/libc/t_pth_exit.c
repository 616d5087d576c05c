// eh: skip: calls fork(), which the eh and exnref flavours of wasix-libc do not declare
/* How threads end a process, through the real libc, seen by the parent
 * of a forked child: exit() from a thread while main waits in
 * pthread_join ends the process with that status; exit() from main while
 * a thread still runs ends it with main's status; pthread_exit from every
 * thread, main last, ends it with status 0 after the others finished. */
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>
#include "libc_test.h"

static void *exit_from_thread(void *arg)
{
	usleep(20000);
	exit(7);
}

static void *sleeper(void *arg)
{
	sleep(30);
	return NULL;
}

static void *worker_writes(void *arg)
{
	usleep(50000);
	printf("worker finished after main's pthread_exit\n");
	fflush(stdout);
	return NULL;
}

static int child_status(int which)
{
	pthread_t t;
	pid_t pid;
	int st = -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		switch (which) {
		case 0:
			pthread_create(&t, NULL, exit_from_thread, NULL);
			pthread_join(t, NULL);
			_exit(99); /* not reached */
		case 1:
			pthread_create(&t, NULL, sleeper, NULL);
			usleep(20000);
			exit(3); /* main's exit: the sleeping thread dies too */
		default:
			pthread_create(&t, NULL, worker_writes, NULL);
			pthread_exit(NULL);
		}
	}
	CHECK(pid > 0);
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	return st;
}

int main(void)
{
	int st;
	st = child_status(0);
	printf("exit(7) in a thread: %s %d\n", WIFEXITED(st) ? "exited" : "other",
	       WEXITSTATUS(st));
	st = child_status(1);
	printf("main exit(3): %s %d\n", WIFEXITED(st) ? "exited" : "other",
	       WEXITSTATUS(st));
	st = child_status(2);
	printf("main pthread_exit: %s %d\n", WIFEXITED(st) ? "exited" : "other",
	       WEXITSTATUS(st));
	return libc_done();
}

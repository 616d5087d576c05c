// native: skip
// eh: skip: calls fork(), which the eh and exnref flavours of wasix-libc do not declare
// wasixrt: --max-procs 6 --max-threads 4
/* A fork bomb and a thread bomb end at the run's bounds with EAGAIN
 * (wasixrt --max-procs 6 --max-threads 4): fork fails once the run has 6
 * live processes, pthread_create once the process has 4 threads, and
 * both work again when the children and threads are gone. */
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>
#include "libc_test.h"

static int gate[2];

static void *idle(void *arg)
{
	char c;
	(void)arg;
	(void)!read(gate[0], &c, 1); /* until the gate closes */
	return NULL;
}

int main(void)
{
	pid_t kids[16];
	pthread_t th[16];
	int nk = 0, nt = 0, e = 0, i, st;
	pid_t pid;

	CHECK_EQ(pipe(gate), 0);
	for (;;) {
		fflush(stdout);
		pid = fork();
		if (pid == 0) {
			char c;
			close(gate[1]);
			(void)!read(gate[0], &c, 1);
			_exit(0);
		}
		if (pid < 0 || nk == 15)
			break;
		kids[nk++] = pid;
	}
	CHECK(pid < 0 && errno == EAGAIN);
	CHECK_EQ(nk, 5); /* 6 processes with this one */
	printf("fork: EAGAIN after %d children\n", nk);
	while (nt < 15 && (e = pthread_create(&th[nt], NULL, idle, NULL)) == 0)
		nt++;
	CHECK_EQ(e, EAGAIN);
	CHECK_EQ(nt, 3); /* 4 threads with this one */
	printf("pthread_create: EAGAIN after %d threads\n", nt);

	close(gate[1]);
	for (i = 0; i < nk; i++) {
		CHECK_EQ(waitpid(kids[i], &st, 0), kids[i]);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	for (i = 0; i < nt; i++)
		CHECK_EQ(pthread_join(th[i], NULL), 0);
	pid = fork();
	if (pid == 0)
		_exit(7);
	CHECK(pid > 0);
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7);
	CHECK_EQ(pthread_create(&th[0], NULL, idle, NULL), 0);
	CHECK_EQ(pthread_join(th[0], NULL), 0);
	printf("after them: fork and pthread_create work again\n");
	return libc_done();
}

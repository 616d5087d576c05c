// eh: skip: calls fork(), which the eh and exnref flavours of wasix-libc do not declare
/* Default signal actions in a threaded program that never calls
 * sigaction(): the parent's SIGCHLD is ignored (wasix-libc used to trap
 * on it: its table of default actions only existed after a first
 * sigaction()); a child whose thread sends SIGTERM to its own process
 * ends (natively by the signal; wasix-libc's own default action prints
 * a line and aborts, status 127); one whose thread sends SIGCHLD carries
 * on. */
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include "libc_test.h"

static void *term_self(void *arg)
{
	kill(getpid(), (int)(long)arg);
	sleep(5);
	return NULL;
}

static int child(int sig)
{
	pthread_t t;
	pid_t pid;
	int st = -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		pthread_create(&t, NULL, term_self, (void *)(long)sig);
		pthread_join(t, NULL);
		_exit(3); /* reached only when the signal is ignored */
	}
	CHECK(pid > 0);
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	return st;
}

int main(void)
{
	int st = child(SIGTERM);
	CHECK(WIFSIGNALED(st) || (WIFEXITED(st) && WEXITSTATUS(st) != 3));
	printf("SIGTERM: the child %s\n",
	       WIFEXITED(st) && WEXITSTATUS(st) == 3 ? "carried on" : "ended");
	st = child(SIGCHLD);
	printf("SIGCHLD: %s %d\n", WIFSIGNALED(st) ? "signaled" : "exited",
	       WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
	printf("parent still here\n");
	return libc_done();
}

// eh: skip: calls fork(), which the eh and exnref flavours of wasix-libc do not declare
/* The signal mask with the real libc: sigprocmask blocks (a raised signal
 * waits, shows in sigpending, runs when unblocked), reports the old set,
 * cannot block SIGKILL; a blocked SIGCHLD does not reap a child behind
 * the program's back (bash's pattern: block, fork, record, unblock); a
 * blocked signal does not interrupt a blocking read; sigsuspend waits
 * for a signal with a temporary mask and returns -1/EINTR after its
 * handler; the mask is inherited by a fork child; a vfork child's mask
 * is its own. */
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "libc_test.h"

static volatile sig_atomic_t usr1, chld;

static void on_usr1(int sig)
{
	(void)sig;
	usr1++;
}

static void on_chld(int sig)
{
	(void)sig;
	chld++;
}

static void nap_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

/* A call after sigprocmask, so that a safe point has passed. */
static __attribute__((noinline)) int touch(volatile int *x)
{
	return *x + 1;
}

int main(void)
{
	sigset_t one, cur, pend, none;
	volatile int v = 0;
	int fds[2], status;
	pid_t pid;
	char c;

	signal(SIGUSR1, on_usr1);
	signal(SIGCHLD, on_chld);
	sigemptyset(&one);
	sigaddset(&one, SIGUSR1);
	sigemptyset(&none);

	/* Block, raise: nothing runs; it is pending; unblock: it runs. */
	CHECK_EQ(sigprocmask(SIG_BLOCK, &one, NULL), 0);
	raise(SIGUSR1);
	CHECK_EQ(usr1, 0);
	CHECK_EQ(sigpending(&pend), 0);
	CHECK_EQ(sigismember(&pend, SIGUSR1), 1);
	CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &cur), 0);
	CHECK_EQ(sigismember(&cur, SIGUSR1), 1);
	CHECK_EQ(sigismember(&cur, SIGUSR2), 0);
	CHECK_EQ(sigprocmask(SIG_UNBLOCK, &one, &cur), 0);
	CHECK_EQ(sigismember(&cur, SIGUSR1), 1);
	touch(&v);
	CHECK_EQ(usr1, 1);
	printf("blocked usr1 ran once after unblock: %d\n", (int)usr1);

	/* KILL cannot be blocked; a bad `how` is EINVAL. */
	sigemptyset(&cur);
	sigaddset(&cur, SIGKILL);
	CHECK_EQ(sigprocmask(SIG_SETMASK, &cur, NULL), 0);
	CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &cur), 0);
	CHECK_EQ(sigismember(&cur, SIGKILL), 0);
	errno = 0;
	CHECK_EQ(sigprocmask(12345, &one, NULL), -1);
	CHECK_EQ(errno, EINVAL);

	/* SIGCHLD blocked across fork: the child ends, the handler waits
	 * for the unblock, and the program reaps the child itself. */
	sigemptyset(&cur);
	sigaddset(&cur, SIGCHLD);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &cur, NULL), 0);
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(7);
	CHECK(pid > 0);
	nap_ms(200);
	touch(&v);
	CHECK_EQ(chld, 0);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7);
	CHECK_EQ(sigprocmask(SIG_UNBLOCK, &cur, NULL), 0);
	touch(&v);
	CHECK_EQ(chld, 1);
	printf("child status %d, chld handler after unblock %d\n",
	       WEXITSTATUS(status), (int)chld);

	/* A blocked signal does not interrupt a blocking read. */
	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &one, NULL), 0);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		nap_ms(100);
		kill(getppid(), SIGUSR1);
		nap_ms(200);
		if (write(fds[1], "x", 1) != 1)
			_exit(1);
		_exit(0);
	}
	CHECK(pid > 0);
	errno = 0;
	CHECK_EQ(read(fds[0], &c, 1), 1);
	CHECK_EQ(usr1, 1);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK_EQ(sigprocmask(SIG_UNBLOCK, &one, NULL), 0);
	touch(&v);
	CHECK_EQ(usr1, 2);
	printf("read went on under a blocked usr1: %c, then usr1 %d\n", c,
	       (int)usr1);

	/* sigsuspend: blocked outside, let in while suspended. */
	CHECK_EQ(sigprocmask(SIG_BLOCK, &one, NULL), 0);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		sigset_t m;
		/* The child inherits the mask. */
		sigprocmask(SIG_BLOCK, NULL, &m);
		nap_ms(100);
		kill(getppid(), SIGUSR1);
		_exit(sigismember(&m, SIGUSR1) ? 0 : 9);
	}
	CHECK(pid > 0);
	errno = 0;
	CHECK_EQ(sigsuspend(&none), -1);
	CHECK_EQ(errno, EINTR);
	CHECK_EQ(usr1, 3);
	CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &cur), 0);
	CHECK_EQ(sigismember(&cur, SIGUSR1), 1);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	printf("sigsuspend returned after the handler: usr1 %d, child %d\n",
	       (int)usr1, WEXITSTATUS(status));

	/* A vfork child blocks USR2 and exits: the parent's mask is as it
	 * was (Linux: the child is a task of its own). */
	fflush(stdout);
	pid = vfork();
	if (pid == 0) {
		sigset_t two;
		sigemptyset(&two);
		sigaddset(&two, SIGUSR2);
		sigprocmask(SIG_BLOCK, &two, NULL);
		_exit(0);
	}
	CHECK(pid > 0);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &cur), 0);
	CHECK_EQ(sigismember(&cur, SIGUSR2), 0);
	CHECK_EQ(sigismember(&cur, SIGUSR1), 1);
	printf("after a vfork child blocked usr2: usr2 blocked %d\n",
	       sigismember(&cur, SIGUSR2));
	return libc_done();
}

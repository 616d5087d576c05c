/* vfork: in the eh and exnref flavours it is the proc_fork_env protocol
 * (a setjmp whose second return, after the child's _exit or exec, is a
 * longjmp: a wasm exception); in the plain flavour proc_fork(0).  The
 * child's _exit status and an exec'd program's status reach waitpid,
 * and the parent's state is intact afterwards. */
#include <sys/wait.h>
#include <unistd.h>
#include <signal.h>
#include "libc_test.h"

/* A SIGCHLD handler of our own: wasixrt delivers SIGCHLD to the guest,
 * and this libc's dispatch of a signal left at SIG_DFL traps (an
 * uninitialised function pointer in __wasm_signal). */
static void on_chld(int sig)
{
	(void)sig;
}

int main(void)
{
	volatile int before = 5;
	char path[256];
	int st = 0, i;
	pid_t pid;

	CHECK(signal(SIGCHLD, on_chld) != SIG_ERR);
	for (i = 0; i < 3; i++) {
		fflush(stdout);
		pid = vfork();
		if (pid == 0)
			_exit(20 + i);
		CHECK(pid > 0);
		CHECK(waitpid(pid, &st, 0) == pid);
		CHECK(WIFEXITED(st));
		printf("vfork child %d exited %d\n", i, WEXITSTATUS(st));
		CHECK_EQ(WEXITSTATUS(st), 20 + i);
	}
	CHECK_EQ(before, 5);

	snprintf(path, sizeof(path), "%s/eh_status", libc_bin());
	fflush(stdout);
	pid = vfork();
	if (pid == 0) {
		char *argv[] = {"eh_status", "9", "from-vfork", NULL};
		execv(path, argv);
		_exit(127);
	}
	CHECK(pid > 0);
	CHECK(waitpid(pid, &st, 0) == pid);
	CHECK(WIFEXITED(st));
	printf("exec'd child exited %d\n", WEXITSTATUS(st));
	CHECK_EQ(WEXITSTATUS(st), 9);

	/* A failed exec returns to the child, which reports it. */
	fflush(stdout);
	pid = vfork();
	if (pid == 0) {
		char *argv[] = {"nothing", NULL};
		execv("/no/such/program", argv);
		_exit(errno == ENOENT ? 3 : 4);
	}
	CHECK(waitpid(pid, &st, 0) == pid);
	printf("failed exec: child exited %d\n", WEXITSTATUS(st));
	CHECK_EQ(WEXITSTATUS(st), 3);
	return libc_done();
}

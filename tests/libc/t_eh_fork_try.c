/* fork inside a try: the setjmp that precedes it is, in the eh and
 * exnref flavours, a try around the code that follows (the longjmps
 * below throw to it).  fork is the host's fork, so the child and the
 * parent each have the try on their own stack, and each catches its own
 * later throws.  Those flavours do not declare fork() (wasix-libc needs
 * asyncify for it), so the test calls the proc_fork import itself. */
#include <setjmp.h>
#include <stdint.h>
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

#ifdef __wasm__
__attribute__((import_module("wasix_32v1"), import_name("proc_fork")))
uint16_t wasix_proc_fork(uint8_t copy_memory, uint32_t *pid);

static pid_t do_fork(void)
{
	uint32_t pid = 0;
	if (wasix_proc_fork(1, &pid) != 0)
		return -1;
	return (pid_t)pid;
}
#else
static pid_t do_fork(void)
{
	return fork();
}
#endif

static jmp_buf jb;

static void thrower(int v)
{
	longjmp(jb, v);
}

int main(void)
{
	volatile pid_t pid = -2;
	volatile int rounds = 0;
	int r;
	CHECK(signal(SIGCHLD, on_chld) != SIG_ERR);
	r = setjmp(jb);
	rounds++;
	if (r == 0) {
		fflush(stdout);
		pid = do_fork();
		CHECK(pid >= 0);
		/* Both processes throw to the setjmp above. */
		thrower(pid == 0 ? 11 : 22);
		CHECK(0);
	}
	if (pid == 0) {
		/* The child caught its own throw; a second one too. */
		if (r == 11)
			thrower(12);
		if (r != 12 || rounds != 3)
			_exit(100 + r);
		_exit(7);
	}
	if (r == 22)
		thrower(23);
	CHECK_EQ(r, 23);
	CHECK_EQ(rounds, 3);
	{
		int st = 0;
		CHECK(waitpid(pid, &st, 0) == pid);
		CHECK(WIFEXITED(st));
		printf("parent caught %d after %d rounds; child exited %d\n",
		       r, (int)rounds, WEXITSTATUS(st));
		CHECK_EQ(WEXITSTATUS(st), 7);
	}
	return libc_done();
}

// eh: skip: calls fork(), which the eh and exnref flavours of wasix-libc do not declare
/* Pending signals are bounded: a standard signal raised again while it
 * is pending (held back during its own handler) is delivered once more,
 * not once per raise (POSIX: standard signals do not queue); and a storm
 * of 20000 kill()s from a child neither loses the process nor queues
 * without bound: the handler runs at least once and at most once per
 * kill, and the parent goes on. */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include "libc_test.h"

static volatile sig_atomic_t runs, nested, storm;

static void on_usr1(int sig)
{
	int i;
	(void)sig;
	if (runs++ == 0) {
		/* SIGUSR1 is held back while this runs: the 1000 raises
		 * make it pending once. */
		for (i = 0; i < 1000; i++)
			raise(SIGUSR1);
		nested = runs;
	}
}

static void on_usr2(int sig)
{
	(void)sig;
	storm++;
}

int main(void)
{
	struct sigaction sa;
	int i, st, p[2];
	char c;
	pid_t pid, parent = getpid();

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigemptyset(&sa.sa_mask);
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	raise(SIGUSR1);
	CHECK_EQ(nested, 1); /* none ran inside the handler */
	CHECK_EQ(runs, 2);
	printf("1000 raises during the handler: %d more run\n", (int)(runs - 1));

	sa.sa_handler = on_usr2;
	sa.sa_flags = SA_RESTART;
	CHECK_EQ(sigaction(SIGUSR2, &sa, NULL), 0);
	CHECK_EQ(pipe(p), 0);
	fflush(stdout);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		for (i = 0; i < 20000; i++)
			if (kill(parent, SIGUSR2) != 0)
				_exit(1);
		(void)!write(p[1], "x", 1);
		_exit(0);
	}
	close(p[1]);
	while (read(p[0], &c, 1) < 0 && errno == EINTR)
		;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	/* Whatever was still pending has run by the time kill() of our
	 * own pid returns. */
	kill(getpid(), SIGUSR2);
	CHECK(storm >= 1 && storm <= 20001);
	printf("storm of 20000 kills: handled %s\n",
	       storm >= 1 && storm <= 20001 ? "between 1 and 20001 times"
					    : "a wrong number of times");
	return libc_done();
}

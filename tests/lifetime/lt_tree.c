/*
 * lt_tree.c - a guest that leaves processes behind, each hard to end:
 *
 *   lt_tree MODE SECONDS
 *
 * forks
 *   - a child that survives SIGHUP and SIGTERM (a handler) and loops,
 *   - a child that calls setsid (its own session and group) and loops,
 *   - a double fork: a grandchild that survives SIGTERM, whose parent exits
 *     at once (the grandchild is orphaned),
 *   - a child that forks a grandchild of its own, both looping,
 * then prints "ready N" (N processes started) and, per MODE:
 *   exit   returns 0 at once (the processes left must not outlive the run)
 *   wait   loops for SECONDS (the test signals wasixrt meanwhile), then
 *          returns 3; exits with 100 + SIG on SIGTERM, SIGINT or SIGHUP
 *   trap   dies of an unreachable (status 134)
 * Every looping process writes a dot to stdout every 100 ms, so a process
 * left behind shows in the output too.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void nap(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

/* Survive a signal.  Not SIG_IGN: wasix-libc's __wasm_signal calls
 * through the handler slot without checking for SIG_IGN, so an ignored
 * signal that reaches it traps (a libc bug; a handler that does nothing
 * has the same effect for this test). */
static void shrug(int sig)
{
	(void)sig;
}

static void survive(int sig)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = shrug;
	sigaction(sig, &sa, NULL);
}

/* The first process in mode wait: a status that says which signal. */
static void bye(int sig)
{
	_exit(100 + sig);
}

static void __attribute__((noreturn)) loop(void)
{
	for (;;) {
		nap(100);
		if (write(1, ".", 1) < 0)
			_exit(0); /* a closed pipe: nobody is watching */
	}
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "exit";
	int secs = argc > 2 ? atoi(argv[2]) : 30, n = 0;
	pid_t p;

	/* wasix-libc's __wasm_signal calls through a default-action pointer
	 * that only its first sigaction() sets: a SIGCHLD arriving before
	 * any sigaction traps (the double fork below makes one at once). */
	{
		struct sigaction sa;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = SIG_DFL;
		sigaction(SIGCHLD, &sa, NULL);
	}
	fflush(stdout);
	if ((p = fork()) == 0) {
		survive(SIGHUP);
		survive(SIGTERM);
		loop();
	}
	n += p > 0;
	if ((p = fork()) == 0) {
		setsid();
		loop();
	}
	n += p > 0;
	if ((p = fork()) == 0) {
		if (fork() == 0) {
			survive(SIGTERM);
			loop();
		}
		_exit(0);
	}
	n += p > 0;
	if ((p = fork()) == 0) {
		if (fork() == 0)
			loop();
		loop();
	}
	n += 2 * (p > 0);
	/* Let every child reach its loop before the test looks. */
	nap(300);
	printf("ready %d\n", n);
	fflush(stdout);
	if (strcmp(mode, "trap") == 0)
		__builtin_trap();
	if (strcmp(mode, "wait") == 0) {
		struct sigaction sa;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = bye;
		sigaction(SIGTERM, &sa, NULL);
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGHUP, &sa, NULL);
		while (secs-- > 0)
			nap(1000);
		return 3;
	}
	return 0;
}

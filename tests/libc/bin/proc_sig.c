/* proc_sig SIG...: prints, for each signal number, whether it is blocked
 * in this process and whether its disposition is SIG_IGN, SIG_DFL or a
 * handler: what posix_spawn's attributes and exec kept. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	sigset_t cur;
	int i;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	for (i = 1; i < argc; i++) {
		int s = atoi(argv[i]);
		struct sigaction sa;
		sigaction(s, NULL, &sa);
		printf("sig %d %s %s\n", s,
		       sigismember(&cur, s) ? "blocked" : "unblocked",
		       sa.sa_handler == SIG_IGN   ? "ignored"
		       : sa.sa_handler == SIG_DFL ? "default"
						  : "handled");
	}
	return 0;
}
